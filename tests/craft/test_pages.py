"""The practice page, the live analysis fragment, the coach's own trend and the programme
owner's overview -- who sees what, and the confidentiality threshold."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from salescoach.craft import services
from salescoach.craft.models import StyleSample, StyleSource
from salescoach.organisations.models import Membership, Role
from tests.conftest import People
from tests.factories import MembershipFactory


def url(people: People, name: str) -> str:
    return f"/o/{people.org.slug}/coaching-style/{name}/"


def coach_in(people: People, email: str, role: str = Role.INTERNAL_COACH) -> Membership:
    return MembershipFactory(organisation=people.org, user__email=email, roles=[role])


def sample(
    coach: Membership, *, days_ago: int = 0, open_questions: int = 2, directives: int = 1
) -> StyleSample:
    return StyleSample.objects.create(
        organisation=coach.organisation,
        coach=coach,
        analysed_on=timezone.localdate() - timedelta(days=days_ago),
        source=StyleSource.PRACTICE,
        language="nl",
        open_questions=open_questions,
        directives=directives,
    )


@pytest.mark.django_db
def test_coaches_and_managers_practise_others_do_not(people: People, client_for) -> None:
    for member in (people.coach, people.manager):
        response = client_for(member).get(url(people, "practice"))
        assert response.status_code == 200
        assert b"data-style-assistant" in response.content
    for member in (people.seller, people.owner):
        assert client_for(member).get(url(people, "practice")).status_code == 403


@pytest.mark.django_db
def test_the_navigation_offers_each_role_its_own_entry(people: People, client_for) -> None:
    coach_page = client_for(people.coach).get(f"/o/{people.org.slug}/").content.decode()
    assert url(people, "practice") in coach_page
    assert url(people, "overview") not in coach_page
    owner_page = client_for(people.owner).get(f"/o/{people.org.slug}/").content.decode()
    assert url(people, "overview") in owner_page
    assert url(people, "practice") not in owner_page
    seller_page = client_for(people.seller).get(f"/o/{people.org.slug}/").content.decode()
    assert "coaching-style" not in seller_page


@pytest.mark.django_db
def test_the_fragment_labels_highlights_and_suggests(people: People, client_for) -> None:
    response = client_for(people.coach).post(
        url(people, "analyse"),
        {"text": "Je moet de klant eerder bellen. Wat wil je bereiken?"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert '<mark class="style-cue">Je moet</mark>' in html
    assert "Wat zou er gebeuren als je de klant eerder belt?" in html
    assert "data-style-apply" in html
    assert 'data-label="directive"' in html and 'data-label="open_question"' in html
    assert "50%" in html
    assert not StyleSample.objects.exists()  # analysing keeps nothing


@pytest.mark.django_db
def test_the_fragment_says_plainly_what_it_cannot_do(people: People, client_for) -> None:
    client = client_for(people.coach)
    client.cookies["django_language"] = "en"
    german = client.post(
        url(people, "analyse"), {"text": "Du solltest den Kunden früher anrufen."}
    ).content.decode()
    assert "looks like German" in german
    empty = client.post(url(people, "analyse"), {"text": ""}).content.decode()
    assert "each sentence is checked" in empty
    too_long = client.post(url(people, "analyse"), {"text": "a" * 100_001}).content.decode()
    assert "100,000" in too_long


@pytest.mark.django_db
def test_the_fragment_escapes_the_text(people: People, client_for) -> None:
    html = (
        client_for(people.coach)
        .post(url(people, "analyse"), {"text": 'Bel "de" klant & zeg <script>x</script> hallo.'})
        .content.decode()
    )
    assert "<script>x" not in html


@pytest.mark.django_db
def test_the_fragment_is_for_members_only(people: People, client_for) -> None:
    assert client_for(people.outsider).post(url(people, "analyse"), {"text": "Bel"}).status_code == 404
    assert client_for(people.coach).get(url(people, "analyse")).status_code == 405


@pytest.mark.django_db
def test_keeping_the_counts_stores_counts_and_never_the_text(people: People, client_for) -> None:
    client = client_for(people.coach)
    response = client.post(
        url(people, "practice"),
        {
            "text": "Je moet de klant eerder bellen. Wat wil je bereiken? Heb je gebeld?",
            "language": "",
            "action": "save",
        },
    )
    assert response.status_code == 302
    sample = StyleSample.objects.get()
    assert (sample.open_questions, sample.closed_questions, sample.directives, sample.statements) == (
        1,
        1,
        1,
        0,
    )
    assert (sample.coach, sample.language, sample.analysed_on) == (people.coach, "nl", timezone.localdate())
    values = [str(getattr(sample, f.attname)) for f in StyleSample._meta.concrete_fields]
    assert not any("klant" in value or "bellen" in value for value in values)


@pytest.mark.django_db
def test_nothing_to_keep_is_said_on_the_form(people: People, client_for) -> None:
    response = client_for(people.coach).post(url(people, "practice"), {"text": "", "action": "save"})
    assert response.status_code == 200
    assert not StyleSample.objects.exists()
    assert response.context["form"].errors


@pytest.mark.django_db
def test_without_javascript_the_page_analyses_on_submit(people: People, client_for) -> None:
    response = client_for(people.coach).post(
        url(people, "practice"), {"text": "Bel de klant.", "action": "analyse"}
    )
    assert response.status_code == 200
    assert "Wat zou er gebeuren als je de klant belt?" in response.content.decode()
    assert not StyleSample.objects.exists()


@pytest.mark.django_db
def test_a_coach_sees_only_their_own_trend(people: People, client_for, django_assert_max_num_queries) -> None:
    other = coach_in(people, "other.coach@example.com")
    sample(people.coach, open_questions=3, directives=1)
    sample(other, open_questions=0, directives=9)
    client = client_for(people.coach)
    with django_assert_max_num_queries(12):
        response = client.get(url(people, "trend"))
    assert response.status_code == 200
    this_month = [row for row in response.context["rows"] if row.texts]
    assert len(this_month) == 1
    assert (this_month[0].open_questions, this_month[0].directives) == (3, 1)
    assert "75%" in response.content.decode()
    for member in (people.owner, people.seller):
        assert client_for(member).get(url(people, "trend")).status_code == 403
    # A manager coaches too (model 1): their own trend, which is empty.
    manager_rows = client_for(people.manager).get(url(people, "trend")).context["rows"]
    assert not any(row.texts for row in manager_rows)


@pytest.mark.django_db
def test_the_trend_fills_the_months_and_shows_a_chart(people: People, client_for) -> None:
    for days in (0, 40, 80):
        sample(people.coach, days_ago=days)
    response = client_for(people.coach).get(url(people, "trend"))
    rows = response.context["rows"]
    assert len(rows) == 12
    assert sum(row.texts for row in rows) == 3
    assert response.content.decode().count("<circle") == 3


@pytest.mark.django_db
def test_the_overview_is_for_the_programme_owner(people: People, client_for) -> None:
    for member in (people.coach, people.manager, people.seller):
        assert client_for(member).get(url(people, "overview")).status_code == 403
    assert client_for(people.owner).get(url(people, "overview")).status_code == 200


@pytest.mark.django_db
def test_the_overview_hides_a_month_below_the_threshold(people: People, client_for) -> None:
    assert people.org.min_group_size == 5
    coaches = [coach_in(people, f"coach{i}@example.com") for i in range(4)]
    for coach in coaches:
        sample(coach)
    client = client_for(people.owner)
    overview = client.get(url(people, "overview")).context["overview"]
    assert overview.rows[-1].hidden
    assert overview.total is None
    sample(coach_in(people, "coach4@example.com"))
    overview = client.get(url(people, "overview")).context["overview"]
    current = overview.rows[-1]
    assert not current.hidden
    assert (current.coaches, current.texts, current.open_questions, current.directives) == (5, 5, 10, 5)
    assert overview.total.texts == 5


@pytest.mark.django_db
def test_the_owner_cannot_subtract_their_own_figures(people: People, client_for) -> None:
    """An owner who also coaches needs the threshold of coaches besides themselves."""
    people.owner.role_assignments.create(role=Role.INTERNAL_COACH)
    for i in range(4):
        sample(coach_in(people, f"coach{i}@example.com"))
    sample(people.owner)
    overview = client_for(people.owner).get(url(people, "overview")).context["overview"]
    assert overview.rows[-1].hidden  # five coaches, but only four besides the owner


@pytest.mark.django_db
def test_the_threshold_follows_the_organisation_setting(people: People, client_for) -> None:
    people.org.min_group_size = 3
    people.org.save()
    for i in range(3):
        sample(coach_in(people, f"coach{i}@example.com"))
    overview = client_for(people.owner).get(url(people, "overview")).context["overview"]
    assert overview.rows[-1].coaches == 3


@pytest.mark.django_db
def test_totals_leave_out_hidden_months(people: People, client_for, django_assert_max_num_queries) -> None:
    coaches = [coach_in(people, f"coach{i}@example.com") for i in range(5)]
    for coach in coaches:
        sample(coach)  # this month: five coaches
    sample(coaches[0], days_ago=62, open_questions=0, directives=50)  # a month with one coach
    client = client_for(people.owner)
    with django_assert_max_num_queries(12):
        response = client.get(url(people, "overview"))
    overview = response.context["overview"]
    assert overview.total.texts == 5
    assert overview.total.directives == 5
    assert sum(1 for row in overview.rows if row.hidden) == 1
    assert "Not shown" in response.content.decode() or "Niet getoond" in response.content.decode()


@pytest.mark.django_db
def test_the_overview_never_lists_coaches(people: People, client_for) -> None:
    coaches = [coach_in(people, f"coach{i}@example.com") for i in range(6)]
    for coach in coaches:
        sample(coach)
    html = client_for(people.owner).get(url(people, "overview")).content.decode()
    for coach in coaches:
        assert coach.user.full_name not in html
        assert coach.user.email not in html


@pytest.mark.django_db
def test_another_organisation_sees_nothing(people: People, client_for) -> None:
    for i in range(6):
        sample(coach_in(people, f"coach{i}@example.com"))
    outsider = client_for(people.outsider)
    assert outsider.get(url(people, "overview")).status_code == 404
    response = outsider.get(f"/o/{people.outsider_org.slug}/coaching-style/overview/")
    assert response.status_code == 200
    assert response.context["overview"].total is None


@pytest.mark.django_db
def test_other_apps_can_keep_counts_with_their_own_source(people: People) -> None:
    kept = services.style_sample_record(
        actor=people.coach, text="Wat ging er goed? Vertel eens.", source=StyleSource.FEEDBACK
    )
    assert (kept.source, kept.open_questions) == ("feedback", 2)


@pytest.mark.django_db
def test_home_shows_the_coach_their_recent_balance(people: People, client_for) -> None:
    sample(people.coach, open_questions=1, directives=1)
    html = client_for(people.coach).get(f"/o/{people.org.slug}/").content.decode()
    assert "50%" in html
    assert url(people, "trend") in html


@pytest.mark.django_db
def test_the_export_provider_returns_only_the_persons_own_counts(people: People) -> None:
    from salescoach.craft.export import export_member

    sample(people.coach, open_questions=4, directives=2)
    sample(coach_in(people, "someone.else@example.com"), open_questions=9)
    exported = export_member(member=people.coach)
    assert [(s["open_questions"], s["directives"]) for s in exported["coaching_style_samples"]] == [(4, 2)]
    assert exported["intakes"] == []
