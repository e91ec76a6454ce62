from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cadre.courses.models import Course
from cadre.directory.models import CrimeArea, PolicingCapability
from cadre.lib import uploads
from cadre.materials import selectors, services
from cadre.materials.models import LANGUAGE_CHOICES, Material, MaterialVersion, Review, ReviewFinding
from cadre.standards.models import Criterion

Kind = Material.Kind


def _term_field(model: Any, label: Any, empty: Any) -> Any:
    return forms.ModelChoiceField(
        label=label,
        queryset=model.objects.filter(is_active=True),
        to_field_name="code",
        required=False,
        empty_label=empty,
    )


class CourseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Course) -> str:
        return f"{obj.title} ({obj.code})" if obj.title else obj.code


class RepositoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by title"), required=False, max_length=200)
    course = CourseChoiceField(
        label=_("Course"),
        queryset=Course.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All courses"),
    )
    crime_area = _term_field(CrimeArea, _("Crime area"), _("All crime areas"))
    capability = _term_field(PolicingCapability, _("Policing capability"), _("All capabilities"))
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Any language")), *LANGUAGE_CHOICES]
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any kind")), *Kind.choices])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = selectors.repository_courses()  # type: ignore[attr-defined]

    def filters(self) -> selectors.RepositoryFilters:
        data = self.cleaned_data if self.is_valid() else {}

        def code(name: str) -> str:
            value = data.get(name)
            return str(getattr(value, "code", value) or "")

        return selectors.RepositoryFilters(
            query=code("q").strip(),
            course=code("course"),
            crime_area=code("crime_area"),
            capability=code("capability"),
            language=code("language"),
            kind=code("kind"),
        )


PENDING_CHOICES = [
    ("", _("Waiting or in review")),
    (MaterialVersion.Status.SUBMITTED, _("Waiting for a reviewer")),
    (MaterialVersion.Status.IN_REVIEW, _("In review")),
]


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by title or course code"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=PENDING_CHOICES)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any kind")), *Kind.choices])
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Any language")), *LANGUAGE_CHOICES]
    )

    def filters(self) -> selectors.QueueFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return selectors.QueueFilters(
            status=data.get("status") or "",
            kind=data.get("kind") or "",
            language=data.get("language") or "",
            query=(data.get("q") or "").strip(),
        )


def note_field() -> forms.CharField:
    return forms.CharField(
        label=_("Note to the reviewer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What changed, or what the reviewer should know."),
    )


def accepted_by_kind() -> str:
    """What each kind of material accepts, in the active language."""
    kinds = (Kind.DOCUMENT, Kind.VIDEO, Kind.PACKAGE, Kind.OTHER)
    labels = {Kind.DOCUMENT: _("Documents and slides")}
    return " ".join(
        f"{labels.get(kind, Kind(kind).label)}: "
        f"{uploads.describe_accepted(services.families_for(kind), services.max_bytes_for(kind))}"
        for kind in kinds
    )


class _FileChecks(forms.Form):
    """Checks the file against what the material's kind accepts (content, size, archives)."""

    file = forms.FileField(label=_("File"))
    note = note_field()

    def check_file(self, kind: str) -> None:
        upload = self.cleaned_data.get("file")
        if not upload or not kind:
            return
        try:
            upload.checked = services.check_file(upload, kind)
        except ValidationError as error:
            self.add_error("file", error)


class MaterialForm(_FileChecks):
    course = CourseChoiceField(label=_("Course"), queryset=Course.objects.none(), to_field_name="code")
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    crime_areas: "forms.ModelMultipleChoiceField[CrimeArea]" = forms.ModelMultipleChoiceField(
        label=_("Crime areas"),
        queryset=CrimeArea.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    capabilities: "forms.ModelMultipleChoiceField[PolicingCapability]" = forms.ModelMultipleChoiceField(
        label=_("Policing capabilities"),
        queryset=PolicingCapability.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    field_order = [
        "course",
        "title",
        "description",
        "kind",
        "language",
        "crime_areas",
        "capabilities",
        "file",
        "note",
    ]

    def __init__(self, *args: Any, courses: QuerySet[Course], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses  # type: ignore[attr-defined]
        self.fields["file"].help_text = accepted_by_kind()
        self.fields["file"].widget.attrs["accept"] = uploads.accept_attribute(uploads.FAMILIES)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.check_file(data.get("kind") or "")
        return data


class VersionForm(forms.Form):
    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"] = uploads.CheckedFileField(
            label=_("File"), allowed=services.families_for(kind), max_bytes=services.max_bytes_for(kind)
        )
        self.fields["note"] = note_field()


class CriterionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Criterion) -> str:
        return f"{obj.number} {obj.title}"


class CriteriaForm(forms.Form):
    criteria = CriterionChoiceField(
        label=_("Criteria of the Guide"),
        queryset=Criterion.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Those that apply to training material are chosen when a review starts."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["criteria"].queryset = selectors.criteria_choices()  # type: ignore[attr-defined]


DECISIONS = [
    (Review.Outcome.APPROVED, _("Approve: the version enters the repository")),
    (Review.Outcome.RETURNED, _("Return it to the submitter for changes")),
]
RATING_CHOICES = [("", _("Not rated yet")), *ReviewFinding.Rating.choices]


class DecisionForm(forms.Form):
    """A finding (rating and comment) per chosen criterion, then the outcome and comments."""

    outcome = forms.ChoiceField(
        label=_("Decision"), required=False, choices=DECISIONS, widget=forms.RadioSelect
    )
    comments = forms.CharField(
        label=_("Comments to the submitter"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required when you return the material: say what must change."),
    )

    def __init__(
        self, *args: Any, criteria: list[Criterion], findings: dict[int, ReviewFinding], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            found = findings.get(criterion.pk)
            self.fields[f"rating_{criterion.pk}"] = forms.ChoiceField(
                label=_("Rating"),
                required=False,
                choices=RATING_CHOICES,
                initial=found.rating if found else "",
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=found.comment if found else "",
            )

    def rows(self) -> list[tuple[Criterion, Any, Any]]:
        return [
            (criterion, self[f"rating_{criterion.pk}"], self[f"comment_{criterion.pk}"])
            for criterion in self.criteria
        ]

    def findings(self) -> dict[int, services.Finding]:
        data = self.cleaned_data
        return {
            criterion.pk: services.Finding(
                data.get(f"rating_{criterion.pk}") or "", data.get(f"comment_{criterion.pk}") or ""
            )
            for criterion in self.criteria
        }
