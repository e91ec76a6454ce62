from django.urls import path

from cadre.instructors.views import certifications, dashboards, pathway, pool, profiles

app_name = "instructors"

urlpatterns = [
    path("", profiles.instructor_list, name="list"),
    path("pool/", pool.pool_search, name="pool"),
    path("dashboard/", dashboards.dashboard, name="dashboard"),
    path("new/", profiles.create, name="create"),
    path("me/", profiles.my_profile, name="my_profile"),
    path("<int:pk>/", profiles.profile, name="profile"),
    path("<int:pk>/edit/", profiles.edit, name="edit"),
    path("<int:pk>/photo/", profiles.photo, name="photo"),
    path("<int:pk>/availability/", profiles.add_availability, name="add_availability"),
    path("availability/<int:pk>/remove/", profiles.remove_availability, name="remove_availability"),
    path("evidence/<int:pk>/", profiles.evidence, name="evidence"),
    path("candidacies/<int:pk>/certify/", certifications.certify, name="certify"),
    # The certification pathway (views/pathway.py)
    path("<int:pk>/candidacies/new/", pathway.start_candidacy, name="start_candidacy"),
    path("candidacies/<int:pk>/", pathway.candidacy, name="candidacy"),
    path("candidacies/<int:pk>/stages/<int:stage>/submit/", pathway.submit_evidence, name="submit_evidence"),
    path("candidacies/<int:pk>/stages/<int:stage>/confirm/", pathway.confirm_stage, name="confirm_stage"),
    path("candidacies/<int:pk>/assessors/", pathway.candidacy_assessors, name="candidacy_assessors"),
    path("candidacies/<int:pk>/withdraw/", pathway.withdraw_candidacy, name="withdraw_candidacy"),
    path("candidacies/<int:pk>/observe/", pathway.observe, name="observe"),
    path("my-candidates/", pathway.my_candidates, name="my_candidates"),
    path("certifications/<int:pk>/pdf/", certifications.certificate_pdf, name="certificate_pdf"),
    path(
        "certifications/<int:pk>/<slug:action>/",
        certifications.certification_action,
        name="certification_action",
    ),
]
