"""Forms of the selection: the filters of the selection page, a decision on one nomination or on
several, moving on the waitlist, withdrawing, and the participant's answer."""

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cadre.accounts.models import User
from cadre.training_sessions.models import Nomination
from cadre.training_sessions.selectors.selection import SelectionFilters

ANY = [("", _("Any"))]
REASON_LENGTH = 2000
DECISION_CHOICES = [("accept", _("Accept")), ("waitlist", _("Waitlist")), ("reject", _("Reject"))]
ELIGIBILITY_CHOICES = [*ANY, ("yes", _("Meets the criteria")), ("no", _("Does not meet the criteria"))]
GROUP_FILTERS = ("country", "region", "sector", "agency")


def _reason(required: bool, label: Any = None) -> forms.CharField:
    return forms.CharField(
        label=label or _("Reason"),
        required=required,
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
    )


class SelectionFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, e-mail or agency"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=ANY + Nomination.Status.choices)
    country = forms.TypedChoiceField(label=_("Country"), required=False, coerce=int, empty_value=None)
    region = forms.TypedChoiceField(label=_("Region"), required=False, coerce=int, empty_value=None)
    gender = forms.ChoiceField(label=_("Gender"), required=False, choices=ANY + User.Gender.choices)
    sector = forms.TypedChoiceField(label=_("Sector"), required=False, coerce=int, empty_value=None)
    agency = forms.TypedChoiceField(label=_("Agency"), required=False, coerce=int, empty_value=None)
    eligible = forms.ChoiceField(label=_("Eligibility"), required=False, choices=ELIGIBILITY_CHOICES)

    def __init__(self, *args: Any, groups: Mapping[str, Iterable[tuple[Any, str]]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in GROUP_FILTERS:
            known = [(key, label) for key, label in groups.get(name, []) if key is not None]
            self.fields[name].choices = ANY + known  # type: ignore[attr-defined]

    def filters(self) -> SelectionFilters:
        if not self.is_valid():
            return SelectionFilters()
        data = self.cleaned_data
        eligible = {"yes": True, "no": False}.get(data["eligible"])
        return SelectionFilters(
            status=data["status"],
            country=data["country"],
            region=data["region"],
            gender=data["gender"],
            sector=data["sector"],
            agency=data["agency"],
            eligible=eligible,
            query=data["q"].strip(),
        )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISION_CHOICES)
    reason = _reason(False, _("Reason (required to reject)"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for rejecting."))
        return data


class BulkDecisionForm(DecisionForm):
    nominations = forms.TypedMultipleChoiceField(label=_("Nominations"), coerce=int)

    def __init__(self, *args: Any, ids: Iterable[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nominations"].choices = [(pk, str(pk)) for pk in ids]  # type: ignore[attr-defined]
        self.fields["nominations"].error_messages["required"] = _("Tick at least one nomination.")


class MoveForm(forms.Form):
    direction = forms.ChoiceField(label=_("Move"), choices=[("up", _("Up")), ("down", _("Down"))])


class ReasonForm(forms.Form):
    reason = _reason(True)


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("confirm", _("I confirm my place")), ("decline", _("I decline my place"))],
        widget=forms.RadioSelect,
    )
    reason = _reason(False, _("Why you decline (optional)"))
