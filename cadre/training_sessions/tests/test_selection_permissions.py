"""Who may select, withdraw, remove, answer an invitation and get the letter of invitation."""

import pytest

from cadre.training_sessions import permissions
from cadre.training_sessions.models import Nomination, Session
from cadre.training_sessions.tests.test_selection_fixtures import managed_session, nomination

pytestmark = pytest.mark.django_db
Status = Nomination.Status
SessionStatus = Session.Status

# Personas of conftest.py; "nominee" is the official of the nomination (Kenyan).
MANAGERS = {"course_manager", "administrator"}
KENYAN_NCB = {"ncb_officer", "ncb_head"}
OTHERS = {"ncb_officer_elsewhere", "regional_officer", "learner", "nobody", "institution_admin"}
EVERYONE = MANAGERS | KENYAN_NCB | OTHERS | {"nominee"}


@pytest.fixture
def case(course_manager, kenya):
    def make(session_status: str = SessionStatus.OPEN, status: str = Status.ACCEPTED) -> Nomination:
        session = managed_session(course_manager, status=session_status)
        return nomination(session, kenya, status)

    return make


def who(request, persona: str, row: Nomination):
    return row.person if persona == "nominee" else request.getfixturevalue(persona)


@pytest.mark.parametrize("persona", sorted(EVERYONE))
@pytest.mark.parametrize(
    ("session_status", "open_to_selection"),
    [
        (SessionStatus.PLANNED, False),
        (SessionStatus.OPEN, True),
        (SessionStatus.SELECTION, True),
        (SessionStatus.CONFIRMED, True),
        (SessionStatus.RUNNING, True),
        (SessionStatus.COMPLETED, False),
        (SessionStatus.CANCELLED, False),
    ],
)
def test_can_select(request, case, persona, session_status, open_to_selection) -> None:
    row = case(session_status)
    expected = open_to_selection and persona in MANAGERS
    assert permissions.can_select(who(request, persona, row), row.session) is expected


@pytest.mark.parametrize("persona", sorted(EVERYONE))
@pytest.mark.parametrize(
    ("session_status", "status", "open_to_change"),
    [
        (SessionStatus.OPEN, Status.NOMINATED, True),
        (SessionStatus.SELECTION, Status.WAITLISTED, True),
        (SessionStatus.CONFIRMED, Status.ACCEPTED, True),
        (SessionStatus.RUNNING, Status.ACCEPTED, False),
        (SessionStatus.COMPLETED, Status.ACCEPTED, False),
        (SessionStatus.OPEN, Status.WITHDRAWN, False),
        (SessionStatus.OPEN, Status.REJECTED, False),
    ],
)
def test_can_withdraw_nomination(request, case, persona, session_status, status, open_to_change) -> None:
    row = case(session_status, status)
    expected = open_to_change and persona in MANAGERS | KENYAN_NCB
    assert permissions.can_withdraw_nomination(who(request, persona, row), row) is expected


@pytest.mark.parametrize("persona", sorted(EVERYONE))
@pytest.mark.parametrize(
    ("session_status", "status", "answerable"),
    [
        (SessionStatus.OPEN, Status.ACCEPTED, True),
        (SessionStatus.CONFIRMED, Status.ACCEPTED, True),
        (SessionStatus.RUNNING, Status.ACCEPTED, False),
        (SessionStatus.SELECTION, Status.WAITLISTED, False),
        (SessionStatus.SELECTION, Status.ENDORSED, False),
        (SessionStatus.CANCELLED, Status.ACCEPTED, False),
    ],
)
def test_can_answer_invitation(request, case, persona, session_status, status, answerable) -> None:
    row = case(session_status, status)
    expected = answerable and persona == "nominee"
    assert permissions.can_answer_invitation(who(request, persona, row), row) is expected


@pytest.mark.parametrize("persona", sorted(EVERYONE))
@pytest.mark.parametrize(
    ("session_status", "status", "removable"),
    [
        (SessionStatus.SELECTION, Status.ACCEPTED, True),
        (SessionStatus.CONFIRMED, Status.ACCEPTED, True),
        (SessionStatus.RUNNING, Status.ACCEPTED, False),
        (SessionStatus.SELECTION, Status.WAITLISTED, False),
    ],
)
def test_can_remove_participant(request, case, persona, session_status, status, removable) -> None:
    row = case(session_status, status)
    expected = removable and persona in MANAGERS
    assert permissions.can_remove_participant(who(request, persona, row), row) is expected


@pytest.mark.parametrize("persona", sorted(EVERYONE))
@pytest.mark.parametrize(
    ("session_status", "status", "issued"),
    [
        (SessionStatus.CONFIRMED, Status.ACCEPTED, True),
        (SessionStatus.RUNNING, Status.ACCEPTED, True),
        (SessionStatus.CANCELLED, Status.ACCEPTED, False),
        (SessionStatus.SELECTION, Status.WAITLISTED, False),
        (SessionStatus.SELECTION, Status.WITHDRAWN, False),
    ],
)
def test_can_get_invitation_letter(request, case, persona, session_status, status, issued) -> None:
    row = case(session_status, status)
    expected = issued and persona in MANAGERS | KENYAN_NCB | {"nominee"}
    assert permissions.can_get_invitation_letter(who(request, persona, row), row) is expected
