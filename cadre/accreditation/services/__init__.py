"""Every write about accreditation. Other apps import from here (`from
cadre.accreditation.services import decide_case`)."""

from cadre.accreditation.services._common import normalised_code
from cadre.accreditation.services.cases import (
    apply_for_accreditation,
    assign_reviewer,
    open_case,
    remove_reviewer,
    submit_application,
    update_application,
    withdraw_case,
)
from cadre.accreditation.services.decisions import (
    decide_case,
    decision_problems,
    open_reaccreditation,
    revoke_certificate,
)
from cadre.accreditation.services.demo import load_demo_accreditation
from cadre.accreditation.services.lifecycle import expire_certificates, remind_of_conditions, remind_of_expiry
from cadre.accreditation.services.steps import (
    add_comment,
    add_evidence,
    criteria_of,
    delete_evidence,
    mark_step_reviewed,
    missing_findings,
    record_findings,
    return_step,
    submit_step,
)

__all__ = [
    "add_comment",
    "add_evidence",
    "apply_for_accreditation",
    "assign_reviewer",
    "criteria_of",
    "decide_case",
    "decision_problems",
    "delete_evidence",
    "expire_certificates",
    "load_demo_accreditation",
    "mark_step_reviewed",
    "missing_findings",
    "normalised_code",
    "open_case",
    "open_reaccreditation",
    "record_findings",
    "remind_of_conditions",
    "remind_of_expiry",
    "remove_reviewer",
    "return_step",
    "revoke_certificate",
    "submit_application",
    "submit_step",
    "update_application",
    "withdraw_case",
]
