"""The load test's dataset: the results benchmark's organisation plus coaching.

    DATABASE_URL=… DJANGO_SETTINGS_MODULE=config.settings … python bench/load/dataset.py OUT.json
    … python bench/load/dataset.py --warm   # fill the shared figures cache

Run with the production settings (the runner does), so that the passwords are hashed
with the production hasher. It

* generates, the first time, the results benchmark's organisation ``bench``
  (bench/results_bench.py: 5,000 sellers in 500 teams, 2,000,000 opportunities,
  quarterly targets; ``LOAD_OPPORTUNITIES`` makes it smaller);
* adds coaching, the first time: 50 internal coaches, each coaching the ten sellers of
  one team (500 relationships), each relationship with six past one-to-ones, one coming
  one-to-one, two ride-alongs (one self-assessed), five notes and three commitments;
* gives the accounts the load test logs in as a password (production hasher), and the
  coaches a fresh API token each (the previous load tokens are revoked);
* writes the accounts, with the ids the virtual users work on, to OUT.json.
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

ORG_SLUG = "bench"
COACHES = 50
PASSWORD = "load-test-password-2026"  # noqa: S105 -- a generated benchmark organisation
TOKEN_NAME = "load test"  # noqa: S105 -- the name of the token, not a secret


def add_coaching() -> None:
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from salescoach.accounts.models import User
    from salescoach.coaching.models import (
        CoachingRelationship,
        CoachingSession,
        CoachKind,
        Commitment,
        Note,
        Observation,
        ObservationEntry,
        Perspective,
        SessionEvent,
        SessionEventKind,
        SessionKind,
    )
    from salescoach.coaching.rubric import default_rubric_keys
    from salescoach.organisations.models import Membership, Organisation, Role, RoleAssignment, Team
    from salescoach.privacy.visibility import Visibility

    org = Organisation.objects.get(slug=ORG_SLUG)
    if Membership.objects.filter(organisation=org, user__email="coach0@bench.example").exists():
        print("coaching: already there")
        return
    started = time.perf_counter()
    director = Membership.objects.get(organisation=org, user__email="director@bench.example")
    unusable = make_password(None)
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    today = timezone.localdate()
    rubric = default_rubric_keys()
    with transaction.atomic():
        users = User.objects.bulk_create(
            [
                User(email=f"coach{c}@bench.example", full_name=f"Coach {c}", password=unusable)
                for c in range(COACHES)
            ]
        )
        coaches = Membership.objects.bulk_create(
            [Membership(organisation=org, user=u, status="active", reports_to=director) for u in users]
        )
        RoleAssignment.objects.bulk_create(
            [RoleAssignment(membership=m, role=Role.INTERNAL_COACH) for m in coaches]
        )
        teams = {t.name: t for t in Team.objects.filter(organisation=org)}
        relationships = []
        for c, coach in enumerate(coaches):
            team = teams[f"Team {c:03d}"]
            for seller in Membership.objects.filter(team=team).exclude(pk=team.manager_id).order_by("pk"):
                relationships.append(
                    CoachingRelationship(
                        organisation=org,
                        coach=coach,
                        coachee=seller,
                        team=team,
                        coach_kind=CoachKind.INTERNAL_COACH,
                        started_on=today - timedelta(days=180),
                        created_by=director,
                    )
                )
        relationships = CoachingRelationship.objects.bulk_create(relationships)
        sessions: list[CoachingSession] = []
        for r in relationships:
            # Six weekly one-to-ones behind us, two ride-alongs, one one-to-one ahead.
            plan: list[tuple[str, datetime]] = [
                (SessionKind.ONE_TO_ONE, now - timedelta(days=7 * w + 3, hours=r.pk % 8)) for w in range(1, 7)
            ]
            plan += [
                (SessionKind.RIDE_ALONG, now - timedelta(days=2, hours=r.pk % 8)),
                (SessionKind.RIDE_ALONG, now - timedelta(days=1, hours=r.pk % 8)),
                (SessionKind.ONE_TO_ONE, now + timedelta(days=5, hours=r.pk % 8)),
            ]
            for kind, starts in plan:
                sessions.append(
                    CoachingSession(
                        relationship=r,
                        kind=kind,
                        starts_at=starts,
                        ends_at=starts + timedelta(hours=1),
                        location="Office",
                        framework="grow" if kind == SessionKind.ONE_TO_ONE else "ride_along",
                        created_by=r.coach,
                        created_at=starts - timedelta(days=14),
                        updated_at=starts - timedelta(days=14),
                    )
                )
        sessions = CoachingSession.objects.bulk_create(sessions, batch_size=2000)
        SessionEvent.objects.bulk_create(
            [
                SessionEvent(
                    session=s,
                    kind=SessionEventKind.PLANNED,
                    actor=s.created_by,
                    at=s.created_at,
                    data={"starts_at": s.starts_at.isoformat(), "ends_at": s.ends_at.isoformat()},
                )
                for s in sessions
            ],
            batch_size=2000,
        )
        rides = [s for s in sessions if s.kind == SessionKind.RIDE_ALONG]
        observations = Observation.objects.bulk_create(
            [
                Observation(
                    session=s,
                    rubric=rubric,
                    appointment="Customer visit",
                    # the first ride-along of each pair is self-assessed, the second not yet
                    self_assessed_at=s.ends_at if n % 2 == 0 else None,
                    visibility=Visibility.COACH_AND_SELLER,
                    unshared_visibility=Visibility.COACH_AND_SELLER,
                )
                for n, s in enumerate(rides)
            ],
            batch_size=2000,
        )
        ObservationEntry.objects.bulk_create(
            [
                ObservationEntry(
                    observation=o, area=area, perspective=Perspective.SELF, score=3, comment="Went fine."
                )
                for o in observations
                if o.self_assessed_at
                for area in rubric[:3]
            ],
            batch_size=2000,
        )
        notes, commitments = [], []
        for r in relationships:
            for n in range(5):
                at = now - timedelta(days=7 * n + 3)
                notes.append(
                    Note(
                        relationship=r,
                        author=r.coach if n % 2 else r.coachee,
                        text=f"Note {n} on the week's customer conversations.",
                        visibility=Visibility.COACH_AND_SELLER,
                        unshared_visibility=Visibility.COACH_AND_SELLER,
                        created_at=at,
                        updated_at=at,
                    )
                )
            for n in range(3):
                at = now - timedelta(days=7 * n + 3)
                commitments.append(
                    Commitment(
                        relationship=r,
                        text=f"Commitment {n}: call back every open quote within two days.",
                        due_on=today + timedelta(days=7 * n + 7),
                        created_by=r.coachee,
                        created_at=at,
                        updated_at=at,
                        visibility=Visibility.COACH_AND_SELLER,
                        unshared_visibility=Visibility.COACH_AND_SELLER,
                    )
                )
        Note.objects.bulk_create(notes, batch_size=2000)
        Commitment.objects.bulk_create(commitments, batch_size=2000)
    with connection.cursor() as cursor:
        # What autovacuum would do soon after a bulk load: the planner's statistics.
        cursor.execute(
            "VACUUM ANALYZE coaching_coachingrelationship, coaching_coachingsession, coaching_sessionevent, "
            "coaching_observation, coaching_observationentry, coaching_note, coaching_commitment, "
            "organisations_membership, organisations_roleassignment, accounts_user"
        )
    print(
        f"coaching: {len(coaches)} coaches, {len(relationships)} relationships, {len(sessions)} sessions, "
        f"{len(notes)} notes, {len(commitments)} commitments in {time.perf_counter() - started:.0f} s"
    )


def remove_earlier_runs() -> None:
    """What earlier load runs wrote (their texts carry a ``[load …]`` marker), so that
    every run starts from the same data and the sessions it plans find their slots free."""
    from salescoach.coaching.models import CoachingSession, Commitment, Note

    removed = [
        Note.objects.filter(text__contains="[load ").delete()[0],
        Commitment.objects.filter(text__contains="[load ").delete()[0],
        CoachingSession.objects.filter(location__contains="[load ").delete()[0],
    ]
    if any(removed):
        print(f"removed what earlier load runs wrote: {sum(removed)} rows")


def accounts() -> dict[str, object]:
    """Passwords and tokens for the accounts the load test uses, and their ids."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from salescoach.accounts.models import APIToken, User
    from salescoach.accounts.services import api_token_create
    from salescoach.coaching import frameworks
    from salescoach.coaching.models import CoachingRelationship, SessionKind
    from salescoach.coaching.rubric import default_rubric_keys
    from salescoach.organisations.models import Organisation, Team

    org = Organisation.objects.get(slug=ORG_SLUG)
    now = timezone.now()
    relationships = list(
        CoachingRelationship.objects.filter(organisation=org)
        .select_related("coach__user", "coachee__user")
        .prefetch_related("sessions")
        .order_by("pk")
    )
    by_coach: dict[str, list[dict[str, object]]] = {}
    sellers = []
    for r in relationships:
        sessions = sorted(r.sessions.all(), key=lambda s: s.starts_at)
        rides = [s.pk for s in sessions if s.kind == SessionKind.RIDE_ALONG]
        ahead = [s.pk for s in sessions if s.starts_at > now and s.kind == SessionKind.ONE_TO_ONE]
        entry = {
            "relationship": r.pk,
            "ride_assessed": rides[0],  # the coach writes the observation on this one
            "ride_open": rides[1],  # the seller writes the self-assessment on this one
            "upcoming": ahead[0] if ahead else None,
            "team": r.team_id,
        }
        by_coach.setdefault(r.coach.user.email, []).append(entry)
        sellers.append({"email": r.coachee.user.email, "member": r.coachee_id, **entry})
    teams = list(
        Team.objects.filter(organisation=org, name__lt=f"Team {COACHES:03d}")
        .select_related("manager__user")
        .order_by("name")
    )
    password = make_password(PASSWORD)
    emails = (
        [s["email"] for s in sellers]
        + list(by_coach)
        + [t.manager.user.email for t in teams]
        + ["director@bench.example"]
    )
    coaches = []
    with transaction.atomic():
        User.objects.filter(email__in=emails).update(password=password)
        APIToken.objects.filter(name=TOKEN_NAME, revoked_at__isnull=True).update(revoked_at=now)
        for email, entries in by_coach.items():
            _token, raw = api_token_create(
                user=User.objects.get(email=email), name=TOKEN_NAME, organisation=org
            )
            coaches.append({"email": email, "token": raw, "relationships": entries})
    all_teams = list(Team.objects.filter(organisation=org).values_list("pk", flat=True))
    return {
        "organisation": ORG_SLUG,
        "rubric": default_rubric_keys(),
        "grow_stages": list(frameworks.get_framework("grow").stage_keys),
        "password": PASSWORD,
        "sellers": sellers,
        "coaches": coaches,
        "managers": [{"email": t.manager.user.email, "team": t.pk} for t in teams],
        "owners": [{"email": "director@bench.example"}],
        "teams": all_teams,
    }


