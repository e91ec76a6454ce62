from smtplib import SMTPException

from celery import shared_task

from cadre.accounts.models import RoleAssignment
from cadre.lib.mail import send_in_language


@shared_task(autoretry_for=(SMTPException, OSError), retry_backoff=True, max_retries=5)
def notify_role_granted(assignment_id: int) -> int:
    """Tell a person, in their language, about a role they were given.

    Returns how many messages were sent: none when the assignment was withdrawn meanwhile.
    """
    assignment = (
        RoleAssignment.objects.filter(pk=assignment_id, user__is_active=True)
        .select_related("user", "role")
        .first()
    )
    if assignment is None:
        return 0
    return send_in_language(
        to=assignment.user.email,
        language=assignment.user.preferred_language,
        template="accounts/email/role_granted",
        context={"person": assignment.user, "assignment": assignment},
    )


@shared_task
def end_sessions(person_id: int) -> int:
    """Sign the person out everywhere: end every session allauth recorded at their sign-ins."""
    from allauth.usersessions.models import UserSession

    sessions = list(UserSession.objects.filter(user_id=person_id))
    for session in sessions:
        session.end()
    return len(sessions)
