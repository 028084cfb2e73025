"""End to end over real HTTP: the bot's polling loop against the fake Bot API server. A
stranger in some group types @bot, shares a material, and the deep link opens it in the bot,
file included."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from db.models import User, UserRole
from services.container import Services
from services.context import Actor
from services.enums import Role
from tests.conftest import make_settings
from tests.library.support import draft
from tests.support.fake_api_server import ChatUser, FakeBotAPI
from tests.support.faults_support import polling

STRANGER = 990_001
METHODIST = 990_002


async def test_inline_share_and_deep_link_over_http(
    database_url: str, fake_api: FakeBotAPI
) -> None:
    settings = make_settings(database_url, bot_api_base_url=fake_api.base_url)
    async with polling(settings) as app:
        async with app.database.session_factory() as session:
            svc = Services(session, app.dispatcher["policy"])
            user = User(telegram_id=METHODIST, locale="ru", full_name="Методист Мила")
            user.roles = [UserRole(role=Role.METHODIST.value, granted_at=datetime.now(UTC))]
            session.add(user)
            await session.commit()
            staff = Actor(METHODIST, user.id, "ru", frozenset({Role.METHODIST}))
            view = await svc.library.add(staff, draft("Кейсы по функциональной грамотности"))

        start = len(fake_api.requests)
        await fake_api.push(
            {
                "inline_query": {
                    "id": "iq1",
                    "from": {"id": STRANGER, "is_bot": False, "first_name": "Test"},
                    "query": "кейсы",
                    "offset": "",
                }
            }
        )
        answer = await fake_api.wait_for(lambda r: r.method == "answerInlineQuery", start=start)
        results = answer.params["results"]
        results = json.loads(results) if isinstance(results, str) else results
        assert [r["title"] for r in results] == ["Кейсы по функциональной грамотности"]
        url = results[0]["reply_markup"]["inline_keyboard"][0][0]["url"]
        assert url.endswith(f"?start=material_{view.id}")

        me = ChatUser(fake_api, STRANGER)
        await me.send(f"/start material_{view.id}", expect="Кейсы по функциональной")
        start = len(fake_api.requests)
        await me.press("Получить файл")
        sent = await fake_api.wait_for(lambda r: r.method == "sendDocument", start=start)
        assert sent.params["document"] == "doc-1"
