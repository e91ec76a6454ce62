from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from cadre.accounts import services as accounts_services
from cadre.assessments import services as assessments_services
from cadre.directory import services as directory_services
from cadre.instructors import services as instructors_services
from cadre.privacy import services as privacy_services
from cadre.standards import services as standards_services


class Command(BaseCommand):
    help = "Load the reference data (countries, offices, taxonomy, roles, register of processing). Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--refresh",
            action="store_true",
            help="Overwrite rows that exist with the shipped values (undoes edits made in the admin).",
        )

    def handle(self, *args: Any, refresh: bool, **options: Any) -> None:
        report = directory_services.load_reference_data(refresh=refresh)
        roles = accounts_services.load_roles(refresh=refresh)
        activities = privacy_services.load_processing_activities(refresh=refresh)
        pathway = instructors_services.load_pathway(refresh=refresh)
        standards = standards_services.load_standards(refresh=refresh)
        questionnaires = assessments_services.load_questionnaires(refresh=refresh)
        for name, count in sorted(report.created.items()):
            self.stdout.write(f"created {count} {name}")
        for name, count in sorted(report.updated.items()):
            self.stdout.write(f"refreshed {count} {name}")
        self.stdout.write(f"created {roles} roles")
        self.stdout.write(f"created {activities} processing activities")
        self.stdout.write(f"created {pathway} instructor levels, pathway stages and rubric rows")
        self.stdout.write(f"created {standards} rows of the Guide to Effective Training and its directives")
        self.stdout.write(f"created {questionnaires} evaluation questionnaires and questions")
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
