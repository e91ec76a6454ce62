from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cadre.courses.models import LANGUAGE_CODES
from cadre.standards.models import Criterion, Edition, Guideline, SatStep, Section

# Texts that English must have (the language every other one falls back to).
REQUIRED_IN_ENGLISH = {"title", "requirement", "body"}


class StepFilterForm(forms.Form):
    step = forms.ChoiceField(label=_("Step of the systems approach"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [("", _("All steps and cross-cutting criteria")), *SatStep.choices]  # type: ignore[attr-defined]

    def chosen_step(self) -> str:
        return str(self.cleaned_data.get("step") or "") if self.is_valid() else ""


class TranslatedForm(forms.ModelForm):
    """A form whose translated fields are shown one group per language; English holds what
    every language falls back to, the others may be filled in later."""

    translated: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.translated:
            for code in LANGUAGE_CODES:
                field = self.fields[f"{name}_{code}"]
                field.required = code == "en" and name in REQUIRED_IN_ENGLISH
                if isinstance(field.widget, forms.Textarea):
                    field.widget.attrs["rows"] = 4

    def language_groups(self) -> list[tuple[str, Any, list[Any]]]:
        names = dict(settings.LANGUAGES)
        return [
            (code, names[code], [self[f"{name}_{code}"] for name in self.translated])
            for code in LANGUAGE_CODES
        ]

    def other_fields(self) -> list[Any]:
        translated = {f"{name}_{code}" for name in self.translated for code in LANGUAGE_CODES}
        return [bound for bound in self if bound.name not in translated]

    def values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


def _columns(*names: str) -> list[str]:
    return [f"{name}_{code}" for code in LANGUAGE_CODES for name in names]


class EditionForm(TranslatedForm):
    translated = ("title", "introduction", "change_note")

    class Meta:
        model = Edition
        fields = _columns("title", "introduction", "change_note")


class SectionForm(TranslatedForm):
    translated = ("title", "introduction")

    class Meta:
        model = Section
        fields = _columns("title", "introduction")


class CriterionForm(TranslatedForm):
    translated = ("title", "requirement", "guidance")

    class Meta:
        model = Criterion
        fields = [
            "key",
            "number",
            "section",
            "sat_step",
            "applies_to_material",
            *_columns("title", "requirement", "guidance"),
        ]

    def __init__(self, *args: Any, edition: Edition, adding: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = edition.sections.order_by("number")  # type: ignore[attr-defined]
        self.fields["section"].empty_label = None  # type: ignore[attr-defined]
        self.fields["number"].help_text = _(
            "The section's number, a dot and the criterion's place, for example 2.4."
        )
        self.fields["sat_step"].help_text = _("Leave empty for a criterion that applies to every step.")
        self.fields["applies_to_material"].help_text = _("Reviews of training material check this criterion.")
        if adding:
            self.fields["section"].required = False
            self.fields["key"].required = False
            self.fields["key"].help_text = _(
                "A stable name that stays the same in later editions. Leave empty to make one from the English title."
            )
        else:
            del self.fields["key"]


class GuidelineForm(TranslatedForm):
    translated = ("title", "summary", "body")

    class Meta:
        model = Guideline
        fields = ["code", "kind", "in_force_since", *_columns("title", "summary", "body")]
        widgets = {"in_force_since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args: Any, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["in_force_since"].required = False
        if creating:
            self.fields["code"].required = False
            self.fields["code"].help_text = _("Leave empty to make one from the English title.")
        else:
            del self.fields["code"]
            del self.fields["kind"]
            self.fields["in_force_since"].help_text = _(
                "The date the new version comes into force; today if left empty."
            )
            self.initial["in_force_since"] = None
        for code in LANGUAGE_CODES:
            self.fields[f"body_{code}"].widget.attrs["rows"] = 12
