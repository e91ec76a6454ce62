"""The public verification of accreditation certificates, mounted at /verify/accreditation/."""

from django.urls import path

from cadre.accreditation.views import certificates

app_name = "accreditation_public"

urlpatterns = [
    path("", certificates.verify_lookup, name="lookup"),
    path("<str:code>/", certificates.verify, name="verify"),
]
