from typing import cast

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from cadre.directory.models import Country
from cadre.imports.files import detect_format
from cadre.imports.models import ImportRow
from cadre.imports.problems import FileProblem, explain, problem


class UploadForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"))
    file = forms.FileField(
        label=_("List of officials"),
        help_text=_("A CSV file in UTF-8 or an Excel workbook (.xlsx), with the columns described below."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args: object, countries: list[Country], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.countries = {country.iso2: country for country in countries}
        field = cast(forms.ChoiceField, self.fields["country"])
        field.choices = [(country.iso2, country.name) for country in countries]
        if len(countries) == 1:
            field.initial = countries[0].iso2
            field.widget = forms.HiddenInput()
        self.fixed_country = countries[0] if len(countries) == 1 else None

    def clean_country(self) -> Country:
        return self.countries[self.cleaned_data["country"]]

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_BYTES
        if upload.size is None or upload.size > limit:
            raise forms.ValidationError(explain(problem("too_large", limit=filesizeformat(limit))))
        try:
            self.cleaned_data["file_format"] = detect_format(upload.read())
        except FileProblem as found:
            raise forms.ValidationError(str(found)) from None
        finally:
            upload.seek(0)
        return upload


class RowFilterForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("All rows")), *ImportRow.Outcome.choices],
    )

    def outcome_wanted(self) -> str:
        if self.is_valid():
            return str(self.cleaned_data["outcome"])
        return ""
