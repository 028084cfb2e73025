"""The subcommands behind `python -m bot`."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from bot.app import run_polling, run_webhook
from bot.config import Settings
from bot.demo import seed_demo_data
from bot.factory import Database, policy_from
from db import migrate
from services.container import Services
from services.context import Actor
from services.enums import Role
from services.errors import DomainError, InvalidInput
from services.i18n import default_translator
from services.reports.export import render_workbook
from services.reports.period import custom_period, parse_day

log = logging.getLogger(__name__)


def system_actor(settings: Settings) -> Actor:
    """Who the command line acts as: an administrator without a Telegram account."""
    return Actor(0, None, settings.default_locale, frozenset({Role.ADMIN}))


async def run(settings: Settings) -> None:
    if settings.bot_token is None:
        print(
            "Configuration error: BOT_TOKEN is required to run the bot (see .env.example)",
            file=sys.stderr,
        )
        raise SystemExit(2)
    if settings.webhook_url:
        await run_webhook(settings)
    else:
        await run_polling(settings)


async def _database(settings: Settings) -> Database:
    settings.ensure_sqlite_dir()
    database = Database.from_settings(settings)
    await migrate.upgrade(database.engine)
    return database


async def migrate_only(settings: Settings) -> None:
    database = await _database(settings)
    await database.engine.dispose()
    print("Database is up to date.")


async def import_schools(settings: Settings, path: Path) -> None:
    try:
        data = path.read_bytes()  # noqa: ASYNC240 (a one-off command; nothing else runs)
    except OSError:
        print(f"Cannot read {path}", file=sys.stderr)
        raise SystemExit(2) from None
    database = await _database(settings)
    t = default_translator().bind(settings.default_locale)
    try:
        async with database.session_factory() as session:
            services = Services(session, policy_from(settings))
            report = await services.schools.import_csv(system_actor(settings), data)
    except DomainError as error:
        print(t(error.key, **error.args_for_text), file=sys.stderr)
        raise SystemExit(1) from None
    finally:
        await database.engine.dispose()
    print(
        t(
            "schools-import-done",
            added=report.added,
            updated=report.updated,
            errors=len(report.errors),
        )
    )
    for line_no, key, args in report.errors:
        print(t("schools-import-error-line", line=line_no, problem=t(key, **args)))
    if report.errors:
        raise SystemExit(1)


async def seed_demo(settings: Settings) -> None:
    database = await _database(settings)
    try:
        async with database.session_factory() as session:
            summary = await seed_demo_data(Services(session, policy_from(settings)))
    finally:
        await database.engine.dispose()
    print(summary)


async def report(settings: Settings, first: str, last: str, out: Path) -> None:
    """The report of /export for a period, written to a file, acting as an administrator."""
    t = default_translator().bind(settings.default_locale)
    try:
        period = custom_period(parse_day(first), parse_day(last))
    except InvalidInput as exc:
        print(t("reports-cli-bad-dates", problem=t(exc.key, **exc.args_for_text)), file=sys.stderr)
        raise SystemExit(2) from None
    database = await _database(settings)
    policy = policy_from(settings)
    try:
        async with database.session_factory() as session:
            data = await Services(session, policy).reports.report_data(
                system_actor(settings), period
            )
    finally:
        await database.engine.dispose()
    payload = await render_workbook(data, t, policy.timezone)
    try:
        out.write_bytes(payload)  # noqa: ASYNC240 (a one-off command; nothing else runs)
    except OSError:
        print(f"Cannot write {out}", file=sys.stderr)
        raise SystemExit(2) from None
    print(
        t(
            "reports-cli-done",
            path=str(out),
            events=len(data.events),
            people=len(data.participants),
        )
    )
