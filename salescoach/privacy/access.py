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
from salescoach.organisations.models import Invitation, Membership, MembershipStatus, Organisation, Team
from salescoach.privacy.services import audit_denied, audit_refused_lookup, int_id_or_none

if TYPE_CHECKING:
    from salescoach.accounts.models import User
    from salescoach.coaching.models import (
        CoachingRelationship,
        CoachingSession,
        Commitment,
        CustomQuestion,
        Note,
        Observation,
        PlanItem,
        Proposal,
        TriadAgreement,
    )
    from salescoach.craft.models import Intake
    from salescoach.evaluations.models import Evaluation, EvaluationCycle
    from salescoach.imports.models import ImportJob
    from salescoach.programmes.models import Programme
    from salescoach.results.models import ColumnMapping, ExchangeRate, FunnelStage, Opportunity, StageAlias
    from salescoach.surveys.models import SurveyRun, SurveyTemplate

M = TypeVar("M", bound=Model)


def get_or_404(
    qs: QuerySet[M],
    object_id: Any,
    *,
    viewer: Membership | None = None,
    subject_field: str | None = None,
) -> M:
    """Fetch one object from an already scoped queryset, or raise Http404.

    With a ``viewer``, a refusal of an object that exists (another organisation's, or
    one outside the viewer's scope) is written to the audit log -- one extra statement,
    only on the 404 path, written after the response has gone out when in a request. The
    answer stays the same 404, in the same time. ``subject_field`` names the column that says whose data
    the object is (e.g. ``seller_id``), so that person can see the attempt.
    """
    pk = int_id_or_none(object_id)
    if pk is None:
        raise Http404
    try:
        return qs.get(pk=pk)
    except ObjectDoesNotExist:
        if viewer is not None:
            model = qs.model
            if subject_field and "__" in subject_field:
                # Through a relation (a note's relationship__coachee): the seller sees it.
                audit_refused_lookup(viewer=viewer, model=model, lookup_value=pk, subject_path=subject_field)
            else:
                subject_column = model._meta.get_field(subject_field).column if subject_field else None  # type: ignore[union-attr]
                audit_refused_lookup(
                    viewer=viewer, model=model, lookup_value=pk, subject_column=subject_column
                )
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
        # An organisation that exists but is not (or no longer) the user's: on record,
        # in that organisation's log.
        audit_refused_lookup(
            viewer=None,
            actor_user_id=user.pk,
            model=Organisation,
            lookup_column="slug",
            lookup_value=str(organisation_slug)[:60],
            organisation_column="id",
        )
        raise Http404 from None


def access_team(*, viewer: Membership, team_id: Any) -> Team:
    return get_or_404(selectors.team_list(viewer=viewer), team_id, viewer=viewer)


def access_member(*, viewer: Membership, member_id: Any) -> Membership:
    return get_or_404(selectors.member_list(viewer=viewer), member_id, viewer=viewer, subject_field="id")


def access_invitation(*, viewer: Membership, invitation_id: Any) -> Invitation:
    return get_or_404(
        selectors.invitation_list(viewer=viewer), invitation_id, viewer=viewer, subject_field="membership"
    )


def access_import_job(*, viewer: Membership, job_id: Any) -> ImportJob:
    from salescoach.imports.selectors import import_job_list

    return get_or_404(import_job_list(viewer=viewer), job_id, viewer=viewer)


def access_evaluation_cycle(*, viewer: Membership, cycle_id: Any) -> EvaluationCycle:
    from salescoach.evaluations.selectors import cycle_list

    return get_or_404(cycle_list(viewer=viewer), cycle_id, viewer=viewer)


def access_evaluation(*, viewer: Membership, evaluation_id: Any) -> Evaluation:
    from salescoach.evaluations.selectors import evaluation_list, with_content

    return get_or_404(
        with_content(evaluation_list(viewer=viewer)), evaluation_id, viewer=viewer, subject_field="seller"
    )


def access_survey_template(*, viewer: Membership, template_id: Any) -> SurveyTemplate:
    from salescoach.surveys.selectors import template_list

    return get_or_404(template_list(viewer=viewer), template_id, viewer=viewer)


def access_survey_run(*, viewer: Membership, run_id: Any) -> SurveyRun:
    """A run the viewer follows (its progress and aggregated results)."""
    from salescoach.surveys.selectors import run_list

    return get_or_404(run_list(viewer=viewer), run_id, viewer=viewer)


