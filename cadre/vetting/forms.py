"""Registration (through allauth's sign-up), a person's own request, and the NCB's forms."""

from typing import Any

from allauth.account.forms import SignupForm
from allauth.socialaccount.forms import SignupForm as SocialSignupForm
from django import forms
from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cadre.accounts.models import User
from cadre.directory.models import Agency, Country, Sector
from cadre.vetting import selectors, services
from cadre.vetting.models import AccessRequest, DomainRule, Invitation, PreauthorisationCode

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProfileFields(forms.Form):
    """What a person says about themself; the NCB checks it."""

    given_names = forms.CharField(label=_("Given names (as in passport)"), max_length=150)
    family_name = forms.CharField(label=_("Family name (as in passport)"), max_length=150)
    preferred_name = forms.CharField(
        label=_("Preferred name"),
        max_length=150,
        required=False,
        help_text=_("How you would like to be addressed."),
    )
    country: "forms.ModelChoiceField[Country]" = forms.ModelChoiceField(
        label=_("Country"),
        queryset=Country.objects.filter(is_member=True),
        empty_label=_("Choose your country"),
    )
    agency: "forms.ModelChoiceField[Agency]" = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.filter(is_active=True, country__isnull=False),
        required=False,
        empty_label=_("Choose your agency"),
        help_text=_("Not in the list? Leave it empty and propose your agency below."),
    )
    proposed_agency_name = forms.CharField(label=_("Proposed agency name"), max_length=200, required=False)
    proposed_agency_sector: "forms.ModelChoiceField[Sector]" = forms.ModelChoiceField(
        label=_("Sector of the proposed agency"),
        queryset=Sector.objects.filter(is_active=True),
        required=False,
        empty_label=_("Choose a sector"),
    )
    rank = forms.CharField(label=_("Rank"), max_length=120, required=False)
    position = forms.CharField(label=_("Position"), max_length=150)
    supervisor_name = forms.CharField(label=_("Supervisor's name"), max_length=150)
    supervisor_email = forms.EmailField(label=_("Supervisor's e-mail"))
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)
    gender = forms.ChoiceField(label=_("Gender"), choices=User.Gender.choices)

    def setup_profile_fields(self) -> None:
        country_field = self.fields["country"]
        country_field.choices = [("", _("Choose your country"))] + [  # type: ignore[attr-defined]
            (country.pk, country.name) for country in selectors.registration_countries()
        ]
        country_field.widget.attrs.update(
            {"hx-get": reverse("vetting:agency_options"), "hx-target": "#id_agency", "hx-trigger": "change"}
        )
        chosen = self.data.get(self.add_prefix("country")) if self.is_bound else self.initial.get("country")
        chosen_pk = getattr(chosen, "pk", chosen)
        agency_field = self.fields["agency"]
        agency_field.choices = [("", _("Choose your agency"))] + [  # type: ignore[attr-defined]
            (agency.pk, str(agency)) for agency in selectors.registration_agencies(chosen_pk or "")
        ]

    def clean_profile(self, cleaned: dict[str, Any]) -> None:
        country, agency = cleaned.get("country"), cleaned.get("agency")
        if agency is not None and country is not None and agency.country_id != country.pk:
            self.add_error("agency", _("Choose an agency of the country you chose."))
        if agency is None and not self._proposes_agency(cleaned):
            self.add_error("agency", _("Choose your agency, or propose it with its name and sector."))

    def check_domain(self, cleaned: dict[str, Any]) -> None:
        country, email = cleaned.get("country"), cleaned.get("email")
        if country is not None and email and selectors.domain_refused(country, email):
            self.add_error(
                "email",
                _(
                    "%(country)s does not accept registrations from this e-mail domain. Use your official address."
                )
                % {"country": country.name},
            )

    def _proposes_agency(self, cleaned: dict[str, Any]) -> bool:
        name, sector = cleaned.get("proposed_agency_name", "").strip(), cleaned.get("proposed_agency_sector")
        if name and sector is None:
            self.add_error("proposed_agency_sector", _("Choose the sector of the agency you propose."))
        return bool(name and sector)

    def profile(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in services.registration.PROFILE_FIELDS}

    def proposal(self) -> services.AgencyProposal:
        return services.AgencyProposal(
            name=self.cleaned_data.get("proposed_agency_name", "").strip(),
            sector=self.cleaned_data.get("proposed_agency_sector"),
        )


