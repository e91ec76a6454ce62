from cadre.training_sessions.models.nominations import Attendance, Nomination, NominationEvent
from cadre.training_sessions.models.sessions import (
    CompletionRule,
    SeatQuota,
    Session,
    SessionDay,
    SessionEvent,
    SessionInstructor,
)

__all__ = [
    "Attendance",
    "CompletionRule",
    "Nomination",
    "NominationEvent",
    "SeatQuota",
    "Session",
    "SessionDay",
    "SessionEvent",
    "SessionInstructor",
]
