from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cadre.accounts.models import User
from cadre.accreditation import selectors
from cadre.accreditation.models import AccreditationCase, CaseReviewer, Finding, Outcome
from cadre.courses.models import Course
from cadre.directory.models import Institution
from cadre.lib import uploads
from cadre.standards.models import Criterion, SatStep

ANY = [("", _("Any"))]
LANGUAGE_CHOICES = [
    ("ar", _("Arabic")),
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
]


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Reference or course"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=ANY + AccreditationCase.Status.choices
    )
    step = forms.ChoiceField(label=_("Current step"), required=False, choices=ANY + SatStep.choices)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=ANY + AccreditationCase.Kind.choices)

    def filters(self) -> selectors.CaseFilters:
        if not self.is_valid():
            return selectors.CaseFilters()
        data = self.cleaned_data
        return selectors.CaseFilters(
            status=data["status"], step=data["step"], kind=data["kind"], query=data["q"].strip()
        )


class CourseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} ({obj.code})"


class OpenCaseForm(forms.Form):
    course = CourseChoiceField(label=_("Course"), queryset=Course.objects.none())

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = selectors.courses_to_open(user)  # type: ignore[attr-defined]


class ApplicationForm(forms.Form):
    institution = forms.ModelChoiceField(label=_("Institution"), queryset=Institution.objects.none())
    course = CourseChoiceField(
        label=_("Course in the catalogue"),
        queryset=Course.objects.none(),
        required=False,
        help_text=_("Leave empty when the course is not in the catalogue."),
    )
    course_title = forms.CharField(label=_("Course title"), max_length=200, required=False)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    target_audience = forms.CharField(
        label=_("Target audience"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    duration = forms.CharField(
        label=_("Duration"), max_length=100, required=False, help_text=_("For example: 5 days, 30 hours.")
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages the course is given in"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=150, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    justification = forms.CharField(
        label=_("Why the course should be accredited"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )

    def __init__(self, *args: Any, user: User, case: AccreditationCase | None = None, **kwargs: Any) -> None:
        if case is not None:
            kwargs.setdefault("initial", self.initial_for(case))
        super().__init__(*args, **kwargs)
        institutions = selectors.institutions_for_application(user)
        self.fields["institution"].queryset = institutions  # type: ignore[attr-defined]
        self.fields["course"].queryset = selectors.catalogue_courses_of(institutions)  # type: ignore[attr-defined]
        if case is not None:
            del self.fields["institution"]
            self.fields["course"].queryset = selectors.catalogue_courses_of(  # type: ignore[attr-defined]
                Institution.objects.filter(pk=case.institution_id or 0)
            )
        elif _single(institutions):
            self.fields["institution"].initial = institutions.first()
            self.fields["institution"].widget = forms.HiddenInput()

    @staticmethod
    def initial_for(case: AccreditationCase) -> dict[str, Any]:
        names = ("course", "course_title", "summary", "target_audience", "duration", "languages")
        initial = {name: getattr(case, name) for name in names}
        initial.update(
            contact_name=case.contact_name, contact_email=case.contact_email, justification=case.justification
        )
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("course") and not (data.get("course_title") or "").strip():
            self.add_error("course_title", _("Give the title of the course, or choose it in the catalogue."))
        return data

    def values(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name != "institution"}


def _single(queryset: QuerySet[Institution]) -> bool:
    return queryset.count() == 1


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = uploads.CheckedFileField(
        label=_("File"), allowed=(uploads.DOCUMENT, uploads.IMAGE, uploads.ARCHIVE)
    )


class FindingsForm(forms.Form):
    """The reviewer's rating and comment on each criterion of a step."""

    def __init__(
        self, *args: Any, criteria: list[Criterion], mine: dict[int, Finding], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        choices = [("", _("Not rated yet")), *Finding.Rating.choices]
        for criterion in criteria:
            finding = mine.get(criterion.pk)
            self.fields[f"rating_{criterion.pk}"] = forms.ChoiceField(
                label=_("Rating"), choices=choices, required=False, initial=finding.rating if finding else ""
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=finding.comment if finding else "",
            )

    def rows(self) -> list[tuple[Criterion, forms.BoundField, forms.BoundField]]:
        return [(c, self[f"rating_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def ratings(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {c.pk: (data[f"rating_{c.pk}"], data[f"comment_{c.pk}"]) for c in self.criteria}


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class ReturnStepForm(forms.Form):
    body = forms.CharField(
        label=_("What is missing"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )


class ReviewerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({obj.email})"


class ReviewerForm(forms.Form):
    reviewer = ReviewerChoiceField(label=_("Reviewer"), queryset=User.objects.none())
    kind = forms.ChoiceField(
        label=_("As"), choices=CaseReviewer.Kind.choices, initial=CaseReviewer.Kind.PANEL
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        help_text=_("For an external partner: the academy or institution they come from."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = selectors.eligible_reviewers()  # type: ignore[attr-defined]


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect)
    conditions = forms.CharField(
        label=_("Conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only when accrediting with conditions."),
    )
    conditions_deadline = forms.DateField(
        label=_("Conditions to be met by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when rejecting; the applicant will read it."),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Certificate code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "dir": "ltr"}),
    )
