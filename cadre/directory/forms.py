from django import forms
from django.utils.translation import gettext_lazy as _

from cadre.directory.models import Region


class CountrySearchForm(forms.Form):
    q = forms.CharField(label=_("Country name or code"), required=False, max_length=100)
    region: "forms.ModelChoiceField[Region]" = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All regions"),
    )
