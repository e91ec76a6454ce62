"""Writes for certificates: issue, revoke, re-issue. Other apps import from here or from
`cadre.certificates.services.issuing`."""

from cadre.certificates.services.issuing import issue_certificate, new_code
from cadre.certificates.services.lifecycle import reissue_certificate, revoke_certificate

__all__ = ["issue_certificate", "new_code", "reissue_certificate", "revoke_certificate"]
