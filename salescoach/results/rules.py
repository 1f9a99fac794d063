"""Who may see or change results: the row "targets, pipeline, results" of the
visibility matrix, as named functions.

| about seller S | S | S's coach                 | S's manager | manager's superior | programme owner | others |
|----------------|---|---------------------------|-------------|--------------------|-----------------|--------|
| results        | r | agreed indicators only    | rw          | r                  | r               | 404    |

"S's manager" is the manager of S's team or the person S reports to. A coach never
sees deals; they see only the indicators their coachees' triad agreements name (see
``coach_agreed_indicators``).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import Q

from salescoach.organisations.models import Membership, Team
from salescoach.privacy.rules import is_programme_owner

# The result indicators a triad agreement can name (product rule 4), and that a coach
# may then see for that coachee.
INDICATORS = (
    "attainment",
    "won_amount",
    "won_count",
    "win_rate",
    "average_deal_size",
    "cycle_days",
    "forecast",
    "coverage",
)


def _none() -> Q:
    return Q(pk__in=[])


def managed_members_q(viewer: Membership) -> Q:
    """People whose results the viewer may change: those in a team they manage and those
    who report to them."""
    if not viewer.is_active:
        return _none()
    return (
        Q(organisation_id=viewer.organisation_id)
        & (Q(team__manager_id=viewer.pk) | Q(reports_to_id=viewer.pk))
        & ~Q(pk=viewer.pk)
    )


def guided_members_q(viewer: Membership) -> Q:
    """People whose manager reports to the viewer (the manager's superior reads)."""
    if not viewer.is_active:
        return _none()
    return Q(organisation_id=viewer.organisation_id) & (
        Q(team__manager__reports_to_id=viewer.pk) | Q(reports_to__reports_to_id=viewer.pk)
    )


def readable_members_q(viewer: Membership) -> Q:
    """People whose targets, deals and figures the viewer may read."""
    if not viewer.is_active:
        return _none()
    if is_programme_owner(viewer):
        return Q(organisation_id=viewer.organisation_id)
    return Q(pk=viewer.pk) | managed_members_q(viewer) | guided_members_q(viewer)


def readable_teams_q(viewer: Membership) -> Q:
    """Teams whose dashboard the viewer may open: all for the programme owner, the teams
    they manage, and the teams of managers who report to them."""
    scope = Q(organisation_id=viewer.organisation_id)
    if not viewer.is_active:
        return _none()
    if is_programme_owner(viewer):
        return scope
    return scope & (Q(manager_id=viewer.pk) | Q(manager__reports_to_id=viewer.pk))


def can_read_member_results(viewer: Membership, member: Membership) -> bool:
    return Membership.objects.filter(readable_members_q(viewer), pk=member.pk).exists()


def can_write_member_results(viewer: Membership, member: Membership) -> bool:
    return Membership.objects.filter(managed_members_q(viewer), pk=member.pk).exists()


def importable_members_q(viewer: Membership) -> Q:
    """Whose deals and targets an import by the viewer may bring in.

    An import mirrors the organisation's CRM, the system of record; it does not author
    anyone's results. So the programme owner, who looks after the organisation's data
    set-up, may import the CRM export of the whole organisation; a manager imports for
    the people they manage. Changing figures by hand stays with the manager
    (can_write_member_results)."""
    if not viewer.is_active:
        return _none()
    if is_programme_owner(viewer):
        return Q(organisation_id=viewer.organisation_id)
    return managed_members_q(viewer)


def can_import_results(viewer: Membership) -> bool:
    return viewer.is_active and (
        is_programme_owner(viewer) or Membership.objects.filter(managed_members_q(viewer)).exists()
    )


def can_configure_funnel(viewer: Membership) -> bool:
    """The funnel is the organisation's: its programme owner sets it up, and the managers
    who import into it may map their CRM's stage names and adjust it."""
    return viewer.is_active and (is_programme_owner(viewer) or can_import_results(viewer))


def can_view_results(viewer: Membership) -> bool:
    """Whether the Results section is worth showing: the viewer has figures of their own
    or someone else's to read, or coachees."""
    return viewer.is_active


def can_view_team_results(viewer: Membership, team: Team) -> bool:
    return Team.objects.filter(readable_teams_q(viewer), pk=team.pk).exists()


def coach_agreed_indicators(viewer: Membership) -> Mapping[int, frozenset[str]]:
    """For a coach: their coachees (membership ids) and the result indicators each
    coachee's triad agreement says the coach may see.

    This is the single place where coaching plugs into results; ``selectors.coach_results``
    and the coachees page and API read nothing else. Default deny: it returns no
    indicators, so a coach sees no results at all, until agreements name them.

    The triad agreements exist now (``salescoach.coaching``), but say the result to reach
    only in words (``TriadAgreement.result_to_reach``): nothing a program can read as
    "the coach may see the win rate". Once the agreement carries the indicators its three
    parties chose and confirmed (a list of names from ``INDICATORS``), this becomes: for
    each active ``CoachingRelationship`` with ``coach=viewer``, the latest version of its
    agreement that has ``confirmed_at`` set, mapped coachee id -> those names.
    """
    return {}
