"""Every write about vetting. Other apps import from here (`from cadre.vetting.services import
admit_person`)."""

from cadre.vetting.services.admission import admit_person
from cadre.vetting.services.decisions import (
    BulkOutcome,
    approve_request,
    ask_for_information,
    decide_in_bulk,
    reconfirm_access,
    reinstate_access,
    reject_request,
    revoke_access,
    suspend_access,
)
from cadre.vetting.services.demo import ensure_demo_request
from cadre.vetting.services.invitations import (
    add_domain_rule,
    invite_person,
    issue_code,
    remove_domain_rule,
    revoke_code,
    withdraw_invitation,
)
from cadre.vetting.services.lifecycle import lapse_ended_access, remind_of_ending_access
from cadre.vetting.services.registration import AgencyProposal, register_person, update_own_request

__all__ = [
    "AgencyProposal",
    "BulkOutcome",
    "add_domain_rule",
    "admit_person",
    "approve_request",
    "ask_for_information",
    "decide_in_bulk",
    "ensure_demo_request",
    "invite_person",
    "issue_code",
    "lapse_ended_access",
    "reconfirm_access",
    "register_person",
    "reinstate_access",
    "reject_request",
    "remind_of_ending_access",
    "remove_domain_rule",
    "revoke_access",
    "revoke_code",
    "suspend_access",
    "update_own_request",
    "withdraw_invitation",
]
