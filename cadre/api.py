"""The JSON API at /api/v1/, documented by OpenAPI at /api/v1/openapi.json."""

from ninja import NinjaAPI
from ninja.security import django_auth

from cadre.accreditation.api import router as accreditation_router
from cadre.certificates.api import router as certificates_router
from cadre.courses.api import router as courses_router
from cadre.directory.api import router as directory_router
from cadre.standards.api import router as standards_router
from cadre.training_sessions.api import router as training_sessions_router

api = NinjaAPI(
    title="Cadre API",
    version="1",
    urls_namespace="api-1",
    auth=django_auth,
    docs_url="/docs",
)
api.add_router("/directory", directory_router)
api.add_router("/courses", courses_router)
api.add_router("/accreditation", accreditation_router)
api.add_router("/standards", standards_router)
api.add_router("/certificates", certificates_router)
api.add_router("/sessions", training_sessions_router)
