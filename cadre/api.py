"""The JSON API at /api/v1/, documented by OpenAPI at /api/v1/openapi.json."""

from ninja import NinjaAPI
from ninja.security import django_auth

from cadre.courses.api import router as courses_router
from cadre.directory.api import router as directory_router

api = NinjaAPI(
    title="Cadre API",
    version="1",
    urls_namespace="api-1",
    auth=django_auth,
    docs_url="/docs",
)
api.add_router("/directory", directory_router)
api.add_router("/courses", courses_router)
