"""Evaluation after Kirkpatrick, for training sessions.

Level 1 (reaction) and level 3 (behaviour) are questionnaires: standard ones shipped as reference
data in the four languages, answered by participants, instructors and supervisors. Level 2
(learning) is a pre-test and a post-test drawn from the course's question bank; the gain is the
post-test score less the pre-test score."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cadre.courses.models import Course
from cadre.training_sessions.models import Nomination, Session


class Questionnaire(models.Model):
    class Level(models.TextChoices):
        REACTION = "l1", _("Level 1: reaction")
        BEHAVIOUR = "l3", _("Level 3: behaviour")

    class Audience(models.TextChoices):
        PARTICIPANT = "participant", _("Participants")
        INSTRUCTOR = "instructor", _("Instructors")
        SUPERVISOR = "supervisor", _("Supervisors")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    level = models.CharField(_("level"), max_length=2, choices=Level.choices)
    audience = models.CharField(_("answered by"), max_length=12, choices=Audience.choices)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)

    objects: models.Manager["Questionnaire"] = models.Manager()

    class Meta:
        ordering = ["level", "audience"]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        constraints = [
            models.UniqueConstraint(fields=["level", "audience"], name="questionnaire_one_per_audience")
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        RATING = "rating", _("Rating from 1 to 5")
        TEXT = "text", _("Free comment")
        INSTRUCTOR_RATING = "instructor_rating", _("Rating of each instructor from 1 to 5")

    class Dimension(models.TextChoices):
        CONTENT = "content", _("Content")
        INSTRUCTORS = "instructors", _("Instructors")
        ORGANISATION = "organisation", pgettext_lazy("evaluation", "Organisation")
        OVERALL = "overall", _("Overall")
        PARTICIPANTS = "participants", _("Participants")
        APPLICATION = "application", _("Use at work")
        COMMENTS = "comments", _("Comments")

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="questions"
    )
    key = models.SlugField(_("key"), max_length=40)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    dimension = models.CharField(_("dimension"), max_length=14, choices=Dimension.choices)
    text = models.CharField(_("question"), max_length=300)
    required = models.BooleanField(_("required"), default=True)

    objects: models.Manager["Question"] = models.Manager()

    class Meta:
        ordering = ["questionnaire", "position"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [models.UniqueConstraint(fields=["questionnaire", "key"], name="question_unique_key")]

    def __str__(self) -> str:
        return self.text


class EvaluationResponse(models.Model):
    """One person's answers to one questionnaire about one session. `answers` maps a question's
    key to a rating (1 to 5) or a comment; instructor ratings are keyed `instructor-<assignment id>`."""

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.PROTECT, related_name="responses"
    )
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="evaluation_responses"
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("respondent"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evaluation_responses",
    )
    # For a supervisor's answer (no account needed): whom it is about.
    about = models.ForeignKey(
        Nomination,
        verbose_name=_("about the participant"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evaluation_responses",
    )
    answers = models.JSONField(_("answers"), default=dict)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("evaluation response")
        verbose_name_plural = _("evaluation responses")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "session", "respondent"],
                condition=models.Q(respondent__isnull=False),
                name="evaluation_once_per_respondent",
            ),
            models.UniqueConstraint(
                fields=["questionnaire", "about"],
                condition=models.Q(about__isnull=False),
                name="evaluation_once_per_participant",
            ),
        ]
        indexes = [models.Index(fields=["session", "questionnaire"], name="evaluation_session")]

    def __str__(self) -> str:
        return f"{self.questionnaire_id} {self.session_id} {self.submitted_at:%Y-%m-%d}"


class QuestionBank(models.Model):
    """The course's questions for its pre- and post-tests (level 2)."""

    course = models.OneToOneField(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="question_bank"
    )
    questions_per_test = models.PositiveSmallIntegerField(
        _("questions per test"),
        default=10,
        help_text=_("Each test uses this many of the bank's active questions."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("question bank")
        verbose_name_plural = _("question banks")

    def __str__(self) -> str:
        return str(self.course)


class TestQuestion(models.Model):
    bank = models.ForeignKey(
        QuestionBank, verbose_name=_("question bank"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("question"))
    is_active = models.BooleanField(_("in use"), default=True)

    objects: models.Manager["TestQuestion"] = models.Manager()

    class Meta:
        ordering = ["bank", "position", "pk"]
        verbose_name = _("test question")
        verbose_name_plural = _("test questions")

    def __str__(self) -> str:
        return self.text[:80]


class TestChoice(models.Model):
    question = models.ForeignKey(
        TestQuestion, verbose_name=_("question"), on_delete=models.CASCADE, related_name="choices"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("answer"), max_length=300)
    is_correct = models.BooleanField(_("correct"), default=False)

    objects: models.Manager["TestChoice"] = models.Manager()

    class Meta:
        ordering = ["question", "position", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return self.text


class TestAttempt(models.Model):
    class Kind(models.TextChoices):
        PRE = "pre", _("Pre-test")
        POST = "post", _("Post-test")

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="test_attempts"
    )
    nomination = models.ForeignKey(
        Nomination, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="test_attempts"
    )
    kind = models.CharField(_("test"), max_length=4, choices=Kind.choices)
    # {question id: chosen answer id}
    answers = models.JSONField(_("answers"), default=dict)
    score_percent = models.PositiveSmallIntegerField(_("score (%)"), validators=[MaxValueValidator(100)])
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        ordering = ["session", "nomination", "kind"]
        verbose_name = _("test attempt")
        verbose_name_plural = _("test attempts")
        constraints = [
            models.UniqueConstraint(fields=["nomination", "kind"], name="test_attempt_once_per_kind")
        ]
        indexes = [models.Index(fields=["session", "kind"], name="test_attempt_session_kind")]

    def __str__(self) -> str:
        return f"{self.nomination_id} {self.kind} {self.score_percent}%"


class FollowUp(models.Model):
    """The level 3 follow-up of one participant: sent to them and to their supervisor (by e-mail,
    with a private link that needs no account) a configured time after the session."""

    nomination = models.OneToOneField(
        Nomination, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="follow_up"
    )
    due_on = models.DateField(_("due"), db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    supervisor_email = models.EmailField(_("supervisor's e-mail"), blank=True)
    supervisor_key = models.CharField(_("supervisor's link key"), max_length=48, unique=True)
    participant_answered_at = models.DateTimeField(_("participant answered"), null=True, blank=True)
    supervisor_answered_at = models.DateTimeField(_("supervisor answered"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("behaviour follow-up")
        verbose_name_plural = _("behaviour follow-ups")

    def __str__(self) -> str:
        return f"{self.nomination_id} {self.due_on}"
