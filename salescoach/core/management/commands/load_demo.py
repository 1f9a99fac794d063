"""Build the demo organisations. Idempotent; refuses in production unless told explicitly."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.module_loading import import_string

# Each app that has demo data adds its loader here; they run in this order.
DEMO_LOADERS = [
    "salescoach.organisations.demo.load",
    "salescoach.craft.demo.load",
    "salescoach.coaching.demo.load",
    "salescoach.evaluations.demo.load",
    "salescoach.surveys.demo.load",
    "salescoach.results.demo.load",
    "salescoach.programmes.demo.load",
]


class Command(BaseCommand):
    help = "Load the demo organisations Noordwind and Zuidwest (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load the demo even though DEBUG is off. Creates logins with a published password.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "Refusing to load demo data with DEBUG off: the demo logins have a published "
                "password. Use --allow-production if you really mean it."
            )
        with transaction.atomic():
            for path in DEMO_LOADERS:
                import_string(path)(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS("Demo data is loaded. Password for every demo login: salescoach-demo")
        )
