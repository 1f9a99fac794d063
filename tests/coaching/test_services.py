"""The services of the coaching workspace: what they do, and the bad input they refuse
with a clear error and nothing half-saved."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from salescoach.coaching import services
from salescoach.coaching.models import (
    MAX_NOTE,
    AgreementConfirmation,
    CoachingSession,
    Commitment,
    Note,
    Observation,
    PlanItem,
    PlanItemRevision,
    PreparedQuestion,
    Proposal,
    SessionEvent,
    TriadAgreement,
)
from salescoach.organisations.models import Role
from tests.coaching.conftest import Coaching, at, past_session, plan_session
from tests.conftest import People
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def error_fields(error: ValidationError) -> set[str]:
    return set(error.value.error_dict) if hasattr(error.value, "error_dict") else set()  # type: ignore[attr-defined]


# --- relationships -----------------------------------------------------------------------


def test_the_kind_of_coach_follows_from_who_the_coach_is(people: People) -> None:
    senior = MembershipFactory(
        organisation=people.org, roles=[Role.SELLER, Role.SENIOR_SELLER], team=people.team
    )
    internal = MembershipFactory(organisation=people.org, roles=[Role.INTERNAL_COACH])
    kinds = {
        people.manager.pk: "manager",
        people.coach.pk: "external_coach",
        senior.pk: "senior_seller",
        internal.pk: "internal_coach",
    }
    for coach_id, kind in kinds.items():
        relationship = services.relationship_create(
            actor=people.owner, coach_id=coach_id, coachee_id=people.seller.pk
        )
        assert relationship.coach_kind == kind
        assert relationship.team_id == people.team.pk


def test_a_coachee_may_have_several_coaches_but_not_the_same_one_twice(people: People) -> None:
    services.relationship_create(actor=people.owner, coach_id=people.coach.pk, coachee_id=people.seller.pk)
    services.relationship_create(actor=people.owner, coach_id=people.manager.pk, coachee_id=people.seller.pk)
    with pytest.raises(ValidationError) as error:
        services.relationship_create(
            actor=people.owner, coach_id=people.coach.pk, coachee_id=people.seller.pk
        )
    assert "coach" in error_fields(error)


def test_relationship_errors(people: People) -> None:
    with pytest.raises(ValidationError, match="themselves"):
        services.relationship_create(
            actor=people.owner, coach_id=people.seller.pk, coachee_id=people.seller.pk
        )
    with pytest.raises(ValidationError, match="coaching role"):
        services.relationship_create(
            actor=people.owner, coach_id=people.colleague.pk, coachee_id=people.seller.pk
        )
    with pytest.raises(ValidationError):
        services.relationship_create(
            actor=people.owner, coach_id=people.outsider.pk, coachee_id=people.seller.pk
        )
    # Only the programme owner or the coachee's own manager sets up coaching.
    with pytest.raises(PermissionDenied):
        services.relationship_create(
            actor=people.other_manager, coach_id=people.coach.pk, coachee_id=people.seller.pk
        )
    with pytest.raises(PermissionDenied):
        services.relationship_create(
            actor=people.seller, coach_id=people.coach.pk, coachee_id=people.seller.pk
        )
    relationship = services.relationship_create(
        actor=people.manager, coach_id=people.coach.pk, coachee_id=people.seller.pk
    )
    assert relationship.created_by_id == people.manager.pk


def test_ending_a_relationship_cancels_the_sessions_ahead(coaching: Coaching) -> None:
    session = plan_session(coaching.relationship, coaching.coach, days=3)
    services.relationship_end(actor=coaching.coach, relationship=coaching.relationship)
    session.refresh_from_db()
    assert session.status == "cancelled"
    with pytest.raises(PermissionDenied):
        plan_session(coaching.relationship, coaching.coach, days=4)


# --- triad agreements ------------------------------------------------------------------------


def test_an_agreement_is_confirmed_by_all_three_and_a_change_needs_all_three_again(
    coaching: Coaching,
) -> None:
    first = coaching.agreement
    assert first.confirmed_at is not None
    assert set(first.confirmations.values_list("member_id", flat=True)) == {
        coaching.seller.pk,
        coaching.coach.pk,
        coaching.manager.pk,
    }
    second = services.agreement_propose(
        actor=coaching.seller,
        relationship=coaching.relationship,
        result_to_reach="Een nieuw doel",
        manager_role="m",
        coach_role="c",
        review_on=timezone.localdate() + timedelta(days=60),
    )
    assert second.version == 2 and second.confirmed_at is None
    services.agreement_confirm(actor=coaching.coach, agreement=second)
    second.refresh_from_db()
    assert second.confirmed_at is None
    services.agreement_confirm(actor=coaching.manager, agreement=second)
    second.refresh_from_db()
    assert second.confirmed_at is not None
    first.refresh_from_db()
    assert first.result_to_reach == "Meer nieuwe klanten door betere gesprekken."  # earlier versions stay


def test_agreement_errors(coaching: Coaching, people: People) -> None:
    with pytest.raises(ValidationError, match="already confirmed"):
        services.agreement_confirm(actor=coaching.seller, agreement=coaching.agreement)
    with pytest.raises(PermissionDenied):
        services.agreement_confirm(actor=people.owner, agreement=coaching.agreement)
    with pytest.raises(PermissionDenied):
        services.agreement_propose(
            actor=people.owner,
            relationship=coaching.relationship,
            result_to_reach="x",
            manager_role="y",
            coach_role="z",
            review_on=timezone.localdate() + timedelta(days=10),
        )
    before = TriadAgreement.objects.count()
    with pytest.raises(ValidationError) as error:
        services.agreement_propose(
            actor=coaching.coach,
            relationship=coaching.relationship,
            result_to_reach="",
            manager_role="y",
            coach_role="z",
            review_on=timezone.localdate(),
        )
    assert "result_to_reach" in error_fields(error)
    with pytest.raises(ValidationError, match="future"):
        services.agreement_propose(
            actor=coaching.coach,
            relationship=coaching.relationship,
            result_to_reach="x",
            manager_role="y",
            coach_role="z",
            review_on=timezone.localdate(),
        )
    assert TriadAgreement.objects.count() == before
    newer = services.agreement_propose(
        actor=coaching.coach,
        relationship=coaching.relationship,
        result_to_reach="x",
        manager_role="y",
        coach_role="z",
        review_on=timezone.localdate() + timedelta(days=5),
    )
    newest = services.agreement_propose(
        actor=coaching.coach,
        relationship=coaching.relationship,
        result_to_reach="x2",
        manager_role="y",
        coach_role="z",
        review_on=timezone.localdate() + timedelta(days=5),
    )
    with pytest.raises(ValidationError, match="newer version"):
        services.agreement_confirm(actor=coaching.seller, agreement=newer)
    assert newest.version == newer.version + 1


def test_when_the_manager_coaches_two_confirmations_make_the_agreement(people: People) -> None:
    relationship = services.relationship_create(
        actor=people.owner, coach_id=people.manager.pk, coachee_id=people.seller.pk
    )
    agreement = services.agreement_propose(
        actor=people.manager,
        relationship=relationship,
        result_to_reach="x",
        manager_role="y",
        coach_role="z",
        review_on=timezone.localdate() + timedelta(days=5),
    )
    assert agreement.party_ids() == {people.manager.pk, people.seller.pk}
    services.agreement_confirm(actor=people.seller, agreement=agreement)
    agreement.refresh_from_db()
    assert agreement.confirmed_at is not None
    assert AgreementConfirmation.objects.filter(agreement=agreement).count() == 2


# --- sessions ---------------------------------------------------------------------------------


def test_planning_a_session_records_history_and_creates_a_ride_along(coaching: Coaching) -> None:
    session = plan_session(coaching.relationship, coaching.coach, kind="ride_along", minutes=120)
    assert session.framework == "plan_do_review"
    assert Observation.objects.filter(session=session).exists()
    assert list(session.events.values_list("kind", flat=True)) == ["planned"]
    one_to_one = plan_session(coaching.relationship, coaching.seller, days=2)
    assert one_to_one.framework == "grow"


def test_session_time_errors(coaching: Coaching) -> None:
    rel = coaching.relationship
    start = at(2, 10)
    with pytest.raises(ValidationError, match="end after"):
        services.session_plan(
            actor=coaching.coach, relationship=rel, starts_at=start, ends_at=start - timedelta(hours=1)
        )
    with pytest.raises(ValidationError, match="end after"):
        services.session_plan(actor=coaching.coach, relationship=rel, starts_at=start, ends_at=start)
    with pytest.raises(ValidationError, match="reminder would be in the past"):
        services.session_plan(
            actor=coaching.coach,
            relationship=rel,
            starts_at=timezone.now() + timedelta(minutes=30),
            ends_at=timezone.now() + timedelta(minutes=90),
            reminder_minutes=60,
        )
    with pytest.raises(ValidationError):
        services.session_plan(
            actor=coaching.coach,
            relationship=rel,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            framework="nope",
        )
    with pytest.raises(ValidationError):
        services.session_plan(
            actor=coaching.coach,
            relationship=rel,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            video_url="javascript:alert(1)",
        )
    assert not CoachingSession.objects.exists()


def test_overlapping_sessions_are_refused_for_coach_and_coachee(coaching: Coaching, people: People) -> None:
    plan_session(coaching.relationship, coaching.coach, days=2, hour=10, minutes=60)
    # The same seller with the same coach.
    with pytest.raises(ValidationError, match="already has a coaching session"):
        plan_session(coaching.relationship, coaching.seller, days=2, hour=10, minutes=30)
    # The same coach with another coachee, overlapping by half an hour.
    other = services.relationship_create(
        actor=people.owner, coach_id=people.coach.pk, coachee_id=people.colleague.pk
    )
    start = at(2, 10, 30)
    with pytest.raises(ValidationError, match="already has a coaching session"):
        services.session_plan(
            actor=people.coach, relationship=other, starts_at=start, ends_at=start + timedelta(hours=1)
        )
    # Back to back is fine.
    start = at(2, 11)
    services.session_plan(
        actor=people.coach, relationship=other, starts_at=start, ends_at=start + timedelta(hours=1)
    )
    assert CoachingSession.objects.count() == 2


def test_a_cancelled_session_frees_the_time(coaching: Coaching) -> None:
    session = plan_session(coaching.relationship, coaching.coach, days=2)
    services.session_cancel(actor=coaching.seller, session=session, reason="Ziek")
    plan_session(coaching.relationship, coaching.coach, days=2)


def test_rescheduling_keeps_the_history_and_raises_the_calendar_sequence(coaching: Coaching) -> None:
    session = plan_session(coaching.relationship, coaching.coach, days=2, reminder_minutes=1440)
    new_start = at(3, 14)
    services.session_update(
        actor=coaching.seller, session=session, starts_at=new_start, ends_at=new_start + timedelta(hours=1)
    )
    session.refresh_from_db()
    assert session.starts_at == new_start
    assert session.sequence == 1
    assert session.remind_at == new_start - timedelta(days=1)
    kinds = list(SessionEvent.objects.filter(session=session).values_list("kind", flat=True))
    assert kinds == ["planned", "rescheduled"]
    event = SessionEvent.objects.get(session=session, kind="rescheduled")
    assert datetime.fromisoformat(event.data["old_starts_at"]) == at(2, 10)


def test_cancel_needs_a_reason_and_no_show_needs_a_session_that_started(coaching: Coaching) -> None:
    session = plan_session(coaching.relationship, coaching.coach, days=2)
    with pytest.raises(ValidationError):
        services.session_cancel(actor=coaching.coach, session=session, reason="  ")
    with pytest.raises(ValidationError, match="once it has started"):
        services.session_mark_no_show(actor=coaching.coach, session=session)
    past_session(session)
    services.session_mark_no_show(actor=coaching.coach, session=session, reason="Niet verschenen")
    session.refresh_from_db()
    assert session.status == "no_show"
    with pytest.raises(PermissionDenied):
        services.session_cancel(actor=coaching.coach, session=session, reason="te laat")


def test_prepare_with_framework_questions_and_own_ones(coaching: Coaching) -> None:
    session = plan_session(coaching.relationship, coaching.coach, days=2)
    services.session_prepare(
        actor=coaching.coach,
        session=session,
        framework="oskar",
        questions=[
            ("scaling", "Welk cijfer is voor jou goed genoeg?"),
            ("outcome", "Wat wil je bereiken met Bakkerij Jansen?"),
        ],
    )
    session.refresh_from_db()
    assert session.framework == "oskar"
    # Ordered by the stages of the framework, not by the order they were picked.
    assert list(PreparedQuestion.objects.filter(session=session).values_list("stage", flat=True)) == [
        "outcome",
        "scaling",
    ]


def test_a_stage_that_does_not_exist_is_a_clear_error(coaching: Coaching) -> None:
    session = plan_session(coaching.relationship, coaching.coach, days=2)
    services.session_prepare(
        actor=coaching.coach, session=session, framework="grow", questions=[("goal", "Wat?")]
    )
    with pytest.raises(ValidationError, match="has no stage “review”"):
        services.session_prepare(
            actor=coaching.coach, session=session, framework="grow", questions=[("review", "Wat?")]
        )
    with pytest.raises(ValidationError, match="has no stage"):
        services.custom_question_add(
            actor=coaching.coach, framework="clear", stage="goal", text="Wat?", language="nl"
        )
    # Nothing half-saved: the earlier preparation stays.
    assert list(PreparedQuestion.objects.filter(session=session).values_list("text", flat=True)) == ["Wat?"]


def test_rating_only_after_the_session(coaching: Coaching) -> None:
    session = plan_session(coaching.relationship, coaching.coach, days=2)
    with pytest.raises(ValidationError, match="taken place"):
        services.session_rate(actor=coaching.seller, session=session, useful=True)
    past_session(session)
    rating = services.session_rate(actor=coaching.seller, session=session, useful=True, comment="Helder")
    again = services.session_rate(
        actor=coaching.seller, session=session, useful=False, comment="Achteraf minder"
    )
    assert rating.pk == again.pk and again.useful is False


# --- notes -------------------------------------------------------------------------------------------


def test_notes_keep_html_as_text_and_have_a_size_limit(coaching: Coaching) -> None:
    script = "<script>alert('x')</script><b>vet</b>"
    note = services.note_create(actor=coaching.seller, relationship=coaching.relationship, text=script)
    assert note.text == script
    with pytest.raises(ValidationError, match="at most 10000"):
        services.note_create(
            actor=coaching.seller, relationship=coaching.relationship, text="x" * (MAX_NOTE + 1)
        )
    with pytest.raises(ValidationError):
        services.note_create(actor=coaching.seller, relationship=coaching.relationship, text="   ")
    assert Note.objects.count() == 1


def test_a_note_cannot_point_into_another_relationship(coaching: Coaching) -> None:
    other_session = plan_session(coaching.other_relationship, coaching.other_coach, days=3)
    with pytest.raises(ValidationError, match="same coaching relationship"):
        services.note_create(
            actor=coaching.seller, relationship=coaching.relationship, text="x", session=other_session
        )


def test_only_the_author_deletes_a_note(coaching: Coaching) -> None:
    note = services.note_create(actor=coaching.seller, relationship=coaching.relationship, text="x")
    with pytest.raises(PermissionDenied):
        services.note_delete(actor=coaching.coach, note=note)
    services.note_delete(actor=coaching.seller, note=note)


# --- plan and proposals -------------------------------------------------------------------------------


def test_the_plan_chain_links_forward_and_keeps_its_history(coaching: Coaching) -> None:
    rel = coaching.relationship
    pitfall = services.plan_item_create(
        actor=coaching.seller, relationship=rel, layer="pitfall", text="Ik praat te veel"
    )
    choice = services.plan_item_create(
        actor=coaching.seller,
        relationship=rel,
        layer="choice",
        text="Eerst drie vragen",
        follows_from_id=pitfall.pk,
    )
    with pytest.raises(ValidationError, match="earlier part of the chain"):
        services.plan_item_create(
            actor=coaching.seller, relationship=rel, layer="pitfall", text="x", follows_from_id=choice.pk
        )
    with pytest.raises(ValidationError, match="would come before it in the chain"):
        services.plan_item_update(actor=coaching.seller, item=pitfall, layer="result")
    services.plan_item_update(actor=coaching.seller, item=choice, text="Eerst vier vragen", status="achieved")
    revisions = list(PlanItemRevision.objects.filter(item=choice).values_list("text", flat=True))
    assert revisions == ["Eerst drie vragen", "Eerst vier vragen"]
    assert PlanItem.objects.count() == 2


def test_a_proposal_becomes_part_of_the_plan_only_when_the_seller_accepts(coaching: Coaching) -> None:
    rel = coaching.relationship
    proposal = services.proposal_create(
        actor=coaching.coach,
        relationship=rel,
        kind="plan_item",
        layer="belief",
        text="Een goede vraag is waardevoller dan een goed antwoord",
    )
    assert not PlanItem.objects.exists()
    services.proposal_accept(actor=coaching.seller, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.status == "accepted"
    item = PlanItem.objects.get()
    assert item.created_by_id == coaching.seller.pk and proposal.plan_item_id == item.pk
    with pytest.raises(ValidationError, match="already been accepted"):
        services.proposal_accept(actor=coaching.seller, proposal=proposal)
    assert PlanItem.objects.count() == 1


def test_declined_and_withdrawn_proposals(coaching: Coaching) -> None:
    rel = coaching.relationship
    first = services.proposal_create(
        actor=coaching.coach,
        relationship=rel,
        kind="commitment",
        text="Bel drie klanten",
        due_on=timezone.localdate() + timedelta(days=7),
    )
    services.proposal_decline(actor=coaching.seller, proposal=first, comment="Niet nu")
    with pytest.raises(ValidationError):
        services.proposal_accept(actor=coaching.seller, proposal=first)
    second = services.proposal_create(
        actor=coaching.coach, relationship=rel, kind="commitment", text="x", due_on=timezone.localdate()
    )
    services.proposal_withdraw(actor=coaching.coach, proposal=second)
    with pytest.raises(ValidationError, match="withdrawn"):
        services.proposal_accept(actor=coaching.seller, proposal=second)
    assert not Commitment.objects.exists()
    with pytest.raises(ValidationError, match="Choose a due date"):
        services.proposal_create(actor=coaching.coach, relationship=rel, kind="commitment", text="x")
    with pytest.raises(ValidationError):
        services.proposal_create(
            actor=coaching.coach, relationship=rel, kind="plan_item", text="x", layer="nope"
        )
    assert Proposal.objects.count() == 2


# --- commitments ----------------------------------------------------------------------------------------


def test_a_commitment_cannot_be_due_before_it_was_made(coaching: Coaching) -> None:
    with pytest.raises(ValidationError, match="before the day it is made"):
        services.commitment_create(
            actor=coaching.seller,
            relationship=coaching.relationship,
            text="x",
            due_on=timezone.localdate() - timedelta(days=1),
        )
    commitment = services.commitment_create(
        actor=coaching.seller, relationship=coaching.relationship, text="x", due_on=timezone.localdate()
    )
    with pytest.raises(ValidationError, match="before the day it was made"):
        services.commitment_update(
            actor=coaching.seller, commitment=commitment, due_on=timezone.localdate() - timedelta(days=1)
        )
    with pytest.raises(PermissionDenied):
        services.commitment_create(
            actor=coaching.coach, relationship=coaching.relationship, text="x", due_on=timezone.localdate()
        )


def test_commitments_are_carried_into_the_next_session_and_reviewed(coaching: Coaching) -> None:
    from salescoach.coaching import selectors

    rel = coaching.relationship
    first = past_session(plan_session(rel, coaching.coach, days=1), days_ago=14)
    made = services.commitment_create(
        actor=coaching.seller,
        relationship=rel,
        text="Drie vragen per gesprek",
        due_on=timezone.localdate(),
        session=first,
    )
    Commitment.objects.filter(pk=made.pk).update(created_at=first.starts_at + timedelta(minutes=30))
    second = plan_session(rel, coaching.coach, days=2)
    assert [c.pk for c in selectors.commitments_to_review(viewer=coaching.seller, session=second)] == [
        made.pk
    ]
    assert not selectors.commitments_to_review(viewer=coaching.seller, session=first).exists()
    with pytest.raises(PermissionDenied):
        services.commitment_review(actor=coaching.coach, commitment=made, status="done", session=second)
    with pytest.raises(ValidationError, match="later session"):
        services.commitment_review(actor=coaching.seller, commitment=made, status="done", session=first)
    with pytest.raises(ValidationError):
        services.commitment_review(actor=coaching.seller, commitment=made, status="open", session=second)
    services.commitment_review(
        actor=coaching.seller,
        commitment=made,
        status="partly",
        reflection="Bij twee van de drie gelukt",
        session=second,
    )
    made.refresh_from_db()
    assert made.status == "partly" and made.reviewed_in_id == second.pk
    # Still listed in the session where it was reviewed.
    assert [c.pk for c in selectors.commitments_to_review(viewer=coaching.seller, session=second)] == [
        made.pk
    ]


def test_overdue_commitments(coaching: Coaching) -> None:
    from salescoach.coaching import selectors

    commitment = services.commitment_create(
        actor=coaching.seller, relationship=coaching.relationship, text="x", due_on=timezone.localdate()
    )
    assert not commitment.is_overdue
    Commitment.objects.filter(pk=commitment.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    assert [c.pk for c in selectors.commitment_list(viewer=coaching.coach, overdue_only=True)] == [
        commitment.pk
    ]
    assert [c.pk for c in selectors.commitment_list(viewer=coaching.seller, overdue_only=True)] == [
        commitment.pk
    ]
    services.commitment_review(actor=coaching.seller, commitment=commitment, status="not_done")
    assert not selectors.commitment_list(viewer=coaching.coach, overdue_only=True).exists()


# --- ride-alongs ------------------------------------------------------------------------------------------


def test_the_seller_assesses_first_and_the_coach_writes_blind(coaching: Coaching) -> None:
    from salescoach.coaching import selectors

    session = past_session(plan_session(coaching.relationship, coaching.coach, kind="ride_along"))
    observation = Observation.objects.get(session=session)
    with pytest.raises(ValidationError, match="assesses the appointment first"):
        services.observation_record(
            actor=coaching.coach, observation=observation, entries={"opening": {"score": 3}}
        )
    with pytest.raises(PermissionDenied):
        services.observation_self_assess(
            actor=coaching.coach, observation=observation, entries={"opening": {"score": 3}}
        )
    services.observation_self_assess(
        actor=coaching.seller,
        observation=observation,
        entries={
            "opening": {"score": 4, "comment": "Goed contact"},
            "closing": {"score": None, "comment": ""},
        },
        appointment="Bakkerij Jansen, verlenging",
    )
    observation.refresh_from_db()
    rows = {r.area_key: r for r in selectors.observation_rows(viewer=coaching.coach, observation=observation)}
    assert rows["opening"].self_score is None  # blind until the coach has written
    services.observation_record(
        actor=coaching.coach,
        observation=observation,
        entries={"opening": {"score": 3, "comment": "Agenda ontbrak"}},
    )
    observation.refresh_from_db()
    rows = {
        r.area_key: r for r in selectors.observation_rows(viewer=coaching.seller, observation=observation)
    }
    assert (rows["opening"].self_score, rows["opening"].coach_score) == (4, 3)
    with pytest.raises(ValidationError, match="final"):
        services.observation_self_assess(
            actor=coaching.seller, observation=observation, entries={"opening": {"score": 5}}
        )
    services.observation_reply(
        actor=coaching.seller, observation=observation, reply="Herkenbaar", acknowledge=True
    )
    observation.refresh_from_db()
    assert observation.acknowledged_at is not None
    with pytest.raises(PermissionDenied):
        services.observation_record(
            actor=coaching.coach, observation=observation, entries={"opening": {"score": 2}}
        )


def test_observation_errors(coaching: Coaching) -> None:
    session = past_session(plan_session(coaching.relationship, coaching.coach, kind="ride_along"))
    observation = Observation.objects.get(session=session)
    for entries, message in (
        ({"charm": {"score": 3}}, "no skill area"),
        ({"opening": {"score": 6}}, "from 1 to 5"),
        ({"opening": {"score": "veel"}}, "from 1 to 5"),
        ({"opening": {"score": None, "comment": ""}}, "at least one"),
        ({"opening": {"score": 3, "comment": "x" * 2001}}, "at most"),
    ):
        with pytest.raises(ValidationError, match=message):
            services.observation_self_assess(actor=coaching.seller, observation=observation, entries=entries)
    observation.refresh_from_db()
    assert observation.self_assessed_at is None and not observation.entries.exists()


# --- calendar feed -------------------------------------------------------------------------------------------


def test_a_new_feed_address_replaces_the_old_one(coaching: Coaching) -> None:
    user = coaching.seller.user
    _first, raw1 = services.calendar_feed_create(user=user)
    assert services.calendar_feed_authenticate(raw=raw1) is not None
    _second, raw2 = services.calendar_feed_create(user=user)
    assert services.calendar_feed_authenticate(raw=raw1) is None
    assert services.calendar_feed_authenticate(raw=raw2) is not None
    services.calendar_feed_revoke(user=user)
    assert services.calendar_feed_authenticate(raw=raw2) is None
