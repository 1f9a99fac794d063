"""Who may see Insights figures (imported by salescoach.privacy.access)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from salescoach.organisations.models import Membership, Team
from salescoach.privacy.rules import is_programme_owner

TEAM_INSIGHTS_DENIED = _("Team insights are for the programme owner, the team's manager and their superior.")


def can_view_team_insights(viewer: Membership, team: Team) -> bool:
    """Team aggregates (impact of coaching, indicators): the programme owner, the team's
    manager and that manager's own superior -- never sellers or coaches (the visibility
    matrix gives them no one else's results)."""
    if not viewer.is_active or team.organisation_id != viewer.organisation_id:
        return False
    if is_programme_owner(viewer):
        return True
    return viewer.pk in (team.manager_id, team.manager.reports_to_id)


def can_view_org_insights(viewer: Membership) -> bool:
    """The organisation's figures, by programme, coaching model, team and band."""
    return viewer.is_active and is_programme_owner(viewer)


def can_view_coach_effectiveness(viewer: Membership, coach: Membership) -> bool:
    """A coach's effectiveness: the coach and the programme owner only (it feeds the
    senior-seller bonus; a manager or colleague never sees it)."""
    if not viewer.is_active or coach.organisation_id != viewer.organisation_id:
        return False
    return viewer.pk == coach.pk or is_programme_owner(viewer)


def can_view_insights(viewer: Membership) -> bool:
    """The Insights section: everyone has a path of their own to look at."""
    return viewer.is_active
