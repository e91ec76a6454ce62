"""The forms of the pathway pages: starting a candidacy, handing in and confirming a stage's
evidence, choosing the assessors, and an assessor's observation against the level's rubric."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cadre.accounts.models import User
from cadre.courses.models import Course
from cadre.directory.models import CrimeArea, PolicingCapability
from cadre.instructors import selectors
from cadre.instructors.forms import language_choices
from cadre.instructors.models import (
    Candidacy,
    Instructor,
    Level,
    Observation,
    ObservationScore,
    PathwayStage,
    Rubric,
    RubricCriterion,
)
from cadre.lib.uploads import DOCUMENT, IMAGE, CheckedFileField

SUBJECTS = ("crime_areas", "capabilities", "courses")


class PeopleField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        person: User = obj
        return person.display_name


def _assessors_field(instructor: Instructor) -> PeopleField:
    return PeopleField(
        label=_("Assessors"),
        queryset=selectors.assessors().exclude(pk=instructor.person_id),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The instructor assessors who confirm the stages and observe the candidate."),
    )


class StartCandidacyForm(forms.Form):
    """A candidacy: the level, the subjects and languages sought, and the assessors. The
    subjects and languages start from the instructor's profile."""

    level: "forms.ModelChoiceField[Level]" = forms.ModelChoiceField(
        label=_("Level"), queryset=Level.objects.none(), empty_label=None
    )
    crime_areas: "forms.ModelMultipleChoiceField[CrimeArea]" = forms.ModelMultipleChoiceField(
        label=_("Crime areas"),
        queryset=CrimeArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    capabilities: "forms.ModelMultipleChoiceField[PolicingCapability]" = forms.ModelMultipleChoiceField(
        label=_("Policing capabilities"),
        queryset=PolicingCapability.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    courses = forms.ModelMultipleChoiceField(
        label=_("Courses"),
        queryset=Course.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language the candidate will teach in.")},
    )
    assessors = PeopleField(queryset=User.objects.none())
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, instructor: Instructor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["level"].queryset = selectors.levels()
        fields["crime_areas"].queryset = CrimeArea.objects.filter(is_active=True)
        fields["capabilities"].queryset = PolicingCapability.objects.filter(is_active=True)
        fields["courses"].queryset = Course.objects.exclude(status=Course.Status.ARCHIVED).order_by("code")
        fields["languages"].choices = language_choices()
        fields["assessors"] = _assessors_field(instructor)
        for name in SUBJECTS:
            self.initial.setdefault(name, list(getattr(instructor, name).values_list("pk", flat=True)))
        self.initial.setdefault("languages", list(instructor.languages.values_list("language", flat=True)))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(name) for name in SUBJECTS) and not self.errors:
            raise forms.ValidationError(
                _("Choose at least one subject: a crime area, a policing capability or a course.")
            )
        return data

    def values(self) -> dict[str, Any]:
        """The subjects and languages, in the shape `services.start_candidacy` takes."""
        values: dict[str, Any] = {name: list(self.cleaned_data.get(name) or []) for name in SUBJECTS}
        values["languages"] = list(self.cleaned_data.get("languages") or [])
        return values


class AssessorsForm(forms.Form):
    assessors = PeopleField(queryset=User.objects.none())

    def __init__(self, *args: Any, candidacy: Candidacy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assessors"] = _assessors_field(candidacy.instructor)
        self.initial.setdefault("assessors", [person.pk for person in candidacy.assessors.all()])


class EvidenceForm(forms.Form):
    """A stage's evidence: a document or an image, checked by its content, and a note. Give a
    prefix naming the stage and the action, so that each form on the page has its own fields."""

    file = CheckedFileField(label=_("Evidence file"), allowed=[DOCUMENT, IMAGE], required=False)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, stage: PathwayStage, needs_something: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stage = stage
        self.needs_something = needs_something

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["note"] = str(data.get("note") or "").strip()
        if self.needs_something and not self.errors and not data.get("file") and not data["note"]:
            raise forms.ValidationError(_("Attach the evidence or describe it in a note."))
        return data


def _score_field(criterion: RubricCriterion) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=criterion.name,
        choices=ObservationScore.Score.choices,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=criterion.description,
        error_messages={
            "required": _("Score this criterion from 1 to 4."),
            "invalid_choice": _("Score this criterion from 1 to 4."),
        },
    )


class ObservationForm(forms.Form):
    """An observed delivery, scored from 1 to 4 with a comment on each of the rubric's criteria,
    with a recommendation and an overall comment."""

    observed_on = forms.DateField(label=_("Observed on"), widget=forms.DateInput(attrs={"type": "date"}))
    course: "forms.ModelChoiceField[Course]" = forms.ModelChoiceField(
        label=_("Course delivered"), queryset=Course.objects.none(), required=False
    )
    delivery = forms.CharField(
        label=_("Delivery"),
        required=False,
        max_length=200,
        help_text=_("What was delivered, where and to whom."),
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    recommendation = forms.ChoiceField(
        label=_("Recommendation"),
        choices=Observation.Recommendation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a recommendation: certify, not yet or not suitable.")},
    )
    comment = forms.CharField(
        label=_("Overall comment"), required=False, max_length=8000, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args: Any, candidacy: Candidacy, rubric: Rubric, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["course"].queryset = Course.objects.exclude(status=Course.Status.ARCHIVED).order_by("code")
        names = dict(language_choices())
        fields["language"].choices = [("", "—"), *((code, names[code]) for code in candidacy.languages)]
        self.initial.setdefault("observed_on", timezone.localdate())
        self.criteria_list = list(rubric.criteria.order_by("position", "code"))
        for criterion in self.criteria_list:
            fields[f"score_{criterion.pk}"] = _score_field(criterion)
            fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
            )

    def clean_observed_on(self) -> date:
        observed_on: date = self.cleaned_data["observed_on"]
        if observed_on > timezone.localdate():
            raise forms.ValidationError(
                _("An observation is recorded after the delivery: the date cannot be in the future.")
            )
        return observed_on

    def criteria(self) -> list[tuple[RubricCriterion, Any, Any]]:
        """Each criterion with its score's and its comment's bound fields, for the template."""
        return [
            (criterion, self[f"score_{criterion.pk}"], self[f"comment_{criterion.pk}"])
            for criterion in self.criteria_list
        ]

    def general_fields(self) -> list[Any]:
        return [self[name] for name in ("observed_on", "course", "delivery", "language")]

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            criterion.pk: (
                self.cleaned_data[f"score_{criterion.pk}"],
                str(self.cleaned_data.get(f"comment_{criterion.pk}") or ""),
            )
            for criterion in self.criteria_list
        }
