"""Forms for answering questionnaires and tests, and for editing a course's question bank."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cadre.assessments import selectors
from cadre.assessments.models import Questionnaire, TestQuestion
from cadre.assessments.services import ChoiceInput
from cadre.assessments.services.banks import MAX_CHOICES, MAX_QUESTIONS_PER_TEST
from cadre.assessments.services.evaluations import MAX_COMMENT

# How a rating from 1 to 5 reads: the quality of something (level 1), or how much (level 3).
QUALITY = (
    (1, _("Very poor")),
    (2, _("Poor")),
    (3, _("Fair")),
    (4, _("Good")),
    (5, _("Excellent")),
)
EXTENT = (
    (1, _("Not at all")),
    (2, _("A little")),
    (3, _("Moderately")),
    (4, _("A lot")),
    (5, _("A great deal")),
)
REQUIRED_ANSWER = _("Please answer this question.")
LANGUAGE_NAMES = dict(settings.LANGUAGES)


def scale_of(questionnaire: Questionnaire) -> tuple[tuple[int, Any], ...]:
    return EXTENT if questionnaire.level == Questionnaire.Level.BEHAVIOUR else QUALITY


class EvaluationForm(forms.Form):
    """One questionnaire's questions: a group of five radio buttons for each rating, a text
    box for each comment."""

    def __init__(
        self, *args: Any, items: list[selectors.AnswerItem], questionnaire: Questionnaire, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        scale = scale_of(questionnaire)
        for item in items:
            self.fields[item.key] = self._field(item, scale)

    @staticmethod
    def _field(item: selectors.AnswerItem, scale: tuple[tuple[int, Any], ...]) -> forms.Field:
        messages = {"required": REQUIRED_ANSWER, "invalid_choice": _("Choose a rating from 1 to 5.")}
        if item.is_rating:
            return forms.TypedChoiceField(
                label=item.label,
                choices=scale,
                coerce=int,
                widget=forms.RadioSelect,
                required=item.required,
                error_messages=messages,
            )
        return forms.CharField(
            label=item.label,
            required=item.required,
            max_length=MAX_COMMENT,
            widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
            error_messages=messages,
        )

    def ratings(self) -> list[forms.BoundField]:
        return [self[item.key] for item in self.items if item.is_rating]

    def rows(self) -> list[tuple[selectors.AnswerItem, forms.BoundField]]:
        return [(item, self[item.key]) for item in self.items]

    def answers(self) -> dict[str, Any]:
        return {key: value for key, value in self.cleaned_data.items() if value not in (None, "")}


class TestForm(forms.Form):
    """A test: one group of radio buttons per question, its answers in the session's order."""

    def __init__(self, *args: Any, items: list[selectors.DrawnQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        for number, item in enumerate(items, start=1):
            self.fields[str(item.question.pk)] = forms.TypedChoiceField(
                label=f"{number}. {item.question.text}",
                choices=[(choice.pk, choice.text) for choice in item.choices],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer."), "invalid_choice": _("Choose an answer.")},
            )

    def answers(self) -> dict[str, int]:
        return {str(key): int(value) for key, value in self.cleaned_data.items()}


class BankForm(forms.Form):
    questions_per_test = forms.IntegerField(
        label=_("Questions per test"),
        min_value=1,
        max_value=MAX_QUESTIONS_PER_TEST,
        help_text=_("Each test asks this many of the bank's questions in use, the first ones by position."),
    )


class TestQuestionForm(forms.Form):
    """A question in each of the course's languages, with up to six answers; blank answer rows
    are left out; one answer is marked right."""

    position = forms.IntegerField(label=_("Position in the bank"), min_value=0, max_value=32000)
    is_active = forms.BooleanField(
        label=_("In use"), required=False, help_text=_("Questions not in use are kept but never asked.")
    )
    correct = forms.TypedChoiceField(
        label=_("Right answer"),
        coerce=int,
        choices=[(number, str(number)) for number in range(1, MAX_CHOICES + 1)],
        widget=forms.RadioSelect,
        error_messages={"required": _("Mark the right answer.")},
    )

    def __init__(
        self, *args: Any, languages: list[str], question: TestQuestion | None = None, **kwargs: Any
    ) -> None:
        kwargs["initial"] = self._initial(question, languages)
        super().__init__(*args, **kwargs)
        self.languages = languages
        for code in languages:
            name = LANGUAGE_NAMES.get(code, code)
            self.fields[f"text_{code}"] = forms.CharField(
                label=_("Question (%(language)s)") % {"language": name},
                widget=forms.Textarea(attrs={"rows": 3, "lang": code, "dir": "auto"}),
                max_length=2000,
                error_messages={"required": _("Write the question in this language.")},
            )
            for number in range(1, MAX_CHOICES + 1):
                self.fields[f"choice_{number}_{code}"] = forms.CharField(
                    label=_("Answer %(number)d (%(language)s)") % {"number": number, "language": name},
                    required=False,
                    max_length=300,
                    widget=forms.TextInput(attrs={"lang": code, "dir": "auto"}),
                )

    @staticmethod
    def _initial(question: TestQuestion | None, languages: list[str]) -> dict[str, Any]:
        if question is None:
            return {"is_active": True, "position": 0}
        initial: dict[str, Any] = {"position": question.position, "is_active": question.is_active}
        for number, choice in enumerate(question.choices.order_by("position", "pk"), start=1):
            if choice.is_correct:
                initial["correct"] = number
            for code in languages:
                initial[f"choice_{number}_{code}"] = getattr(choice, f"text_{code}")
        for code in languages:
            initial[f"text_{code}"] = getattr(question, f"text_{code}")
        return initial

    def question_fields(self) -> list[forms.BoundField]:
        return [self[f"text_{code}"] for code in self.languages]

    def choice_rows(self) -> list[tuple[int, list[forms.BoundField], Any]]:
        """Each answer row: its number, its text in each language, its "right answer" button."""
        radios = self["correct"].subwidgets
        return [
            (number, [self[f"choice_{number}_{code}"] for code in self.languages], radios[number - 1])
            for number in range(1, MAX_CHOICES + 1)
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        filled = self._filled_rows(cleaned)
        if len(filled) < 2:  # noqa: PLR2004
            raise forms.ValidationError(_("Give at least two answers."))
        correct = cleaned.get("correct")
        if correct is not None and correct not in filled:
            self.add_error("correct", _("The right answer must be one of the answers written."))
        return cleaned

    def _filled_rows(self, cleaned: dict[str, Any]) -> list[int]:
        filled = []
        for number in range(1, MAX_CHOICES + 1):
            texts = [(cleaned.get(f"choice_{number}_{code}") or "").strip() for code in self.languages]
            if any(texts) and not all(texts):
                self.add_error(
                    f"choice_{number}_{self.languages[texts.index('')]}",
                    _("Write this answer in every language, or leave the whole row blank."),
                )
            if any(texts):
                filled.append(number)
        return filled

    def texts(self) -> dict[str, str]:
        return {code: self.cleaned_data[f"text_{code}"] for code in self.languages}

    def choices(self) -> list[ChoiceInput]:
        rows = []
        for number in range(1, MAX_CHOICES + 1):
            texts = {
                code: (self.cleaned_data.get(f"choice_{number}_{code}") or "").strip()
                for code in self.languages
            }
            if any(texts.values()):
                rows.append(ChoiceInput(texts=texts, is_correct=number == self.cleaned_data.get("correct")))
        return rows
