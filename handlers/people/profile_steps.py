"""The profile questions, one at a time: asked during onboarding for what is missing, and one
by one when a person edits their profile."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from handlers import deep_links
from handlers.commands_menu import refresh_commands
from handlers.menu import main_menu
from handlers.messages import edit_markup, edit_text, tapped_message
from handlers.people.callbacks import ExperienceCD, GradeCD, PositionCD, SchoolPickCD, SubjectCD
from handlers.people.keyboards import (
    experience_keyboard,
    grade_keyboard,
    position_keyboard,
    school_keyboard,
    subjects_keyboard,
)
from handlers.people.render import send_profile
from handlers.people.states import ProfileForm
from services.container import Services
from services.context import Actor
from services.enums import SCHOOL_POSITIONS, STAFF_POSITIONS, Role, Subject
from services.i18n import Text
from services.people.profile import on_staff_path
from services.people.profile_steps import ProfileStep, next_missing_step


async def ask_step(
    message: Message,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
    step: ProfileStep,
) -> None:
    if step is ProfileStep.NAME:
        await state.set_state(ProfileForm.name)
        await message.answer(t("profile-ask-name"))
    elif step is ProfileStep.SCHOOL:
        await state.set_state(ProfileForm.school)
        page = await svc.schools.search()
        await message.answer(t("profile-ask-school"), reply_markup=school_keyboard(page, t))
    elif step is ProfileStep.SUBJECTS:
        await state.set_state(ProfileForm.subjects)
        view = await svc.users.profile(actor)
        chosen = {s.value for s in view.subjects}
        await state.update_data(subjects=sorted(chosen))
        await message.answer(t("profile-ask-subjects"), reply_markup=subjects_keyboard(chosen, t))
    elif step is ProfileStep.EXPERIENCE:
        await state.set_state(ProfileForm.experience)
        await message.answer(t("profile-ask-experience"), reply_markup=experience_keyboard(t))
    elif step is ProfileStep.POSITION:
        await state.set_state(ProfileForm.position)
        staff = on_staff_path(actor.roles)
        await message.answer(
            t("profile-ask-staff-position" if staff else "profile-ask-position"),
            reply_markup=position_keyboard(STAFF_POSITIONS if staff else SCHOOL_POSITIONS, t),
        )
    elif step is ProfileStep.GRADE:
        await state.set_state(ProfileForm.grade)
        await message.answer(t("profile-ask-grade"), reply_markup=grade_keyboard(t))


async def after_step(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    """Goes on to the next missing field, back to the profile when editing, or finishes."""
    data = await state.get_data()
    if data.get("editing"):
        await state.clear()
        await send_profile(message, svc, actor, t)
        return
    step = await next_missing_step(svc.users, actor)
    if step is None and Role.PARENT in actor.roles and not data.get("grade_asked"):
        # The child's grade is optional, so it is offered once during onboarding only.
        await state.update_data(grade_asked=True)
        step = ProfileStep.GRADE
    if step is not None:
        await ask_step(message, state, svc, actor, t, step)
        return
    payload = data.get("pending_payload")
    await state.clear()
    await refresh_commands(message.bot, actor, t)  # type: ignore[arg-type]
    await message.answer(t("onboarding-done"), reply_markup=main_menu(actor, t))
    if on_staff_path(actor.roles):
        await message.answer(staff_id_text(actor, t))
    if payload:
        await deep_links.open_payload(payload, message, state, svc, actor, t)


def staff_id_text(actor: Actor, t: Text) -> str:
    """The id as code (one tap copies it, no digit grouping) for the administrator, who grants
    the role with it; someone who already holds a role (ADMIN_IDS) is told which."""
    telegram_id = str(actor.telegram_id)
    if not actor.roles:
        return t("staff-send-id", telegram_id=telegram_id)
    roles = ", ".join(t(f"role-{r.value}") for r in sorted(actor.roles))
    return t("staff-id-with-roles", telegram_id=telegram_id, roles=roles)


async def _step_done(
    query: CallbackQuery, text: str, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    """Turns the tapped question into its answer, then asks the next one."""
    message = tapped_message(query)
    if message is not None:
        await edit_text(message, text)
        await after_step(message, state, svc, actor, t)


async def got_name(
    message: Message, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    await svc.users.set_name(actor, message.text)
    await after_step(message, state, svc, actor, t)


async def search_school(message: Message, svc: Services, t: Text) -> None:
    page = await svc.schools.search(message.text or "")
    if not page.items:
        await message.answer(t("profile-school-none"))
        return
    await message.answer(
        t("profile-school-found", count=page.total), reply_markup=school_keyboard(page, t)
    )


async def school_page(
    query: CallbackQuery, callback_data: SchoolPickCD, svc: Services, t: Text
) -> None:
    page = await svc.schools.search(page=callback_data.page)
    message = tapped_message(query)
    if message is not None:
        await edit_markup(message, school_keyboard(page, t))


async def school_chosen(
    query: CallbackQuery,
    callback_data: SchoolPickCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    await svc.users.set_school(actor, callback_data.school_id)
    school = await svc.schools.get(callback_data.school_id)
    await _step_done(query, t("profile-school-set", school=school.name), state, svc, actor, t)


async def toggle_subject(
    query: CallbackQuery, callback_data: SubjectCD, state: FSMContext, t: Text
) -> None:
    chosen = set((await state.get_data()).get("subjects", []))
    value = callback_data.subject.value  # type: ignore[union-attr]
    chosen.symmetric_difference_update({value})
    await state.update_data(subjects=sorted(chosen))
    message = tapped_message(query)
    if message is not None:
        await edit_markup(message, subjects_keyboard(chosen, t))


async def subjects_done(
    query: CallbackQuery, state: FSMContext, svc: Services, actor: Actor, t: Text
) -> None:
    chosen = [Subject(s) for s in (await state.get_data()).get("subjects", [])]
    if not chosen:
        await query.answer(t("error-subjects-empty"), show_alert=True)
        return
    await svc.users.set_subjects(actor, chosen)
    names = ", ".join(t(f"subject-{s.value}") for s in chosen)
    await _step_done(query, t("profile-subjects-set", subjects=names), state, svc, actor, t)


async def experience_chosen(
    query: CallbackQuery,
    callback_data: ExperienceCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    await svc.users.set_experience(actor, callback_data.value)
    text = t("profile-experience-set", value=t(f"experience-{callback_data.value.value}"))
    await _step_done(query, text, state, svc, actor, t)


async def position_chosen(
    query: CallbackQuery,
    callback_data: PositionCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    await svc.users.set_position(actor, callback_data.value)
    text = t("profile-position-set", value=t(f"position-{callback_data.value.value}"))
    await _step_done(query, text, state, svc, actor, t)


async def grade_chosen(
    query: CallbackQuery,
    callback_data: GradeCD,
    state: FSMContext,
    svc: Services,
    actor: Actor,
    t: Text,
) -> None:
    grade = callback_data.value or None
    await svc.users.set_child_grade(actor, grade)
    text = t("profile-grade-set", grade=grade) if grade else t("profile-grade-skipped")
    await _step_done(query, text, state, svc, actor, t)


def create_router() -> Router:
    router = Router(name=__name__)
    # A command typed at a text step is a command (/forget, /help), never a name or a search.
    router.message.register(got_name, ProfileForm.name, F.text, ~F.text.startswith("/"))
    router.message.register(search_school, ProfileForm.school, F.text, ~F.text.startswith("/"))
    router.callback_query.register(
        school_page, ProfileForm.school, SchoolPickCD.filter(F.school_id == 0)
    )
    router.callback_query.register(
        school_chosen, ProfileForm.school, SchoolPickCD.filter(F.school_id > 0)
    )
    router.callback_query.register(
        toggle_subject, ProfileForm.subjects, SubjectCD.filter(F.subject.is_not(None))
    )
    router.callback_query.register(
        subjects_done, ProfileForm.subjects, SubjectCD.filter(F.subject.is_(None))
    )
    router.callback_query.register(
        experience_chosen, ProfileForm.experience, ExperienceCD.filter()
    )
    router.callback_query.register(position_chosen, ProfileForm.position, PositionCD.filter())
    router.callback_query.register(grade_chosen, ProfileForm.grade, GradeCD.filter())
    return router
