"""The one way every write locks a session: its row only (nullable relations are joined, so
PostgreSQL must be told which table to lock), with what permissions and messages read about it.
Whoever changes the session or who holds its seats takes this lock first, so two changes at once
wait for each other."""

from cadre.training_sessions.models import Session


def lock_session(session: Session | int) -> Session:
    """The session's row again, locked until the transaction ends. Call inside `transaction.atomic`."""
    pk = session if isinstance(session, int) else session.pk
    found: Session = (
        Session.objects.select_for_update(of=("self",))
        .select_related("course", "manager", "venue", "country", "region")
        .get(pk=pk)
    )
    return found
