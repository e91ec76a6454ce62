from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cadre.accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from allauth.account.signals import password_reset
        from django.contrib.auth.signals import user_logged_in

        from cadre.accounts.middleware import start_session
        from cadre.accounts.security import connect_security_audit, unlock_after_password_reset

        # Framework hooks, not domain flow: a reset password unlocks, a sign-in starts the clock.
        password_reset.connect(unlock_after_password_reset, dispatch_uid="cadre-unlock-after-reset")
        user_logged_in.connect(start_session, dispatch_uid="cadre-start-session")
        connect_security_audit()
