"""Proving the chain: every entry's hash matches its content and links to the one before."""

from dataclasses import dataclass

from cadre.audit.models import AuditEntry
from cadre.audit.selectors import chain_in_order

GENESIS = "0" * 64


@dataclass(frozen=True)
class ChainReport:
    verified: int
    first_broken: AuditEntry | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.first_broken is None


def verify_chain() -> ChainReport:
    expected_previous = GENESIS
    verified = 0
    for entry in chain_in_order():
        if entry.previous_hash != expected_previous:
            return ChainReport(verified, entry, "it does not follow the entry before it")
        if entry.compute_hash() != entry.entry_hash:
            return ChainReport(verified, entry, "its content does not match its hash")
        expected_previous = entry.entry_hash
        verified += 1
    return ChainReport(verified)
