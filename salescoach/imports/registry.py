"""The kinds of import, each run by a function of the app that owns the data.

An importer is called as ``run(actor=..., upload=..., dry_run=..., progress=...)`` and
returns an ImportResult. It must write nothing when the file has any error, and write
everything in one transaction otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Protocol

from django.http import Http404
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from salescoach.privacy import rules
from salescoach.results import rules as results_rules

if TYPE_CHECKING:
    from salescoach.imports.models import ImportJob
    from salescoach.imports.results import ImportResult
    from salescoach.organisations.models import Membership


class ImporterFunction(Protocol):
    def __call__(
        self,
        *,
        actor: Membership,
        upload: IO[bytes],
        dry_run: bool,
        progress: Callable[[int], None] | None = None,
    ) -> ImportResult: ...


@dataclass(frozen=True)
class Importer:
    kind: str
    title: str | Promise
    help: str | Promise
    run_path: str
    template_path: str  # function returning (filename, rows) for the downloadable template
    allowed: Callable[[Membership], bool]
    done_url_name: str
    # Optional: a function (job) -> list of FollowUp, for steps that resolve the problems
    # of a checked file (match its columns, owners or stages) before checking it again.
    followups_path: str = ""

    @property
    def run(self) -> ImporterFunction:
        return import_string(self.run_path)

    def followups(self, job: ImportJob) -> list[FollowUp]:
        if not self.followups_path:
            return []
        return list(import_string(self.followups_path)(job))


@dataclass(frozen=True)
class FollowUp:
    """A step the person can take to resolve problems found in a checked file."""

    url: str
    label: str | Promise
    help: str | Promise = ""


IMPORTERS: dict[str, Importer] = {
    "members": Importer(
        kind="members",
        title=_("Import people"),
        help=_(
            "One row per person: e-mail, full name, team, roles and the e-mail of their "
            "manager. New people get an invitation by e-mail; people already here are updated."
        ),
        run_path="salescoach.organisations.imports.import_members",
        template_path="salescoach.organisations.imports.members_template",
        allowed=rules.can_manage_people,
        done_url_name="organisations:member-list",
    ),
    "opportunities": Importer(
        kind="opportunities",
        title=_("Import deals"),
        help=_(
            "A Salesforce report or data export, a HubSpot deals export or the SalesCoach template, "
            "with English or Dutch headings. Deals already here are updated by their CRM id."
        ),
        run_path="salescoach.results.imports.import_opportunities",
        template_path="salescoach.results.imports.opportunities_template",
        allowed=results_rules.can_import_results,
        done_url_name="results:dashboard",
        followups_path="salescoach.results.followups.import_followups",
    ),
    "targets": Importer(
        kind="targets",
        title=_("Import targets"),
        help=_(
            "One row per person and period: e-mail, period (2026-03 for a month, 2026-Q1 for a "
            "quarter), target amount and, if you like, a target number of won deals."
        ),
        run_path="salescoach.results.imports.import_targets",
        template_path="salescoach.results.imports.targets_template",
        allowed=results_rules.can_import_results,
        done_url_name="results:dashboard",
        followups_path="salescoach.results.followups.import_followups",
    ),
    "coaching-assignments": Importer(
        kind="coaching-assignments",
        title=_("Import coaching assignments"),
        help=_(
            "One row per coach and coachee: the coach's e-mail, the coachee's e-mail, the start date "
            "(earlier dates are fine, for history) and, if the coaching has ended, the end date. "
            "English or Dutch headings. Coaching already on record gets the dates of the file."
        ),
        run_path="salescoach.programmes.imports.import_coaching_assignments",
        template_path="salescoach.programmes.imports.coaching_assignments_template",
        allowed=rules.can_use_advisor,
        done_url_name="programmes:list",
    ),
}


def get_importer(kind: str, viewer: Membership) -> Importer:
    importer = IMPORTERS.get(kind)
    if importer is None or not importer.allowed(viewer):
        raise Http404
    return importer
