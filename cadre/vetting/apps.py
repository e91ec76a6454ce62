from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VettingConfig(AppConfig):
    name = "cadre.vetting"
    verbose_name = _("Vetting")
