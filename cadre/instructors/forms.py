from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cadre.accounts.models import User
from cadre.courses.models import LANGUAGE_CODES, Course
from cadre.directory.models import Country, CrimeArea, Institution, PolicingCapability, Region
from cadre.instructors import selectors
from cadre.instructors.models import AvailabilityPeriod, Candidacy, Instructor, InstructorLanguage, Level
from cadre.lib.uploads import IMAGE, CheckedFileField

PHOTO_MAX_BYTES = 5 * 1024 * 1024


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


def _code(value: Any) -> str:
    return str(getattr(value, "code", value) or "")


class InstructorFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    crime_area = _term_field(CrimeArea, _("Crime area"), _("All crime areas"))
    capability = _term_field(PolicingCapability, _("Policing capability"), _("All capabilities"))
    language = forms.ChoiceField(label=_("Teaches in"), required=False)
    level: "forms.ModelChoiceField[Level]" = forms.ModelChoiceField(
        label=_("Certified at level"),
        queryset=Level.objects.filter(is_active=True),
        to_field_name="code",
        required=False,
        empty_label=_("Any level"),
    )
    region: "forms.ModelChoiceField[Region]" = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All regions"),
    )
    kind = forms.ChoiceField(label=_("Internal or external"), required=False)
    certified = forms.ChoiceField(
        label=_("Certification"),
        required=False,
        choices=[
            ("", _("Everyone")),
            ("yes", _("Holds an active certification")),
            ("no", _("Holds no active certification")),
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Any language")), *language_choices()]  # type: ignore[attr-defined]
        self.fields["kind"].choices = [("", _("Everyone")), *Instructor.Kind.choices]  # type: ignore[attr-defined]

    def filters(self) -> selectors.InstructorFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return selectors.InstructorFilters(
            q=str(data.get("q") or "").strip(),
            **{
                name: _code(data.get(name))
                for name in ("crime_area", "capability", "language", "level", "region", "kind", "certified")
            },
        )


def _person_by_email(email: str) -> User:
    person = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if person is None:
        raise forms.ValidationError(_("No one in Cadre has this e-mail address."))
    return person


class ProfileForm(forms.ModelForm):
    """The profile, with one level field per official language and a photo checked by content.
    `managed` adds what only certification managers change: active or not, and the manager."""

    photo = CheckedFileField(label=_("Photo"), allowed=[IMAGE], max_bytes=PHOTO_MAX_BYTES, required=False)
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)
    manager_email = forms.EmailField(
        label=_("Manager's e-mail"),
        required=False,
        help_text=_("Their manager in Cadre, reminded with them before a certification expires."),
    )

    class Meta:
        model = Instructor
        fields = [
            "biography",
            "kind",
            "organisation",
            "home_country",
            "institution",
            "crime_areas",
            "capabilities",
            "courses",
            "is_active",
        ]
        widgets = {
            "biography": forms.Textarea(attrs={"rows": 6}),
            "crime_areas": forms.CheckboxSelectMultiple,
            "capabilities": forms.CheckboxSelectMultiple,
            "courses": forms.SelectMultiple(attrs={"size": 8}),
        }
        help_texts = {"courses": _("The catalogue's courses they teach.")}

    def __init__(self, *args: Any, managed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.managed = managed
        fields: Any = self.fields
        fields["home_country"].queryset = Country.objects.order_by("name")
        fields["institution"].queryset = Institution.objects.filter(is_active=True).order_by("name")
        fields["crime_areas"].queryset = CrimeArea.objects.filter(is_active=True)
        fields["capabilities"].queryset = PolicingCapability.objects.filter(is_active=True)
        fields["courses"].queryset = Course.objects.exclude(status=Course.Status.ARCHIVED).order_by("code")
        known = (
            dict(self.instance.languages.values_list("language", "proficiency")) if self.instance.pk else {}
        )
        for code, name in language_choices():
            fields[f"language_{code}"] = forms.ChoiceField(
                label=_("Level in %(language)s") % {"language": name},
                required=False,
                choices=[("", _("Does not teach in it")), *InstructorLanguage.Proficiency.choices],
                initial=known.get(code, ""),
            )
        if managed:
            manager = self.instance.manager if self.instance.pk else None
            self.initial.setdefault("manager_email", manager.email if manager else "")
        else:
            del fields["is_active"], fields["manager_email"]
        if not (self.instance.pk and self.instance.photo):
            del fields["remove_photo"]

    def clean_manager_email(self) -> User | None:
        email = self.cleaned_data.get("manager_email") or ""
        return _person_by_email(email) if email else None

    def clean_biography(self) -> str:
        return str(self.cleaned_data.get("biography") or "").strip()

    def language_fields(self) -> list[Any]:
        return [self[f"language_{code}"] for code in LANGUAGE_CODES]

    def other_fields(self) -> list[Any]:
        return [bound for bound in self if not bound.name.startswith("language_")]

    def values(self) -> dict[str, Any]:
        """The cleaned data in the shape the profile services take."""
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields if name in self.fields}
        data["languages"] = {code: self.cleaned_data.get(f"language_{code}") or "" for code in LANGUAGE_CODES}
        data["photo"] = self.cleaned_data.get("photo") or None
        data["remove_photo"] = bool(self.cleaned_data.get("remove_photo"))
        if self.managed:
            data["manager"] = self.cleaned_data.get("manager_email")
        return data


class NewInstructorForm(ProfileForm):
    person_email = forms.EmailField(
        label=_("The person's e-mail"), help_text=_("They must already have an account in Cadre.")
    )

    field_order = ["person_email"]

    def clean_person_email(self) -> User:
        person = _person_by_email(self.cleaned_data.get("person_email") or "")
        if Instructor.objects.filter(person=person).exists():
            raise forms.ValidationError(_("This person already has an instructor profile."))
        return person


class AvailabilityForm(forms.ModelForm):
    class Meta:
        model = AvailabilityPeriod
        fields = ["kind", "starts_on", "ends_on", "note"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if isinstance(starts_on, date) and isinstance(ends_on, date) and ends_on < starts_on:
            self.add_error(
                "ends_on", _("The period ends before it starts: give an end on or after the start.")
            )
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data.get("reason") or "").strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason."))
        return reason


class RenewForm(forms.Form):
    refresher = forms.CharField(
        label=_("Refresher completed"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Which refresher the instructor completed, and when."),
    )


class CertifyForm(forms.Form):
    """The subjects and languages to certify: the candidacy's, all ticked, to narrow if need be."""

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
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(label=_("Languages"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, candidacy: Candidacy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        names = dict(language_choices())
        for name in ("crime_areas", "capabilities", "courses"):
            fields[name].queryset = getattr(candidacy, name).all()
            self.initial[name] = list(getattr(candidacy, name).values_list("pk", flat=True))
        fields["languages"].choices = [(code, names[code]) for code in candidacy.languages]
        self.initial["languages"] = candidacy.languages
        for name in ("crime_areas", "capabilities", "courses"):
            if not getattr(candidacy, name).exists():
                del fields[name]

    def values(self) -> dict[str, Any]:
        return {
            name: list(self.cleaned_data.get(name) or [])
            for name in ("crime_areas", "capabilities", "courses", "languages")
            if name in self.fields
        }


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=32)
