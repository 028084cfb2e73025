"""The broadcast being composed, kept in the conversation's data between taps."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext

from services.broadcasts.types import AttachmentType, BroadcastAudience, Draft


async def load_draft(state: FSMContext) -> Draft:
    data = await state.get_data()
    att = data.get("att_type")
    return Draft(
        body=data.get("body", ""),
        audience=BroadcastAudience.from_json(data.get("audience")),
        attachment_type=AttachmentType(att) if att else None,
        attachment_file_id=data.get("file_id"),
        to_channel=bool(data.get("channel")),
    )


async def save_audience(state: FSMContext, audience: BroadcastAudience) -> None:
    await state.update_data(audience=audience.to_json())
