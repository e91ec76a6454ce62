"""The public verification of instructor certifications, mounted at /verify/instructor/."""

from django.urls import path

from cadre.instructors.views import public

app_name = "instructors_public"

urlpatterns = [
    path("", public.verify_lookup, name="lookup"),
    path("<str:code>/", public.verify, name="verify"),
]
