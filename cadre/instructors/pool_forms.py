"""The pool search's form: its values travel as GET parameters, so a search is a shareable
address. What is not understood is left out of the search, with a message saying why."""

from datetime import date, timedelta
from typing import Any

from django import forms
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cadre.accounts.permissions import AnyUser
from cadre.courses import permissions as course_permissions
from cadre.courses.models import Course
from cadre.directory.models import CrimeArea, PolicingCapability, Region
from cadre.instructors import pool
from cadre.instructors.forms import language_choices
from cadre.instructors.models import Level

LONGEST_DELIVERY_DAYS = 366


def _terms(model: Any, label: Any, empty: Any) -> Any:
    return forms.ModelChoiceField(
        label=label,
        queryset=model.objects.filter(is_active=True),
        to_field_name="code",
        required=False,
        empty_label=empty,
    )


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}))


class PoolSearchForm(forms.Form):
    course = forms.CharField(
        label=_("Course code"),
        required=False,
        max_length=80,
        help_text=_("As in the catalogue, e.g. cyber-first-responders. Leave it empty to search by subject."),
        widget=forms.TextInput(attrs={"list": "pool-courses", "autocomplete": "off", "spellcheck": "false"}),
    )
    crime_area = _terms(CrimeArea, _("Crime area"), _("Any crime area"))
    capability = _terms(PolicingCapability, _("Policing capability"), _("Any capability"))
    language = forms.ChoiceField(label=_("Language of delivery"), required=False)
    region: "forms.ModelChoiceField[Region]" = forms.ModelChoiceField(
        label=_("Home region"),
        queryset=Region.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All regions"),
    )
    level: "forms.ModelChoiceField[Level]" = forms.ModelChoiceField(
        label=_("At least the level"),
        queryset=Level.objects.filter(is_active=True),
        to_field_name="code",
        required=False,
        empty_label=_("Any level"),
    )
    start = _date_field(_("First day"))
    end = _date_field(_("Last day"))
    status = forms.ChoiceField(
        label=_("Certification"),
        required=False,
        choices=[
            (pool.CERTIFIED, _("Certified for the delivery")),
            (pool.EXPIRING, _("Certified, expiring within 90 days of the last day")),
            (pool.CANDIDATE, _("Candidates, for a supervised co-delivery")),
        ],
    )

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["language"].choices = [("", _("Any language")), *language_choices()]  # type: ignore[attr-defined]

    def clean_course(self) -> Course | None:
        code = str(self.cleaned_data.get("course") or "").strip().lower()
        if not code:
            return None
        try:
            return course_permissions.get_course_for(self.user, code)
        except Http404:
            raise forms.ValidationError(
                _("No course of the catalogue has the code “%(code)s”. Check it, or leave it empty."),
                params={"code": code[:80]},
            ) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("course") is not None:
            for name in ("crime_area", "capability"):
                if data.get(name) is not None:
                    self.add_error(
                        name,
                        _(
                            "Leave the subject empty when you give a course: the course's own subjects are used."
                        ),
                    )
        start, end = data.get("start"), data.get("end")
        if isinstance(start, date) and isinstance(end, date):
            if end < start:
                self.add_error(
                    "end", _("The last day comes before the first: give a last day on or after it.")
                )
            elif (end - start).days > LONGEST_DELIVERY_DAYS:
                self.add_error("end", _("Search for at most a year at a time: give a closer last day."))
        return data

    def query(self) -> pool.PoolQuery:
        """The search asked for, less what was not understood. The dates default to today, and
        a single day when only the first is given."""
        data: dict[str, Any] = {}
        if self.is_bound:
            self.is_valid()
            data = self.cleaned_data
        given_end = data.get("end")
        start = data.get("start") or (
            min(timezone.localdate(), given_end) if given_end else timezone.localdate()
        )
        end = max(given_end or start, start)
        end = min(end, start + timedelta(days=LONGEST_DELIVERY_DAYS))
        region = data.get("region")
        return pool.PoolQuery(
            start=start,
            end=end,
            course=data.get("course"),
            crime_area=data.get("crime_area"),
            capability=data.get("capability"),
            language=str(data.get("language") or ""),
            region=region.code if region is not None else "",
            level=data.get("level"),
            status=str(data.get("status") or pool.CERTIFIED),
        )
