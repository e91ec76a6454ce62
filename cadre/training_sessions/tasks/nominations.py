"""E-mails about nominations, each in its recipient's language."""

from collections import defaultdict
from smtplib import SMTPException
from typing import Any
from urllib.parse import urlencode

from celery import shared_task
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.urls import reverse

from cadre.accounts.models import User
from cadre.directory.models import Country
from cadre.lib.mail import send_in_language
from cadre.training_sessions.models import Nomination

RETRY: dict[str, Any] = {"autoretry_for": (SMTPException, OSError), "retry_backoff": True, "max_retries": 5}
NCB_HEAD = "ncb-head"


def link(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def heads_of(country: Country) -> QuerySet[User]:
    """The heads of NCB of the country (holding the role for that country itself)."""
    return User.objects.filter(
        is_active=True,
        role_assignments__role__code=NCB_HEAD,
        role_assignments__scope_type=ContentType.objects.get_for_model(Country),
        role_assignments__scope_id=country.pk,
    ).distinct()


@shared_task(**RETRY)
def notify_endorsement_waiting(nomination_ids: list[int]) -> int:
    """Tell the heads of NCB of the nominees' countries that nominations wait for their
    endorsement: one e-mail per head, listing those still waiting."""
    waiting = (
        Nomination.objects.filter(pk__in=nomination_ids, status=Nomination.Status.NOMINATED)
        .select_related("person", "country", "session__course", "session__venue")
        .order_by("session__starts_on", "person__family_name")
    )
    by_country: dict[Country, list[Nomination]] = defaultdict(list)
    for nomination in waiting:
        by_country[nomination.country].append(nomination)
    sent = 0
    for country, nominations in by_country.items():
        query = urlencode({"country": country.iso2, "status": Nomination.Status.NOMINATED})
        context = {
            "country": country,
            "nominations": nominations,
            "link": link(f"{reverse('training_sessions:ncb')}?{query}"),
        }
        for head in heads_of(country):
            sent += send_in_language(
                to=head.email,
                language=head.preferred_language,
                template="training_sessions/email/nomination_endorsement",
                context={**context, "name": head.get_short_name()},
            )
    return sent
