from django.urls import path, register_converter

from cadre.accreditation.views import cases, certificates, steps
from cadre.standards.models import SatStep


class StepConverter:
    regex = "|".join(SatStep.values)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(StepConverter, "sat_step")

app_name = "accreditation"

urlpatterns = [
    path("", cases.case_list, name="cases"),
    path("new/", cases.open_case, name="open_case"),
    path("apply/", cases.apply, name="apply"),
    path("certificates/", certificates.certificate_list, name="certificates"),
    path("certificates/<slug:code>/", certificates.certificate, name="certificate"),
    path("certificates/<slug:code>/pdf/", certificates.certificate_pdf, name="certificate_pdf"),
    path("certificates/<slug:code>/revoke/", certificates.revoke, name="revoke"),
    path("certificates/<slug:code>/reaccredit/", certificates.reaccredit, name="reaccredit"),
    path("evidence/<int:pk>/", steps.evidence, name="evidence"),
    path("evidence/<int:pk>/delete/", steps.delete_evidence, name="delete_evidence"),
    path("<slug:reference>/", cases.case_page, name="case"),
    path("<slug:reference>/edit/", cases.edit_application, name="edit_application"),
    path("<slug:reference>/submit/", cases.submit_application, name="submit_application"),
    path("<slug:reference>/withdraw/", cases.withdraw, name="withdraw"),
    path("<slug:reference>/reviewers/", cases.assign_reviewer, name="assign_reviewer"),
    path("<slug:reference>/reviewers/<int:pk>/remove/", cases.remove_reviewer, name="remove_reviewer"),
    path("<slug:reference>/decide/", cases.decide, name="decide"),
    path("<slug:reference>/<sat_step:step>/", cases.case_page, name="case_step"),
    path("<slug:reference>/<sat_step:step>/evidence/", steps.upload_evidence, name="upload_evidence"),
    path("<slug:reference>/<sat_step:step>/submit/", steps.submit_step, name="submit_step"),
    path("<slug:reference>/<sat_step:step>/findings/", steps.record_findings, name="record_findings"),
    path("<slug:reference>/<sat_step:step>/comments/", steps.comment, name="comment"),
    path("<slug:reference>/<sat_step:step>/reviewed/", steps.mark_reviewed, name="mark_reviewed"),
    path("<slug:reference>/<sat_step:step>/return/", steps.return_step, name="return_step"),
]
