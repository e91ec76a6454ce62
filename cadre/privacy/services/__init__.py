"""Every write about personal data. Other apps import from here
(`from cadre.privacy.services import anonymise_person`)."""

from cadre.privacy.services.anonymisation import anonymise_person
from cadre.privacy.services.demo import ensure_demo_data_request, ensure_demo_inactivity_flag
from cadre.privacy.services.inactivity import (
    anonymise_approved_accounts,
    approve_anonymisation,
    close_returned_reviews,
    flag_inactive_accounts,
    keep_account,
)
from cadre.privacy.services.register import load_processing_activities
from cadre.privacy.services.requests import (
    complete_data_request,
    refuse_data_request,
    submit_data_request,
)

__all__ = [
    "anonymise_approved_accounts",
    "anonymise_person",
    "approve_anonymisation",
    "close_returned_reviews",
    "complete_data_request",
    "ensure_demo_data_request",
    "ensure_demo_inactivity_flag",
    "flag_inactive_accounts",
    "keep_account",
    "load_processing_activities",
    "refuse_data_request",
    "submit_data_request",
]
