from django.urls import path

from cadre.materials import views

app_name = "materials"

urlpatterns = [
    path("", views.repository, name="repository"),
    path("mine/", views.mine, name="mine"),
    path("queue/", views.queue, name="queue"),
    path("submit/", views.submit, name="submit"),
    path("<int:pk>/", views.material, name="material"),
    path("<int:pk>/new-version/", views.add_version, name="add_version"),
    path("versions/<int:pk>/download/", views.download, name="download"),
    path("versions/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("versions/<int:pk>/review/", views.start_review, name="start_review"),
    path("reviews/<int:pk>/", views.review, name="review"),
    path("reviews/<int:pk>/criteria/", views.review_criteria, name="review_criteria"),
]
