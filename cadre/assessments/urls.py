"""Evaluation of sessions, mounted at /evaluation/."""

from django.urls import path, register_converter

from cadre.assessments.models import TestAttempt
from cadre.assessments.views import banks, evaluations, quizzes, reports


class TestKindConverter:
    regex = "|".join(TestAttempt.Kind.values)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TestKindConverter, "test_kind")

app_name = "assessments"

urlpatterns = [
    path("sessions/<int:pk>/reaction/", evaluations.reaction, name="l1"),
    path("sessions/<int:pk>/tests/<test_kind:kind>/", quizzes.take_test, name="test"),
    path("sessions/<int:pk>/results/", quizzes.results, name="results"),
    path("sessions/<int:pk>/follow-up/", evaluations.follow_up, name="l3"),
    path("sessions/<int:pk>/report/", reports.report, name="report"),
    path("follow-up/<slug:key>/", evaluations.supervisor_follow_up, name="l3_supervisor"),
    path("courses/<int:course_id>/bank/", banks.bank, name="bank"),
    path("courses/<int:course_id>/bank/new/", banks.add_question, name="bank_add_question"),
    path("questions/<int:pk>/", banks.edit_question, name="bank_question"),
]
