"""Picking who a broadcast reaches: roles, school categories, schools, subjects and the
audiences other features offer. Every tap redraws the screen in place."""

from __future__ import annotations

from dataclasses import replace

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup

from handlers.broadcasts.callbacks import (
    BcCategoryCD,
    BcNav,
    BcNavCD,
    BcRoleCD,
    BcSchoolCD,
    BcSourceCD,
    BcSubjectCD,
)
from handlers.broadcasts.draft import load_draft, save_audience
from handlers.broadcasts.keyboards import (
    audience_keyboard,
    schools_keyboard,
    source_keyboard,
    subjects_keyboard,
)
from handlers.broadcasts.render import audience_summary
from handlers.broadcasts.states import IN_WIZARD, BroadcastForm
from handlers.messages import show
from services.broadcasts.types import BroadcastAudience
from services.container import Services
from services.context import Actor
from services.errors import InvalidInput
from services.i18n import Text


async def audience_screen(
    state: FSMContext, svc: Services, actor: Actor, t: Text
) -> tuple[str, InlineKeyboardMarkup]:
    audience = (await load_draft(state)).audience
    size = await svc.broadcasts.audience_size(actor, audience)
    names = {}
    for school_id in audience.school_ids:
        names[school_id] = (await svc.schools.get(school_id)).short_name
    text = t("broadcast-audience", summary=audience_summary(audience, t, names), count=size)
    return text, audience_keyboard(audience, await svc.broadcasts.sources(actor), t)


async def _redraw(
    query: CallbackQuery, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    await show(query, *await audience_screen(state, svc, actor, t))


async def _show_schools(
    query: CallbackQuery, state: FSMContext, svc: Services, actor: Actor, t: Text, page: int
) -> None:
    svc.broadcasts.check_access(actor)
    chosen = (await load_draft(state)).audience.school_ids
    found = await svc.schools.search(page=page)
    schools = [(school.id, school.short_name) for school in found.items]
    markup = schools_keyboard(schools, chosen, found.page, found.pages, t)
    await show(query, t("broadcast-pick-schools"), markup)


async def _show_subjects(
    query: CallbackQuery, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    svc.broadcasts.check_access(actor)
    chosen = (await load_draft(state)).audience.subjects
    await show(query, t("broadcast-pick-subjects"), subjects_keyboard(chosen, t))


async def toggle_role(
    query: CallbackQuery,
    callback_data: BcRoleCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    a = (await load_draft(state)).audience
    await save_audience(state, replace(a, roles=a.roles ^ {callback_data.role}))
    await _redraw(query, state, svc, actor, t)


async def toggle_category(
    query: CallbackQuery,
    callback_data: BcCategoryCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    a = (await load_draft(state)).audience
    await save_audience(state, replace(a, categories=a.categories ^ {callback_data.category}))
    await _redraw(query, state, svc, actor, t)


async def toggle_school(
    query: CallbackQuery,
    callback_data: BcSchoolCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    await svc.schools.get(callback_data.school_id)
    a = (await load_draft(state)).audience
    await save_audience(state, replace(a, school_ids=a.school_ids ^ {callback_data.school_id}))
    await _show_schools(query, state, svc, actor, t, callback_data.page)


async def toggle_subject(
    query: CallbackQuery,
    callback_data: BcSubjectCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    a = (await load_draft(state)).audience
    await save_audience(state, replace(a, subjects=a.subjects ^ {callback_data.subject}))
    await _show_subjects(query, state, svc, actor, t)


async def pick_source(
    query: CallbackQuery,
    callback_data: BcSourceCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    """Opens a source's list of objects (ident 0), or picks one object of it."""
    sources = await svc.broadcasts.sources(actor)
    if not 0 <= callback_data.source < len(sources):
        raise InvalidInput("error-stale-button")
    name, label_key = sources[callback_data.source]
    a = (await load_draft(state)).audience
    if callback_data.ident:
        a = replace(a, sources=a.sources ^ {(name, callback_data.ident)})
        await save_audience(state, a)
    options = await svc.broadcasts.source_options(actor, name)
    text = t(label_key) if options else t("broadcast-source-empty")
    await show(query, text, source_keyboard(callback_data.source, name, options, a, t))


async def back_to_audience(
    query: CallbackQuery, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    svc.broadcasts.check_access(actor)
    await state.set_state(BroadcastForm.bc_audience)
    await _redraw(query, state, svc, actor, t)


async def reset(
    query: CallbackQuery, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    svc.broadcasts.check_access(actor)
    await save_audience(state, BroadcastAudience())
    await _redraw(query, state, svc, actor, t)


async def schools(
    query: CallbackQuery,
    callback_data: BcNavCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    await _show_schools(query, state, svc, actor, t, callback_data.page)


async def subjects(
    query: CallbackQuery, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    await _show_subjects(query, state, svc, actor, t)


def create_router() -> Router:
    router = Router(name=__name__)
    picking = BroadcastForm.bc_audience
    router.callback_query.register(back_to_audience, BcNavCD.filter(F.to == BcNav.MAIN), IN_WIZARD)
    router.callback_query.register(reset, BcNavCD.filter(F.to == BcNav.RESET), IN_WIZARD)
    router.callback_query.register(schools, BcNavCD.filter(F.to == BcNav.SCHOOLS), IN_WIZARD)
    router.callback_query.register(subjects, BcNavCD.filter(F.to == BcNav.SUBJECTS), IN_WIZARD)
    router.callback_query.register(toggle_role, BcRoleCD.filter(), picking)
    router.callback_query.register(toggle_category, BcCategoryCD.filter(), picking)
    router.callback_query.register(toggle_school, BcSchoolCD.filter(), picking)
    router.callback_query.register(toggle_subject, BcSubjectCD.filter(), picking)
    router.callback_query.register(pick_source, BcSourceCD.filter(), picking)
    return router
