from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingSessionsConfig(AppConfig):
    name = "cadre.training_sessions"
    verbose_name = _("Training sessions")
