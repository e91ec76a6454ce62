from django.urls import path

from cadre.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.entry_list, name="entries"),
    path("export.csv", views.entry_export, name="export"),
]
