"""Programmes in the JSON API, and the coaching-assignments import."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import Workbook

from salescoach.accounts.services import api_token_create
from salescoach.coaching.models import CoachingRelationship
from salescoach.organisations.models import Membership
from salescoach.programmes.models import Programme, ProgrammeCoach
from tests.conftest import People
from tests.programmes.helpers import make_programme

pytestmark = pytest.mark.django_db


def api(member: Membership, language: str = "en") -> Client:
    _, raw = api_token_create(user=member.user, name="test", organisation=member.organisation)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE=language)


def payload(people: People, **overrides: object) -> dict[str, object]:
    return {
        "team_id": people.team.pk,
        "coaching_models": ["manager", "external_coach"],
        "goals": "One story to the team.",
        "starts_on": timezone.localdate().isoformat(),
        "coaches": [{"member_id": people.coach.pk, "model": "external_coach"}],
        **overrides,
    }


def test_create_list_detail_and_health(people: People) -> None:
    client = api(people.owner)
    created = client.post("/api/v1/programmes", payload(people), content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["coaching_models"] == ["manager", "external_coach"] and body["cadence_min_hours"] == 3.0
    assert {(c["member_id"], c["model"]) for c in body["coaches"]} == {
        (people.manager.pk, "manager"),
        (people.coach.pk, "external_coach"),
    }
    listed = api(people.manager).get("/api/v1/programmes").json()
    assert [p["id"] for p in listed] == [body["id"]]
    assert api(people.other_manager).get("/api/v1/programmes").json() == []
    assert api(people.seller).get("/api/v1/programmes").status_code == 403
    detail = client.get(f"/api/v1/programmes/{body['id']}")
    assert detail.status_code == 200 and detail.json()["team"]["name"] == "Team A"
    health = client.get(f"/api/v1/programmes/{body['id']}/health").json()
    keys = {c["key"] for c in health["checks"]}
    assert {"agreements", "alignment", "training", "guidance", "capacity", "separation", "onboarding"} <= keys
    assert health["status"] in {"ok", "attention", "problem"} and sum(health["counts"].values()) == len(
        health["checks"]
    )
    assert all(c["trend"][-1]["status"] == c["status"] for c in health["checks"])
    dutch = api(people.owner, "nl").get(f"/api/v1/programmes/{body['id']}/health").json()
    assert "Coachingtraining" in {c["title"] for c in dutch["checks"]}
    for member in (people.seller, people.coach, people.outsider):
        assert api(member).get(f"/api/v1/programmes/{body['id']}/health").status_code == 404


def test_create_errors_are_400_and_save_nothing(people: People) -> None:
    client = api(people.owner)
    no_coach = client.post("/api/v1/programmes", payload(people, coaches=[]), content_type="application/json")
    assert no_coach.status_code == 400 and "has no coach" in no_coach.json()["errors"]["coaches"][0]
    wrong = client.post(
        "/api/v1/programmes",
        payload(people, coaches=[{"member_id": people.seller.pk, "model": "external_coach"}]),
        content_type="application/json",
    )
    assert wrong.status_code == 400 and "External coach" in wrong.json()["errors"]["coaches"][0]
    assert (
        client.post(
            "/api/v1/programmes",
            payload(people, team_id=people.outsider_team.pk),
            content_type="application/json",
        ).status_code
        == 404
    )
    assert (
        api(people.seller)
        .post("/api/v1/programmes", payload(people), content_type="application/json")
        .status_code
        == 403
    )
    assert not Programme.objects.exists()


# --- coaching assignments -------------------------------------------------------------------------


def csv_file(text: str, name: str = "assignments.csv") -> io.BytesIO:
    upload = io.BytesIO(text.encode())
    upload.name = name
    return upload


def xlsx_file(rows: list[list[object]]) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    upload = io.BytesIO()
    workbook.save(upload)
    upload.seek(0)
    upload.name = "assignments.xlsx"
    return upload


def post_import(member: Membership, upload: io.BytesIO, dry_run: bool = False) -> dict:  # type: ignore[type-arg]
    data: dict[str, object] = {"file": upload}
    if dry_run:
        data["dry_run"] = "true"
    response = api(member).post("/api/v1/imports/coaching-assignments", data)
    assert response.status_code == 200, response.content
    return response.json()


def test_import_creates_updates_and_leaves_unchanged(people: People) -> None:
    programme = make_programme(people, ["manager", "external_coach"])
    text = (
        "Coach e-mail,Coachee e-mail,Start date,End date\n"
        "coach@example.com,seller@example.com,2025-03-01,\n"
        "manager@example.com,colleague@example.com,01-02-2025,\n"
    )
    dry = post_import(people.owner, csv_file(text), dry_run=True)
    assert dry == {"created": 2, "updated": 0, "unchanged": 0, "errors": []}
    assert not CoachingRelationship.objects.exists()
    assert post_import(people.owner, csv_file(text)) == {
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "errors": [],
    }
    relationship = CoachingRelationship.objects.get(coach=people.coach)
    assert relationship.started_on.isoformat() == "2025-03-01" and relationship.coach_kind == "external_coach"
    assert CoachingRelationship.objects.get(coach=people.manager).coach_kind == "manager"
    assert programme.coachees.filter(member=people.seller).exists()
    # Again, in Dutch, with the second pair ended: one updated, one unchanged.
    ended = (timezone.localdate() - timedelta(days=2)).isoformat()
    dutch = (
        "E-mail coach;E-mail coachee;Startdatum;Einddatum\n"
        "coach@example.com;seller@example.com;2025-03-01;\n"
        f"manager@example.com;colleague@example.com;2025-02-01;{ended}\n"
    )
    assert post_import(people.owner, csv_file(dutch)) == {
        "created": 0,
        "updated": 1,
        "unchanged": 1,
        "errors": [],
    }
    assert CoachingRelationship.objects.get(coach=people.manager).status == "ended"


def test_import_is_all_or_nothing_with_errors_by_row_and_column(people: People) -> None:
    future = (timezone.localdate() + timedelta(days=10)).isoformat()
    upload = xlsx_file(
        [
            ["Coach e-mail", "Coachee e-mail", "Start date", "End date"],
            ["coach@example.com", "seller@example.com", "2025-03-01", None],
            ["nobody@example.com", "colleague@example.com", "2025-03-01", None],
            ["coach@example.com", "colleague@example.com", "", None],
            ["colleague@example.com", "seller@example.com", "2025-03-01", None],
            ["coach@example.com", "colleague@example.com", "2025-05-01", "2025-04-01"],
            ["coach@example.com", "other.seller@example.com", "2025-05-01", future],
            ["coach@example.com", "seller@example.com", "2025-03-01", None],
        ]
    )
    result = post_import(people.owner, upload)
    assert result["created"] == result["updated"] == result["unchanged"] == 0
    found = {(e["row"], e["column"]) for e in result["errors"]}
    assert (3, "Coach e-mail") in found  # not a member
    assert (4, "Start date") in found  # empty
    assert (5, "Coach e-mail") in found  # a seller has no coaching role
    assert (6, "End date") in found  # before the start
    assert (7, "End date") in found  # in the future
    assert (8, "Coachee e-mail") in found  # the pair is on row 2 already
    assert not CoachingRelationship.objects.exists()


def test_import_missing_columns_and_rights(people: People) -> None:
    result = post_import(people.owner, csv_file("Coach,Something\na,b\n"))
    assert {e["column"] for e in result["errors"]} == {"coachee_email", "start_date"}
    # A manager imports only for their own people.
    other = post_import(
        people.manager,
        csv_file("Coach,Coachee,Start\ncoach@example.com,other.seller@example.com,2025-01-01\n"),
    )
    assert (
        other["errors"][0]["column"] == "Coachee"
        and "not one of the people you manage" in other["errors"][0]["message"]
    )
    assert (
        api(people.seller).post("/api/v1/imports/coaching-assignments", {"file": csv_file("a\n")}).status_code
        == 404
    )
    garbage = post_import(people.owner, csv_file("\x00\x01\x02", name="x.csv"))
    assert garbage["errors"]


def test_imported_coach_joins_the_programme_in_their_model(people: People) -> None:
    programme = make_programme(people, ["manager"])
    post_import(
        people.owner, csv_file("Coach,Coachee,Start\ncoach@example.com,seller@example.com,2025-01-01\n")
    )
    # The programme has no external-coach model: the relationship exists, the programme is unchanged.
    assert CoachingRelationship.objects.filter(coach=people.coach).exists()
    assert not ProgrammeCoach.objects.filter(programme=programme, member=people.coach).exists()


def test_the_pages_run_the_import_as_upload_check_confirm(
    people: People, client_for, django_capture_on_commit_callbacks
) -> None:
    client = client_for(people.owner)
    slug = people.org.slug
    template = client.get(f"/o/{slug}/imports/coaching-assignments/template.csv")
    assert "Coach e-mail" in template.content.decode()
    upload = csv_file(
        "Coach e-mail,Coachee e-mail,Start date\ncoach@example.com,seller@example.com,2025-03-01\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/o/{slug}/imports/coaching-assignments/", {"file": upload})
    assert response.status_code == 302
    job_url = response["Location"]
    checked = client.get(job_url)
    assert checked.context["preview"].created == 1 and not CoachingRelationship.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(job_url + "confirm/")
    assert CoachingRelationship.objects.filter(coach=people.coach, coachee=people.seller).exists()
