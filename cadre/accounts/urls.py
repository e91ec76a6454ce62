from django.urls import path

from cadre.accounts import views

app_name = "accounts"

urlpatterns = [
    path("roles/", views.role_holders, name="roles"),
    path("roles/assign/", views.assign_role, name="assign_role"),
    path("roles/<int:pk>/remove/", views.remove_role, name="remove_role"),
]
