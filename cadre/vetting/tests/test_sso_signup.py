"""Signing up through single sign-on goes through the same registration and vetting."""

from allauth.socialaccount.models import SocialAccount, SocialLogin
from django.conf import settings

from cadre.accounts.models import User
from cadre.vetting.forms import SocialRegistrationForm
from cadre.vetting.models import AccessRequest
from cadre.vetting.selectors import access_of
from cadre.vetting.tests.test_views import registration

EMAIL = "sso.recruit@police.ke.example"


def social_form(kenya, **changes):
    data = registration(kenya, email=EMAIL, **changes)
    for name in ("password1", "password2", "code"):
        data.pop(name)
    sociallogin = SocialLogin(user=User(email=EMAIL), account=SocialAccount(provider="police-idp", uid="42"))
    return SocialRegistrationForm(data, sociallogin=sociallogin)


def test_sso_accounts_are_not_created_without_the_form():
    assert settings.SOCIALACCOUNT_AUTO_SIGNUP is False
    assert settings.SOCIALACCOUNT_FORMS["signup"] == "cadre.vetting.forms.SocialRegistrationForm"


def test_the_form_asks_for_the_profile_and_the_terms(kenya):
    form = social_form(kenya, accept_terms="", supervisor_email="")
    assert not form.is_valid()
    assert {"accept_terms", "supervisor_email"} <= set(form.errors)


def test_signing_up_files_a_request_the_ncb_decides(rf, kenya):
    form = social_form(kenya)
    assert form.is_valid(), form.errors
    person = User.objects.create_user(EMAIL, given_names="", family_name="")

    form.signup(rf.post("/"), person)

    record = AccessRequest.objects.get(person=person)
    assert record.status == AccessRequest.Status.PENDING
    assert not access_of(User.objects.get(pk=person.pk))
