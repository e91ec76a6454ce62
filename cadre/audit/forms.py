from django import forms
from django.utils.translation import gettext_lazy as _

from cadre.audit.selectors import AuditFilter


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("Actor (e-mail or name)"), required=False, max_length=150)
    action = forms.CharField(label=_("Action"), required=False, max_length=80)
    target = forms.CharField(label=_("Target"), required=False, max_length=150)
    country = forms.CharField(
        label=_("Country code"),
        required=False,
        max_length=2,
        min_length=2,
        help_text=_("Two letters, e.g. KE."),
    )
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: object, show_country: bool = True, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not show_country:
            del self.fields["country"]

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date must not be before the start date."))
        return cleaned

    def to_filter(self) -> AuditFilter:
        if not self.is_bound or not self.is_valid():
            return AuditFilter()
        data = self.cleaned_data
        return AuditFilter(
            actor=data["actor"].strip(),
            action=data["action"].strip(),
            target=data["target"].strip(),
            country=data.get("country", "").strip(),
            since=data["since"],
            until=data["until"],
        )