def sizes() -> dict[str, int]:
    from salescoach.coaching.models import CoachingRelationship, CoachingSession, Commitment, Note
    from salescoach.organisations.models import Membership, Team
    from salescoach.results.models import Opportunity, Target

    return {
        "members": Membership.objects.filter(organisation__slug=ORG_SLUG).count(),
        "teams": Team.objects.filter(organisation__slug=ORG_SLUG).count(),
        "opportunities": Opportunity.objects.filter(organisation__slug=ORG_SLUG).count(),
        "targets": Target.objects.filter(organisation__slug=ORG_SLUG).count(),
        "relationships": CoachingRelationship.objects.filter(organisation__slug=ORG_SLUG).count(),
        "sessions": CoachingSession.objects.filter(relationship__organisation__slug=ORG_SLUG).count(),
        "notes": Note.objects.filter(relationship__organisation__slug=ORG_SLUG).count(),
        "commitments": Commitment.objects.filter(relationship__organisation__slug=ORG_SLUG).count(),
    }


def warm() -> None:
    """Compute the organisation-wide figures once -- its dashboard for this quarter and its
    insights -- into the shared cache, as the first visitor after an import would."""
    from django.utils import timezone

    from salescoach.insights import selectors as insights
    from salescoach.organisations.models import Membership, Role
    from salescoach.results import selectors as results
    from salescoach.results.periods import quarter_of

    owner = Membership.objects.filter(
        organisation__slug=ORG_SLUG, role_assignments__role=Role.PROGRAMME_OWNER
    ).first()
    assert owner is not None
    started = time.perf_counter()
    results.dashboard(viewer=owner, period=quarter_of(timezone.localdate()))
    for metric in insights.METRICS:
        insights.organisation_impact(organisation=owner.organisation, metric=metric)
    print(
        f"figures cache: organisation dashboard and insights computed in {time.perf_counter() - started:.1f} s"
    )


def main() -> None:
    import django

    django.setup()
    if sys.argv[1] == "--warm":
        warm()
        return
    import results_bench
    from django.core.management import call_command
    from django.utils import timezone

    if os.environ.get("LOAD_OPPORTUNITIES"):
        results_bench.OPPORTUNITIES = int(os.environ["LOAD_OPPORTUNITIES"])
    call_command("migrate", verbosity=0)
    results_bench.generate(timezone.localdate())
    add_coaching()
    remove_earlier_runs()
    data = accounts()
    data["sizes"] = sizes()
    Path(sys.argv[1]).write_text(json.dumps(data, indent=1))
    print("dataset:", ", ".join(f"{v:,} {k}" for k, v in data["sizes"].items()))


if __name__ == "__main__":
    main()
