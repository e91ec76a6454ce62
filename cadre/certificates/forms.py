"""Forms of the certificates' pages: a reason for revoking or re-issuing, and the code typed
on the public verification page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cadre.certificates.services.lifecycle import REASON_MAX_LENGTH


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason given"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_MAX_LENGTH,
        strip=True,
    )


def reason_form(action: str, data: object = None) -> ReasonForm:
    """The reason form of `action` ("revoke" or "reissue"): both sit on one page, so their
    fields get distinct ids; the field is named `reason` in both."""
    return ReasonForm(data, auto_id=f"{action}-%s")  # type: ignore[arg-type]


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Certificate code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "dir": "ltr"}),
    )
