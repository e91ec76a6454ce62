from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cadre.courses import selectors
from cadre.courses.models import LANGUAGE_CODES, TRANSLATED_FIELDS, Course
from cadre.directory.models import (
    CourseType,
    CrimeArea,
    DeliveryMode,
    GlobalProgramme,
    PolicingCapability,
    Region,
)

SORT_CHOICES = [("relevance", _("Relevance")), ("title", _("Title")), ("newest", _("Newest"))]


def language_choices() -> list[tuple[str, Any]]:
    names = dict(settings.LANGUAGES)
    return [(code, names[code]) for code in LANGUAGE_CODES]


def _term_field(model: Any, label: Any, empty: Any) -> Any:
    return forms.ModelChoiceField(
        label=label,
        queryset=model.objects.filter(is_active=True),
        to_field_name="code",
        required=False,
        empty_label=empty,
    )


class CatalogueSearchForm(forms.Form):
    q = forms.CharField(label=_("Search the catalogue"), required=False, max_length=200)
    programme = _term_field(GlobalProgramme, _("Global programme"), _("All programmes"))
    crime_area = _term_field(CrimeArea, _("Crime area"), _("All crime areas"))
    capability = _term_field(PolicingCapability, _("Policing capability"), _("All capabilities"))
    type = _term_field(CourseType, _("Course type"), _("All types"))
    mode = _term_field(DeliveryMode, _("Delivery mode"), _("All delivery modes"))
    language = forms.ChoiceField(label=_("Offered in"), required=False)
    region: "forms.ModelChoiceField[Region]" = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All regions"),
    )
    accredited = forms.BooleanField(label=_("Accredited courses only"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Any language")), *language_choices()]  # type: ignore[attr-defined]

    def filters(self) -> selectors.CourseFilters:
        data = self.cleaned_data if self.is_valid() else {}

        def code(name: str) -> str:
            value = data.get(name)
            return str(getattr(value, "code", value) or "")

        return selectors.CourseFilters(
            programme=code("programme"),
            crime_area=code("crime_area"),
            capability=code("capability"),
            course_type=code("type"),
            delivery_mode=code("mode"),
            language=code("language"),
            region=code("region"),
            accredited=bool(data.get("accredited")),
            sort=code("sort") or "relevance",
        )

    def query(self) -> str:
        return str(self.cleaned_data.get("q") or "").strip() if self.is_valid() else ""


class CourseForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Offered in"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The languages in which the course is actually delivered."),
    )

    class Meta:
        model = Course
        fields = [
            "code",
            *(f"{field}_{code}" for code in LANGUAGE_CODES for field in TRANSLATED_FIELDS),
            "duration_value",
            "duration_unit",
            "course_type",
            "delivery_mode",
            "programme",
            "crime_areas",
            "capabilities",
            "prerequisites",
            "institution",
            "is_public",
        ]
        widgets = {
            "crime_areas": forms.CheckboxSelectMultiple,
            "capabilities": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, may_set_public: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = language_choices()  # type: ignore[attr-defined]
        self.fields["code"].required = False
        self.fields["code"].help_text = _("Leave empty to make one from the title.")
        self.fields["duration_value"].min_value = 1  # type: ignore[attr-defined]
        self.fields["duration_value"].widget.attrs["min"] = 1
        self.fields["prerequisites"].queryset = selectors.prerequisite_choices(  # type: ignore[attr-defined]
            self.instance if self.instance.pk else None
        )
        self.fields["course_type"].queryset = CourseType.objects.filter(is_active=True)  # type: ignore[attr-defined]
        self.fields["delivery_mode"].queryset = DeliveryMode.objects.filter(is_active=True)  # type: ignore[attr-defined]
        if self.instance.pk:
            self.initial["languages"] = self.instance.languages
        if not may_set_public:
            del self.fields["is_public"]

    def clean_duration_value(self) -> int:
        value = self.cleaned_data["duration_value"]
        if value is None or value < 1:
            raise forms.ValidationError(_("Give a duration of at least 1."))
        return int(value)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any((data.get(f"title_{code}") or "").strip() for code in LANGUAGE_CODES):
            raise forms.ValidationError(_("Give the course a title in at least one language."))
        return data

    def language_groups(self) -> list[tuple[str, Any, list[Any]]]:
        """The translated fields, one group per language, for the form's tabs."""
        names = dict(language_choices())
        return [
            (code, names[code], [self[f"{field}_{code}"] for field in TRANSLATED_FIELDS])
            for code in LANGUAGE_CODES
        ]

    def other_fields(self) -> list[Any]:
        translated = {f"{field}_{code}" for code in LANGUAGE_CODES for field in TRANSLATED_FIELDS}
        return [bound for bound in self if bound.name not in translated]

    def values(self) -> dict[str, Any]:
        """The cleaned data in the shape the course services take."""
        data = dict(self.cleaned_data)
        chosen = set(data.pop("languages", []))
        for code in LANGUAGE_CODES:
            data[f"offered_in_{code}"] = code in chosen
        return data
