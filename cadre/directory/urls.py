from django.urls import path

from cadre.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.countries, name="countries"),
    path("<str:iso2>/", views.country, name="country"),
]