def access_survey_run_to_answer(*, viewer: Membership, run_id: Any) -> SurveyRun:
    """A run the viewer was invited to answer."""
    from salescoach.surveys.selectors import invited_run_list

    return get_or_404(invited_run_list(viewer=viewer), run_id, viewer=viewer)


def access_team_insights(*, viewer: Membership, team_id: Any) -> Team:
    """A team whose aggregates the viewer may see: 404 for a team they cannot see at all,
    PermissionDenied for their own team when its aggregates are not theirs to see."""
    team = access_team(viewer=viewer, team_id=team_id)
    if not can_view_team_insights(viewer, team):
        raise PermissionDenied(TEAM_INSIGHTS_DENIED)
    return team


def access_timeline_member(*, viewer: Membership, member_id: Any) -> Membership:
    """A seller whose own timeline the viewer may open: themselves, or a coachee of theirs."""
    from salescoach.insights.timeline import timeline_members_q

    qs = Membership.objects.filter(timeline_members_q(viewer)).select_related("user", "team")
    return get_or_404(qs, member_id, viewer=viewer, subject_field="id")


def access_effectiveness_coach(*, viewer: Membership, member_id: Any) -> Membership:
    """A coach whose effectiveness the viewer may see: themselves, or any coach of the
    organisation for its programme owner."""
    from django.db.models import Exists, OuterRef

    from salescoach.coaching.models import CoachingRelationship
    from salescoach.insights.rules import can_view_org_insights

    coaches = Membership.objects.filter(organisation_id=viewer.organisation_id).filter(
        Exists(CoachingRelationship.objects.filter(coach_id=OuterRef("pk")))
    )
    if not can_view_org_insights(viewer):
        coaches = coaches.filter(pk=viewer.pk)
    return get_or_404(coaches.select_related("user"), member_id, viewer=viewer)


def access_intake(*, viewer: Membership, intake_id: Any) -> Intake:
    """An intake its coachee (or, once coaching relationships exist, their coach) may see."""
    from salescoach.craft.models import Intake
    from salescoach.privacy.rules import can_view_intake_of

    intake = get_or_404(
        Intake.objects.filter(organisation_id=viewer.organisation_id).select_related(
            "coachee__user", "baseline"
        ),
        intake_id,
        viewer=viewer,
        subject_field="coachee",
    )
    if not can_view_intake_of(viewer, intake.coachee):
        audit_denied(actor=viewer, object_type="craft.intake", object_id=intake.pk, subject=intake.coachee)
        raise Http404
    return intake


def access_erasure_request(*, viewer: Membership, erasure_id: Any) -> Any:
    """An erasure request the viewer may see (programme owner: all of the organisation)."""
    from salescoach.privacy.erasure import erasure_requests

    return get_or_404(erasure_requests(viewer=viewer), erasure_id, viewer=viewer, subject_field="member")


# --- coaching: every object below is visible only as the privacy policy allows ------------


def access_relationship(*, viewer: Membership, relationship_id: Any) -> CoachingRelationship:
    from salescoach.coaching.selectors import relationship_list

    return get_or_404(
        relationship_list(viewer=viewer), relationship_id, viewer=viewer, subject_field="coachee"
    )


def access_agreement(*, viewer: Membership, agreement_id: Any) -> TriadAgreement:
    from salescoach.coaching.selectors import agreement_list

    return get_or_404(agreement_list(viewer=viewer), agreement_id, viewer=viewer, subject_field="seller")


def access_session(*, viewer: Membership, session_id: Any) -> CoachingSession:
    from salescoach.coaching.selectors import session_list

    return get_or_404(
        session_list(viewer=viewer), session_id, viewer=viewer, subject_field="relationship__coachee"
    )


def access_note(*, viewer: Membership, note_id: Any) -> Note:
    from salescoach.coaching.selectors import note_list

    return get_or_404(note_list(viewer=viewer), note_id, viewer=viewer, subject_field="relationship__coachee")


def access_plan_item(*, viewer: Membership, item_id: Any) -> PlanItem:
    from salescoach.coaching.selectors import plan_item_list

    return get_or_404(
        plan_item_list(viewer=viewer), item_id, viewer=viewer, subject_field="relationship__coachee"
    )


def access_commitment(*, viewer: Membership, commitment_id: Any) -> Commitment:
    from salescoach.coaching.selectors import commitment_list

    return get_or_404(
        commitment_list(viewer=viewer), commitment_id, viewer=viewer, subject_field="relationship__coachee"
    )


