"""`python -m bot [run|migrate|import-schools FILE|seed-demo]`: reads settings and runs."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from pydantic import ValidationError

from bot.config import Settings
from bot.logs import configure_logging


def _settings() -> Settings:
    try:
        return Settings()  # type: ignore[call-arg]
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error['loc']).upper() or 'settings'}: {error['msg']}"
            for error in exc.errors()
        )
        print(f"Configuration error: {problems} (see .env.example)", file=sys.stderr)
        raise SystemExit(2) from None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Сетевой координатор")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="run the bot (default)")
    commands.add_parser("migrate", help="apply database migrations and exit")
    schools = commands.add_parser("import-schools", help="load the schools directory from CSV")
    schools.add_argument("file", type=Path)
    commands.add_parser("seed-demo", help="fill the database with a realistic demo data set")
    report = commands.add_parser("report", help="write the report for a period to an XLSX file")
    report.add_argument("--from", dest="first", required=True, help="first day, DD.MM.YYYY")
    report.add_argument("--to", dest="last", required=True, help="last day, DD.MM.YYYY")
    report.add_argument("--out", type=Path, required=True, help="the .xlsx file to write")
    args = parser.parse_args(argv)

    settings = _settings()
    command = args.command or "run"
    # Checked before logging starts, so that the one line is all the person sees.
    if command == "run" and settings.bot_token is None:
        print(
            "Configuration error: BOT_TOKEN is required to run the bot (see .env.example)",
            file=sys.stderr,
        )
        raise SystemExit(2)
    configure_logging(settings.log_level)
    from bot import cli

    if command == "run":
        asyncio.run(cli.run(settings))
    elif command == "migrate":
        asyncio.run(cli.migrate_only(settings))
    elif command == "import-schools":
        asyncio.run(cli.import_schools(settings, args.file))
    elif command == "seed-demo":
        asyncio.run(cli.seed_demo(settings))
    elif command == "report":
        asyncio.run(cli.report(settings, args.first, args.last, args.out))


if __name__ == "__main__":
    main()
