from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cadre.privacy.models import DataRequest

TEXT_LIMIT = 4000


class DataRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you ask for?"), choices=DataRequest.Kind.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("What is wrong, or why do you ask for erasure?"),
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a correction, say which data is wrong and what it should be."),
    )


class ResponseForm(forms.Form):
    response = forms.CharField(
        label=_("Response to the person"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3})
    )


class KeepForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the account kept?"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 2})
    )


class RequestFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or e-mail"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *DataRequest.Status.choices]
    )
    kind = forms.ChoiceField(
        label=_("Request"), required=False, choices=[("", _("Any request")), *DataRequest.Kind.choices]
    )

    def filters(self) -> dict[str, Any]:
        if not self.is_bound:
            return {"status": DataRequest.Status.OPEN}
        if not self.is_valid():
            return {}
        return {
            "status": self.cleaned_data["status"],
            "kind": self.cleaned_data["kind"],
            "query": self.cleaned_data["q"],
        }
