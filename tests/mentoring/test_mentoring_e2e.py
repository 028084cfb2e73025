"""One mentorship from a young teacher's request to her certificate over real HTTP: the bot's
own polling loop and delivery engine against the fake Bot API server."""

from __future__ import annotations

from db.enums import Role
from tests.conftest import make_settings
from tests.mentoring.support import add_person, add_school
from tests.support.fake_api_server import ChatUser, FakeBotAPI
from tests.support.faults_support import NO_QUIET_HOURS, polling
from tests.support.harness import Clock

METHODIST, MENTEE, MENTOR = 730_001, 730_101, 730_102


async def test_a_mentorship_from_request_to_certificate_over_http(
    database_url: str, fake_api: FakeBotAPI
) -> None:
    clock = Clock()
    settings = make_settings(
        database_url,
        bot_api_base_url=fake_api.base_url,
        delivery_tick_seconds=0.2,
        **NO_QUIET_HOURS,
    )
    async with polling(settings, clock) as app:
        db = app.database
        lyceum = await add_school(db, "Лицей № 1", leading=True)
        await add_person(db, METHODIST, role=Role.METHODIST, name="Методистова Мила")
        await add_person(db, MENTEE, experience="lt3", name="Молодая Мария")
        await add_person(db, MENTOR, school_id=lyceum, experience="20plus", name="Опытная Ольга")
        methodist = ChatUser(fake_api, METHODIST)
        mentee, mentor = ChatUser(fake_api, MENTEE), ChatUser(fake_api, MENTOR)

        await mentee.send("/mentoring", expect="попросить наставника")
        await mentee.press("Попросить наставника", expect="Отправить методистам запрос")
        await mentee.press("Да, отправить", expect="Запрос отправлен")
        await fake_api.wait_for(lambda r: r.chat_id == METHODIST and "просит наставника" in r.text)

        await methodist.send("/mentoring", expect="Подберите наставника")
        await methodist.press("Подобрать наставника", expect="Кому нужен наставник")
        await methodist.press("Молодая Мария", expect="Предлагаемые наставники")
        await methodist.press("1. Опытная Ольга", expect="Наставнику отправлено приглашение")

        await fake_api.wait_for(
            lambda r: r.chat_id == MENTOR and "предлагают стать наставником" in r.text
        )
        await mentor.press("Открыть", expect="ждём согласия")
        await mentor.press("Согласен", expect="Статус: идёт")

        await fake_api.wait_for(lambda r: r.chat_id == MENTEE and "началось" in r.text)
        await mentee.press("Открыть", expect="Следующий шаг")
        await mentee.press("План", expect="Индивидуальный план развития")
        await mentee.press("Выполнено: 1.", expect="☑️ 1.")

        await mentor.press("План", expect="Индивидуальный план развития")
        await mentor.press("✅ 1.", expect="подтверждено 1 из 5")

        await methodist.send("/mentoring", expect="Подберите наставника")
        await methodist.press("Пары", expect="Пары (1)")
        await methodist.press("Опытная Ольга", expect="Статус: идёт")
        await methodist.press("Завершить", expect="Статус: завершено")

        await fake_api.wait_for(
            lambda r: r.chat_id == MENTEE and "Наставничество завершено" in r.text
        )
        await mentee.press("Открыть", expect="Статус: завершено")
        paper = await mentee.press("Сертификат", expect="Документ о наставничестве")
        assert paper.method == "sendDocument"
        assert paper.files["document"].startswith(b"%PDF")
    assert fake_api.rejected == []