def access_proposal(*, viewer: Membership, proposal_id: Any) -> Proposal:
    from salescoach.coaching.selectors import proposal_list

    return get_or_404(
        proposal_list(viewer=viewer), proposal_id, viewer=viewer, subject_field="relationship__coachee"
    )


def access_observation(*, viewer: Membership, session_id: Any) -> Observation:
    """The ride-along observation of a session, by the session's id."""
    from salescoach.coaching.models import Observation
    from salescoach.coaching.selectors import observation_list

    pk = int_id_or_none(session_id)
    if pk is None:
        raise Http404
    try:
        return observation_list(viewer=viewer).get(session_id=pk)
    except ObjectDoesNotExist:
        audit_refused_lookup(
            viewer=viewer,
            model=Observation,
            lookup_column="session_id",
            lookup_value=pk,
            subject_path="session__relationship__coachee",
        )
        raise Http404 from None


SHARE_KINDS = ("note", "plan_item", "commitment", "observation")


def access_shared_item(
    *, viewer: Membership, kind: Any, item_id: Any
) -> Note | PlanItem | Commitment | Observation:
    """A note, plan item, commitment or ride-along (by its session's id) the viewer may see,
    named by its kind -- as the overview of what a seller shares names them."""
    if kind == "note":
        return access_note(viewer=viewer, note_id=item_id)
    if kind == "plan_item":
        return access_plan_item(viewer=viewer, item_id=item_id)
    if kind == "commitment":
        return access_commitment(viewer=viewer, commitment_id=item_id)
    if kind == "observation":
        return access_observation(viewer=viewer, session_id=item_id)
    raise Http404


def access_custom_question(*, viewer: Membership, question_id: Any) -> CustomQuestion:
    from salescoach.coaching.selectors import custom_question_list

    return get_or_404(custom_question_list(viewer=viewer), question_id, viewer=viewer)


# --- results (see salescoach/results/rules.py) ---------------------------------------------


def access_results_team(*, viewer: Membership, team_id: Any) -> Team:
    """A team whose results dashboard the viewer may open."""
    from salescoach.results.selectors import results_team_list

    return get_or_404(results_team_list(viewer=viewer), team_id, viewer=viewer)


def access_results_member(*, viewer: Membership, member_id: Any) -> Membership:
    """A person whose targets, deals and figures the viewer may read."""
    from salescoach.results.selectors import results_member_list

    return get_or_404(results_member_list(viewer=viewer), member_id, viewer=viewer, subject_field="id")


def access_opportunity(*, viewer: Membership, opportunity_id: Any) -> Opportunity:
    from salescoach.results.selectors import opportunity_list

    return get_or_404(opportunity_list(viewer=viewer), opportunity_id, viewer=viewer)


def _results_setup(viewer: Membership, model: type[M]) -> QuerySet[M]:
    from salescoach.results.rules import can_configure_funnel

    if not can_configure_funnel(viewer):
        return model._default_manager.none()
    return model._default_manager.filter(organisation_id=viewer.organisation_id)


def access_funnel_stage(*, viewer: Membership, stage_id: Any) -> FunnelStage:
    from salescoach.results.models import FunnelStage

    return get_or_404(_results_setup(viewer, FunnelStage), stage_id, viewer=viewer)


def access_stage_alias(*, viewer: Membership, alias_id: Any) -> StageAlias:
    from salescoach.results.models import StageAlias

    return get_or_404(_results_setup(viewer, StageAlias), alias_id, viewer=viewer)


def access_exchange_rate(*, viewer: Membership, rate_id: Any) -> ExchangeRate:
    from salescoach.results.models import ExchangeRate

    return get_or_404(_results_setup(viewer, ExchangeRate), rate_id, viewer=viewer)


def access_column_mapping(*, viewer: Membership, mapping_id: Any) -> ColumnMapping:
    from salescoach.results.models import ColumnMapping
    from salescoach.results.rules import can_import_results

    if not can_import_results(viewer):
        raise Http404
    return get_or_404(
        ColumnMapping.objects.filter(organisation_id=viewer.organisation_id), mapping_id, viewer=viewer
    )


# --- coaching programmes ---------------------------------------------------------------------


def access_programme(*, viewer: Membership, programme_id: Any) -> Programme:
    """A programme the viewer may see: the programme owner, the team's manager and that
    manager's superior."""
    from salescoach.programmes.selectors import programme_list

    return get_or_404(programme_list(viewer=viewer), programme_id, viewer=viewer)
