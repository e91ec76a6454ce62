from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "cadre.standards"
    verbose_name = _("Training standards")
