"""The one gate for objects fetched by an id from a URL or an API call.

Every ``access_*`` function is scoped to the viewer's organisation and to what the
viewer may see. Anything else -- another organisation's object, one the viewer may
not see, one that does not exist -- raises the same ``Http404``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from salescoach.insights.rules import TEAM_INSIGHTS_DENIED, can_view_team_insights
from salescoach.organisations import selectors
from salescoach.organisations.models import Invitation, Membership, MembershipStatus, Team

if TYPE_CHECKING:
    from salescoach.accounts.models import User
    from salescoach.craft.models import Intake
    from salescoach.imports.models import ImportJob
    from salescoach.results.models import ColumnMapping, ExchangeRate, FunnelStage, Opportunity, StageAlias

M = TypeVar("M", bound=Model)


def get_or_404(qs: QuerySet[M], object_id: Any) -> M:
    """Fetch one object from an already scoped queryset, or raise Http404."""
    try:
        return qs.get(pk=int(object_id))
    except (ObjectDoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


def access_membership_of_user(*, user: User, organisation_slug: str) -> Membership:
    """The user's own active membership in an organisation, or 404."""
    if not user.is_authenticated:
        raise Http404
    try:
        return (
            Membership.objects.select_related("organisation", "user", "team")
            .prefetch_related("role_assignments")
            .select_related("reports_to__user", "team__manager__user")
            .get(
                user=user,
                organisation__slug=organisation_slug,
                status=MembershipStatus.ACTIVE,
            )
        )
    except Membership.DoesNotExist:
        raise Http404 from None


def access_team(*, viewer: Membership, team_id: Any) -> Team:
    return get_or_404(selectors.team_list(viewer=viewer), team_id)


def access_member(*, viewer: Membership, member_id: Any) -> Membership:
    return get_or_404(selectors.member_list(viewer=viewer), member_id)


def access_invitation(*, viewer: Membership, invitation_id: Any) -> Invitation:
    return get_or_404(selectors.invitation_list(viewer=viewer), invitation_id)


def access_import_job(*, viewer: Membership, job_id: Any) -> ImportJob:
    from salescoach.imports.selectors import import_job_list

    return get_or_404(import_job_list(viewer=viewer), job_id)


def access_team_insights(*, viewer: Membership, team_id: Any) -> Team:
    """A team whose aggregates the viewer may see: 404 for a team they cannot see at all,
    PermissionDenied for their own team when its aggregates are not theirs to see."""
    team = access_team(viewer=viewer, team_id=team_id)
    if not can_view_team_insights(viewer, team):
        raise PermissionDenied(TEAM_INSIGHTS_DENIED)
    return team


def access_intake(*, viewer: Membership, intake_id: Any) -> Intake:
    """An intake its coachee (or, once coaching relationships exist, their coach) may see."""
    from salescoach.craft.models import Intake
    from salescoach.privacy.rules import can_view_intake_of

    intake = get_or_404(
        Intake.objects.filter(organisation_id=viewer.organisation_id).select_related(
            "coachee__user", "baseline"
        ),
        intake_id,
    )
    if not can_view_intake_of(viewer, intake.coachee):
        raise Http404
    return intake


# --- results (see salescoach/results/rules.py) ---------------------------------------------


def access_results_team(*, viewer: Membership, team_id: Any) -> Team:
    """A team whose results dashboard the viewer may open."""
    from salescoach.results.selectors import results_team_list

    return get_or_404(results_team_list(viewer=viewer), team_id)


def access_results_member(*, viewer: Membership, member_id: Any) -> Membership:
    """A person whose targets, deals and figures the viewer may read."""
    from salescoach.results.selectors import results_member_list

    return get_or_404(results_member_list(viewer=viewer), member_id)


def access_opportunity(*, viewer: Membership, opportunity_id: Any) -> Opportunity:
    from salescoach.results.selectors import opportunity_list

    return get_or_404(opportunity_list(viewer=viewer), opportunity_id)


def _results_setup(viewer: Membership, model: type[M]) -> QuerySet[M]:
    from salescoach.results.rules import can_configure_funnel

    if not can_configure_funnel(viewer):
        return model._default_manager.none()
    return model._default_manager.filter(organisation_id=viewer.organisation_id)


def access_funnel_stage(*, viewer: Membership, stage_id: Any) -> FunnelStage:
    from salescoach.results.models import FunnelStage

    return get_or_404(_results_setup(viewer, FunnelStage), stage_id)


def access_stage_alias(*, viewer: Membership, alias_id: Any) -> StageAlias:
    from salescoach.results.models import StageAlias

    return get_or_404(_results_setup(viewer, StageAlias), alias_id)


def access_exchange_rate(*, viewer: Membership, rate_id: Any) -> ExchangeRate:
    from salescoach.results.models import ExchangeRate

    return get_or_404(_results_setup(viewer, ExchangeRate), rate_id)


def access_column_mapping(*, viewer: Membership, mapping_id: Any) -> ColumnMapping:
    from salescoach.results.models import ColumnMapping
    from salescoach.results.rules import can_import_results

    if not can_import_results(viewer):
        raise Http404
    return get_or_404(ColumnMapping.objects.filter(organisation_id=viewer.organisation_id), mapping_id)
