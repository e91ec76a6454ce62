"""The public verification of certificates of attendance and completion, mounted at /verify/certificate/."""

from django.urls import path  # noqa: F401

app_name = "certificates_public"

urlpatterns: list = []
