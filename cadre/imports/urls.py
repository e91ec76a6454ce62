from django.urls import path

from cadre.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.batches, name="batches"),
    path("template.csv", views.template, name="template"),
    path("<int:pk>/", views.batch, name="batch"),
    path("<int:pk>/progress/", views.progress, name="progress"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/check-again/", views.check_again, name="check_again"),
    path("<int:pk>/discard/", views.discard, name="discard"),
]
