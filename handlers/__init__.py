"""The feature routers in the order they must be consulted; tests assert this order.

Each feature module exposes `create_router()`, so every Dispatcher (one per process, one per
test) gets routers of its own. A feature whose outgoing messages (sent later by the delivery
engine) carry buttons also exposes `BUTTON_ACTIONS`: action name -> a function that turns the
stored parameters into that feature's typed callback data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from aiogram import Router
from aiogram.filters.callback_data import CallbackData

from handlers import common, errors, fallback, menu
from handlers.broadcasts import audience as broadcasts_audience
from handlers.broadcasts import compose as broadcasts_compose
from handlers.broadcasts import progress as broadcasts_progress
from handlers.broadcasts import sending as broadcasts_sending
from handlers.consultations import booking as consultations_booking
from handlers.consultations import my_bookings as consultations_my_bookings
from handlers.consultations import report as consultations_report
from handlers.consultations import slots as consultations_slots
from handlers.consultations import today as consultations_today
from handlers.events import catalog as events_catalog
from handlers.events import checkin as events_checkin
from handlers.events import drafts as events_drafts
from handlers.events import editing as events_editing
from handlers.events import participants as events_participants
from handlers.events import registration as events_registration
from handlers.events import wizard as events_wizard
from handlers.guards import RefuseOutOfRangeIds
from handlers.library import broadcast as library_broadcast
from handlers.library import browse as library_browse
from handlers.library import card as library_card
from handlers.library import event_materials as library_event_materials
from handlers.library import inline as library_inline
from handlers.library import review as library_review
from handlers.library import search as library_search
from handlers.library import submit as library_submit
from handlers.mentoring import arranging as mentoring_arranging
from handlers.mentoring import ending as mentoring_ending
from handlers.mentoring import group as mentoring_group
from handlers.mentoring import home as mentoring_home
from handlers.mentoring import meetings as mentoring_meetings
from handlers.mentoring import plan as mentoring_plan
from handlers.mentoring import reassign as mentoring_reassign
from handlers.menu import LeaveStepsOnMenuTap
from handlers.people import admin_roles as people_admin_roles
from handlers.people import admin_schools as people_admin_schools
from handlers.people import forget as people_forget
from handlers.people import language as people_language
from handlers.people import onboarding as people_onboarding
from handlers.people import profile as people_profile
from handlers.people import profile_steps as people_profile_steps
from handlers.people import resume as people_resume
from handlers.reports import dashboard as reports_dashboard
from handlers.reports import export as reports_export
from handlers.surveys import answering as surveys_answering
from handlers.surveys import catalog as surveys_catalog
from handlers.surveys import results as surveys_results
from handlers.surveys import upload as surveys_upload
from handlers.surveys import wizard as surveys_wizard
from handlers.when import LoadDateReader

ButtonAction = Callable[[Mapping[str, Any]], CallbackData]

FEATURES = (
    errors,  # error handlers only; they see errors from every router below
    common,  # /cancel and /help work in any state, so they are consulted first
    people_onboarding,
    people_profile_steps,  # onboarding's questions, also asked when editing the profile
    people_profile,
    people_language,
    people_forget,
    menu,
    people_admin_roles,
    people_admin_schools,
    # Events: commands before the free-text steps that could swallow them (see states.py).
    events_catalog,
    events_checkin,
    events_registration,
    events_participants,
    events_drafts,
    events_editing,
    events_wizard,
    reports_dashboard,
    reports_export,
    surveys_answering,
    surveys_catalog,  # /surveys before the editor's states: it ends an upload or a wizard
    surveys_results,
    surveys_upload,
    surveys_wizard,
    broadcasts_progress,  # /broadcasts before the wizard's states: it is never the text
    broadcasts_compose,
    broadcasts_audience,
    broadcasts_sending,
    consultations_booking,
    consultations_my_bookings,
    consultations_report,
    consultations_slots,
    consultations_today,
    mentoring_home,  # /mentoring before its typed steps: it ends any of them
    mentoring_arranging,
    mentoring_plan,
    mentoring_meetings,
    mentoring_ending,
    mentoring_group,
    mentoring_reassign,
    library_broadcast,
    library_browse,
    library_card,
    library_event_materials,
    library_inline,
    library_review,  # before the wizard: /review ends a submission in progress
    library_search,
    library_submit,
    people_resume,  # an unfinished profile after a restart: led back to its step
    fallback,  # the catch-all: always last
)


def steps_left_on_menu() -> set[str]:
    """The typed steps a main-menu tap leaves: each feature's `LEAVE_ON_MENU` state groups."""
    found: set[str] = set()
    for feature in FEATURES:
        for group in getattr(feature, "LEAVE_ON_MENU", ()):
            found.update(group.__all_states_names__)
    return found


def build_root_router() -> Router:
    root = Router(name="root")
    root.callback_query.outer_middleware(RefuseOutOfRangeIds())
    root.message.outer_middleware(LeaveStepsOnMenuTap(steps_left_on_menu()))
    root.message.outer_middleware(LoadDateReader())
    for feature in FEATURES:
        root.include_router(feature.create_router())
    return root


def button_actions() -> dict[str, ButtonAction]:
    actions: dict[str, ButtonAction] = {}
    for feature in FEATURES:
        for name, factory in getattr(feature, "BUTTON_ACTIONS", {}).items():
            if name in actions:
                raise ValueError(f"button action {name!r} defined twice")
            actions[name] = factory
    return actions
