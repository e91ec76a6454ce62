"""Forms for scheduling sessions: the list's filters, the plan with its days and reserved seats,
the changes of status, rescheduling, cancelling, and the instructors."""

from datetime import time
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from cadre.accounts.models import User
from cadre.courses.models import Course
from cadre.directory.models import Country, Institution, Region, Sector
from cadre.instructors.models import Assignment, Instructor
from cadre.training_sessions.forms import as_id
from cadre.training_sessions.models import Session
from cadre.training_sessions.selectors import sessions as selectors
from cadre.training_sessions.services import session_checks as checks

ANY = [("", _("Any"))]
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
# Offered in the time zone box; any other zone Cadre knows is accepted too.
COMMON_TIME_ZONES = (
    "UTC",
    "Africa/Abidjan",
    "Africa/Cairo",
    "Africa/Casablanca",
    "Africa/Dakar",
    "Africa/Douala",
    "Africa/Harare",
    "Africa/Johannesburg",
    "Africa/Lagos",
    "Africa/Nairobi",
    "America/Argentina/Buenos_Aires",
    "America/Bogota",
    "America/El_Salvador",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "Asia/Amman",
    "Asia/Bangkok",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Manila",
    "Asia/Riyadh",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Europe/Brussels",
    "Europe/Lisbon",
    "Europe/London",
    "Europe/Paris",
    "Pacific/Fiji",
)


class CourseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} ({obj.code})"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class InstructorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.person.display_name)


class IdsField(forms.ModelMultipleChoiceField):
    """Objects ticked in a list; an id no database column holds is refused like any unknown id."""

    def clean(self, value: Any) -> Any:
        for pk in value if isinstance(value, list | tuple) else []:
            if as_id(pk) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super().clean(value)


