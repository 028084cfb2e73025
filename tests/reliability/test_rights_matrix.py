"""Every command and every button, pressed by every role and by a stranger: allowed or refused
as the tables below say, and whatever is refused shows nothing but the refusal. Any text the bot
sends is searched for other people's names, phone, comment and survey answer."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from aiogram.fsm.storage.base import StorageKey
from aiogram.methods import SendMessage

from handlers.commands_menu import EVERYONE_COMMANDS, ROLE_COMMANDS
from handlers.consultations.callbacks import CAct, ConsultCD
from handlers.event_card import EventCardAct, EventCardCD
from handlers.events.callbacks import RegAct, RegCD
from services.i18n import default_translator
from tests.conftest import ADMIN_ID
from tests.support.fakes import BOT_ID
from tests.support.harness import BotHarness
from tests.support.reliability_support import (
    COMMENT_A,
    COORDINATOR,
    GROUP_MATE,
    MEETING_NOTE_A,
    MENTOR,
    METHODIST,
    NAMES,
    PARENT_A,
    PARENT_B,
    PHONE_A,
    PSYCHOLOGIST,
    STRANGER,
    SURVEY_TEXT_A,
    TEACHER_A,
    TEACHER_B,
    Population,
    bot_errors,
    build_population,
    callback_catalogue,
    callback_classes,
    sent_texts,
)
from tests.support.reliability_support import STAFF as STAFF_PATH

# Who stands for each role. Commands are typed by the owners of the population's objects;
# buttons are pressed by people who own none of them (TEACHER_B, PARENT_B), so a button that
# names TEACHER_A's registration or PARENT_A's booking is someone else's.
COMMAND_ACTORS = {
    "teacher": TEACHER_A,
    "parent": PARENT_A,
    "psychologist": PSYCHOLOGIST,
    "coordinator": COORDINATOR,
    "methodist": METHODIST,
    "admin": ADMIN_ID,
    "staff": STAFF_PATH,  # the staff path at /start, no role granted yet
    "stranger": STRANGER,
}
# Staff last: their buttons cancel events and grant roles, which must not change what the
# others are tested against.
BUTTON_ACTORS = {
    "stranger": STRANGER,
    "staff": STAFF_PATH,
    "parent": PARENT_B,
    "teacher": TEACHER_B,
    "coordinator": COORDINATOR,
    "psychologist": PSYCHOLOGIST,
    "methodist": METHODIST,
    "admin": ADMIN_ID,
}

ALL = frozenset(COMMAND_ACTORS)
REGISTERED = ALL - {"stranger"}
BOOKERS = frozenset({"teacher", "parent"})
STAFF = frozenset({"methodist", "admin"})
REPORTERS = STAFF | {"coordinator"}
ADMIN = frozenset({"admin"})
PSY = frozenset({"psychologist"})
# Mentoring: teachers (mentors and mentees), methodists, coordinators, admins.
MENTORING = REPORTERS | {"teacher"}
NOBODY: frozenset[str] = frozenset()

# The SPEC's roles table, command by command (admins hold the methodist's rights; a
# psychologist's schedule and a coordinator's proposals are their own).
COMMANDS: dict[str, frozenset[str]] = {
    "start": ALL,
    "help": ALL,
    "language": ALL,
    "privacy": ALL,
    "cancel": ALL,
    "forget": ALL,  # a stranger is told nothing is kept
    "menu": REGISTERED,
    "events": ALL,  # the public catalogue; the list depends on the audience
    "profile": REGISTERED,
    "my": REGISTERED,
    "checkin": REGISTERED,
    "survey": REGISTERED,
    "consult": BOOKERS,
    "slots": PSY,
    "today": PSY,
    "propose_event": frozenset({"coordinator"}),
    "participants": REPORTERS,
    "stats": REPORTERS,
    "export": REPORTERS,
    "new_event": STAFF,
    "event_drafts": STAFF,
    "surveys": STAFF,
    "broadcast": STAFF,
    "broadcasts": STAFF,
    "consult_report": STAFF,
    "mentoring": MENTORING,
    "roles": ADMIN,
    "grant": ADMIN,
    "schools": ADMIN,
    "schools_template": ADMIN,
    "library": ALL,  # the public catalogue of materials
    "share": REGISTERED,
    "review": STAFF,
}

# Buttons by prefix, or by "prefix:action" where the action decides. Wizard and onboarding
# buttons carry no rights of their own: outside their conversation they are stale for all.
BUTTONS: dict[str, frozenset[str]] = {
    "lang": ALL,
    "role": ALL,
    "staffpath": ALL,
    "consent": ALL,
    "sch": ALL,
    "subj": ALL,
    "exp": ALL,
    "pos": ALL,
    "grade": ALL,
    "forget": ALL,
    "menu": ALL,
    "evf": ALL,  # the filter's choices, the same for everyone
    "evl": ALL,  # the public catalogue
    "ev:o": ALL,
    "ev:i": REGISTERED,
    "pedit": REGISTERED,
    "ev:r": REGISTERED,
    "ev:c": REGISTERED,
    "ev:C": REGISTERED,  # the second tap of a cancellation: "you are not registered" for most
    "ev:z": NOBODY,  # nobody here attended
    "evr": NOBODY,  # TEACHER_A's registration: only she may answer for it
    "evr:k": REGISTERED,  # "no comment" stores nothing
    "sv": frozenset({"teacher"}),
    "sv:p": ALL,  # "continue later" stores nothing
    "cns": BOOKERS,
    "cns:mine": REGISTERED,
    "cns:booking": PSY | ADMIN,  # PARENT_A's booking: her psychologist and admins
    "cns:cancel": NOBODY,  # the booker's own; the psychologist cancels from /today
    "cns:cancel_yes": NOBODY,  # the booker's own cancel; the psychologist has theirs
    "cns:resched": NOBODY,
    "cnf": BOOKERS,
    "psl": PSY,
    "pwz": PSY,
    "pday": PSY,
    "pcn": PSY,  # the psychologist cancels a booking of their own day
    "ev": STAFF,  # managing an event; the actions anyone may take are listed above
    "ev:p": REPORTERS,
    "evs": REPORTERS,  # /participants' pages and tabs
    "evd": STAFF,  # /event_drafts' pages
    "ev:x": REPORTERS,
    "ev:v": REPORTERS,
    "rep": REPORTERS,
    "ev:k": STAFF,
    "ev:a": STAFF,
    "ev:d": STAFF,
    "ev:D": STAFF,
    "ev:P": STAFF,
    "ev:N": STAFF,
    "ev:e": STAFF,
    "eve": STAFF,
    "evm": STAFF,
    "evw": STAFF,
    # A typed time shown back: it answers only inside the wizard that asked; stale elsewhere.
    "when": NOBODY,
    "svs": STAFF,
    "svl": STAFF,
    "svw": STAFF,
    "cnr": STAFF,
    "bcn": STAFF,
    "bcr": STAFF,
    "bcc": STAFF,
    "bcs": STAFF,
    "bcj": STAFF,
    "bco": STAFF,
    "bcx": STAFF,
    "bcl": STAFF,
    "grant": ADMIN,
    "coord": ADMIN,
    "sadm": ADMIN,
    "person": ADMIN,
    # TEACHER_A's mentorship, in MENTOR's group: the pair's own buttons are theirs alone
    # (neither presses here); methodists, admins and the coordinator of her school see it
    # (not the meeting notes).
    "mnt": NOBODY,
    "mnt:home": MENTORING,
    "mnt:ask": MENTORING,  # anyone of mentoring may ask; who may not is told why
    "mnt:ask_yes": MENTORING,
    "mnt:open": REPORTERS,
    "mnt:plan": REPORTERS,
    "mnt:find": REPORTERS,
    "mnt:pairs": REPORTERS,
    "mnt:mentee": REPORTERS,  # the coordinator: TEACHER_A is of her school
    # MENTOR is of another school: the coordinator picks mentors from the whole network.
    "mnt:propose": REPORTERS,
    "mnt:finish": STAFF,
    "mnt:end_early": STAFF,
    # Another mentor for TEACHER_A's pair: her methodist, admins, her school's coordinator.
    "mnt:reassign": REPORTERS,
    "mnt:hand_over": REPORTERS,
    "mnt:replace": REPORTERS,
    # The group (its id is TEACHER_A's mentorship's): its mentor, methodists and admins; the
    # coordinator is refused (the group has a member of another school).
    "mnt:group": STAFF,
    "mnt:group_add": STAFF,
    "mnt:group_pick": STAFF,
    # The library: browsing and reading are public; sharing needs a profile; reviewing,
    # sending out and event materials are staff's.
    "lbn": ALL,
    "lbn:submit": REGISTERED,
    "lbn:mine": REGISTERED,
    "lbn:queue": STAFF,
    "lbl": ALL,
    "lbt": ALL,  # wizard steps: stale outside the wizard
    "lbk": ALL,
    "lbc": ALL,
    "lbc:approve": STAFF,
    "lbc:decline": STAFF,
    "lbc:change": STAFF,
    "lbc:broadcast": STAFF,
    "lbc:revise": REGISTERED,
    "lbe": STAFF,
    "mtc": ALL,
    "mte": ALL,
    "evy": REGISTERED,  # a page of one's own past events in /my
}

# What a refusal may say: no right, not onboarded, not yours (indistinguishable from absent),
# not for your audience, a button that is outdated for you.
REFUSAL_KEYS = (
    "error-access-denied",
    "error-needs-onboarding",
    "start-needs-onboarding",
    "error-not-found",
    "error-event-not-found",
    "error-event-not-for-you",
    "error-event-attendees-only",
    "error-survey-not-for-you",
    "error-survey-not-open",
    "consult-error-not-booker",
    "consult-form-expired",
    "error-stale-button",
    "error-report-period-bad",
    "library-error-not-found",
)
REFUSALS = {
    default_translator().get(locale, key) for key in REFUSAL_KEYS for locale in ("ru", "en")
}
DENIED = {default_translator().get(locale, "error-access-denied") for locale in ("ru", "en")}

# Who may ever read each secret of the population.
ENTITLED: dict[str, frozenset[int]] = {
    NAMES[TEACHER_A]: frozenset({TEACHER_A, COORDINATOR, METHODIST, ADMIN_ID}),
    # A coordinator picking a mentor sees the network's teachers as candidates (name,
    # school, subjects, experience, load and reasons; nothing else of them).
    NAMES[TEACHER_B]: frozenset({TEACHER_B, COORDINATOR, METHODIST, ADMIN_ID}),
    NAMES[GROUP_MATE]: frozenset({GROUP_MATE, MENTOR, COORDINATOR, METHODIST, ADMIN_ID}),
    NAMES[PARENT_A]: frozenset({PARENT_A, PSYCHOLOGIST, METHODIST, ADMIN_ID}),
    NAMES[PARENT_B]: frozenset({PARENT_B, ADMIN_ID}),
    NAMES[STAFF_PATH]: frozenset({STAFF_PATH, ADMIN_ID}),
    PHONE_A: frozenset({PARENT_A, PSYCHOLOGIST, ADMIN_ID}),
    COMMENT_A: frozenset({PARENT_A, PSYCHOLOGIST, ADMIN_ID}),
    SURVEY_TEXT_A: frozenset({TEACHER_A, METHODIST, ADMIN_ID}),
    # A group meeting's note: the group's members and mentor, the responsible methodist and
    # admins; not the coordinator, not other teachers.
    MEETING_NOTE_A: frozenset({TEACHER_A, GROUP_MATE, MENTOR, METHODIST, ADMIN_ID}),
}


# Reported to the lead (consultations code is being changed by its owner): after the
# psychologist cancelled PARENT_A's booking, an admin pressing its "reschedule" button is told
# "less than 3 h left" instead of being refused. It names nobody. Strict: once fixed, the
# entry must go.
KNOWN_WRONG_ANSWERS: set[tuple[str, str]] = set()


def leaks(sent: list[str], viewer: int) -> list[str]:
    text = "\n".join(sent)
    return [secret for secret, who in ENTITLED.items() if viewer not in who and secret in text]


def button_key(data: str) -> str:
    prefix, _, rest = data.partition(":")
    key = f"{prefix}:{rest.split(':', 1)[0]}"
    return key if key in BUTTONS else prefix


def button_rule(data: str) -> frozenset[str]:
    return BUTTONS[button_key(data)]


async def _reset(harness: BotHarness, telegram_id: int) -> None:
    key = StorageKey(bot_id=BOT_ID, chat_id=telegram_id, user_id=telegram_id)
    await harness.dp.storage.set_state(key, None)
    await harness.dp.storage.set_data(key, {})


@pytest.fixture
async def population(harness: BotHarness, schools: list[int]) -> Population:
    return await build_population(harness, schools)


def test_the_tables_cover_every_command_and_every_button() -> None:
    menus = set(EVERYONE_COMMANDS) | {c for names in ROLE_COMMANDS.values() for c in names}
    assert menus | {"forget", "schools_template"} == set(COMMANDS)
    assert set(callback_classes()) <= set(BUTTONS)


async def test_every_command_for_every_role(
    harness: BotHarness, population: Population, caplog: pytest.LogCaptureFixture
) -> None:
    failures = []
    with caplog.at_level(logging.WARNING):
        for command, allowed in COMMANDS.items():
            for role, telegram_id in COMMAND_ACTORS.items():
                sent = sent_texts(await harness.send(telegram_id, f"/{command}"))
                await _reset(harness, telegram_id)
                if not sent:
                    failures.append((command, role, "silence"))
                elif role in allowed and sent[0] in REFUSALS:
                    failures.append((command, role, f"refused: {sent[0]}"))
                elif role not in allowed and not set(sent) <= REFUSALS:
                    failures.append((command, role, f"not refused: {sent[0][:80]}"))
                if found := leaks(sent, telegram_id):
                    failures.append((command, role, f"leak: {found}"))
    assert failures == []
    assert bot_errors(caplog.records) == []


async def test_every_button_for_every_role(
    harness: BotHarness, population: Population, caplog: pytest.LogCaptureFixture
) -> None:
    catalogue = callback_catalogue(population)
    failures = []
    with caplog.at_level(logging.WARNING):
        for role, telegram_id in BUTTON_ACTORS.items():
            for data in catalogue:
                if data == "forget:1" and role != "stranger":
                    continue  # tested below: forgetting oneself is allowed and final
                allowed = button_rule(data)
                sent = sent_texts(await harness.callback(telegram_id, data))
                await _reset(harness, telegram_id)
                if not sent and role not in allowed:
                    failures.append((data, role, "refused in silence"))
                elif role in allowed and set(sent) & DENIED:
                    failures.append((data, role, "denied"))
                elif role not in allowed and not set(sent) <= REFUSALS:
                    failures.append((data, role, f"not refused: {sent[0][:80]}"))
                if found := leaks(sent, telegram_id):
                    failures.append((data, role, f"leak: {found}"))
    known = {f for f in failures if (button_key(f[0]), f[1]) in KNOWN_WRONG_ANSWERS}
    assert {(button_key(f[0]), f[1]) for f in known} == KNOWN_WRONG_ANSWERS
    assert sorted(set(failures) - known) == []
    assert bot_errors(caplog.records) == []


# --- someone else's data -------------------------------------------------------------------


async def test_a_parent_pressing_another_parents_booking_sees_nothing(
    harness: BotHarness, population: Population
) -> None:
    # SLOT with `rb` is "move booking rb to this slot": a forged rb is someone else's booking.
    for act in (CAct.BOOKING, CAct.CANCEL, CAct.CANCEL_YES, CAct.RESCHEDULE, CAct.SLOT):
        data = ConsultCD(
            act=act,
            booking=population.booking_a,
            rb=population.booking_a,
            slot=population.slots[1],
        ).pack()
        sent = sent_texts(await harness.callback(PARENT_B, data))
        assert sent and set(sent) <= REFUSALS, (act, sent)
    svc = await harness.services()
    try:
        view = await svc.consultations.booking(population.actor(PARENT_A), population.booking_a)
        assert view.status == "booked"  # nothing was cancelled on her behalf
    finally:
        await svc.session.close()


async def test_a_teacher_cannot_answer_for_another_teachers_registration(
    harness: BotHarness, population: Population
) -> None:
    for act in RegAct:
        data = RegCD(act=act, registration=population.registration_a, score=1).pack()
        sent = sent_texts(await harness.callback(TEACHER_B, data))
        assert NAMES[TEACHER_A] not in "\n".join(sent)
        if act != RegAct.SKIP_COMMENT:  # skipping a comment stores nothing for anyone
            assert sent and set(sent) <= REFUSALS, (act, sent)
    # Her seat is still hers, and B still waits.
    card = sent_texts(
        await harness.callback(
            TEACHER_A, EventCardCD(act=EventCardAct.OPEN, event_id=population.small_event).pack()
        )
    )
    assert any("Вы записаны" in text for text in card)


async def test_a_teacher_never_sees_another_teachers_survey_answers(
    harness: BotHarness, population: Population
) -> None:
    sent = []
    for command in ("/survey", "/surveys", "/stats", "/export", "/my", "/profile"):
        sent += sent_texts(await harness.send(TEACHER_B, command))
    for data in callback_catalogue(population):
        if data.startswith(("sv:", "svs:", "rep:")):
            sent += sent_texts(await harness.callback(TEACHER_B, data))
    assert SURVEY_TEXT_A not in "\n".join(sent)


async def test_a_coordinator_sees_only_their_own_school(
    harness: BotHarness, population: Population
) -> None:
    svc = await harness.services()
    try:
        # Teacher B (another school) takes a seat beside teacher A on the big event.
        await svc.events.register(population.actor(TEACHER_B), population.big_event)
    finally:
        await svc.session.close()
    sent = sent_texts(await harness.send(COORDINATOR, "/stats"))
    for event in (population.small_event, population.big_event):
        for act in (EventCardAct.PARTICIPANTS, EventCardAct.OPEN):
            sent += sent_texts(
                await harness.callback(COORDINATOR, EventCardCD(act=act, event_id=event).pack())
            )
    text = "\n".join(sent)
    assert NAMES[TEACHER_A] in text  # their own school's teacher is there
    assert NAMES[TEACHER_B] not in text
    # The report is scoped to the coordinator's school, whatever the button says.
    for data in callback_catalogue(population):
        if data.startswith("rep:"):
            reply = "\n".join(sent_texts(await harness.callback(COORDINATOR, data)))
            assert NAMES[TEACHER_B] not in reply


# --- the staff path and the role notices ------------------------------------------------------


async def test_a_role_notice_goes_to_the_person_only_and_names_nobody(
    harness: BotHarness, population: Population, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        await harness.send(ADMIN_ID, f"/grant {STAFF_PATH}")
        for button in ("▫️ методист", "✅ методист"):
            requests = await harness.press(ADMIN_ID, button)
            notices: list[Any] = [r for r in requests if isinstance(r, SendMessage)]
            assert [n.chat_id for n in notices] == [STAFF_PATH]
            # Nobody's name, not even the admin's or the person's own: what changed, and how
            # to use it.
            assert not leaks(sent_texts(notices), viewer=0)
            assert NAMES[STAFF_PATH] not in "\n".join(sent_texts(notices))
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert not any(name in logged for name in NAMES.values())
