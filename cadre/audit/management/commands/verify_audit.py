from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cadre.audit.verification import verify_chain


class Command(BaseCommand):
    help = "Prove the audit trail's hash chain, or name the first entry that breaks it."

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        broken = report.first_broken
        if broken is not None:
            raise CommandError(
                f"Audit entry #{broken.pk} ({broken.action}, {broken.occurred_at:%Y-%m-%d %H:%M:%S}) "
                f"is broken: {report.reason}. {report.verified} entries before it are intact."
            )
        self.stdout.write(self.style.SUCCESS(f"Audit trail intact: {report.verified} entries verified."))
