"""Who may see and change coaching programmes and their evidence. Default deny.

A programme's health is for the programme owner, the team's manager and that manager's
own superior (who guides their coaching). Coaches and sellers do not see it: it is about
how the programme runs, and sellers see nothing about each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from salescoach.organisations.models import Membership, Role, Team
from salescoach.privacy.rules import is_programme_owner

if TYPE_CHECKING:
    from salescoach.programmes.models import Programme

# Kinds of evidence, as named in URLs and the API.
TRAINING = "training"
GUIDANCE = "guidance"
CAPACITY = "capacity"
ASSESSMENT = "assessment"
INCENTIVE = "incentive"
ACTIVITY = "activity"
ALIGNMENT = "alignment"
INTRODUCTION = "introduction"
EVIDENCE_KINDS = (TRAINING, GUIDANCE, CAPACITY, ASSESSMENT, INCENTIVE, ACTIVITY, ALIGNMENT, INTRODUCTION)


def visible_programmes_q(viewer: Membership) -> Q:
    scope = Q(organisation_id=viewer.organisation_id)
    if not viewer.is_active:
        return scope & Q(pk__in=[])
    if is_programme_owner(viewer):
        return scope
    return scope & (Q(team__manager_id=viewer.pk) | Q(team__manager__reports_to_id=viewer.pk))


def can_view_programmes(viewer: Membership) -> bool:
    """The programmes section: programme owners, and managers (of a team, or of managers)."""
    return viewer.is_active and viewer.has_role(Role.PROGRAMME_OWNER, Role.SALES_MANAGER)


def can_set_up_programme(viewer: Membership, team: Team) -> bool:
    """The programme owner for any team; a manager for the teams they manage."""
    if not viewer.is_active or team.organisation_id != viewer.organisation_id:
        return False
    return is_programme_owner(viewer) or team.manager_id == viewer.pk


def can_change_programme(viewer: Membership, programme: Programme) -> bool:
    return can_set_up_programme(viewer, programme.team)


def _is_superior(viewer: Membership, programme: Programme) -> bool:
    return programme.team.manager.reports_to_id == viewer.pk


def can_record_evidence(viewer: Membership, programme: Programme, kind: str) -> bool:
    """Who records which evidence:

    - the programme owner: everything;
    - the team's manager: everything except coach-the-coach (their superior's) and the
      incentive terms (payroll matters, the programme owner's);
    - the manager's superior: coach-the-coach, the manager's capacity, assessments.
    """
    if not viewer.is_active or programme.organisation_id != viewer.organisation_id:
        return False
    if is_programme_owner(viewer):
        return True
    if programme.team.manager_id == viewer.pk:
        return kind not in (GUIDANCE, INCENTIVE)
    if _is_superior(viewer, programme):
        return kind in (GUIDANCE, CAPACITY, ASSESSMENT)
    return False


def can_export_incentives(viewer: Membership) -> bool:
    return is_programme_owner(viewer)
