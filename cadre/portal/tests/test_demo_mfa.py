"""Demo accounts whose role requires a second factor get the demo authenticator secret, once."""

from io import StringIO

from allauth.mfa.models import Authenticator
from django.core.management import call_command

from cadre.accounts.models import User
from cadre.accounts.permissions import must_use_mfa
from cadre.portal.services import DEMO_TOTP_SECRET


def test_demo_staff_accounts_get_the_demo_totp_once(db):
    call_command("load_demo", stdout=StringIO())
    output = StringIO()
    call_command("load_demo", stdout=output)

    gated = [person for person in User.objects.all() if must_use_mfa(person)]
    assert gated
    assert Authenticator.objects.filter(type=Authenticator.Type.TOTP).count() == len(gated)
    assert DEMO_TOTP_SECRET in output.getvalue()
    admin_line = next(line for line in output.getvalue().splitlines() if "admin@cadre.example" in line)
    assert "[TOTP]" in admin_line
    assert not Authenticator.objects.filter(user__email="amina.wanjiru@police.ke.example").exists()
