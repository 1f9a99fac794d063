"""The organisation's funnel: ordered stages with a default probability, and the CRM
stage names that map onto them.

Until an organisation changes it, the funnel is the default below, which already maps
the standard stage names of Salesforce (its default sales process) and of HubSpot (its
default deal pipeline, by label and by internal name), so that their exports import
without set-up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from salescoach.results.models import FunnelStage, StageAlias, StageKind
from salescoach.results.parsing import normalise_key


@dataclass(frozen=True)
class DefaultStage:
    name: Promise
    kind: str
    probability: int
    aliases: tuple[str, ...]


DEFAULT_STAGES: list[DefaultStage] = [
    DefaultStage(
        _("Prospect"),
        StageKind.OPEN,
        10,
        ("Prospecting", "Appointment Scheduled", "appointmentscheduled", "Lead", "New Lead", "Prospectie"),
    ),
    DefaultStage(
        _("Qualified"),
        StageKind.OPEN,
        20,
        (
            "Qualification",
            "Qualified To Buy",
            "qualifiedtobuy",
            "Needs Analysis",
            "Qualified",
            "Kwalificatie",
            "Gekwalificeerd",
        ),
    ),
    DefaultStage(
        _("Solution"),
        StageKind.OPEN,
        40,
        (
            "Value Proposition",
            "Id. Decision Makers",
            "Perception Analysis",
            "Presentation Scheduled",
            "presentationscheduled",
            "Decision Maker Bought-In",
            "decisionmakerboughtin",
            "Solution",
            "Oplossing",
        ),
    ),
    DefaultStage(
        pgettext_lazy("deal stage", "Proposal"),
        StageKind.OPEN,
        60,
        ("Proposal/Price Quote", "Proposal", "Offerte", "Voorstel"),
    ),
    DefaultStage(
        _("Negotiation"),
        StageKind.OPEN,
        80,
        ("Negotiation/Review", "Negotiation", "Contract Sent", "contractsent", "Onderhandeling"),
    ),
    DefaultStage(
        _("Won"), StageKind.WON, 100, ("Closed Won", "closedwon", "Won", "Gewonnen", "Gesloten gewonnen")
    ),
    DefaultStage(
        _("Lost"), StageKind.LOST, 0, ("Closed Lost", "closedlost", "Lost", "Verloren", "Gesloten verloren")
    ),
]


@dataclass(frozen=True)
class StageRef:
    id: int  # negative: a default stage not created yet (its position, -1 for the first)
    kind: str
    probability: int
    name: str


_PIPELINE_SUFFIX = re.compile(r"\s*\([^()]*\)\s*$")


def stage_key(name: str) -> str:
    return normalise_key(name)[:255]


class StageLookup:
    """Stage names (the funnel's own and the CRM names mapped onto it) to stages."""

    def __init__(self, organisation_id: int) -> None:
        stages = list(FunnelStage.objects.filter(organisation_id=organisation_id).order_by("position", "pk"))
        self.exists = bool(stages)
        self.by_key: dict[str, StageRef] = {}
        if stages:
            refs = {s.pk: StageRef(s.pk, s.kind, s.probability, s.name) for s in stages}
            for stage in stages:
                self.by_key.setdefault(stage_key(stage.name), refs[stage.pk])
            for key, stage_id in StageAlias.objects.filter(organisation_id=organisation_id).values_list(
                "key", "stage_id"
            ):
                self.by_key[key] = refs[stage_id]
        else:
            for position, default in enumerate(DEFAULT_STAGES, start=1):
                ref = StageRef(-position, default.kind, default.probability, str(default.name))
                for alias in (str(default.name), *default.aliases):
                    self.by_key.setdefault(stage_key(alias), ref)
        self._cache: dict[str, StageRef | None] = {}

    def find(self, name: str) -> StageRef | None:
        if name in self._cache:
            return self._cache[name]
        ref = self.by_key.get(stage_key(name))
        if ref is None:
            # HubSpot may add the pipeline: "Contract sent (Sales Pipeline)".
            bare = _PIPELINE_SUFFIX.sub("", name)
            if bare != name and bare:
                ref = self.by_key.get(stage_key(bare))
        self._cache[name] = ref
        return ref
