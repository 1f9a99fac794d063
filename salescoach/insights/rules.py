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
