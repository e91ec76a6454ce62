from django.contrib import admin
from django.contrib.auth.decorators import login_not_required, login_required
from django.urls import include, path
from django.views.i18n import set_language

from cadre.api import api
from cadre.portal import views as portal_views

# The admin signs people in through the same page (and the same checks) as everyone else.
admin.site.login = login_required(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "Cadre"

urlpatterns = [
    path("", include("cadre.portal.urls")),
    path("accounts/", include("allauth.urls")),
    path("directory/", include("cadre.directory.urls")),
    path("audit/", include("cadre.audit.urls")),
    path("people/", include("cadre.accounts.urls")),
    path("imports/", include("cadre.imports.urls")),
    path("vetting/", include("cadre.vetting.urls")),
    path("privacy/", include("cadre.privacy.urls")),
    path("materials/", include("cadre.materials.urls")),
    path("", include("cadre.courses.urls")),
    path("instructors/", include("cadre.instructors.urls")),
    path("verify/instructor/", include("cadre.instructors.public_urls")),
    path("accreditation/", include("cadre.accreditation.urls")),
    path("verify/accreditation/", include("cadre.accreditation.public_urls")),
    path("standards/", include("cadre.standards.urls")),
    path("sessions/", include("cadre.training_sessions.urls")),
    path("certificates/", include("cadre.certificates.urls")),
    path("verify/certificate/", include("cadre.certificates.public_urls")),
    path("evaluation/", include("cadre.assessments.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("healthz", portal_views.healthz, name="healthz"),
]

handler400 = "cadre.portal.errors.bad_request"
handler403 = "cadre.portal.errors.permission_denied"
handler404 = "cadre.portal.errors.page_not_found"
handler500 = "cadre.portal.errors.server_error"
