"""Answering questionnaires (levels 1 and 3), and feeding the participants' ratings of each
instructor to the instructors' records."""

from collections import defaultdict
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.assessments import permissions, selectors
from cadre.assessments.models import EvaluationResponse, FollowUp, Questionnaire
from cadre.audit import services as audit
from cadre.instructors import services as instructor_services
from cadre.instructors.models import Assignment
from cadre.training_sessions.models import Nomination, Session

Level = Questionnaire.Level
Audience = Questionnaire.Audience
MAX_COMMENT = 4000
LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}
Answers = Mapping[str, Any]


def _rating(value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if number not in selectors.RATINGS:
        raise ValidationError(_("A rating is a whole number from 1 to 5."))
    return number


def _comment(value: Any) -> str:
    text = str(value or "").strip()
    if len(text) > MAX_COMMENT:
        raise ValidationError(_("A comment is at most %(count)d characters long.") % {"count": MAX_COMMENT})
    return text


def clean_answers(items: list[selectors.AnswerItem], answers: Answers) -> dict[str, int | str]:
    """The answers to keep: a rating from 1 to 5 or a comment for each item, every required
    item answered; anything else that was sent is left out."""
    cleaned: dict[str, int | str] = {}
    missing = []
    for item in items:
        value: int | str | None = (
            _rating(answers.get(item.key)) if item.is_rating else _comment(answers.get(item.key))
        )
        if value in (None, ""):
            if item.required:
                missing.append(item.label)
            continue
        cleaned[item.key] = value
    if missing:
        raise ValidationError(
            _("Please answer every required question: %(questions)s.") % {"questions": "; ".join(missing)}
        )
    return cleaned


def _language(language: str) -> str:
    code = (language or "en").split("-")[0]
    return code if code in LANGUAGE_CODES else "en"


def _save(response: EvaluationResponse) -> EvaluationResponse:
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError as error:
        raise ValidationError(_("This questionnaire has already been answered.")) from error
    return response


def _audit(response: EvaluationResponse, actor: User | None, about: Nomination | None) -> None:
    audit.record(
        actor=actor,
        action="assessments.evaluation_submitted",
        target=response,
        changes={"questionnaire": (None, response.questionnaire.code)},
        country=about.country if about is not None else None,
    )


def _authorise(questionnaire: Questionnaire, session: Session, respondent: User) -> Nomination | None:
    """Check the person may answer this questionnaire about this session; return the
    participant's place for a level 3 questionnaire."""
    if questionnaire.level == Level.REACTION:
        if permissions.reaction_audience(respondent, session) != questionnaire.audience:
            raise PermissionDenied
        state = permissions.reaction_state(respondent, session)
        if state == permissions.ANSWERED:
            raise ValidationError(_("This questionnaire has already been answered."))
        if state != permissions.ANSWER:
            raise ValidationError(_("This questionnaire is not open to you now."))
        return None
    if questionnaire.audience != Audience.PARTICIPANT:
        raise PermissionDenied
    follow_up = permissions.get_follow_up_for(respondent, session)
    if not permissions.can_answer_follow_up(respondent, follow_up):
        raise ValidationError(_("This questionnaire has already been answered."))
    return follow_up.nomination


@transaction.atomic
def submit_evaluation(
    *, questionnaire: Questionnaire, session: Session, respondent: User, answers: Answers, language: str
) -> EvaluationResponse:
    """Record a participant's or an instructor's answers about a session (level 1), or a
    participant's own follow-up (level 3). Each person answers once. A participant's ratings
    of the instructors update each instructor's record."""
    about = _authorise(questionnaire, session, respondent)
    cleaned = clean_answers(selectors.answer_items(questionnaire, session), answers)
    response = _save(
        EvaluationResponse(
            questionnaire=questionnaire,
            session=session,
            respondent=respondent,
            about=about,
            answers=cleaned,
            language=_language(language),
        )
    )
    if about is not None:
        FollowUp.objects.filter(nomination=about).update(participant_answered_at=timezone.now())
    _audit(response, respondent, about)
    if questionnaire.level == Level.REACTION and questionnaire.audience == Audience.PARTICIPANT:
        rated = [key for key in cleaned if key.startswith("instructor-")]
        if rated:
            refresh_instructor_ratings(session=session)
    return response


@transaction.atomic
def submit_supervisor_evaluation(
    *, follow_up: FollowUp, answers: Answers, language: str
) -> EvaluationResponse:
    """Record the supervisor's answers about a participant (level 3), once, through the private
    link they were sent."""
    follow_up = (
        FollowUp.objects.select_for_update(of=("self",))
        .select_related("nomination__session", "nomination__country")
        .get(pk=follow_up.pk)
    )
    if not permissions.can_answer_as_supervisor(follow_up):
        raise ValidationError(_("This questionnaire has already been answered."))
    questionnaire = selectors.questionnaire(Level.BEHAVIOUR, Audience.SUPERVISOR)
    if questionnaire is None:
        raise ValidationError(_("This questionnaire is not available."))
    nomination = follow_up.nomination
    cleaned = clean_answers(selectors.answer_items(questionnaire, None), answers)
    response = _save(
        EvaluationResponse(
            questionnaire=questionnaire,
            session=nomination.session,
            respondent=None,
            about=nomination,
            answers=cleaned,
            language=_language(language),
        )
    )
    follow_up.supervisor_answered_at = timezone.now()
    follow_up.save(update_fields=["supervisor_answered_at"])
    _audit(response, None, nomination)
    return response


def _average(values: list[int]) -> Decimal:
    return (Decimal(sum(values)) / Decimal(len(values))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def instructor_ratings(session: Session) -> dict[int, list[int]]:
    """Every participant's rating of each instructor of the session, by assignment id."""
    ratings: dict[int, list[int]] = defaultdict(list)
    rows = EvaluationResponse.objects.filter(
        session=session, questionnaire__level=Level.REACTION, questionnaire__audience=Audience.PARTICIPANT
    ).values_list("answers", flat=True)
    for answers in rows:
        for key, value in (answers or {}).items():
            suffix = key.removeprefix("instructor-")
            if suffix != key and suffix.isdigit() and isinstance(value, int):
                ratings[int(suffix)].append(value)
    return ratings


def refresh_instructor_ratings(*, session: Session) -> int:
    """Give each instructor of the session the participants' average rating and how many rated
    them, recomputed from every response (so running it again changes nothing)."""
    # Lock the session's assignments first: a participant answering at the same moment waits,
    # then counts this response too.
    assignments = list(
        Assignment.objects.select_for_update(of=("self",))
        .filter(session_link__session=session)
        .order_by("pk")
    )
    ratings = instructor_ratings(session)
    for assignment in assignments:
        values = ratings.get(assignment.pk)
        if not values:
            continue
        rating = _average(values)
        if assignment.rating != rating or assignment.rating_count != len(values):
            instructor_services.record_assignment_rating(
                assignment=assignment, rating=rating, responses=len(values)
            )
    return len(ratings)
