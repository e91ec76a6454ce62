"""People's requests to the data protection officer, and the officer's decisions on them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cadre.accounts.models import User
from cadre.audit import services as audit
from cadre.privacy import permissions, tasks
from cadre.privacy.models import DataRequest
from cadre.privacy.services.anonymisation import anonymise_person

Status = DataRequest.Status
Kind = DataRequest.Kind


def _required(text: str, message: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError(message)
    return text


@transaction.atomic
def submit_data_request(*, person: User, kind: str, reason: str) -> DataRequest:
    """Send a request to the data protection officer; one open request of each kind at a time."""
    if kind not in Kind.values:
        raise ValidationError(_("Choose whether you ask for a correction or for erasure."))
    reason = _required(reason, _("Say what is wrong, or why you ask for erasure: the officer will read it."))
    if DataRequest.objects.filter(person=person, kind=kind, status=Status.OPEN).exists():
        raise ValidationError(_("You already have an open request of this kind. Wait for its answer."))
    data_request = DataRequest.objects.create(person=person, kind=kind, reason=reason)
    audit.record(
        actor=person,
        action="privacy.request_submitted",
        target=person,
        changes={"kind": (None, kind), "request": (None, data_request.pk)},
        country=person.country,
    )
    return data_request


def _locked(data_request: DataRequest) -> DataRequest:
    return (
        DataRequest.objects.select_for_update(of=("self",)).select_related("person").get(pk=data_request.pk)
    )


def _decide(data_request: DataRequest, *, by: User, status: str, response: str) -> DataRequest:
    data_request = _locked(data_request)
    if not permissions.can_decide_data_request(by, data_request):
        raise ValidationError(_("This request was decided meanwhile. Look at it again."))
    address = data_request.person.email  # before an erasure replaces it
    data_request.status = status
    data_request.response = response
    data_request.decided_by = by
    data_request.decided_at = timezone.now()
    data_request.save(update_fields=["status", "response", "decided_by", "decided_at"])
    if status == Status.COMPLETED and data_request.kind == Kind.ERASURE:
        anonymise_person(person=data_request.person, by=by, through="erasure request")
        data_request.person.refresh_from_db()
    audit.record(
        actor=by,
        action=f"privacy.request_{status}",
        target=data_request.person,
        changes={"status": (Status.OPEN, status), "request": (None, data_request.pk)},
        country=data_request.person.country,
    )
    pk = data_request.pk
    transaction.on_commit(lambda: tasks.notify_data_request.delay(pk, address))
    return data_request


@transaction.atomic
def complete_data_request(*, data_request: DataRequest, by: User, response: str) -> DataRequest:
    """Done as asked: for erasure, the person is anonymised in the same transaction."""
    response = _required(response, _("Write a response: the person will read it."))
    return _decide(data_request, by=by, status=Status.COMPLETED, response=response)


@transaction.atomic
def refuse_data_request(*, data_request: DataRequest, by: User, response: str) -> DataRequest:
    response = _required(response, _("Write a response: the person will read it."))
    return _decide(data_request, by=by, status=Status.REFUSED, response=response)
