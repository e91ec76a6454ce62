from django.urls import path

from cadre.standards import views

app_name = "standards"

urlpatterns = [
    path("", views.guide, name="guide"),
    path("editions/", views.editions, name="editions"),
    path("editions/new/", views.open_edition, name="open_edition"),
    path("editions/<int:number>/", views.edition, name="edition"),
    path("editions/<int:number>/changes/", views.compare, name="compare"),
    path("editions/<int:number>/edit/", views.edit_edition, name="edit_edition"),
    path("editions/<int:number>/publish/", views.publish_edition, name="publish_edition"),
    path("editions/<int:number>/discard/", views.discard_edition, name="discard_edition"),
    path("editions/<int:number>/sections/<int:section>/edit/", views.edit_section, name="edit_section"),
    path(
        "editions/<int:number>/sections/<int:section>/criteria/new/",
        views.add_criterion,
        name="add_criterion",
    ),
    path("editions/<int:number>/criteria/<slug:key>/edit/", views.edit_criterion, name="edit_criterion"),
    path(
        "editions/<int:number>/criteria/<slug:key>/remove/", views.remove_criterion, name="remove_criterion"
    ),
    path("guidelines/new/", views.create_guideline, name="create_guideline"),
    path("guidelines/<slug:code>/", views.guideline, name="guideline"),
    path("guidelines/<slug:code>/edit/", views.edit_guideline, name="edit_guideline"),
    path("guidelines/<slug:code>/withdraw/", views.withdraw_guideline, name="withdraw_guideline"),
    path("guidelines/<slug:code>/versions/<int:version>/", views.guideline_version, name="guideline_version"),
]
