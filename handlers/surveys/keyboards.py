"""The inline keyboards of surveys."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.event_card import EventCardAct, EventCardCD
from handlers.markup import Keyboard
from handlers.material_card import MaterialCardCD
from handlers.surveys.callbacks import (
    Do,
    Staff,
    StaffCD,
    SurveyCD,
    SurveyListCD,
    SurveyWizardAct,
    SurveyWizardCD,
)
from services.dates import local
from services.i18n import Text
from services.surveys.types import (
    EventOffer,
    MaterialOffer,
    OpenSurvey,
    QuestionType,
    QuestionView,
    SurveyCard,
    SurveyStatus,
)


def offers_keyboard(
    offers: tuple[EventOffer, ...],
    zone: ZoneInfo,
    materials: tuple[MaterialOffer, ...] = (),
) -> InlineKeyboardMarkup | None:
    if not offers and not materials:
        return None
    builder = Keyboard()
    for offer in offers:
        when = local(offer.starts_at, zone).strftime("%d.%m %H:%M")
        builder.button(
            text=f"📅 {when} · {offer.title}"[:64],
            callback_data=EventCardCD(act=EventCardAct.OPEN, event_id=offer.event_id),
        )
    for material in materials:
        builder.button(
            text=f"📚 {material.title}"[:64],
            callback_data=MaterialCardCD(material_id=material.material_id),
        )
    builder.adjust(1)
    return builder.as_markup()


def open_list_keyboard(surveys: list[OpenSurvey], t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for survey in surveys:
        label = (
            t("survey-list-continue", answered=survey.answered, total=survey.questions)
            if survey.answered
            else t("survey-list-start")
        )
        builder.row(
            InlineKeyboardButton(
                text=f"{label} · {survey.title}"[:64],
                callback_data=SurveyCD(act=Do.OPEN, survey_id=survey.survey_id).pack(),
            )
        )
    return builder.as_markup()


def _option_rows(view: QuestionView, t: Text, builder: Keyboard) -> None:
    def cd(act: Do, option: int = 0) -> str:
        return SurveyCD(act=act, survey_id=view.survey_id, index=view.index, option=option).pack()

    if view.type == QuestionType.SINGLE:
        for number, option in enumerate(view.options):
            mark = "● " if number in view.chosen else ""
            builder.row(
                InlineKeyboardButton(text=mark + option, callback_data=cd(Do.CHOOSE, number))
            )
    elif view.type == QuestionType.MULTI:
        for number, option in enumerate(view.options):
            mark = "☑️ " if number in view.chosen else "⬜ "
            builder.row(
                InlineKeyboardButton(text=mark + option, callback_data=cd(Do.TOGGLE, number))
            )
        builder.row(InlineKeyboardButton(text=t("survey-done"), callback_data=cd(Do.DONE)))
    elif view.type == QuestionType.SCALE:
        builder.row(
            *(
                InlineKeyboardButton(
                    text=f"[{value}]" if value in view.chosen else str(value),
                    callback_data=cd(Do.CHOOSE, value),
                )
                for value in range(1, 6)
            )
        )


def question_keyboard(view: QuestionView, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    _option_rows(view, t, builder)

    def cd(act: Do) -> str:
        return SurveyCD(act=act, survey_id=view.survey_id, index=view.index).pack()

    if view.optional:
        builder.row(InlineKeyboardButton(text=t("survey-skip"), callback_data=cd(Do.SKIP)))
    navigation = []
    if view.index > 0:
        navigation.append(InlineKeyboardButton(text=t("survey-back"), callback_data=cd(Do.BACK)))
    navigation.append(InlineKeyboardButton(text=t("survey-pause"), callback_data=cd(Do.PAUSE)))
    builder.row(*navigation)
    return builder.as_markup()


def staff_list_keyboard(
    cards: list[SurveyCard], t: Text, page: int = 0, pages: int = 1
) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for card in cards:
        builder.row(
            InlineKeyboardButton(
                text=card.title[:64],
                callback_data=StaffCD(act=Staff.CARD, survey_id=card.survey_id).pack(),
            )
        )
    paging = []
    if page > 0:
        paging.append(
            InlineKeyboardButton(
                text=t("survey-list-prev"), callback_data=SurveyListCD(page=page - 1).pack()
            )
        )
    if page + 1 < pages:
        paging.append(
            InlineKeyboardButton(
                text=t("survey-list-next"), callback_data=SurveyListCD(page=page + 1).pack()
            )
        )
    if paging:
        builder.row(*paging)
    builder.row(
        InlineKeyboardButton(
            text=t("survey-btn-upload"), callback_data=StaffCD(act=Staff.UPLOAD).pack()
        ),
        InlineKeyboardButton(
            text=t("survey-btn-wizard"), callback_data=StaffCD(act=Staff.WIZARD).pack()
        ),
    )
    return builder.as_markup()


def card_keyboard(card: SurveyCard, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    sid = card.survey_id
    if not card.launched:
        builder.button(
            text=t("survey-btn-launch"), callback_data=StaffCD(act=Staff.LAUNCH, survey_id=sid)
        )
    elif card.allow_repeat:
        builder.button(
            text=t("survey-btn-new-wave"), callback_data=StaffCD(act=Staff.LAUNCH, survey_id=sid)
        )
    if card.status == SurveyStatus.OPEN:
        builder.button(
            text=t("survey-btn-close"), callback_data=StaffCD(act=Staff.CLOSE, survey_id=sid)
        )
    else:
        builder.button(
            text=t("survey-btn-open"), callback_data=StaffCD(act=Staff.OPEN, survey_id=sid)
        )
    builder.button(
        text=t("survey-btn-report"), callback_data=StaffCD(act=Staff.REPORT, survey_id=sid)
    )
    builder.button(text=t("survey-btn-xlsx"), callback_data=StaffCD(act=Staff.XLSX, survey_id=sid))
    builder.adjust(1)
    return builder.as_markup()


def launch_confirm_keyboard(survey_id: int, t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(
        text=t("survey-btn-launch-sure"),
        callback_data=StaffCD(act=Staff.LAUNCH_SURE, survey_id=survey_id),
    )
    builder.button(
        text=t("survey-btn-cancel"), callback_data=StaffCD(act=Staff.CARD, survey_id=survey_id)
    )
    return builder.as_markup()


def question_type_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    for qtype in QuestionType:
        builder.button(
            text=t(f"survey-type-{qtype.value}"), callback_data=SurveyWizardCD(qtype=qtype)
        )
    builder.button(text=t("survey-back"), callback_data=SurveyWizardCD(act=SurveyWizardAct.BACK))
    builder.adjust(2, 2, 1)
    return builder.as_markup()


def wizard_next_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(
        text=t("survey-wizard-more"), callback_data=SurveyWizardCD(act=SurveyWizardAct.MORE)
    )
    builder.button(
        text=t("survey-wizard-save"), callback_data=SurveyWizardCD(act=SurveyWizardAct.SAVE)
    )
    builder.adjust(1)
    return builder.as_markup()


def wizard_back_keyboard(t: Text) -> InlineKeyboardMarkup:
    builder = Keyboard()
    builder.button(text=t("survey-back"), callback_data=SurveyWizardCD(act=SurveyWizardAct.BACK))
    return builder.as_markup()
