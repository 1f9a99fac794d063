"""The visibility matrix of PRODUCT.md, rule by rule, for every coaching object.

Each rule is checked three ways: the policy function for one object, the selector
(lists) and the access gate (one object by id, 404 when not allowed) -- they must agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from salescoach.coaching import selectors, services
from salescoach.coaching.models import (
    CoachingRelationship,
    CoachingSession,
    Commitment,
    Note,
    Observation,
    PlanItem,
    Reporting,
)
from salescoach.organisations.models import Membership, Role
from salescoach.privacy import access, policy
from salescoach.privacy.policy import SessionAccess
from tests.coaching.conftest import Coaching, make_coaching, past_session, plan_session
from tests.conftest import People
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

ROLES = ("seller", "coach", "manager", "superior", "owner", "other_coach", "other_seller", "outsider")


@dataclass
class World:
    c: Coaching
    members: dict[str, Membership]
    items: dict[str, Any]
    sessions: dict[str, CoachingSession]

    def member(self, role: str) -> Membership:
        return self.members[role]


def build_world(people: People) -> World:
    c = make_coaching(people)
    # The manager's superior, who is not the programme owner here.
    superior = MembershipFactory(
        organisation=people.org, user__email="superior@example.com", roles=[Role.SALES_MANAGER]
    )
    people.manager.reports_to = superior
    people.manager.save()
    members = {
        "seller": people.seller,
        "coach": people.coach,
        "manager": people.manager,
        "superior": superior,
        "owner": people.owner,
        "other_coach": c.other_coach,
        "other_seller": people.colleague,
        "outsider": people.outsider,
    }
    rel = c.relationship
    seller, coach = people.seller, people.coach
    items: dict[str, Any] = {
        "note_private_seller": services.note_create(
            actor=seller, relationship=rel, text="p-s", visibility="private"
        ),
        "note_private_coach": services.note_create(
            actor=coach, relationship=rel, text="p-c", visibility="private"
        ),
        "note_pair_seller": services.note_create(actor=seller, relationship=rel, text="cs-s"),
        "note_pair_coach": services.note_create(actor=coach, relationship=rel, text="cs-c"),
        "note_shared": services.note_create(
            actor=seller, relationship=rel, text="sh", visibility="shared_with_manager"
        ),
        "plan_pair": services.plan_item_create(actor=seller, relationship=rel, layer="pitfall", text="pl"),
        "plan_private": services.plan_item_create(
            actor=seller, relationship=rel, layer="pitfall", text="pl-p", visibility="private"
        ),
        "plan_shared": services.plan_item_create(
            actor=seller, relationship=rel, layer="result", text="pl-s", visibility="shared_with_manager"
        ),
        "commitment_pair": services.commitment_create(
            actor=seller, relationship=rel, text="c", due_on=timezone.localdate()
        ),
        "commitment_private": services.commitment_create(
            actor=seller, relationship=rel, text="c-p", due_on=timezone.localdate(), visibility="private"
        ),
        "commitment_shared": services.commitment_create(
            actor=seller,
            relationship=rel,
            text="c-s",
            due_on=timezone.localdate(),
            visibility="shared_with_manager",
        ),
    }
    held = past_session(plan_session(rel, coach, days=2), days_ago=3)
    upcoming = plan_session(rel, coach, days=5)
    triad = plan_session(rel, coach, days=6, kind="triad")
    ride = past_session(plan_session(rel, coach, days=8, kind="ride_along"), days_ago=10)
    observation = Observation.objects.get(session=ride)
    items["observation_pair"] = observation
    ride2 = past_session(plan_session(rel, coach, days=9, kind="ride_along"), days_ago=12)
    shared_obs = Observation.objects.get(session=ride2)
    services.item_set_visibility(actor=seller, item=shared_obs, visibility="shared_with_manager")
    items["observation_shared"] = Observation.objects.get(pk=shared_obs.pk)
    return World(c, members, items, {"held": held, "upcoming": upcoming, "triad": triad})


@pytest.fixture
def world(people: People) -> World:
    return build_world(people)


READERS = {
    "note_private_seller": {"seller"},
    "note_private_coach": {"coach"},
    "note_pair_seller": {"seller", "coach"},
    "note_pair_coach": {"seller", "coach"},
    "note_shared": {"seller", "coach", "manager"},
    "plan_pair": {"seller", "coach"},
    "plan_private": {"seller"},
    "plan_shared": {"seller", "coach", "manager"},
    "commitment_pair": {"seller", "coach"},
    "commitment_private": {"seller"},
    "commitment_shared": {"seller", "coach", "manager"},
    "observation_pair": {"seller", "coach"},
    "observation_shared": {"seller", "coach", "manager"},
}


def _reload(member: Membership) -> Membership:
    return (
        Membership.objects.select_related("user", "team", "organisation")
        .prefetch_related("role_assignments")
        .get(pk=member.pk)
    )


def _access(viewer: Membership, item: Any) -> Any:
    if isinstance(item, Note):
        return access.access_note(viewer=viewer, note_id=item.pk)
    if isinstance(item, PlanItem):
        return access.access_plan_item(viewer=viewer, item_id=item.pk)
    if isinstance(item, Commitment):
        return access.access_commitment(viewer=viewer, commitment_id=item.pk)
    return access.access_observation(viewer=viewer, session_id=item.session_id)


def _listed(viewer: Membership, item: Any) -> bool:
    if isinstance(item, Note):
        qs = selectors.note_list(viewer=viewer)
    elif isinstance(item, PlanItem):
        qs = selectors.plan_item_list(viewer=viewer)
    elif isinstance(item, Commitment):
        qs = selectors.commitment_list(viewer=viewer)
    else:
        qs = selectors.observation_list(viewer=viewer)
    return qs.filter(pk=item.pk).exists()


@pytest.mark.parametrize("name", sorted(READERS))
def test_who_reads_each_item(world: World, name: str) -> None:
    item = world.items[name]
    for role in ROLES:
        viewer = _reload(world.member(role))
        expected = role in READERS[name]
        assert _listed(viewer, item) is expected, (name, role, "list")
        if expected:
            fetched = _access(viewer, item)
            assert policy.can_view_item(viewer, fetched) is True, (name, role)
        else:
            with pytest.raises(Http404):
                _access(viewer, item)
            assert policy.can_view_item(viewer, item) is False, (name, role)


def test_coach_and_seller_write_notes_but_only_the_seller_writes_plan_and_commitments(world: World) -> None:
    seller, coach, manager = (world.member(r) for r in ("seller", "coach", "manager"))
    items = world.items
    assert policy.can_edit_item(seller, items["note_pair_coach"])
    assert policy.can_edit_item(coach, items["note_pair_seller"])
    assert policy.can_edit_item(seller, items["plan_pair"])
    assert not policy.can_edit_item(coach, items["plan_pair"])
    assert policy.can_edit_item(seller, items["commitment_pair"])
    assert not policy.can_edit_item(coach, items["commitment_pair"])
    for name in ("note_shared", "plan_shared", "commitment_shared"):
        for member in (seller, coach, manager):
            assert not policy.can_edit_item(member, items[name]), (name, member)
    with pytest.raises(PermissionDenied):
        services.plan_item_update(actor=coach, item=items["plan_pair"], text="taken over")
    with pytest.raises(PermissionDenied):
        services.note_update(actor=manager, note=items["note_shared"], text="edited")


def test_only_the_seller_shares_and_stops_sharing(world: World) -> None:
    seller, coach, manager, owner = (world.member(r) for r in ("seller", "coach", "manager", "owner"))
    note = world.items["note_pair_coach"]
    for member in (coach, manager, owner):
        with pytest.raises((PermissionDenied, Http404)):
            services.item_set_visibility(actor=member, item=note, visibility="shared_with_manager")
    shared = services.item_set_visibility(actor=seller, item=note, visibility="shared_with_manager")
    assert shared.visibility == "shared_with_manager"
    assert access.access_note(viewer=_reload(manager), note_id=note.pk)
    for member in (coach, manager):
        with pytest.raises(PermissionDenied):
            services.item_set_visibility(actor=member, item=shared, visibility="coach_and_seller")
    revoked = services.item_set_visibility(actor=seller, item=shared, visibility="coach_and_seller")
    assert revoked.visibility == "coach_and_seller"
    # The manager loses access on the very next request.
    with pytest.raises(Http404):
        access.access_note(viewer=_reload(manager), note_id=note.pk)


def test_a_private_note_shared_and_revoked_goes_back_to_private(world: World) -> None:
    seller, coach = world.member("seller"), world.member("coach")
    note = world.items["note_private_seller"]
    shared = services.item_set_visibility(actor=seller, item=note, visibility="shared_with_manager")
    assert policy.can_view_item(coach, shared)  # shared with the manager includes the coach
    back = services.item_set_visibility(actor=seller, item=shared, visibility=shared.unshared_visibility)
    assert back.visibility == "private"
    assert not policy.can_view_item(coach, back)


def test_the_seller_cannot_share_the_coachs_private_note(world: World) -> None:
    seller = world.member("seller")
    with pytest.raises(PermissionDenied):
        services.item_set_visibility(
            actor=seller, item=world.items["note_private_coach"], visibility="shared_with_manager"
        )


def test_another_seller_cannot_share_someone_elses_note(world: World) -> None:
    colleague = world.member("other_seller")
    with pytest.raises(PermissionDenied):
        services.item_set_visibility(
            actor=colleague, item=world.items["note_pair_seller"], visibility="shared_with_manager"
        )


def test_only_the_author_makes_an_item_private(world: World) -> None:
    seller, coach = world.member("seller"), world.member("coach")
    with pytest.raises(PermissionDenied):
        services.item_set_visibility(actor=seller, item=world.items["note_pair_coach"], visibility="private")
    private = services.item_set_visibility(
        actor=coach, item=world.items["note_pair_coach"], visibility="private"
    )
    assert not policy.can_view_item(seller, private)


SESSION_LEVELS = {
    "held": {"seller": SessionAccess.FULL, "coach": SessionAccess.FULL, "manager": SessionAccess.DATE},
    "upcoming": {"seller": SessionAccess.FULL, "coach": SessionAccess.FULL},
    "triad": {
        "seller": SessionAccess.FULL,
        "coach": SessionAccess.FULL,
        "manager": SessionAccess.PARTICIPANT,
    },
}


@pytest.mark.parametrize("name", sorted(SESSION_LEVELS))
def test_who_sees_a_session_and_how_much(world: World, name: str) -> None:
    session = world.sessions[name]
    for role in ROLES:
        viewer = _reload(world.member(role))
        expected = SESSION_LEVELS[name].get(role, SessionAccess.NONE)
        fetched = session
        if expected == SessionAccess.NONE:
            with pytest.raises(Http404):
                access.access_session(viewer=viewer, session_id=session.pk)
        else:
            fetched = access.access_session(viewer=viewer, session_id=session.pk)
        assert policy.session_access(viewer, fetched) == expected, (name, role)


def test_the_manager_sees_no_session_dates_when_the_agreement_says_nothing(world: World) -> None:
    rel = world.c.relationship
    seller, coach, manager = world.member("seller"), world.member("coach"), world.member("manager")
    version = services.agreement_propose(
        actor=coach,
        relationship=rel,
        result_to_reach="x",
        manager_role="y",
        coach_role="z",
        reporting=Reporting.NOTHING,
        review_on=timezone.localdate() + timedelta(days=30),
    )
    # Until all three confirm, the earlier agreement (sessions reported) applies.
    assert access.access_session(viewer=_reload(manager), session_id=world.sessions["held"].pk)
    services.agreement_confirm(actor=seller, agreement=version)
    services.agreement_confirm(actor=manager, agreement=version)
    with pytest.raises(Http404):
        access.access_session(viewer=_reload(manager), session_id=world.sessions["held"].pk)


def test_ratings_belong_to_seller_and_coach(world: World) -> None:
    session = world.sessions["held"]
    seller, coach, manager = world.member("seller"), world.member("coach"), world.member("manager")
    services.session_rate(actor=seller, session=session, useful=False, comment="te vaag")
    assert selectors.rating_for(viewer=coach, session=session) is not None
    assert selectors.rating_for(viewer=manager, session=session) is None
    with pytest.raises(PermissionDenied):
        services.session_rate(actor=coach, session=session, useful=True)


def test_preparation_is_the_coachs_own(world: World) -> None:
    session = world.sessions["upcoming"]
    seller, coach = world.member("seller"), world.member("coach")
    services.session_prepare(
        actor=coach, session=session, framework="grow", questions=[("goal", "Wat wil je?")]
    )
    assert [q.text for q in selectors.prepared_questions(viewer=coach, session=session)] == ["Wat wil je?"]
    assert selectors.prepared_questions(viewer=seller, session=session) == []
    with pytest.raises(PermissionDenied):
        services.session_prepare(actor=seller, session=session, framework="grow", questions=[])


def test_the_agenda_is_set_by_the_seller(world: World) -> None:
    session = world.sessions["upcoming"]
    with pytest.raises(PermissionDenied):
        services.session_set_agenda(actor=world.member("coach"), session=session, agenda="mijn agenda")
    services.session_set_agenda(actor=world.member("seller"), session=session, agenda="Prijsbezwaren")


AGREEMENT_READERS = {"seller", "coach", "manager", "owner"}


def test_who_reads_and_confirms_the_triad_agreement(world: World) -> None:
    agreement = world.c.agreement
    for role in ROLES:
        viewer = _reload(world.member(role))
        if role in AGREEMENT_READERS:
            fetched = access.access_agreement(viewer=viewer, agreement_id=agreement.pk)
            assert policy.can_view_agreement(viewer, fetched)
            assert policy.can_confirm_agreement(viewer, fetched) is (role in {"seller", "coach", "manager"})
        else:
            with pytest.raises(Http404):
                access.access_agreement(viewer=viewer, agreement_id=agreement.pk)


def test_who_sees_the_relationship(world: World) -> None:
    rel = world.c.relationship
    for role in ROLES:
        viewer = _reload(world.member(role))
        if role in AGREEMENT_READERS:
            assert access.access_relationship(viewer=viewer, relationship_id=rel.pk)
        else:
            with pytest.raises(Http404):
                access.access_relationship(viewer=viewer, relationship_id=rel.pk)


def test_the_programme_owner_sees_no_coaching_content(world: World) -> None:
    owner = _reload(world.member("owner"))
    assert not selectors.note_list(viewer=owner).exists()
    assert not selectors.plan_item_list(viewer=owner).exists()
    assert not selectors.commitment_list(viewer=owner).exists()
    assert not selectors.observation_list(viewer=owner).exists()
    assert not selectors.session_list(viewer=owner).exists()
    assert not selectors.proposal_list(viewer=owner).exists()


def test_a_second_coach_of_the_same_seller_sees_nothing_of_the_first(world: World, people: People) -> None:
    """The seller's manager also coaches them: content of the external coach's
    relationship must not reach the manager through their own coaching."""
    seller, manager = world.member("seller"), world.member("manager")
    second = services.relationship_create(actor=people.owner, coach_id=manager.pk, coachee_id=seller.pk)
    assert second.coach_kind == "manager"
    own = services.note_create(actor=seller, relationship=second, text="met mijn manager")
    manager = _reload(manager)
    assert policy.can_view_item(manager, own)
    assert not _listed(manager, world.items["note_pair_seller"])
    assert not _listed(manager, world.items["plan_pair"])


def test_coach_and_coachee_see_each_others_member_record(world: World) -> None:
    seller, coach, other_coach = (_reload(world.member(r)) for r in ("seller", "coach", "other_coach"))
    assert access.access_member(viewer=coach, member_id=seller.pk)
    assert access.access_member(viewer=seller, member_id=coach.pk)
    with pytest.raises(Http404):
        access.access_member(viewer=other_coach, member_id=seller.pk)


def test_proposals_are_decided_by_the_seller_only(world: World) -> None:
    rel = world.c.relationship
    seller, coach, manager = world.member("seller"), world.member("coach"), world.member("manager")
    with pytest.raises(PermissionDenied):
        services.proposal_create(actor=seller, relationship=rel, kind="plan_item", layer="choice", text="x")
    proposal = services.proposal_create(
        actor=coach, relationship=rel, kind="plan_item", layer="choice", text="Ik kies voor …"
    )
    with pytest.raises(PermissionDenied):
        services.proposal_accept(actor=coach, proposal=proposal)
    with pytest.raises(Http404):
        access.access_proposal(viewer=_reload(manager), proposal_id=proposal.pk)
    services.proposal_accept(actor=seller, proposal=proposal)
    with pytest.raises(ValidationError):
        services.proposal_accept(actor=seller, proposal=proposal)


def test_a_deactivated_member_sees_nothing(world: World) -> None:
    coach = world.member("coach")
    coach.status = "deactivated"
    coach.save()
    coach = _reload(coach)
    assert not selectors.note_list(viewer=coach).exists()
    assert not selectors.session_list(viewer=coach).exists()
    assert not selectors.relationship_list(viewer=coach).exists()


def test_inactive_relationship_objects_keep_their_organisation(world: World, people: People) -> None:
    """A coaching relationship always stays in one organisation."""
    assert CoachingRelationship.objects.filter(organisation=people.outsider_org).count() == 0


def test_is_coach_of_follows_the_open_relationships(world: World) -> None:
    """The question the craft app asks ("may the coachee's coach read the intake?")."""
    from salescoach.privacy import rules

    seller, coach, other_coach = world.member("seller"), world.member("coach"), world.member("other_coach")
    assert rules.is_coach_of(coach, seller)
    assert not rules.is_coach_of(other_coach, seller)
    assert not rules.is_coach_of(seller, coach)
    services.relationship_end(actor=coach, relationship=world.c.relationship)
    assert not rules.is_coach_of(coach, seller)