class RegistrationForm(SignupForm, ProfileFields):
    """allauth's sign-up with what the NCB needs to vet the person."""

    code = forms.CharField(
        label=_("Pre-authorisation code"),
        max_length=20,
        required=False,
        help_text=_("If your NCB gave you a code, enter it: your access is then approved at once."),
    )
    invitation = forms.CharField(widget=forms.HiddenInput, required=False)
    accept_terms = forms.BooleanField(label=_("I accept the terms of use."))
    accept_privacy = forms.BooleanField(label=_("I have read the privacy notice."))

    field_order = [
        "email",
        "password1",
        "password2",
        "given_names",
        "family_name",
        "preferred_name",
        "country",
        "agency",
        "proposed_agency_name",
        "proposed_agency_sector",
        "rank",
        "position",
        "supervisor_name",
        "supervisor_email",
        "preferred_language",
        "gender",
        "code",
        "accept_terms",
        "accept_privacy",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Official e-mail")
        self.fields["email"].help_text = _("Your work address: a link to confirm it is sent there.")
        self.fields["accept_privacy"].help_text = format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("privacy:notice"),
            _("Read the privacy notice (opens in a new tab)"),
        )
        self.setup_profile_fields()
        self.found_code: PreauthorisationCode | None = None
        self.found_invitation: Invitation | None = None

    def clean_code(self) -> str:
        code: str = self.cleaned_data.get("code", "").strip().upper()
        if code:
            self.found_code = selectors.usable_code(code)
            if self.found_code is None:
                raise forms.ValidationError(
                    _("This code is not valid: it may be mistyped, expired, used up or revoked.")
                )
        return code

    def clean_invitation(self) -> str:
        token: str = self.cleaned_data.get("invitation", "")
        if token:
            self.found_invitation = selectors.usable_invitation(token)
            if self.found_invitation is None:
                raise forms.ValidationError(_("This invitation has expired or has been withdrawn."))
        return token

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if self.found_code is not None and cleaned.get("agency") is None:
            cleaned["agency"] = self.found_code.agency
        self.clean_profile(cleaned)
        self.check_domain(cleaned)
        self._check_code(cleaned)
        self._check_invitation(cleaned)
        return cleaned

    def _check_code(self, cleaned: dict[str, Any]) -> None:
        code, country, agency = self.found_code, cleaned.get("country"), cleaned.get("agency")
        if code is None or country is None:
            return
        if code.country_id != country.pk:
            self.add_error("code", _("This code is for another country."))
        elif agency is not None and agency.pk != code.agency_id:
            self.add_error("agency", _("This code is for %(agency)s.") % {"agency": code.agency})

    def _check_invitation(self, cleaned: dict[str, Any]) -> None:
        invitation, email = self.found_invitation, cleaned.get("email", "")
        if invitation is None:
            return
        if email and email.lower() != invitation.email.lower():
            self.add_error("email", _("This invitation was sent to %(email)s.") % {"email": invitation.email})
        if cleaned.get("country") is not None and cleaned["country"].pk != invitation.country_id:
            self.add_error(
                "country", _("This invitation is for %(country)s.") % {"country": invitation.country}
            )

    def save(self, request: HttpRequest) -> User:
        with transaction.atomic():
            user: User = super().save(request)
        return user

    def signup(self, request: HttpRequest, user: User) -> None:
        services.register_person(
            person=user,
            profile=self.profile(),
            proposal=self.proposal(),
            invitation=self.found_invitation,
            code=self.found_code,
        )


