from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cadre.instructors import services as instructors_services
from cadre.portal.services import DEMO_TOTP_SECRET, ensure_demo_totp, load_demo_data
from cadre.training_sessions.services.demo import load_demo_sessions


class Command(BaseCommand):
    help = "Load demonstration agencies, institutions and one account per role. Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--password",
            default="cadre-demo-2026",
            help="Password given to demo accounts when they are first created.",
        )

    def handle(self, *args: Any, password: str, **options: Any) -> None:
        accounts = load_demo_data(password=password)
        # After the courses and the people: instructors, their certifications and candidacies.
        instructors = instructors_services.load_demo_instructors()
        # After the instructors, whose bookings and deliveries the sessions are built around.
        sessions = load_demo_sessions(password=password)
        for person in sessions.ncb_people:
            ensure_demo_totp(person)
        created = sum(account.created for account in accounts)
        self.stdout.write(f"Demo accounts ({created} new), password for new ones: {password}")
        self.stdout.write(
            f"Accounts marked [TOTP] also ask for a code from an authenticator app: add the secret "
            f"{DEMO_TOTP_SECRET} by hand (time-based, 6 digits)."
        )
        self.stdout.write(f"Demo instructors: {instructors} new.")
        self.stdout.write(
            f"Demo sessions: {sessions.sessions} new; NCB focal points of {len(sessions.focal_points)} more"
            f" countries and heads of NCB of {len(sessions.heads)} (e.g. ngozi.adeyemi@ncb.ng.example, [TOTP])."
        )
        width = max(len(account.email) for account in accounts)
        for account in accounts:
            mark = "[TOTP]" if account.totp else "      "
            self.stdout.write(f"  {account.email.ljust(width)}  {mark}  {account.roles}")
