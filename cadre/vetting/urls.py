from django.urls import path

from cadre.vetting.views import handouts, requests

app_name = "vetting"

urlpatterns = [
    path("", requests.request_list, name="requests"),
    path("bulk/", requests.bulk_decide, name="bulk"),
    path("people/<int:pk>/", requests.person_detail, name="person"),
    path("people/<int:pk>/<slug:action>/", requests.person_action, name="person_action"),
    path("my-request/", requests.my_request, name="my_request"),
    path("my-request/edit/", requests.edit_my_request, name="edit_my_request"),
    path("register/agencies/", requests.agency_options, name="agency_options"),
    path("invitation/<str:token>/", requests.invited_signup, name="invited_signup"),
    path("invitations/", handouts.invitations, name="invitations"),
    path("invitations/<int:pk>/withdraw/", handouts.withdraw_invitation, name="withdraw_invitation"),
    path("codes/", handouts.codes, name="codes"),
    path("codes/<int:pk>/revoke/", handouts.revoke_code, name="revoke_code"),
    path("domains/", handouts.domain_rules, name="domain_rules"),
    path("domains/<int:pk>/remove/", handouts.remove_domain_rule, name="remove_domain_rule"),
]