class SocialRegistrationForm(SocialSignupForm, ProfileFields):
    """Sign-up through single sign-on: the same profile and the same vetting as RegistrationForm."""

    accept_terms = forms.BooleanField(label=_("I accept the terms of use."))
    accept_privacy = forms.BooleanField(label=_("I have read the privacy notice."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Official e-mail")
        self.setup_profile_fields()

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        self.clean_profile(cleaned)
        self.check_domain(cleaned)
        return cleaned

    def signup(self, request: HttpRequest, user: User) -> None:
        services.register_person(person=user, profile=self.profile(), proposal=self.proposal())


class MyRequestForm(ProfileFields):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_profile_fields()

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        self.clean_profile(cleaned)
        return cleaned

    @classmethod
    def initial_for(cls, person: User, record: AccessRequest) -> dict[str, Any]:
        initial = {name: getattr(person, name) for name in services.registration.PROFILE_FIELDS}
        initial["proposed_agency_name"] = record.proposed_agency_name
        initial["proposed_agency_sector"] = record.proposed_agency_sector
        return initial


STATUS_CHOICES = [("", _("All statuses")), *AccessRequest.Status.choices]


class RequestFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, e-mail or agency"), required=False, max_length=150)
    status = forms.ChoiceField(
        label=_("Status"), choices=STATUS_CHOICES, required=False, initial=AccessRequest.Status.PENDING
    )
    agency: "forms.ModelChoiceField[Agency]" = forms.ModelChoiceField(
        label=_("Agency"), queryset=Agency.objects.none(), required=False, empty_label=_("All agencies")
    )
    submitted_from = forms.DateField(label=_("Submitted from"), required=False, widget=DATE_INPUT)
    submitted_to = forms.DateField(label=_("Submitted until"), required=False, widget=DATE_INPUT)

    def __init__(self, *args: Any, countries: QuerySet[Country], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = selectors.agencies_in(countries)  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        if not self.is_bound or not self.is_valid():
            return {"status": AccessRequest.Status.PENDING} if not self.is_bound else {}
        data = self.cleaned_data
        return {
            "query": data["q"].strip(),
            "status": data["status"],
            "agency": data["agency"],
            "submitted_from": data["submitted_from"],
            "submitted_to": data["submitted_to"],
        }


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("The person reads it in the e-mail telling them of your decision."),
    )


BULK_CHOICES = [
    ("approve", _("Approve")),
    ("reject", _("Reject")),
    ("ask", _("Ask for more information")),
]


class BulkDecisionForm(forms.Form):
    action = forms.ChoiceField(label=_("With the selected requests"), choices=BULK_CHOICES)
    reason = forms.CharField(
        label=_("Reason (to reject or ask for information)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
    selected = forms.TypedMultipleChoiceField(
        coerce=int, choices=[], error_messages={"required": _("Select at least one request.")}
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        raw = self.data.getlist("selected") if hasattr(self.data, "getlist") else []
        self.fields["selected"].choices = [(value, value) for value in raw if str(value).isdigit()]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if cleaned.get("action") in {"reject", "ask"} and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Give a reason: the people will read it."))
        return cleaned


class CountryScopedForm(forms.Form):
    """A form about one of the countries the person vets; with one country, nothing to choose."""

    country: "forms.ModelChoiceField[Country]" = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.none(), empty_label=_("Choose a country")
    )

    def __init__(self, *args: Any, countries: QuerySet[Country], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["country"]
        field.queryset = countries  # type: ignore[attr-defined]
        offered = selectors.by_name(countries)
        field.choices = [("", _("Choose a country"))] + [(c.pk, c.name) for c in offered]  # type: ignore[attr-defined]
        if len(offered) == 1:
            field.initial = offered[0].pk
            field.widget = forms.HiddenInput()
        if "agency" in self.fields:
            self.fields["agency"].queryset = selectors.agencies_in(countries)  # type: ignore[attr-defined]


class InvitationForm(CountryScopedForm):
    email = forms.EmailField(label=_("Official e-mail of the person"))
    agency: "forms.ModelChoiceField[Agency]" = forms.ModelChoiceField(
        label=_("Agency"), queryset=Agency.objects.none(), required=False, empty_label=_("Not specified")
    )


class CodeForm(CountryScopedForm):
    agency: "forms.ModelChoiceField[Agency]" = forms.ModelChoiceField(
        label=_("Agency"), queryset=Agency.objects.none(), empty_label=_("Choose an agency")
    )
    max_uses = forms.IntegerField(
        label=_("Maximum uses"),
        min_value=1,
        max_value=10_000,
        initial=1,
        help_text=_("1 for a single-use code."),
    )
    expires_on = forms.DateField(label=_("Expires on"), widget=DATE_INPUT)

    def clean_expires_on(self) -> Any:
        value = self.cleaned_data["expires_on"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("Choose an expiry date that is not in the past."))
        return value


class DomainRuleForm(CountryScopedForm):
    domain = forms.CharField(
        label=_("E-mail domain"),
        max_length=253,
        help_text=_("For example police.example.org, without the @."),
    )
    kind = forms.ChoiceField(label=_("Rule"), choices=DomainRule.Kind.choices)
