"""The load scenario: sellers, coaches, managers and programme owners at work at once.

Started by bench/load_test.py (which prepares the accounts file and the servers):

    LOAD_ACCOUNTS=var/load/accounts.json LOAD_ACKS=var/load/acks.jsonl \\
    LOAD_HOSTS=http://127.0.0.1:8780,http://127.0.0.1:8781 \\
        .venv/bin/locust -f bench/load/locustfile.py --headless -u 50 -r 10 -t 60s

* Sellers log in through the login page (session cookie and CSRF token), open their home
  page, their coaching relationship and their own results, and write commitments, notes
  and ride-along self-assessments through /api/v1 with the session and the CSRF header.
* Coaches use a personal API token: they list their coachees' sessions, prepare the
  coming session (the question bank), plan sessions, write notes and ride-along
  observations.
* Managers and programme owners log in through the login page and open the results
  dashboards (team and organisation), the dashboard API and the insights API.

Every create the server acknowledges (201 with the new id) is appended to LOAD_ACKS with
a marker that is unique to the request and also in the text written, so the runner can
check afterwards that each is in the database exactly once. Each virtual user is sent to
one of LOAD_HOSTS in turn (two app servers serving the same data).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

from locust import HttpUser, between, task

DATA: dict[str, Any] = json.loads(open(os.environ.get("LOAD_ACCOUNTS", "var/load/accounts.json")).read())  # noqa: SIM115
ORG = DATA["organisation"]
HOSTS = itertools.cycle(os.environ.get("LOAD_HOSTS", "http://127.0.0.1:8780").split(","))
ACKS = open(os.environ.get("LOAD_ACKS", "var/load/acks.jsonl"), "a", buffering=1)  # noqa: SIM115
RUN = uuid.uuid4().hex[:8]

# Each virtual user takes the next account of its role: no two share one.
_next = {role: itertools.cycle(DATA[role]) for role in ("sellers", "coaches", "managers", "owners")}
_slot = itertools.count()


def acknowledge(kind: str, response: Any, marker: str) -> None:
    """Record a create the server acknowledged: 201 with the new id."""
    if response.status_code != 201:
        response.failure(f"{kind}: {response.status_code} {response.text[:200]}")
        return
    try:
        created = int(response.json()["id"])
    except (ValueError, KeyError, TypeError):
        response.failure(f"{kind}: 201 without an id")
        return
    ACKS.write(json.dumps({"kind": kind, "id": created, "marker": marker}) + "\n")
    response.success()


def marker() -> str:
    return f"[load {RUN} {uuid.uuid4().hex}]"


class Base(HttpUser):
    abstract = True
    wait_time = between(0.5, 2.5)
    host = os.environ.get("LOAD_HOSTS", "http://127.0.0.1:8780").split(",")[0]

    def on_start(self) -> None:
        self.client.base_url = next(HOSTS)

    def page(self, url: str, name: str) -> None:
        """A page; a redirect (to the login page, say) counts as a failure."""
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")

    def api_get(self, url: str, name: str, **kwargs: Any) -> Any:
        with self.client.get(url, name=name, catch_response=True, **kwargs) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} {response.text[:200]}")
                return None
            return response.json()

    def login(self, email: str) -> None:
        """The login page with its CSRF token, as a browser does."""
        self.client.get("/accounts/login/", name="login page")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            "/accounts/login/",
            data={"csrfmiddlewaretoken": token, "username": email, "password": DATA["password"]},
            headers={"Referer": self.client.base_url + "/accounts/login/"},
            name="login (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or "sessionid" not in self.client.cookies:
                response.failure(f"login failed: {response.status_code}")

    def csrf(self) -> dict[str, str]:
        return {
            "X-CSRFToken": self.client.cookies.get("csrftoken", ""),
            "Referer": self.client.base_url + "/",
        }


class Seller(Base):
    """Session login; pages and the API with the session and its CSRF token."""

    weight = 25

    def on_start(self) -> None:
        super().on_start()
        self.account = next(_next["sellers"])
        self.login(self.account["email"])

    @task(3)
    def home(self) -> None:
        self.page(f"/o/{ORG}/", "seller: home page")

    @task(2)
    def relationship(self) -> None:
        self.page(f"/o/{ORG}/coaching/{self.account['relationship']}/", "seller: coaching relationship page")

    @task(2)
    def my_results(self) -> None:
        self.page(f"/o/{ORG}/results/people/{self.account['member']}/", "seller: own results page")

    @task(2)
    def commitments(self) -> None:
        self.api_get(
            f"/api/v1/coaching/commitments?relationship={self.account['relationship']}",
            "seller: GET /api/v1/coaching/commitments",
        )

    @task(2)
    def write_commitment(self) -> None:
        mark = marker()
        due = (datetime.now(timezone.utc).date() + timedelta(days=random.randint(3, 30))).isoformat()  # noqa: UP017
        with self.client.post(
            "/api/v1/coaching/commitments",
            json={
                "relationship_id": self.account["relationship"],
                "text": f"Call three customers about their renewals {mark}",
                "due_on": due,
            },
            headers=self.csrf(),
            name="seller: POST /api/v1/coaching/commitments",
            catch_response=True,
        ) as response:
            acknowledge("commitment", response, mark)

    @task(2)
    def write_note(self) -> None:
        mark = marker()
        with self.client.post(
            "/api/v1/coaching/notes",
            json={
                "relationship_id": self.account["relationship"],
                "text": f"The demo went better once I asked about their planning first {mark}",
            },
            headers=self.csrf(),
            name="seller: POST /api/v1/coaching/notes",
            catch_response=True,
        ) as response:
            acknowledge("note", response, mark)

    @task(1)
    def self_assess(self) -> None:
        areas = DATA["rubric"][:3]
        with self.client.put(
            f"/api/v1/coaching/sessions/{self.account['ride_open']}/observation/self-assessment",
            json={
                "entries": {a: {"score": random.randint(1, 5), "comment": "I listened more."} for a in areas},
                "appointment": "Visit to a customer",
            },
            headers=self.csrf(),
            name="seller: PUT ride-along self-assessment",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} {response.text[:200]}")


class Coach(Base):
    """A personal API token (Authorization: Bearer)."""

    weight = 13

    def on_start(self) -> None:
        super().on_start()
        self.account = next(_next["coaches"])
        self.client.headers["Authorization"] = f"Bearer {self.account['token']}"
        self.slot = next(_slot)
        self.planned = 0

    def pick(self) -> dict[str, Any]:
        return random.choice(self.account["relationships"])

    @task(2)
    def relationships(self) -> None:
        self.api_get("/api/v1/coaching/relationships", "coach: GET /api/v1/coaching/relationships")

    @task(2)
    def sessions(self) -> None:
        self.api_get(
            f"/api/v1/coaching/sessions?relationship={self.pick()['relationship']}",
            "coach: GET /api/v1/coaching/sessions",
        )

    @task(2)
    def prepare(self) -> None:
        session = self.pick()["upcoming"]
        self.api_get(f"/api/v1/coaching/sessions/{session}/preparation", "coach: GET session preparation")
        stages = DATA["grow_stages"]
        with self.client.put(
            f"/api/v1/coaching/sessions/{session}/preparation",
            json={
                "framework": "grow",
                "questions": [
                    {"stage": stages[0], "text": "What would make this quarter a good one for you?"},
                    {"stage": stages[-1], "text": "What will you do first, and when?"},
                ],
            },
            name="coach: PUT session preparation",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} {response.text[:200]}")

    @task(1)
    def plan_session(self) -> None:
        # A slot of its own for every session this virtual user plans: no overlaps.
        self.planned += 1
        starts = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0) + timedelta(  # noqa: UP017
            days=60 + self.slot * 40 + self.planned // 8, hours=self.planned % 8
        )
        mark = marker()
        with self.client.post(
            f"/api/v1/coaching/relationships/{self.pick()['relationship']}/sessions",
            json={"starts_at": starts.isoformat(), "duration_minutes": 45, "location": f"Office {mark}"},
            name="coach: POST /api/v1/coaching/relationships/[id]/sessions",
            catch_response=True,
        ) as response:
            acknowledge("session", response, mark)

    @task(2)
    def write_note(self) -> None:
        mark = marker()
        with self.client.post(
            "/api/v1/coaching/notes",
            json={
                "relationship_id": self.pick()["relationship"],
                "text": f"Asked about the customer's next step before proposing ours {mark}",
            },
            name="coach: POST /api/v1/coaching/notes",
            catch_response=True,
        ) as response:
            acknowledge("note", response, mark)

    @task(1)
    def ride_along(self) -> None:
        session = self.pick()["ride_assessed"]
        self.api_get(f"/api/v1/coaching/sessions/{session}/observation", "coach: GET ride-along observation")
        with self.client.put(
            f"/api/v1/coaching/sessions/{session}/observation/coach",
            json={
                "entries": {
                    a: {"score": random.randint(2, 5), "comment": "What did you notice when they hesitated?"}
                    for a in DATA["rubric"][:3]
                }
            },
            name="coach: PUT ride-along observation",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} {response.text[:200]}")


class Manager(Base):
    """Session login; the team's results dashboard (page and API) and insights."""

    weight = 8

    def on_start(self) -> None:
        super().on_start()
        self.account = next(_next["managers"])
        self.login(self.account["email"])

    @task(3)
    def team_dashboard(self) -> None:
        self.page(f"/o/{ORG}/results/teams/{self.account['team']}/", "manager: team dashboard page")

    @task(2)
    def team_api(self) -> None:
        self.api_get(
            f"/api/v1/results/teams/{self.account['team']}", "manager: GET /api/v1/results/teams/[id]"
        )

    @task(2)
    def insights(self) -> None:
        self.api_get(
            f"/api/v1/insights/impact?team={self.account['team']}&metric=attainment",
            "manager: GET /api/v1/insights/impact",
        )

    @task(1)
    def home(self) -> None:
        self.page(f"/o/{ORG}/", "manager: home page")


class ProgrammeOwner(Base):
    """Session login; the organisation's dashboard, any team's, and insights."""

    weight = 4

    def on_start(self) -> None:
        super().on_start()
        self.account = next(_next["owners"])
        self.login(self.account["email"])

    @task(2)
    def organisation_dashboard(self) -> None:
        self.page(f"/o/{ORG}/results/", "owner: organisation dashboard page")

    @task(2)
    def team_dashboard(self) -> None:
        self.page(f"/o/{ORG}/results/teams/{random.choice(DATA['teams'])}/", "owner: team dashboard page")

    @task(2)
    def insights(self) -> None:
        self.api_get(
            f"/api/v1/insights/impact?team={random.choice(DATA['teams'])}&metric=win_rate",
            "owner: GET /api/v1/insights/impact",
        )

    @task(1)
    def coaching_overview(self) -> None:
        self.page(f"/o/{ORG}/coaching/", "owner: coaching overview page")
