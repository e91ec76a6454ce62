"""Writing to the audit trail. Call `record` inside the transaction that makes the change."""

import ipaddress
import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from cadre.accounts.models import User
from cadre.audit.models import AuditEntry, ChainHead
from cadre.directory.models import Country
from cadre.lib.context import client_ip

Changes = Mapping[str, tuple[Any, Any]]


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The values of `fields` on `obj`, to compare before and after a change."""
    return {name: _plain(getattr(obj, name)) for name in fields}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {name: (before.get(name), value) for name, value in after.items() if before.get(name) != value}


def record(
    *,
    actor: User | None,
    action: str,
    target: models.Model,
    changes: Changes | None = None,
    country: Country | None = None,
) -> AuditEntry:
    """Append an entry to the chain. Must run inside the transaction that makes the change."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Audit entries are written in the transaction of the change they record.")
    head = _locked_head()
    entry = AuditEntry(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
        target_label=str(target)[:255],
        country=country,
        changes=_as_stored({name: list(pair) for name, pair in (changes or {}).items()}),
        ip_address=_normalised_ip(client_ip()),
        previous_hash=head.last_hash,
    )
    entry.entry_hash = entry.compute_hash()
    entry.save()
    head.last_hash = entry.entry_hash
    head.save(update_fields=["last_hash"])
    return entry


def _locked_head() -> ChainHead:
    head, _created = ChainHead.objects.select_for_update().get_or_create(pk=1)
    return head


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    return value


def _as_stored(changes: dict[str, Any]) -> dict[str, Any]:
    """The changes as they will read back from the database, so the hash stays the same."""
    loaded: dict[str, Any] = json.loads(json.dumps(changes, cls=DjangoJSONEncoder))
    return loaded


def _normalised_ip(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return ipaddress.ip_address(value).compressed
    except ValueError:
        return None
