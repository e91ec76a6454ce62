"""Taking a session's pre-test or post-test: answered once, scored on the server."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cadre.assessments import permissions, selectors
from cadre.assessments.models import TestAttempt
from cadre.audit import services as audit
from cadre.training_sessions.models import Nomination

TestKind = TestAttempt.Kind


def _chosen(item: selectors.DrawnQuestion, answers: Mapping[str, Any]) -> int:
    value = str(answers.get(str(item.question.pk)) or "")
    ids = {choice.pk for choice in item.choices}
    chosen = int(value) if value.isdigit() else 0
    if chosen not in ids:
        raise ValidationError(_("Please answer every question."))
    return chosen


def score(items: list[selectors.DrawnQuestion], chosen: Mapping[int, int]) -> int:
    """The share of right answers, in whole per cent."""
    right = sum(
        1
        for item in items
        if any(c.is_correct and c.pk == chosen.get(item.question.pk) for c in item.choices)
    )
    return round(100 * right / len(items)) if items else 0


def _check(nomination: Nomination, kind: str) -> None:
    state = permissions.state_of_test(nomination.person, nomination.session, kind)
    if state == permissions.NOT_YOURS:
        raise PermissionDenied
    messages = {
        permissions.ANSWERED: _("You have already taken this test."),
        permissions.NO_TEST: _("This course has no test yet."),
        permissions.NOT_YET: _("This test is not open yet."),
        permissions.CLOSED: _("This test is closed."),
    }
    if state in messages:
        raise ValidationError(messages[state])


@transaction.atomic
def submit_test(*, nomination: Nomination, kind: str, answers: Mapping[str, Any]) -> TestAttempt:
    """Score the participant's answers (question id -> chosen answer id) to the session's pre-
    or post-test and keep them; every question must be answered, and each test is taken once."""
    if kind not in TestKind.values:
        raise ValidationError(_("There is no such test."))
    nomination = Nomination.objects.select_related("session__course", "person", "country").get(
        pk=nomination.pk
    )
    _check(nomination, kind)
    items = selectors.drawn_questions(nomination.session)
    if not items:
        raise ValidationError(_("This course has no test yet."))
    chosen = {item.question.pk: _chosen(item, answers) for item in items}
    attempt = TestAttempt(
        session=nomination.session,
        nomination=nomination,
        kind=kind,
        answers={str(question): choice for question, choice in chosen.items()},
        score_percent=score(items, chosen),
    )
    try:
        with transaction.atomic():
            attempt.save()
    except IntegrityError as error:
        raise ValidationError(_("You have already taken this test.")) from error
    audit.record(
        actor=nomination.person,
        action="assessments.test_taken",
        target=attempt,
        changes={"kind": (None, kind), "score_percent": (None, attempt.score_percent)},
        country=nomination.country,
    )
    return attempt
