"""THE access-matrix test: the visibility matrix holds everywhere.

It builds one organisation with every role of the matrix -- the seller, their coach, a
second coach of the same seller, their manager, the manager's superior, the programme
owner, another coach, another seller -- and a member of another organisation (plus a
platform operator for the admin). It plants a unique text in every kind of coaching
content, in every visibility, and in a performance evaluation. Then, for every role, it
requests every URL pattern (with every object id), every API operation that reads, the
personal export, the calendar feed, and collects every e-mail sent and every admin page;
and it proves that each text appears to exactly the roles the matrix in
salescoach/privacy/matrix.py names -- never to anyone else, and not missing for anyone
it names. It also checks the answer each role gets for each object: read (200), write
(200, or 403 when it may only read) or nothing (404) -- and that only the seller stops
sharing, after which the manager gets 404 on the next request.

The expectations are computed from the matrix, never written out here: removing a rule in
the code (a filter in a selector, a check in a view) makes this test fail, and
``test_the_matrix_test_catches_a_leak`` shows it does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from typing import Any

import pytest
from django.contrib import admin
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from salescoach.accounts.models import User
from salescoach.accounts.services import api_token_create
from salescoach.api.api import api as ninja_api
from salescoach.coaching import services
from salescoach.coaching.models import (
    CoachingRelationship,
    CoachingSession,
    Commitment,
    Note,
    Observation,
    PlanItem,
)
from salescoach.evaluations import services as evaluations
from salescoach.organisations.models import Membership, Role
from salescoach.privacy import matrix
from salescoach.privacy.matrix import Column
from tests.coaching.conftest import at, past_session
from tests.conftest import People
from tests.evaluations.helpers import make_cycle
from tests.factories import PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db

ROLES = (
    "seller",
    "coach",
    "second_coach",
    "manager",
    "superior",
    "owner",
    "other_coach",
    "other_seller",
    "outsider",
)
OPERATOR = "operator"  # the platform admin: sees no coaching content at all


# --- the world -------------------------------------------------------------------------------


@dataclass
class Plant:
    name: str
    text: str
    row: str  # the matrix row the content falls under
    relationship: CoachingRelationship | None  # None: the evaluation
    author: str | None = None  # the role that wrote it (for "author only")


@dataclass
class World:
    people: People
    members: dict[str, Membership]
    rel: CoachingRelationship  # coach -> seller, agreement: sessions are reported
    rel2: CoachingRelationship  # second_coach -> seller, agreement: nothing is reported
    other_rel: CoachingRelationship  # other_coach -> other_seller
    plants: list[Plant] = field(default_factory=list)
    objects: dict[str, list[int]] = field(default_factory=dict)  # url parameter -> ids
    status_checks: list[tuple[str, str, Callable[[str], int]]] = field(default_factory=list)

    def column(self, role: str, relationship: CoachingRelationship | None) -> Column:
        """Who ``role`` is to the seller of ``relationship`` (for an evaluation: to the seller)."""
        member = self.members[role]
        if role == "outsider":
            return Column.OUTSIDER
        coachee = relationship.coachee if relationship is not None else self.members["seller"]
        manager = coachee.reports_to
        if member.pk == coachee.pk:
            return Column.SELLER
        if relationship is not None and member.pk == relationship.coach_id:
            return Column.COACH
        if relationship is None and role in ("coach", "second_coach"):
            return Column.COACH  # every coach of the seller, for their evaluation
        if manager is not None and member.pk == manager.pk:
            return Column.MANAGER
        if manager is not None and member.pk == manager.reports_to_id:
            return Column.SUPERIOR
        if role == "owner":
            return Column.OWNER
        return Column.OTHER

    def reads(self, role: str, plant: Plant) -> bool:
        if role == OPERATOR:
            return False
        cell = matrix.grant(plant.row, self.column(role, plant.relationship))
        if not cell.reads:
            return False
        if cell.author_only and role != plant.author:
            return False
        return not (
            cell.if_agreed and plant.relationship is not None and plant.relationship.reporting != "sessions"
        )

    def expected(self, role: str) -> set[str]:
        return {p.name for p in self.plants if self.reads(role, p)}


def build_world(people: People) -> World:
    superior = MembershipFactory(
        organisation=people.org,
        user__email="superior@example.com",
        user__full_name="Sofie Superior",
        roles=[Role.SALES_MANAGER],
        reports_to=people.owner,
    )
    people.manager.reports_to = superior
    people.manager.save()
    second_coach = MembershipFactory(
        organisation=people.org, user__email="second.coach@example.com", roles=[Role.INTERNAL_COACH]
    )
    other_coach = MembershipFactory(
        organisation=people.org, user__email="other.coach@example.com", roles=[Role.INTERNAL_COACH]
    )
    members = {
        "seller": people.seller,
        "coach": people.coach,
        "second_coach": second_coach,
        "manager": people.manager,
        "superior": superior,
        "owner": people.owner,
        "other_coach": other_coach,
        "other_seller": people.colleague,
        "outsider": people.outsider,
    }
    owner = people.owner

    def relationship(coach: Membership, coachee: Membership, reporting: str) -> CoachingRelationship:
        rel = services.relationship_create(actor=owner, coach_id=coach.pk, coachee_id=coachee.pk)
        agreement = services.agreement_propose(
            actor=coach,
            relationship=rel,
            result_to_reach=f"AGREED-RESULT-{coach.pk}",
            manager_role=f"AGREED-MANAGER-ROLE-{coach.pk}",
            coach_role=f"AGREED-COACH-ROLE-{coach.pk}",
            reporting=reporting,
            review_on=timezone.localdate() + timedelta(days=90),
        )
        services.agreement_confirm(actor=coachee, agreement=agreement)
        services.agreement_confirm(actor=people.manager, agreement=agreement)
        rel.refresh_from_db()
        return rel

    world = World(
        people,
        members,
        relationship(people.coach, people.seller, "sessions"),
        relationship(second_coach, people.seller, "nothing"),
        relationship(other_coach, people.colleague, "sessions"),
    )
    for rel in (world.rel, world.rel2, world.other_rel):
        for name in ("RESULT", "MANAGER-ROLE", "COACH-ROLE"):
            world.plants.append(
                Plant(
                    f"agreement-{name}-{rel.coach_id}",
                    f"AGREED-{name}-{rel.coach_id}",
                    "triad_agreement",
                    rel,
                    "coach",
                )
            )
    return world


def plant_content(world: World) -> None:
    """A unique text in every kind of coaching content, every visibility, both relationships."""
    seller, coach, manager = world.members["seller"], world.members["coach"], world.members["manager"]
    rel, rel2 = world.rel, world.rel2
    plants = world.plants

    def t(name: str, row: str, relationship: CoachingRelationship | None, author: str | None = None) -> str:
        text = f"PLANTED-{name}-5e1"
        plants.append(Plant(name, text, row, relationship, author))
        return text

    def session(
        relationship: CoachingRelationship, actor: Membership, days: int, kind: str = "one_to_one"
    ) -> CoachingSession:
        starts = at(days, 10)
        return services.session_plan(
            actor=actor,
            relationship=relationship,
            kind=kind,
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
        )

    held = past_session(session(rel, coach, 1), days_ago=6)
    ahead = session(rel, coach, 3)
    triad = session(rel, coach, 4, kind="triad")
    held2 = past_session(session(rel2, world.members["second_coach"], 5), days_ago=8)

    # Notes, in every visibility, by seller and coach.
    services.note_create(
        actor=seller,
        relationship=rel,
        text=t("note-private-seller", "note_private", rel, "seller"),
        visibility="private",
    )
    services.note_create(
        actor=coach,
        relationship=rel,
        text=t("note-private-coach", "note_private", rel, "coach"),
        visibility="private",
        session=held,
    )
    services.note_create(actor=seller, relationship=rel, text=t("note-pair-seller", "note_pair", rel))
    services.note_create(
        actor=coach, relationship=rel, text=t("note-pair-coach", "note_pair", rel), session=held
    )
    services.note_create(
        actor=seller,
        relationship=rel,
        text=t("note-shared", "shared_item", rel),
        visibility="shared_with_manager",
    )
    services.note_create(actor=seller, relationship=rel2, text=t("note-pair-second-coach", "note_pair", rel2))
    # The plan, with its history.
    edited = services.plan_item_create(
        actor=seller, relationship=rel, layer="pitfall", text=t("plan-old", "plan", rel)
    )
    services.plan_item_update(actor=seller, item=edited, text=t("plan-pair", "plan", rel))
    services.plan_item_create(
        actor=seller,
        relationship=rel,
        layer="choice",
        text=t("plan-private", "note_private", rel, "seller"),
        visibility="private",
    )
    services.plan_item_create(
        actor=seller,
        relationship=rel,
        layer="result",
        text=t("plan-shared", "shared_item", rel),
        visibility="shared_with_manager",
    )
    # Commitments and a review.
    reviewed = services.commitment_create(
        actor=seller,
        relationship=rel,
        text=t("commitment-pair", "plan", rel),
        due_on=timezone.localdate(),
        session=held,
    )
    services.commitment_review(
        actor=seller, commitment=reviewed, status="partly", reflection=t("reflection", "plan", rel)
    )
    services.commitment_create(
        actor=seller,
        relationship=rel,
        text=t("commitment-open", "plan", rel),
        due_on=timezone.localdate() + timedelta(days=9),
    )
    services.commitment_create(
        actor=seller,
        relationship=rel,
        text=t("commitment-shared", "shared_item", rel),
        due_on=timezone.localdate() + timedelta(days=9),
        visibility="shared_with_manager",
    )
    # Proposals: open, and declined with a comment.
    services.proposal_create(
        actor=coach,
        relationship=rel,
        kind="plan_item",
        layer="belief",
        text=t("proposal", "plan", rel),
        rationale=t("rationale", "plan", rel),
    )
    declined = services.proposal_create(
        actor=coach,
        relationship=rel,
        kind="commitment",
        text=t("proposal-declined", "plan", rel),
        due_on=timezone.localdate() + timedelta(days=5),
    )
    services.proposal_decline(actor=seller, proposal=declined, comment=t("decline-comment", "plan", rel))
    # Sessions: agenda, preparation, outcomes, rating, a triad agenda, a cancelled triad's reason.
    services.session_set_agenda(actor=seller, session=ahead, agenda=t("agenda", "note_pair", rel))
    services.session_prepare(
        actor=coach,
        session=ahead,
        framework="grow",
        questions=[("goal", t("prepared", "note_private", rel, "coach"))],
    )
    services.custom_question_add(
        actor=coach,
        framework="grow",
        stage="reality",
        text=t("own-question", "note_private", rel, "coach"),
        language="nl",
    )
    services.session_set_outcomes(actor=coach, session=held, outcomes=t("outcomes", "note_pair", rel))
    services.session_rate(
        actor=seller, session=held, useful=False, comment=t("rating", "session_rating", rel)
    )
    services.session_set_agenda(actor=seller, session=triad, agenda=t("triad-agenda", "triad_session", rel))
    cancelled = session(rel, coach, 6, kind="triad")
    services.session_cancel(actor=seller, session=cancelled, reason=t("cancel-reason", "note_pair", rel))
    services.session_set_outcomes(
        actor=world.members["second_coach"],
        session=held2,
        outcomes=t("outcomes-second-coach", "note_pair", rel2),
    )
    # Ride-alongs: one between seller and coach, one shared with the manager.
    for name, row in (("ride", "ride_along"), ("ride-shared", "shared_item")):
        ride = past_session(
            session(rel, coach, 8 if name == "ride" else 9, kind="ride_along"),
            days_ago=2 if name == "ride" else 3,
        )
        observation = Observation.objects.get(session=ride)
        services.observation_self_assess(
            actor=seller,
            observation=observation,
            entries={"opening": {"score": 3, "comment": t(f"{name}-self", row, rel)}},
            appointment=t(f"{name}-appointment", row, rel),
        )
        services.observation_record(
            actor=coach,
            observation=observation,
            entries={"opening": {"score": 2, "comment": t(f"{name}-coach", row, rel)}},
        )
        services.observation_reply(actor=seller, observation=observation, reply=t(f"{name}-reply", row, rel))
        if row == "shared_item":
            services.item_set_visibility(actor=seller, item=observation, visibility="shared_with_manager")
    # Another seller's coaching: nobody of the seller's side sees it.
    other = world.other_rel
    services.note_create(
        actor=world.members["other_seller"],
        relationship=other,
        text=t("other-seller-note", "note_pair", other),
    )
    # A performance evaluation, shared with the seller and commented on.
    cycle = make_cycle(world.people.owner)
    evaluation = evaluations.evaluation_create(
        actor=manager, cycle=cycle, seller_id=seller.pk, day=date(2026, 1, 20), at=time(10, 0)
    )
    criteria = list(cycle.criteria.all())
    evaluation = evaluations.evaluation_update(
        actor=manager,
        evaluation=evaluation,
        ratings={c.pk: 4 for c in criteria},
        comments={criteria[0].pk: t("evaluation-criterion", "evaluation", None)},
        overall_comment=t("evaluation-overall", "evaluation", None),
    )
    evaluation.evaluator = manager
    evaluation = evaluations.evaluation_share(actor=manager, evaluation=evaluation)
    evaluation.evaluator = manager
    evaluations.evaluation_seller_comment(
        actor=seller, evaluation=evaluation, text=t("evaluation-seller", "evaluation", None)
    )

    # A deal of the seller: the row "targets, pipeline, results" (a coach sees agreed
    # figures only, never a deal).
    from salescoach.results.models import Opportunity
    from salescoach.results.services import funnel_ensure

    deal = Opportunity.objects.create(
        organisation=world.people.org,
        crm_id="PLANTED-1",
        name=t("deal", "results", None),
        owner=seller,
        stage=funnel_ensure(organisation_id=world.people.org.pk)[0],
        crm_stage="Prospecting",
        status="open",
        close_date=date(2026, 12, 31),
    )
    relationships = [world.rel.pk, world.rel2.pk, world.other_rel.pk]
    from tests.programmes.helpers import make_programme

    programme = make_programme(
        world.people,
        ["manager", "internal_coach", "external_coach"],
        coaches=[
            (world.people.coach.pk, "external_coach"),
            (world.members["second_coach"].pk, "internal_coach"),
        ],
    )
    world.objects = {
        "relationship_id": relationships,
        "session_id": list(
            CoachingSession.objects.filter(relationship_id__in=relationships).values_list("pk", flat=True)
        ),
        "note_id": list(Note.objects.values_list("pk", flat=True)),
        "item_id": list(PlanItem.objects.values_list("pk", flat=True)),
        "commitment_id": list(Commitment.objects.values_list("pk", flat=True)),
        "proposal_id": list(world.rel.proposals.values_list("pk", flat=True)),
        "agreement_id": [a.pk for r in (world.rel, world.rel2, world.other_rel) for a in r.agreements.all()],
        "question_id": list(coach.custom_questions.values_list("pk", flat=True)),
        "evaluation_id": [evaluation.pk],
        "cycle_id": [cycle.pk],
        "team_id": [world.people.team.pk],
        "member_id": [seller.pk],
        "opportunity_id": [deal.pk],
        # A programme over the planted relationships: its health pages count sessions and
        # confirmations, and must show none of the content.
        "programme_id": [programme.pk],
    }


# --- what each role can reach ------------------------------------------------------------------

# Parameters that are not objects of the organisation, and routes a sweep must not request.
NON_OBJECT = {"org_slug", "kind", "slug"}
SKIPPED = {
    "accounts/logout/",
    "i18n/setlang/",
    "invitations/<str:token>/",
    "accounts/password/reset/<uidb64>/<token>/",
    "calendar/<str:token>.ics",  # requested with each role's own feed below
}
# Pages that show more with a query parameter ("show all notes").
SHOW_MORE = {"o/<slug:org_slug>/coaching/<int:relationship_id>/": ["?notes=all&commitments=all"]}
# Parameters whose objects are not coaching content (their own tests cover them).
UNPLANTED = {
    "invitation_id",
    "job_id",
    "token_id",
    "intake_id",
    "run_id",
    "template_id",
    "erasure_id",
    "stage_id",
    "alias_id",
    "rate_id",
    "mapping_id",
}

PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def walk(patterns: list[Any], prefix: str = "") -> Iterable[tuple[str, URLPattern]]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def page_urls(world: World, slug: str) -> list[str]:
    urls = []
    for route, _pattern in walk(get_resolver().url_patterns):
        if route.startswith(("admin/", "api/v1/")) or route in SKIPPED:
            continue
        names = [m.group("name") for m in PARAM.finditer(route)]
        unknown = set(names) - NON_OBJECT - world.objects.keys() - UNPLANTED
        assert not unknown, f"{route}: tell the access-matrix test which objects {unknown} names"
        if set(names) & UNPLANTED:
            continue
        fills: list[dict[str, Any]] = [{"org_slug": slug, "kind": "members"}]
        for name in names:
            if name in world.objects:
                fills = [{**f, name: value} for f in fills for value in world.objects[name]]
        for values in fills:
            url = "/" + PARAM.sub(lambda m, v=values: str(v[m.group("name")]), route)  # type: ignore[misc]
            urls += [url] + [url + extra for extra in SHOW_MORE.get(route, [])]
    return urls


def api_urls(world: World) -> list[str]:
    """Every API operation that reads (GET), with every object id and id filter."""
    schema = ninja_api.get_openapi_schema(path_prefix="")
    urls = []
    for path, methods in schema["paths"].items():
        if "get" not in methods:
            continue
        names = re.findall(r"{(\w+)}", path)
        unknown = set(names) - NON_OBJECT - world.objects.keys() - UNPLANTED
        assert not unknown, f"GET {path}: tell the access-matrix test which objects {unknown} names"
        if set(names) & UNPLANTED:
            continue
        fills: list[dict[str, Any]] = [{"slug": world.people.org.slug}]
        for name in names:
            if name in world.objects:
                fills = [{**f, name: value} for f in fills for value in world.objects[name]]
        query = {p["name"] for p in methods["get"].get("parameters", []) if p.get("in") == "query"}
        for values in fills:
            url = "/api/v1" + re.sub(r"{(\w+)}", lambda m, v=values: str(v[m.group(1)]), path)  # type: ignore[misc]
            urls.append(url + ("?limit=1000" if "limit" in query else ""))
            if "relationship" in query:
                urls += [f"{url}?relationship={r}&limit=1000" for r in world.objects["relationship_id"]]
    return urls


def text_of(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def mail_text(message: mail.EmailMessage) -> str:
    parts = [message.subject, message.body]
    parts += [content for content, _type in getattr(message, "alternatives", [])]
    for attachment in message.attachments:
        content = attachment[1] if isinstance(attachment, tuple) else attachment.get_payload()
        parts.append(content.decode(errors="replace") if isinstance(content, bytes) else str(content))
    return "\n".join(str(p) for p in parts)


@dataclass
class Sweep:
    """What each role saw, and the answers that were not allowed to happen (5xx)."""

    seen: dict[str, dict[str, set[str]]] = field(default_factory=dict)  # role -> plant -> where
    errors: list[str] = field(default_factory=list)
    requests: int = 0

    def look(self, role: str, where: str, body: str, plants: list[Plant]) -> None:
        for plant in plants:
            if plant.text in body:
                self.seen.setdefault(role, {}).setdefault(plant.name, set()).add(where)


def client_for(member: Membership) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert client.login(username=member.user.email, password=PASSWORD)
    return client


def api_client(member: Membership) -> Client:
    _, raw = api_token_create(user=member.user, name="matrix")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="en")


def sweep(
    world: World,
    roles: Iterable[str] = ROLES,
    *,
    pages: list[str] | None = None,
    api: list[str] | None = None,
) -> Sweep:
    result = Sweep()
    slug = world.people.org.slug
    page_list = pages if pages is not None else page_urls(world, slug)
    api_list = api if api is not None else api_urls(world)
    for role in roles:
        member = world.members[role]
        client = client_for(member)
        urls = list(page_list)
        if role == "outsider":  # also from inside their own organisation, with our ids
            urls += page_urls(world, world.people.outsider_org.slug) if pages is None else []
        for url in urls:
            response = client.get(url)
            result.requests += 1
            if response.status_code >= 500:
                result.errors.append(f"{role} GET {url}: {response.status_code}")
            result.look(role, f"page {url}", text_of(response), world.plants)
        token = api_client(member)
        for url in api_list:
            response = token.get(url)
            result.requests += 1
            if response.status_code >= 500:
                result.errors.append(f"{role} GET {url}: {response.status_code}")
            result.look(role, f"api {url}", text_of(response), world.plants)
        if pages is None:
            # The personal export (JSON, both ways in) and the personal calendar feed (ICS).
            result.look(role, "export", text_of(client.get("/privacy/export/")), world.plants)
            result.look(role, "api export", text_of(token.get("/api/v1/me/export")), world.plants)
            _feed, raw = services.calendar_feed_create(user=member.user)
            result.look(role, "calendar feed", text_of(Client().get(f"/calendar/{raw}.ics")), world.plants)
            # Every e-mail the role received.
            for message in mail.outbox:
                if member.user.email in message.to:
                    result.look(role, f"e-mail {message.subject}", mail_text(message), world.plants)
    return result


def admin_sweep(world: World) -> Sweep:
    """The platform admin, as an operator: every registered model's list and objects."""
    result = Sweep()
    User.objects.create_superuser(email="operator@example.com", password="operator-pass-1", full_name="Op")
    client = Client()
    assert client.login(username="operator@example.com", password="operator-pass-1")
    for model, _admin in admin.site._registry.items():
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        urls = [base] + [
            f"{base}{pk}/change/" for pk in model._default_manager.values_list("pk", flat=True)[:20]
        ]
        for url in urls:
            response = client.get(url)
            if response.status_code >= 500:
                result.errors.append(f"operator GET {url}: {response.status_code}")
            result.look(OPERATOR, f"admin {url}", text_of(response), world.plants)
    return result


