"""Forms for nominating, endorsing and following a country's nominations."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cadre.training_sessions.forms import as_id
from cadre.training_sessions.models import Nomination, Session
from cadre.training_sessions.selectors.nominations import NcbFilters
from cadre.training_sessions.services.nominations import MOTIVATION_MAX_LENGTH


class SelectedField(forms.TypedMultipleChoiceField):
    """Ids ticked in a list; which of them the reader may act on is the view's business (an id
    of another country's is a 404, not a form error)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(coerce=int, choices=[], **kwargs)


def _accept_ticked(form: forms.Form) -> None:
    raw = form.data.getlist("selected") if hasattr(form.data, "getlist") else []
    form.fields["selected"].choices = [(value, value) for value in raw if as_id(value)]  # type: ignore[attr-defined]


class OfficialSearchForm(forms.Form):
    q = forms.CharField(label=_("Name, e-mail or agency"), required=False, max_length=150)


class NominateForm(forms.Form):
    selected = SelectedField(error_messages={"required": _("Select at least one official to nominate.")})
    motivation = forms.CharField(
        label=_("Why these officials"),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        max_length=MOTIVATION_MAX_LENGTH,
        required=False,
        help_text=_("The head of NCB and the course manager read it."),
    )
    criteria_confirmed = forms.BooleanField(
        label=_("I confirm that each official selected meets the admission criteria above."),
        required=False,
    )

    def __init__(self, *args: Any, session: Session, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _accept_ticked(self)
        self.asks_criteria = bool(session.course.admission_criteria)
        if self.asks_criteria:
            field = self.fields["criteria_confirmed"]
            field.required = True
            field.error_messages["required"] = _(
                "Confirm that the officials meet the admission criteria before nominating them."
            )
        else:
            del self.fields["criteria_confirmed"]

    def ids(self) -> list[int]:
        return list(self.cleaned_data["selected"])


class EndorseForm(forms.Form):
    selected = SelectedField(error_messages={"required": _("Select at least one nomination to endorse.")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _accept_ticked(self)


STATUS_CHOICES = [("", _("All statuses")), *Nomination.Status.choices]


class NcbFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or e-mail"), required=False, max_length=150)
    session = forms.TypedChoiceField(label=_("Session"), coerce=int, required=False, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    course = forms.TypedChoiceField(label=_("Course"), coerce=int, required=False, empty_value=None)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, sessions: QuerySet[Session], years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offered = list(sessions)
        self.fields["session"].choices = [("", _("All sessions"))] + [  # type: ignore[attr-defined]
            (item.pk, f"{item.display_title} ({item.starts_on:%Y-%m-%d}, {item.code})") for item in offered
        ]
        courses = {item.course_id: item.course.title for item in offered}
        by_title = sorted(courses.items(), key=lambda pair: pair[1].casefold())
        self.fields["course"].choices = [("", _("All courses")), *by_title]  # type: ignore[attr-defined]
        self.fields["year"].choices = [("", _("All years"))] + [(year, str(year)) for year in years]  # type: ignore[attr-defined]

    def filters(self) -> NcbFilters:
        if not self.is_bound or not self.is_valid():
            return NcbFilters()
        data = self.cleaned_data
        return NcbFilters(
            session=data["session"],
            status=data["status"],
            course=data["course"],
            year=data["year"],
            query=data["q"].strip(),
        )
