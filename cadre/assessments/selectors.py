"""Reads of evaluation results."""

from cadre.assessments.models import TestAttempt
from cadre.training_sessions.models import Session


def post_test_scores(session: Session) -> dict[int, int]:
    """Each participant's post-test score (per cent), by nomination id, in one query."""
    rows = TestAttempt.objects.filter(session=session, kind=TestAttempt.Kind.POST).values_list(
        "nomination_id", "score_percent"
    )
    return dict(rows)


def has_post_test(session: Session) -> bool:
    """Whether the session's course has a question bank with questions to test from."""
    from cadre.assessments.models import TestQuestion

    return TestQuestion.objects.filter(bank__course_id=session.course_id, is_active=True).exists()