def violations(world: World, result: Sweep, roles: Iterable[str]) -> list[str]:
    problems = list(result.errors)
    for role in roles:
        seen = result.seen.get(role, {})
        expected = world.expected(role)
        for name in sorted(set(seen) - expected):
            problems.append(f"LEAK: {role} sees {name} in {sorted(seen[name])[:3]}")
        for name in sorted(expected - set(seen)):
            problems.append(f"MISSING: {role} never sees {name}, which the matrix gives them")
    return problems


# --- read, write, nothing: the answer for each object ------------------------------------------


def expected_status(
    world: World,
    role: str,
    row: str,
    relationship: CoachingRelationship | None,
    *,
    author: str | None,
    write: bool,
) -> int:
    plant = Plant("", "", row, relationship, author)
    if not world.reads(role, plant):
        return 404
    if not write:
        return 200
    cell = matrix.grant(row, world.column(role, relationship))
    return 200 if cell.writes else 403


def object_checks(world: World) -> list[tuple[str, str, str, Any, str | None, bool]]:
    """(label, kind of request, url, matrix row and relationship, author, write?)."""
    slug = world.people.org.slug
    role_of = {m.pk: role for role, m in world.members.items()}
    checks: list[tuple[str, str, str, Any, str | None, bool]] = []
    row_of = {"private": "note_private", "shared_with_manager": "shared_item"}
    for note in Note.objects.select_related("relationship"):
        row = row_of.get(note.visibility, "note_pair")
        rel = note.relationship
        checks.append(
            (
                f"note {note.text}",
                "api",
                f"/api/v1/coaching/notes/{note.pk}",
                (row, rel),
                role_of.get(note.author_id),
                False,
            )
        )
        checks.append(
            (
                f"edit note {note.text}",
                "page",
                f"/o/{slug}/coaching/notes/{note.pk}/edit/",
                (row, rel),
                role_of.get(note.author_id),
                True,
            )
        )
    for item in PlanItem.objects.select_related("relationship"):
        row = row_of.get(item.visibility, "plan")
        checks.append(
            (
                f"plan item {item.text}",
                "api",
                f"/api/v1/coaching/plan-items/{item.pk}",
                (row, item.relationship),
                role_of.get(item.created_by_id),
                False,
            )
        )
        checks.append(
            (
                f"edit plan item {item.text}",
                "page",
                f"/o/{slug}/coaching/plan-items/{item.pk}/edit/",
                (row, item.relationship),
                role_of.get(item.created_by_id),
                True,
            )
        )
    for commitment in Commitment.objects.select_related("relationship").filter(status="open"):
        row = row_of.get(commitment.visibility, "plan")
        checks.append(
            (
                f"commitment {commitment.text}",
                "api",
                f"/api/v1/coaching/commitments/{commitment.pk}",
                (row, commitment.relationship),
                "seller",
                False,
            )
        )
        checks.append(
            (
                f"edit commitment {commitment.text}",
                "page",
                f"/o/{slug}/coaching/commitments/{commitment.pk}/edit/",
                (row, commitment.relationship),
                "seller",
                True,
            )
        )
    for observation in Observation.objects.select_related("session__relationship"):
        row = row_of.get(observation.visibility, "ride_along")
        checks.append(
            (
                f"ride-along {observation.pk}",
                "api",
                f"/api/v1/coaching/sessions/{observation.session_id}/observation",
                (row, observation.session.relationship),
                None,
                False,
            )
        )
    # That a session took place: the manager, if agreed; the programme owner only in aggregate.
    for session in CoachingSession.objects.select_related("relationship").filter(
        starts_at__lt=timezone.now(), status="scheduled", kind="one_to_one"
    ):
        checks.append(
            (
                f"held session {session.pk}",
                "api",
                f"/api/v1/coaching/sessions/{session.pk}",
                ("session_took_place", session.relationship),
                None,
                False,
            )
        )
    for rel in (world.rel, world.rel2):
        for agreement in rel.agreements.all():
            checks.append(
                (
                    f"agreement {agreement.pk}",
                    "api",
                    f"/api/v1/coaching/agreements/{agreement.pk}",
                    ("triad_agreement", rel),
                    None,
                    False,
                )
            )
    for evaluation_id in world.objects["evaluation_id"]:
        checks.append(
            ("evaluation", "api", f"/api/v1/evaluations/{evaluation_id}", ("evaluation", None), None, False)
        )
    checks.append(("own access log", "page", f"/o/{slug}/privacy/", ("access_log", world.rel), None, False))
    return checks


