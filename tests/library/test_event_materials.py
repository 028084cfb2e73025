"""Event materials: staff attach them from the event's card; after the event those who came get
them, those who did not only if staff choose; they stay on the card of the past event."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from db.models import Registration
from services.context import Actor
from services.enums import Role
from tests.library.support import document
from tests.support.events_support import (
    add_people,
    create_event,
    outbox,
    staff_actor,
)
from tests.support.events_support import draft as event_draft
from tests.support.harness import BotHarness, texts

CAME = [980_001, 980_002]
MISSED = 980_003


async def test_staff_attach_and_send_event_materials(
    harness: BotHarness, schools: list[int]
) -> None:
    staff = await staff_actor(harness)
    event_id = await create_event(
        harness, staff, event_draft(now=harness.clock.now, title="Семинар по ОГЭ")
    )
    ids = await add_people(harness, [*CAME, MISSED], school_id=schools[0])
    for telegram_id in ids:
        svc = await harness.services()
        try:
            actor = Actor(telegram_id, ids[telegram_id], "ru", frozenset({Role.TEACHER}))
            await svc.events.register(actor, event_id)
        finally:
            await svc.session.close()
    async with harness.database.session_factory() as session:
        await session.execute(
            update(Registration)
            .where(Registration.user_id.in_([ids[t] for t in CAME]))
            .values(attended_at=harness.clock.now + timedelta(days=3))
        )
        await session.commit()

    methodist = staff.telegram_id
    await harness.send(methodist, f"/start event_{event_id}")
    await harness.press(methodist, "Материалы мероприятия")
    assert "пока нет материалов" in harness.last_text(methodist)
    refused = await harness.press(methodist, "Отправить пришедшим")
    assert "ещё не закончилось" in " ".join(texts(refused))

    await harness.press(methodist, "Добавить материал")
    await harness.send(methodist, "Презентация семинара")
    await harness.send(methodist, "-")
    await harness.send(methodist, document=document(file_id="slides"))
    assert "добавлен в копилку" in harness.last_text(methodist)

    harness.clock.now += timedelta(days=5)
    await harness.send(methodist, f"/start event_{event_id}")
    await harness.press(methodist, "Материалы мероприятия")
    assert harness.find_button(methodist, "Презентация семинара")
    sent = texts(await harness.press(methodist, "Отправить пришедшим"))
    assert "участникам: 2" in " ".join(sent)
    again = texts(await harness.press(methodist, "Отправить пришедшим"))
    assert "Новых получателей нет" in " ".join(again)
    everyone = texts(await harness.press(methodist, "Отправить всем записавшимся"))
    assert "1 участнику" in " ".join(everyone)
    notices = await outbox(harness, "library_event_materials")
    assert sorted(n.user_id for n in notices if n.user_id) == sorted(ids.values())

    # An attendee finds them on the past event's card.
    await harness.send(CAME[0], f"/start event_{event_id}")
    await harness.press(CAME[0], "Материалы мероприятия")
    assert "Материалы мероприятия «Семинар по ОГЭ»" in harness.last_text(CAME[0])
    await harness.press(CAME[0], "Презентация семинара")
    assert "материалы мероприятия" in harness.last_text(CAME[0])
    # A teacher cannot add or send.
    refused = await harness.callback(CAME[0], f"lbe:send:{event_id}")
    assert any("прав" in text for text in texts(refused))
