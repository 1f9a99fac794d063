from __future__ import annotations

import pytest

from tests.coaching.conftest import Coaching, plan_session

pytestmark = pytest.mark.django_db


def test_pages_render(coaching: Coaching, client_for) -> None:
    session = plan_session(coaching.relationship, coaching.coach)
    slug = coaching.people.org.slug
    for member in (coaching.seller, coaching.coach, coaching.manager, coaching.people.owner):
        client = client_for(member)
        for url in (
            f"/o/{slug}/",
            f"/o/{slug}/coaching/",
            f"/o/{slug}/coaching/{coaching.relationship.pk}/",
            f"/o/{slug}/coaching/{coaching.relationship.pk}/agreement/",
            f"/o/{slug}/coaching/{coaching.relationship.pk}/plan/",
            f"/o/{slug}/coaching/sessions/{session.pk}/",
            f"/o/{slug}/coaching/sessions/",
            f"/o/{slug}/coaching/questions/",
            "/calendar/",
            "/accounts/settings/",
        ):
            response = client.get(url)
            assert response.status_code in (200, 403, 404), (member, url, response.status_code)
            print(member.user.email, url, response.status_code)
