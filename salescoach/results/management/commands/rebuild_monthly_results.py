"""Rebuild the monthly summary of the deals (``results.MonthlyResult``) from the deals.

The summary is kept in step by the imports and the results services; this command is
for operators, after deals were written some other way (a restore of the deals table, a
script) or to check that nothing drifted:

    .venv/bin/python manage.py rebuild_monthly_results
    .venv/bin/python manage.py rebuild_monthly_results --organisation noordwind

Each organisation is rebuilt in a transaction of its own, so the others stay readable
and a failure leaves the organisations before it done.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from salescoach.organisations.models import Organisation
from salescoach.results.models import MonthlyResult
from salescoach.results.rollup import refresh_monthly_results


class Command(BaseCommand):
    help = "Rebuild the monthly summary of every organisation's deals (or one organisation's) from the deals."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", help="Only this organisation (its id or slug).")

    def handle(self, *args: Any, **options: Any) -> None:
        organisations = Organisation.objects.order_by("pk")
        chosen = options["organisation"]
        if chosen:
            # A slug first: a slug may be all digits, an id always is.
            organisations = Organisation.objects.filter(slug=chosen)
            if not organisations.exists() and chosen.isdigit():
                organisations = Organisation.objects.filter(pk=int(chosen))
            if not organisations.exists():
                raise CommandError(f"No organisation with id or slug {chosen}.")
        total = 0
        for organisation_id, slug in organisations.values_list("pk", "slug"):
            with transaction.atomic():
                refresh_monthly_results(organisation_id=organisation_id)
                rows = MonthlyResult.objects.filter(organisation_id=organisation_id).count()
            total += rows
            self.stdout.write(f"{slug} (id {organisation_id}): {rows} row(s)")
        self.stdout.write(f"Rebuilt {total} row(s).")
