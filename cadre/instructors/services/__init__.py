"""Every write about instructors: keyword-only, atomic, authorised, audited.

profiles        create_instructor_profile, update_instructor_profile, add_availability, remove_availability
pathway         start_candidacy, assign_assessors, withdraw_candidacy, submit_stage_evidence,
                confirm_stage, record_observation
certifications  certify, suspend_certification, reinstate_certification, revoke_certification,
                renew_certification, renewal_blockers, expire_lapsed_certifications, remind_of_expiry
assignments     assign_instructor (the rule, and the administrator's override), cancel_assignment,
                record_assignment_rating
reference       load_pathway
demo            load_demo_instructors
"""

from cadre.instructors.services._common import add_months, new_certification_code, normalised_code
from cadre.instructors.services.assignments import (
    assign_instructor,
    cancel_assignment,
    record_assignment_rating,
)
from cadre.instructors.services.certifications import (
    certify,
    expire_lapsed_certifications,
    reinstate_certification,
    remind_of_expiry,
    renew_certification,
    renewal_blockers,
    revoke_certification,
    suspend_certification,
)
from cadre.instructors.services.demo import load_demo_instructors
from cadre.instructors.services.pathway import (
    assign_assessors,
    confirm_stage,
    record_observation,
    start_candidacy,
    submit_stage_evidence,
    withdraw_candidacy,
)
from cadre.instructors.services.profiles import (
    add_availability,
    create_instructor_profile,
    remove_availability,
    update_instructor_profile,
)
from cadre.instructors.services.reference import load_pathway

__all__ = [
    "add_availability",
    "add_months",
    "assign_assessors",
    "assign_instructor",
    "cancel_assignment",
    "certify",
    "confirm_stage",
    "create_instructor_profile",
    "expire_lapsed_certifications",
    "load_demo_instructors",
    "load_pathway",
    "new_certification_code",
    "normalised_code",
    "record_assignment_rating",
    "record_observation",
    "reinstate_certification",
    "remind_of_expiry",
    "remove_availability",
    "renew_certification",
    "renewal_blockers",
    "revoke_certification",
    "start_candidacy",
    "submit_stage_evidence",
    "suspend_certification",
    "update_instructor_profile",
    "withdraw_candidacy",
]
