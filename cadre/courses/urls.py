from django.urls import path

from cadre.courses import views

app_name = "courses"

urlpatterns = [
    path("courses/", views.catalogue, name="catalogue"),
    path("courses/new/", views.create, name="create"),
    path("courses/<slug:code>/", views.course, name="course"),
    path("courses/<slug:code>/edit/", views.edit, name="edit"),
    path("courses/<slug:code>/publish/", views.publish, name="publish"),
    path("courses/<slug:code>/archive/", views.archive, name="archive"),
    path("courses/<slug:code>/versions/<int:number>/", views.version, name="version"),
    path("catalogue/", views.public_catalogue, name="public_catalogue"),
    path("catalogue/<slug:code>/", views.public_course, name="public_course"),
]
