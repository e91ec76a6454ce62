"""A person's certificates of attendance and completion, mounted at /certificates/."""

from django.urls import path

from cadre.certificates.views import holder

app_name = "certificates"

urlpatterns = [
    path("", holder.mine, name="mine"),
    path("<slug:code>/", holder.detail, name="detail"),
    path("<slug:code>/pdf/", holder.certificate_pdf, name="pdf"),
    path("<slug:code>/revoke/", holder.revoke, name="revoke"),
    path("<slug:code>/reissue/", holder.reissue, name="reissue"),
]
