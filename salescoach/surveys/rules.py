"""Who may run pulse surveys, answer them and see their results.

Matrix row "pulse-survey answer": the respondent sees that they took part (never
answers linked to them: there are none); the manager, the manager's superior and the
programme owner see aggregates at the threshold only; nobody else sees anything.
"""

from __future__ import annotations

from django.db.models import Q

from salescoach.organisations.models import Membership, MembershipStatus, Role
from salescoach.privacy.rules import is_programme_owner
from salescoach.surveys.models import SurveyRun


def can_manage_templates(viewer: Membership) -> bool:
    return is_programme_owner(viewer)


def can_run_surveys(viewer: Membership) -> bool:
    """Start a survey for a group: the programme owner, or a manager for their own people."""
    return is_programme_owner(viewer) or (viewer.is_active and viewer.has_role(Role.SALES_MANAGER))


def visible_templates_q(viewer: Membership) -> Q:
    return Q(organisation__isnull=True) | Q(organisation_id=viewer.organisation_id)


def surveyable_teams_q(viewer: Membership) -> Q:
    scope = Q(organisation_id=viewer.organisation_id)
    if is_programme_owner(viewer):
        return scope
    if can_run_surveys(viewer):
        return scope & Q(manager_id=viewer.pk)
    return scope & Q(pk__in=[])


def surveyable_members_q(viewer: Membership) -> Q:
    """People the viewer may invite by name: anyone active (owner) or the people they lead."""
    scope = Q(organisation_id=viewer.organisation_id, status=MembershipStatus.ACTIVE) & ~Q(pk=viewer.pk)
    if is_programme_owner(viewer):
        return scope
    if can_run_surveys(viewer):
        return scope & (Q(reports_to_id=viewer.pk) | Q(team__manager_id=viewer.pk))
    return scope & Q(pk__in=[])


def visible_runs_q(viewer: Membership) -> Q:
    """Runs whose progress and aggregated results the viewer may see."""
    scope = Q(organisation_id=viewer.organisation_id)
    if not viewer.is_active:
        return scope & Q(pk__in=[])
    if is_programme_owner(viewer):
        return scope
    return scope & (
        Q(team__manager_id=viewer.pk)  # the team's manager
        | Q(team__manager__reports_to_id=viewer.pk)  # their superior
        | Q(created_by_id=viewer.pk)  # who started it
        | Q(created_by__reports_to_id=viewer.pk)  # the superior of who started it
    )


def invited_runs_q(viewer: Membership) -> Q:
    """Runs the viewer was invited to answer."""
    return Q(organisation_id=viewer.organisation_id, invitations__membership_id=viewer.pk)


def can_close_run(viewer: Membership, run: SurveyRun) -> bool:
    if run.organisation_id != viewer.organisation_id or not viewer.is_active:
        return False
    return (
        is_programme_owner(viewer)
        or run.created_by_id == viewer.pk
        or (run.team is not None and run.team.manager_id == viewer.pk)
    )
