"""Every model module is imported here so that `Base.metadata` is complete for Alembic."""

from db.models.broadcasts import Broadcast
from db.models.consultations import ConsultBooking, ConsultSlot, ConsultWaiter
from db.models.events import Event, Registration
from db.models.library import ChannelPost, Material
from db.models.mentoring import MentoringMeeting, MentoringStep, Mentorship
from db.models.outbox import DeliveryInstance, OutboxMessage
from db.models.schools import School
from db.models.surveys import Survey, SurveyAnswer, SurveyParticipation, SurveyResponse
from db.models.users import Consent, User, UserRole, UserSubject

__all__ = [
    "Broadcast",
    "ChannelPost",
    "Consent",
    "ConsultBooking",
    "ConsultSlot",
    "ConsultWaiter",
    "DeliveryInstance",
    "Event",
    "Material",
    "MentoringMeeting",
    "MentoringStep",
    "Mentorship",
    "OutboxMessage",
    "Registration",
    "School",
    "Survey",
    "SurveyAnswer",
    "SurveyParticipation",
    "SurveyResponse",
    "User",
    "UserRole",
    "UserSubject",
]
