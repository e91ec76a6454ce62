from django.urls import path

from cadre.privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.notice, name="notice"),
    path("my-data/", views.my_data, name="my_data"),
    path("my-data.json", views.my_data_json, name="my_data_json"),
    path("requests/", views.my_requests, name="my_requests"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/<slug:action>/", views.decide, name="decide"),
    path("queue/", views.queue, name="queue"),
    path("inactive/", views.inactive, name="inactive"),
    path("inactive/<int:pk>/<slug:action>/", views.review_decide, name="review_decide"),
]
