from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.http import HttpRequest

from cadre.accounts.permissions import must_use_mfa
from cadre.lib.context import client_ip_of


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Anyone may ask; the NCB of their country vets them before they get in (cadre.vetting).
        return True

    def get_client_ip(self, request: HttpRequest) -> str:
        # The same address as the audit trail and the lockout record.
        return client_ip_of(request) or super().get_client_ip(request)


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Whoever must use a second factor keeps at least one (besides recovery codes)."""
        user = authenticator.user
        if not must_use_mfa(user) or authenticator.type == Authenticator.Type.RECOVERY_CODES:
            return True
        others = Authenticator.objects.filter(user=user).exclude(pk=authenticator.pk)
        return others.exclude(type=Authenticator.Type.RECOVERY_CODES).exists()
