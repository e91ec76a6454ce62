from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from cadre.assessments import models


class QuestionInline(TranslationTabularInline):
    model = models.Question
    extra = 0


@admin.register(models.Questionnaire)
class QuestionnaireAdmin(TranslationAdmin):
    """The standard questionnaires come from `load_reference`; their wording may be adjusted here."""

    list_display = ["code", "title", "level", "audience"]
    list_filter = ["level", "audience"]
    inlines = [QuestionInline]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Answers and attempts are people's own: they are read here, never written."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(models.EvaluationResponse)
class EvaluationResponseAdmin(ReadOnlyAdmin):
    list_display = ["questionnaire", "session", "respondent", "about", "language", "submitted_at"]
    list_filter = ["questionnaire", "language"]
    list_select_related = ["questionnaire", "session__course", "respondent", "about__person"]
    raw_id_fields = ["session", "respondent", "about"]
    search_fields = ["session__code"]


class ChoiceInline(TranslationTabularInline):
    model = models.TestChoice
    extra = 0


@admin.register(models.TestQuestion)
class TestQuestionAdmin(TranslationAdmin):
    list_display = ["text", "bank", "position", "is_active"]
    list_filter = ["is_active"]
    list_select_related = ["bank__course"]
    raw_id_fields = ["bank"]
    inlines = [ChoiceInline]


@admin.register(models.QuestionBank)
class QuestionBankAdmin(admin.ModelAdmin):
    list_display = ["course", "questions_per_test", "updated_at"]
    list_select_related = ["course"]
    raw_id_fields = ["course"]
    search_fields = ["course__code"]


@admin.register(models.TestAttempt)
class TestAttemptAdmin(ReadOnlyAdmin):
    list_display = ["nomination", "session", "kind", "score_percent", "submitted_at"]
    list_filter = ["kind"]
    list_select_related = ["nomination__person", "session__course"]
    raw_id_fields = ["session", "nomination"]
    search_fields = ["session__code"]


@admin.register(models.FollowUp)
class FollowUpAdmin(ReadOnlyAdmin):
    list_display = ["nomination", "due_on", "sent_at", "participant_answered_at", "supervisor_answered_at"]
    list_select_related = ["nomination__person"]
    raw_id_fields = ["nomination"]
    # The supervisor's key is a password to their page: it is not shown.
    exclude = ["supervisor_key"]
