"""Print precision, recall and F1 of the ask-don't-tell analyser per label and language."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from salescoach.craft.evaluation import SPLITS, evaluate, format_report, load


class Command(BaseCommand):
    help = (
        "Measure the analyser on the labelled evaluation set (salescoach/craft/data/evaluation.tsv): "
        "precision, recall and F1 per label and language, for each split and for the whole set."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--split", choices=[*SPLITS, "all"], help="Only this part of the set.")
        parser.add_argument("--errors", action="store_true", help="List the sentences labelled wrongly.")
        parser.add_argument(
            "--check", action="store_true", help="Fail when a target (F1 >= 0.90) is missed on the whole set."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        rows = load()
        splits = [options["split"]] if options["split"] else [*SPLITS, "all"]
        reports = {}
        for split in splits:
            report = evaluate(rows, split)
            reports[split] = report
            self.stdout.write(format_report(report, show_errors=options["errors"]))
            self.stdout.write("")
        if options["check"]:
            report = reports.get("all") or evaluate(rows, "all")
            if not report.meets_targets():
                raise CommandError(
                    "The analyser misses a target: F1 >= 0.90 for directive and open_question."
                )
            self.stdout.write(self.style.SUCCESS("All targets met."))
