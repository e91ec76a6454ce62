"""The public verification of certificates of attendance and completion, mounted at /verify/certificate/."""

from django.urls import path

from cadre.certificates.views import public

app_name = "certificates_public"

urlpatterns = [
    path("", public.verify_lookup, name="lookup"),
    path("<str:code>/", public.verify, name="verify"),
]