# --- the tests ---------------------------------------------------------------------------------


@pytest.fixture
def world(people: People, django_capture_on_commit_callbacks) -> World:  # type: ignore[no-untyped-def]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        world = build_world(people)
        plant_content(world)
    assert mail.outbox, "planting sends session e-mails"
    return world


def test_every_role_sees_exactly_what_the_matrix_allows_everywhere(world: World) -> None:
    result = sweep(world)
    result_admin = admin_sweep(world)
    problems = violations(world, result, ROLES) + violations(world, result_admin, [OPERATOR])
    assert not problems, "\n".join(problems)
    # The sweep covered every URL pattern and every reading API operation.
    assert result.requests > 1000, result.requests
    # Every planted text is seen by someone: none was planted for nothing.
    assert {p.name for p in world.plants} <= {n for seen in result.seen.values() for n in seen}


def test_each_role_gets_read_write_or_nothing_as_the_matrix_says(world: World) -> None:
    problems = []
    pages = {role: client_for(world.members[role]) for role in ROLES}
    apis = {role: api_client(world.members[role]) for role in ROLES}
    for label, kind, url, (row, rel), author, write in object_checks(world):
        for role in ROLES:
            if row == "access_log":
                # The seller reads their own access log; the page is everyone's own.
                continue
            want = expected_status(world, role, row, rel, author=author, write=write)
            got = (pages if kind == "page" else apis)[role].get(url).status_code
            if got != want:
                problems.append(f"{role} {label} ({url}): {got}, the matrix says {want}")
    assert not problems, "\n".join(problems)