class SessionFilterForm(forms.Form):
    q = forms.CharField(label=_("Title or reference"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=ANY + Session.Status.choices)
    course = CourseChoiceField(
        label=_("Course"),
        required=False,
        queryset=Course.objects.none(),
        to_field_name="code",
        empty_label=_("Any"),
    )
    language = forms.ChoiceField(label=_("Language"), required=False, choices=ANY + list(settings.LANGUAGES))
    region: "forms.ModelChoiceField[Region]" = forms.ModelChoiceField(
        label=_("Region"),
        required=False,
        queryset=Region.objects.all(),
        to_field_name="code",
        empty_label=_("Any"),
    )
    starts_from = forms.DateField(label=_("Ending on or after"), required=False, widget=DATE)
    ends_by = forms.DateField(label=_("Starting on or before"), required=False, widget=DATE)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = selectors.filter_courses(user)  # type: ignore[attr-defined]

    def filters(self) -> selectors.SessionFilters:
        """The filters given; one given wrongly is left out (and shown with its error)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return selectors.SessionFilters(
            status=data.get("status") or "",
            course=data.get("course"),
            language=data.get("language") or "",
            region=data.get("region"),
            ends_on_or_after=data.get("starts_from"),
            starts_on_or_before=data.get("ends_by"),
            q=(data.get("q") or "").strip(),
        )


class SessionForm(forms.Form):
    """The plan of a session; its days and reserved seats are the formsets beside it."""

    course = CourseChoiceField(label=_("Course"), queryset=Course.objects.none())
    language = forms.ChoiceField(label=_("Language of delivery"), choices=settings.LANGUAGES)
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the course's title."),
    )
    manager = PersonChoiceField(
        label=_("Course manager"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Myself"),
        help_text=_("Who runs the session: you, or another course manager of the course."),
    )
    venue = forms.ModelChoiceField(
        label=_("Host institution"), queryset=Institution.objects.order_by("name"), required=False
    )
    place = forms.CharField(
        label=_("Place"),
        required=False,
        max_length=200,
        help_text=_("Building, room or address when not at an institution."),
    )
    city = forms.CharField(label=_("City"), required=False, max_length=120)
    country: "forms.ModelChoiceField[Country]" = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.order_by("name"), required=False
    )
    meeting_url = forms.URLField(
        label=_("Online meeting link"), required=False, assume_scheme="https", max_length=200
    )
    time_zone = forms.CharField(
        label=_("Time zone"),
        max_length=64,
        initial="UTC",
        help_text=_("The days' times are in this zone, e.g. Africa/Nairobi or Europe/Paris."),
        widget=forms.TextInput(attrs={"list": "time-zones", "autocomplete": "off", "dir": "ltr"}),
    )
    region: "forms.ModelChoiceField[Region]" = forms.ModelChoiceField(
        label=_("Region served"),
        queryset=Region.objects.all(),
        required=False,
        help_text=_("Only officials of this region's countries may be nominated. Leave empty for all."),
    )
    sectors: "forms.ModelMultipleChoiceField[Sector]" = IdsField(
        label=_("Sectors admitted"),
        queryset=Sector.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to admit every sector."),
    )
    capacity = forms.IntegerField(label=_("Capacity"), min_value=1, max_value=500)
    seats_by = forms.ChoiceField(
        label=_("Reserved seats"), choices=Session.SeatsBy.choices, initial=Session.SeatsBy.NONE
    )
    nominations_open_on = forms.DateField(label=_("Nominations open"), widget=DATE)
    nominations_close_on = forms.DateField(label=_("Nominations close"), widget=DATE)
    respond_by = forms.DateField(
        label=_("Participants confirm by"),
        required=False,
        widget=DATE,
        help_text=_("Accepted participants confirm or decline their place by this date."),
    )
    follow_up_after_days = forms.IntegerField(
        label=_("Behaviour follow-up after (days)"),
        min_value=30,
        max_value=365,
        initial=90,
        help_text=_(
            "The level 3 questionnaire goes to participants and their supervisors this long after the last day."
        ),
    )
    joining_instructions = forms.CharField(
        label=_("Joining instructions"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("Sent to accepted participants in their invitation."),
    )

    def __init__(self, *args: Any, user: User, session: Session | None = None, **kwargs: Any) -> None:
        if session is not None:
            kwargs.setdefault("initial", initial_for(session))
        super().__init__(*args, **kwargs)
        self.session = session
        courses = selectors.schedulable_courses(user)
        managers = selectors.possible_managers(user, session.course if session else None)
        if session is not None:
            courses = Course.objects.filter(Q(pk__in=courses.values("pk")) | Q(pk=session.course_id))
            managers = User.objects.filter(Q(pk__in=managers.values("pk")) | Q(pk=session.manager_id))
            self.fields["manager"].required = True
            self.fields["manager"].empty_label = None  # type: ignore[attr-defined]
            if session.status != Session.Status.PLANNED:
                self.fields["course"].disabled = True
                self.fields["language"].disabled = True
                self.fields["language"].help_text = _(
                    "The course and the language change only while the session is planned."
                )
        self.fields["course"].queryset = courses.order_by("code")  # type: ignore[attr-defined]
        self.fields["manager"].queryset = managers.order_by("family_name", "given_names")  # type: ignore[attr-defined]
        self.time_zones = COMMON_TIME_ZONES

    def clean_time_zone(self) -> str:
        try:
            return checks.check_time_zone(self.cleaned_data["time_zone"])
        except ValidationError as error:
            raise ValidationError(error.messages) from error

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        course, language = data.get("course"), data.get("language")
        try:
            if course is not None and language:
                checks.check_language(course, language)
            checks.check_location(data)
        except ValidationError as error:
            self.add_error(None, error)
        return data

    def values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


def initial_for(session: Session) -> dict[str, Any]:
    names = [name for name in SessionForm.base_fields if name not in ("sectors", "manager")]
    initial = {name: getattr(session, name) for name in names}
    initial["manager"] = session.manager_id
    initial["sectors"] = list(session.eligible_sectors.values_list("pk", flat=True))
    return initial


class DayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    starts_at = forms.TimeField(label=_("Starts at"), widget=TIME, initial=time(9))
    ends_at = forms.TimeField(label=_("Ends at"), widget=TIME, initial=time(17))
    agenda = forms.CharField(
        label=_("Timetable"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts is not None and ends is not None and ends <= starts:
            self.add_error("ends_at", _("The day ends after it starts: give a later end time."))
        return data


class BaseDayFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict[str, Any]]:
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("date")
        ]

    def clean(self) -> None:
        if any(self.errors):
            return
        try:
            checks.check_days(checks.day_plans(self.rows()))
        except ValidationError as error:
            raise ValidationError(error.messages) from error

    def plans(self) -> list[checks.DayPlan]:
        return checks.day_plans(self.rows())


def day_formset(data: Any, *, initial: list[dict[str, Any]], blank: int) -> BaseDayFormSet:
    """The days, with `blank` empty rows after those given (when the page is first shown)."""
    formset = formset_factory(
        DayForm,
        formset=BaseDayFormSet,
        extra=blank,
        can_delete=True,
        max_num=checks.MAX_DAYS,
        absolute_max=checks.MAX_DAYS,
        validate_max=True,
    )
    return cast(BaseDayFormSet, formset(data, prefix="days", initial=initial))


class QuotaForm(forms.Form):
    country: "forms.ModelChoiceField[Country]" = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.order_by("name"), required=False
    )
    region: "forms.ModelChoiceField[Region]" = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.all(), required=False
    )
    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=500)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("country") is None) == (data.get("region") is None):
            raise ValidationError(_("Choose a country or a region for each row of reserved seats, not both."))
        return data


class BaseQuotaFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict[str, Any]]:
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


MAX_QUOTAS = 200


def quota_formset(data: Any, *, initial: list[dict[str, Any]], blank: int) -> BaseQuotaFormSet:
    formset = formset_factory(
        QuotaForm,
        formset=BaseQuotaFormSet,
        extra=blank,
        can_delete=True,
        max_num=MAX_QUOTAS,
        absolute_max=MAX_QUOTAS,
        validate_max=True,
    )
    return cast(BaseQuotaFormSet, formset(data, prefix="quotas", initial=initial))


def check_together(form: SessionForm, days: BaseDayFormSet | None, quotas: BaseQuotaFormSet) -> bool:
    """The checks that need the plan, its days and its seats at once: the nomination window
    against the first day, the reserved seats against the capacity. Without `days` (they are
    not changed here), the session's own first day."""
    data = form.cleaned_data
    plans = days.plans() if days is not None else []
    first_day = plans[0].date if plans else (form.session.starts_on if form.session else None)
    try:
        if first_day is not None:
            checks.check_window(data, first_day)
        checks.quota_plans(data["seats_by"], quotas.rows(), data["capacity"])
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


def day_initial(session: Session) -> list[dict[str, Any]]:
    return [
        {"date": day.date, "starts_at": day.starts_at, "ends_at": day.ends_at, "agenda": day.agenda}
        for day in session.days.order_by("date")
    ]


def quota_initial(session: Session) -> list[dict[str, Any]]:
    return [
        {"country": quota.country_id, "region": quota.region_id, "seats": quota.seats}
        for quota in session.quotas.all()
    ]


class StatusForm(forms.Form):
    to = forms.ChoiceField(choices=Session.Status.choices)


class RescheduleForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the session is rescheduled"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("Everyone concerned reads it in the e-mail telling them of the new dates."),
        error_messages={"required": _("Say why the session is rescheduled.")},
    )
    nominations_open_on = forms.DateField(label=_("Nominations open"), widget=DATE)
    nominations_close_on = forms.DateField(label=_("Nominations close"), widget=DATE)
    respond_by = forms.DateField(label=_("Participants confirm by"), required=False, widget=DATE)

    def window(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data.get(name)
            for name in ("nominations_open_on", "nominations_close_on", "respond_by")
        }


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the session is cancelled"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("Everyone concerned reads it in the e-mail telling them of the cancellation."),
        error_messages={"required": _("Say why the session is cancelled.")},
    )


class CandidateSearchForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    role = forms.ChoiceField(label=_("Role"), required=False, choices=Assignment.Role.choices)

    def role_value(self) -> str:
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get("role") or Assignment.Role.LEAD


class InstructorForm(forms.Form):
    instructor = InstructorChoiceField(
        label=_("Instructor"), queryset=Instructor.objects.filter(is_active=True).select_related("person")
    )
    role = forms.ChoiceField(label=_("Role"), choices=Assignment.Role.choices, initial=Assignment.Role.LEAD)
    override_reason = forms.CharField(
        label=_("Justification for overriding the rule"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        help_text=_("Only an administrator may book an instructor the rule refuses, saying why."),
    )
    override = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("override") and not (data.get("override_reason") or "").strip():
            self.add_error("override_reason", _("Give the justification for overriding the rule."))
        return data


class RemoveInstructorForm(forms.Form):
    reason = forms.CharField(label=_("Why"), required=False, max_length=500)
