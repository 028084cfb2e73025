"""The /broadcast wizard's screens redraw themselves in place: a second tap on the same
button asks Telegram for the screen already shown, which is no error."""

from __future__ import annotations

from aiogram.methods import EditMessageText, SendMessage

from tests.conftest import ADMIN_ID
from tests.support.harness import BotHarness, texts


async def test_a_double_tap_on_a_screen_that_edits_itself_is_no_error(
    harness: BotHarness, schools: list[int]
) -> None:
    # Like Telegram: the second edit changes nothing and is refused as "not modified".
    harness.api.refuse_identical_edits = True
    await harness.onboard_teacher(ADMIN_ID, name="Смирнова Ольга")
    await harness.send(ADMIN_ID, "/broadcast")
    await harness.send(ADMIN_ID, "Новость")
    subjects = harness.find_button(ADMIN_ID, "Предметы")
    first = await harness.callback(ADMIN_ID, subjects)
    second = await harness.callback(ADMIN_ID, subjects)
    for taps in (first, second):
        edits = [r for r in taps if isinstance(r, EditMessageText)]
        assert len(edits) == 1 and "предметы" in str(edits[0].text).lower()
        assert not [r for r in taps if isinstance(r, SendMessage)], texts(taps)
    # The wizard goes on from the screen shown.
    await harness.press(ADMIN_ID, "Назад")
    assert "Получателей" in harness.last_text(ADMIN_ID)


async def test_broadcasts_list_pages_through_every_broadcast(
    harness: BotHarness, schools: list[int]
) -> None:
    from db.models import Broadcast

    await harness.onboard_teacher(ADMIN_ID, name="Смирнова Ольга")
    async with harness.database.session_factory() as session:
        session.add_all(Broadcast(body=f"Новость {n}", state="done") for n in range(1, 13))
        await session.commit()
    await harness.send(ADMIN_ID, "/broadcasts")
    first = harness.last_text(ADMIN_ID)
    assert "Страница 1 из 2" in first and "№ 12" in first and "№ 3 " in first
    assert "№ 2 " not in first  # the eleventh and twelfth newest are on the next page
    await harness.press(ADMIN_ID, "Старее")
    second = harness.last_text(ADMIN_ID)
    assert "Страница 2 из 2" in second and "№ 2 " in second and "№ 1 " in second
    assert "№ 12" not in second
    await harness.press(ADMIN_ID, "Новее")
    assert "№ 12" in harness.last_text(ADMIN_ID)