def test_only_the_seller_stops_sharing_and_the_manager_loses_access_at_once(world: World) -> None:
    slug = world.people.org.slug
    note = Note.objects.get(text="PLANTED-note-shared-5e1")
    url = f"/o/{slug}/coaching/notes/{note.pk}/visibility/"
    for role in ROLES:
        if role == "seller":
            continue
        answer = client_for(world.members[role]).post(url, {"visibility": "coach_and_seller"}).status_code
        want = 403 if matrix.grant("shared_item", world.column(role, world.rel)).reads else 404
        assert answer == want, (role, answer, want)
    note.refresh_from_db()
    assert note.visibility == "shared_with_manager"
    manager = api_client(world.members["manager"])
    assert manager.get(f"/api/v1/coaching/notes/{note.pk}").status_code == 200
    assert (
        client_for(world.members["seller"]).post(url, {"visibility": "coach_and_seller"}).status_code == 302
    )
    assert manager.get(f"/api/v1/coaching/notes/{note.pk}").status_code == 404
    page = client_for(world.members["manager"]).get(f"/o/{slug}/coaching/{world.rel.pk}/").content.decode()
    assert note.text not in page


def test_the_matrix_test_catches_a_leak(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """Remove one rule -- the note selector stops asking the policy -- and the sweep fails."""
    from salescoach.coaching import selectors

    slug = world.people.org.slug
    pages = [f"/o/{slug}/coaching/{world.rel.pk}/", f"/o/{slug}/"]
    api = [f"/api/v1/coaching/notes?relationship={world.rel.pk}"]
    before = violations(world, sweep(world, ["manager"], pages=pages, api=api), [])
    assert before == []
    original = selectors.note_list

    def without_the_rule(**kwargs: Any) -> Any:
        viewer = kwargs.pop("viewer")
        return original(viewer=world.members["coach"], **kwargs) if viewer.pk else None

    monkeypatch.setattr(selectors, "note_list", without_the_rule)
    leaked = sweep(world, ["manager"], pages=pages, api=api)
    problems = [p for p in violations(world, leaked, ["manager"]) if p.startswith("LEAK")]
    assert any("note-pair-seller" in p for p in problems), problems
    assert any("note-private-coach" in p for p in problems), problems


def test_the_matrix_keeps_product_rule_1() -> None:
    assert matrix.check_invariants() == []
    for key in matrix.COACHING_CONTENT_ROWS:
        assert matrix.ROWS[key].readers() <= {Column.SELLER, Column.COACH, Column.MANAGER}
