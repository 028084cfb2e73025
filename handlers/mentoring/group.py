"""A group's screen (its mentor, methodists, admins): the mentees with their plans' progress,
the meetings logged once for all; a methodist adds a mentee to the group."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from handlers.mentoring.callbacks import MAct, MentorCD
from handlers.mentoring.home import need_user
from handlers.mentoring.keyboards import (
    group_candidates_keyboard,
    group_keyboard,
    open_keyboard,
)
from handlers.mentoring.render import candidates_text, group_text
from handlers.messages import show
from services.container import Services
from services.context import Actor
from services.enums import Role
from services.i18n import Text


async def show_group(
    event: Message | CallbackQuery, svc: Services, actor: Actor, t: Text, group_id: int
) -> None:
    view = await svc.mentoring.group(actor, group_id)
    arranger = actor.has(Role.METHODIST, Role.ADMIN)
    text = group_text(view, t, svc.policy.timezone, svc.clock())
    await show(event, text, group_keyboard(view, actor.user_id, t, arranger=arranger))


async def on_group(
    query: CallbackQuery, callback_data: MentorCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    await show_group(query, svc, actor, t, callback_data.pair)


async def on_group_add(
    query: CallbackQuery, callback_data: MentorCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    found = await svc.mentoring.group_candidates(actor, callback_data.pair)
    text = t("mentoring-group-add-title") + "\n" + candidates_text(found, t)
    await show(query, text, group_candidates_keyboard(callback_data.pair, found, t))


async def on_group_pick(
    query: CallbackQuery, callback_data: MentorCD, svc: Services, actor: Actor, t: Text
) -> None:
    need_user(actor)
    pair_id = await svc.mentoring.add_to_group(actor, callback_data.pair, callback_data.user)
    await show(query, t("mentoring-proposed-group"), open_keyboard(pair_id, t))


def create_router() -> Router:
    router = Router(name=__name__)
    cb = router.callback_query
    cb.register(on_group, MentorCD.filter(F.act == MAct.GROUP))
    cb.register(on_group_add, MentorCD.filter(F.act == MAct.GROUP_ADD))
    cb.register(on_group_pick, MentorCD.filter(F.act == MAct.GROUP_PICK))
    return router
