"""Nominating a country's officials to a session, one nomination's page, and endorsing."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cadre.accounts.models import User
from cadre.directory.models import Country
from cadre.lib.http import local_path
from cadre.training_sessions import eligibility, permissions
from cadre.training_sessions.forms.nominations import EndorseForm, NominateForm, OfficialSearchForm
from cadre.training_sessions.models import Nomination, Session
from cadre.training_sessions.selectors import nominations as selectors
from cadre.training_sessions.services import nominations as services

OFFICIALS_PER_PAGE = 25


def signed_in(request: HttpRequest) -> User:
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def _officials_rows(session: Session, officials: list[User]) -> list[dict[str, Any]]:
    results = eligibility.check_people(session, officials)
    titles = eligibility.course_titles(result.checks for result in results.values())
    return [
        {
            "person": person,
            "eligible": results[person.pk].eligible,
            "checks": eligibility.shown(results[person.pk].checks, titles),
        }
        for person in officials
    ]


def _nominate_context(
    request: HttpRequest, session: Session, country: Country, form: NominateForm, user: User
) -> dict[str, Any]:
    search = OfficialSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    page = Paginator(selectors.officials_of(country, query), OFFICIALS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    countries = selectors.country_choices(selectors.nominating_countries(user))
    return {
        "session": session,
        "country": country,
        "countries": countries if len(countries) > 1 else [],
        "window_open": session.window_is_open(),
        "seats": eligibility.seats_for(session, country.pk, country.region_id),
        "nominated_here": selectors.nominated_count(session, country),
        "search": search,
        "page": page,
        "rows": _officials_rows(session, list(page.object_list)),
        "form": form,
        "ticked": set(request.POST.getlist("selected")),
    }


def _here(session: Session, country: Country) -> str:
    return (
        f"{reverse('training_sessions:nominate', args=[session.pk])}?{urlencode({'country': country.iso2})}"
    )


def _report(request: HttpRequest, outcome: services.NominationOutcome) -> None:
    if outcome.created:
        count = len(outcome.created)
        messages.success(
            request,
            ngettext(
                "%(count)s official nominated; the head of NCB is asked to endorse.",
                "%(count)s officials nominated; the head of NCB is asked to endorse.",
                count,
            )
            % {"count": count},
        )
    for refusal in outcome.refused:
        messages.error(request, refusal.messages[0])


def _submit(request: HttpRequest, session: Session, country: Country, user: User) -> HttpResponse:
    form = NominateForm(request.POST, session=session)
    if form.is_valid():
        people = selectors.officials_by_ids(country, form.ids())
        try:
            outcome = services.nominate_many(
                session=session,
                people=people,
                by=user,
                motivation=form.cleaned_data["motivation"],
                criteria_confirmed=bool(form.cleaned_data.get("criteria_confirmed")),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if outcome.created:
                _report(request, outcome)
                return redirect(_here(session, country))
            for refusal in outcome.refused:
                form.add_error(None, refusal.messages[0])
    context = _nominate_context(request, session, country, form, user)
    return render(request, "training_sessions/nominations/nominate.html", context, status=400)


@require_http_methods(["GET", "POST"])
def nominate(request: HttpRequest, pk: int) -> HttpResponse:
    """The focal point's page: the session, its criteria and seats, and their country's
    officials, each with their checks; nominate one or several."""
    user = signed_in(request)
    session = permissions.get_session_for(user, pk)
    countries = selectors.nominating_countries(user)
    if not countries.exists():
        raise PermissionDenied
    country = selectors.chosen_country(countries, request.GET.get("country", ""), user)
    if request.method == "POST":
        return _submit(request, session, country, user)
    form = NominateForm(session=session)
    return render(
        request,
        "training_sessions/nominations/nominate.html",
        _nominate_context(request, session, country, form, user),
    )


def _status_label(code: str) -> str:
    return str(Nomination.Status(code).label) if code in Nomination.Status.values else code


def _history(nomination: Nomination) -> list[dict[str, Any]]:
    return [
        {
            "event": event,
            "from_label": _status_label(event.from_status),
            "to_label": _status_label(event.to_status),
        }
        for event in selectors.events_of(nomination)
    ]


@require_GET
def nomination_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in(request)
    nomination = permissions.get_nomination_for(user, pk)
    certificate = selectors.certificates_of_nominations([nomination.pk]).get(nomination.pk)
    by, at = selectors.status_change(nomination)
    context = {
        "nomination": nomination,
        "session": nomination.session,
        "checks": eligibility.describe_checks(nomination.checks),
        "events": _history(nomination),
        "changed_by": by,
        "changed_at": at,
        "certificate": certificate,
        "may_endorse": permissions.can_endorse(user, nomination),
        "may_withdraw": permissions.can_withdraw_nomination(user, nomination),
        "is_ncb": permissions.is_ncb_of(user, nomination.country_id),
        "endorse_form": EndorseForm(),
    }
    return render(request, "training_sessions/nominations/detail.html", context)


def _next_or_ncb(request: HttpRequest) -> str:
    return local_path(request, request.POST.get("next", "")) or reverse("training_sessions:ncb")


@require_POST
def endorse(request: HttpRequest) -> HttpResponse:
    """The head of NCB endorses one nomination, or the ones ticked on the NCB page."""
    user = signed_in(request)
    if not permissions.works_for_an_ncb(user):
        raise PermissionDenied
    form = EndorseForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("selected", []):
            messages.error(request, str(error))
        return redirect(_next_or_ncb(request))
    nominations = selectors.endorsable(user, form.cleaned_data["selected"])
    count = services.endorse_nominations(nominations=nominations, by=user)
    if count:
        messages.success(
            request,
            ngettext("%(count)s nomination endorsed.", "%(count)s nominations endorsed.", count)
            % {"count": count},
        )
    else:
        messages.error(
            request, _("Nothing was endorsed: the nominations selected no longer wait for endorsement.")
        )
    return redirect(_next_or_ncb(request))
