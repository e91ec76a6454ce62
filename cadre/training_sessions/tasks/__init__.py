"""Background work for sessions. Celery finds tasks through this package, so each module of
it is imported here."""

from cadre.training_sessions.tasks import completion as completion
from cadre.training_sessions.tasks import nominations as nominations
from cadre.training_sessions.tasks import notifications as notifications
from cadre.training_sessions.tasks import selection as selection
