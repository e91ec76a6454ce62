"""Forms for marking attendance and for a course's completion rule."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cadre.training_sessions.models import Attendance, CompletionRule


class MarkForm(forms.Form):
    """One participant's mark for one day, from a row of the attendance sheet."""

    nomination = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    day = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    status = forms.ChoiceField(
        label=_("Attendance"),
        choices=Attendance.Status.choices,
        error_messages={
            "required": _("Choose present, late, part of the day, absent or excused."),
            "invalid_choice": _("Choose present, late, part of the day, absent or excused."),
        },
    )
    arrived_at = forms.TimeField(
        label=_("Arrived at"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": _("Enter the arrival time as hours and minutes, for example 09:40.")},
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=200)


class CompletionRuleForm(forms.ModelForm):
    class Meta:
        model = CompletionRule
        fields = [
            "min_attendance_percent",
            "requires_post_test",
            "pass_mark_percent",
            "late_counts_as_present",
            "partial_day_share",
        ]
        help_texts = {
            "min_attendance_percent": _(
                "The share of the session's days a participant must attend, 1 to 100."
            ),
            "requires_post_test": _(
                "When the course has a question bank, participants must pass the post-test to complete; "
                "those who attended enough but did not pass receive a certificate of attendance."
            ),
            "pass_mark_percent": _("The post-test score needed to pass, 1 to 100."),
            "late_counts_as_present": _("Otherwise a late arrival counts like part of the day."),
            "partial_day_share": _(
                "How much of a day a participant present for part of it is credited with, 0 to 100."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("min_attendance_percent", "pass_mark_percent", "partial_day_share"):
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "max": 100})

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
