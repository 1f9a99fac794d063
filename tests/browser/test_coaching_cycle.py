"""A whole coaching cycle in Dutch, in a real browser, with three people at their own
screens: the triad agreement confirmed by all three, a session planned, the seller's
agenda, the coach's preparation with framework questions, notes, the seller's
commitments, their review in the next session, and a ride-along where the seller
assesses first and acknowledges the coach's observation."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from salescoach.coaching.frameworks import GROW
from salescoach.coaching.models import Commitment, Observation, TriadAgreement
from tests.browser.conftest import log_in
from tests.conftest import make_people
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def open_page(browser: Any, base_url: str, email: str) -> Page:
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, base_url, email, PASSWORD)
    return page


def day(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def test_a_whole_coaching_cycle_in_dutch(live_server: Any, transactional_db: None, browser: Any) -> None:
    people = make_people()
    base = live_server.url
    org = f"{base}/o/{people.org.slug}"
    owner = open_page(browser, base, people.owner.user.email)
    coach = open_page(browser, base, people.coach.user.email)
    seller = open_page(browser, base, people.seller.user.email)
    manager = open_page(browser, base, people.manager.user.email)

    # The programme owner links the external coach to the seller.
    owner.goto(f"{org}/coaching/new/")
    expect(owner.get_by_role("heading", name="Nieuwe coachingsrelatie")).to_be_visible()
    owner.get_by_label("Coachee").select_option(label="Sanne Seller · Team A")
    owner.locator("#id_coach").select_option(label=people.coach.user.full_name)
    owner.get_by_role("button", name="Coaching opzetten").click()
    expect(owner.get_by_text("Externe coach").first).to_be_visible()
    relationship_url = owner.url

    # Triad agreement: written (and so confirmed) by the coach, then the seller, then the manager.
    coach.goto(relationship_url)
    expect(coach.get_by_text("Er is nog geen driehoeksafspraak")).to_be_visible()
    coach.get_by_role("link", name="De afspraak opstellen").click()
    coach.get_by_label("Het resultaat dat we samen willen bereiken").fill(
        "Sanne haalt dit jaar zes nieuwe klanten binnen met betere eerste gesprekken."
    )
    coach.get_by_label("Waar de manager voor zorgt").fill("Target, pijplijn en forecast; tijd voor coaching.")
    coach.get_by_label("Waar de coach voor zorgt").fill("Gesprekken en keuzes van Sanne; meldt alleen data.")
    coach.get_by_role("button", name="Opslaan en bevestigen").click()
    expect(coach.get_by_text("Wacht op bevestiging")).to_be_visible()
    for page in (seller, manager):
        page.goto(relationship_url + "agreement/")
        page.get_by_role("button", name="Ik bevestig deze afspraak").click()
        expect(
            page.get_by_text("bevestiging is opgeslagen").or_(page.get_by_text("Alle partijen"))
        ).to_be_visible()
    expect(manager.get_by_text("Door iedereen bevestigd")).to_be_visible()
    assert TriadAgreement.objects.get().confirmed_at is not None

    # The coach plans a session.
    coach.goto(relationship_url)
    coach.get_by_role("link", name="Gesprek plannen").click()
    coach.get_by_label("Datum").fill(day(2))
    coach.get_by_label("Begintijd").fill("10:00")
    coach.get_by_label("Plaats").fill("Kantoor Amsterdam")
    coach.get_by_role("button", name="Gesprek plannen").click()
    expect(coach.get_by_text("Het gesprek is gepland")).to_be_visible()
    first_session_url = coach.url

    # The seller sets the agenda.
    seller.goto(first_session_url)
    seller.get_by_role("textbox", name="Agenda").fill("Mijn eerste gesprekken lopen dood na de demo.")
    seller.get_by_role("button", name="Agenda opslaan").click()
    expect(seller.get_by_text("Je agenda is opgeslagen")).to_be_visible()

    # The coach prepares with GROW questions from the bank and one of their own.
    coach.goto(first_session_url)
    expect(coach.get_by_text("Mijn eerste gesprekken lopen dood na de demo.")).to_be_visible()
    coach.get_by_role("link", name="Voorbereiden").click()
    goal, options = GROW.stage("goal").bank("nl")[0], GROW.stage("options").bank("nl")[0]
    coach.get_by_label(goal).check()
    coach.get_by_label(options).check()
    coach.locator("#own-reality").fill("Wat gebeurde er precies na de demo bij Bakkerij Verhoef?")
    coach.get_by_role("button", name="Voorbereiding opslaan").click()
    expect(coach.get_by_text("Je voorbereiding is opgeslagen")).to_be_visible()
    for question in (goal, options, "Wat gebeurde er precies na de demo bij Bakkerij Verhoef?"):
        expect(coach.get_by_text(question)).to_be_visible()
    seller.goto(first_session_url)
    expect(seller.get_by_text(goal)).to_have_count(0)  # the preparation is the coach's own

    # Notes: the coach's for both of them, the seller's private one.
    notes = coach.locator("#notes form")
    notes.get_by_label("Notitie").fill("Sanne kiest zelf voor een belronde zonder laptop.")
    notes.get_by_role("button", name="Notitie opslaan").click()
    expect(coach.get_by_text("De notitie is opgeslagen")).to_be_visible()
    seller.reload()
    expect(seller.get_by_text("Sanne kiest zelf voor een belronde zonder laptop.")).to_be_visible()
    seller_notes = seller.locator("#notes form")
    seller_notes.get_by_label("Notitie").fill("Eigenlijk vind ik nieuwe klanten spannend.")
    seller_notes.get_by_label("Alleen ik (privé)").check()
    seller_notes.get_by_role("button", name="Notitie opslaan").click()
    expect(seller.get_by_text("Privé", exact=True).first).to_be_visible()

    # The seller's commitments: one of their own, one the coach proposes and the seller accepts.
    made = seller.locator("#commitments form")
    made.get_by_label("Wat je gaat doen").fill(
        "Bij drie eerste gesprekken pas na twintig minuten de laptop openen."
    )
    made.get_by_label("Uiterlijk op").fill(day(9))
    made.get_by_role("button", name="Voornemen toevoegen").click()
    expect(seller.get_by_text("Je voornemen is opgeslagen")).to_be_visible()
    coach.goto(first_session_url)
    coach.get_by_role("link", name="Een voornemen voorstellen").click()
    coach.locator("#id_text").fill("Na elk eerste gesprek drie dingen opschrijven.")
    coach.get_by_label("Uiterlijk op (voornemen)").fill(day(9))
    coach.get_by_role("button", name="Voorstellen").click()
    expect(coach.get_by_text("Je voorstel ligt op tafel")).to_be_visible()
    seller.goto(first_session_url)
    seller.get_by_role("link", name="Accepteren").click()
    seller.get_by_role("button", name="Accepteren").click()
    expect(seller.get_by_text("Geaccepteerd: het hoort nu bij je eigen plan.")).to_be_visible()
    assert Commitment.objects.count() == 2

    # The next session reviews them.
    coach.goto(relationship_url)
    coach.get_by_role("link", name="Gesprek plannen").click()
    coach.get_by_label("Datum").fill(day(16))
    coach.get_by_label("Begintijd").fill("10:00")
    coach.get_by_role("button", name="Gesprek plannen").click()
    second_session_url = coach.url
    seller.goto(second_session_url)
    review = seller.locator("#review")
    expect(review.get_by_text("Bij drie eerste gesprekken pas na twintig minuten")).to_be_visible()
    expect(review.get_by_text("Na elk eerste gesprek drie dingen opschrijven.")).to_be_visible()
    review.get_by_role("link", name="Terugblikken").first.click()
    seller.get_by_role("radio", name="Gedaan", exact=True).check()
    seller.get_by_label("Je reflectie").fill(
        "Bij twee klanten kwam het echte probleem pas na twintig minuten op tafel."
    )
    seller.get_by_role("button", name="Opslaan", exact=True).click()
    expect(seller.get_by_text("Je terugblik is opgeslagen")).to_be_visible()
    expect(seller.locator("#review").get_by_text("Bij twee klanten kwam het echte probleem")).to_be_visible()
    assert Commitment.objects.filter(status="done", reviewed_in__isnull=False).count() == 1

    # A ride-along (yesterday): the seller assesses first; only then does the coach write.
    coach.goto(relationship_url)
    coach.get_by_role("link", name="Gesprek plannen").click()
    coach.get_by_label("Soort gesprek").select_option(label="Meeloopafspraak")
    coach.get_by_label("Datum").fill(day(-1))
    coach.get_by_label("Begintijd").fill("13:00")
    coach.get_by_label("Duur").select_option(label="2 uur")
    coach.get_by_label("Herinnering per e-mail").select_option(label="Geen herinnering")
    coach.get_by_role("button", name="Gesprek plannen").click()
    coach.get_by_role("link", name="Meeloopafspraak openen").click()
    ride_url = coach.url
    expect(coach.get_by_text("De verkoper beoordeelt de afspraak eerst zelf.")).to_be_visible()
    expect(coach.get_by_role("link", name="Mijn observatie schrijven")).to_have_count(0)

    seller.goto(ride_url)
    seller.get_by_role("link", name="Mijn zelfbeoordeling schrijven").click()
    seller.get_by_label("Klantafspraak").fill("Hotelgroep De Zeeuw, kennismaking")
    seller.locator("input[name=score_opening][value='4']").check()
    seller.locator("input[name=score_needs_discovery][value='3']").check()
    seller.get_by_label("Wat je zag: Behoefteonderzoek").fill(
        "Veel gevraagd, de kosten van het probleem gemist."
    )
    seller.get_by_role("button", name="Opslaan", exact=True).click()
    expect(seller.get_by_text("Je coach kan nu de observatie schrijven")).to_be_visible()

    coach.goto(ride_url)
    expect(coach.get_by_text("verborgen tot de coach heeft geschreven").first).to_be_visible()
    coach.get_by_role("link", name="Mijn observatie schrijven").click()
    coach.locator("input[name=score_opening][value='4']").check()
    coach.locator("input[name=score_needs_discovery][value='2']").check()
    coach.get_by_label("Wat je zag: Behoefteonderzoek").fill("Vier van de zes vragen waren gesloten.")
    coach.get_by_role("button", name="Opslaan", exact=True).click()
    expect(coach.get_by_text("Veel gevraagd, de kosten van het probleem gemist.")).to_be_visible()

    seller.goto(ride_url)
    expect(seller.get_by_text("Vier van de zes vragen waren gesloten.")).to_be_visible()
    seller.get_by_label("Je reactie").fill("Herkenbaar: die kostenvraag neem ik mee.")
    seller.get_by_label("Ik heb de observatie gelezen").check()
    seller.get_by_role("button", name="Opslaan", exact=True).click()
    expect(seller.get_by_text("Voor gezien getekend op")).to_be_visible()
    assert Observation.objects.get().acknowledged_at is not None

    # The manager saw none of it: only the agreement, and that sessions took place.
    manager.goto(relationship_url)
    body = manager.content()
    for secret in (
        "belronde zonder laptop",
        "nieuwe klanten spannend",
        "twintig minuten de laptop",
        "Vier van de zes vragen",
        "dood na de demo",
    ):
        assert secret not in body
    for context in (owner, coach, seller, manager):
        context.context.close()


@pytest.mark.django_db(transaction=True)
def test_coaching_pages_are_accessible(live_server: Any, demo_data: None, browser: Any) -> None:
    from salescoach.coaching.models import CoachingRelationship
    from tests.browser.test_accessibility import UNNAMED_CONTROLS

    relationship = CoachingRelationship.objects.get(coachee__user__email="seller@noordwind.example")
    sessions = relationship.sessions.order_by("starts_at")
    held = sessions.filter(kind="one_to_one", starts_at__lt=timezone.now()).last()
    upcoming = sessions.filter(starts_at__gt=timezone.now()).first()
    ride = sessions.filter(kind="ride_along", starts_at__lt=timezone.now()).last()
    item = relationship.plan_items.first()
    assert held and upcoming and ride and item
    base = f"/o/noordwind/coaching/{relationship.pk}"
    pages = {
        "seller@noordwind.example": [
            "/o/noordwind/",
            "/o/noordwind/coaching/",
            f"{base}/",
            f"{base}/agreement/",
            f"{base}/plan/",
            f"/o/noordwind/coaching/plan-items/{item.pk}/",
            f"/o/noordwind/coaching/sessions/{held.pk}/",
            f"/o/noordwind/coaching/sessions/{ride.pk}/ride-along/",
            f"/o/noordwind/coaching/sessions/{held.pk}/rate/",
            "/calendar/",
        ],
        "coach@kompas-coaching.example": [
            "/o/noordwind/",
            f"/o/noordwind/coaching/sessions/{upcoming.pk}/",
            f"/o/noordwind/coaching/sessions/{upcoming.pk}/prepare/",
            "/o/noordwind/coaching/questions/",
            f"{base}/sessions/new/",
        ],
        "manager@noordwind.example": ["/o/noordwind/", f"{base}/"],
    }
    for email, paths in pages.items():
        page = browser.new_page(locale="nl-NL")
        log_in(page, live_server.url, email)
        for path in paths:
            page.goto(live_server.url + path)
            assert page.locator("html").get_attribute("lang") == "nl", path
            assert page.locator("h1").count() == 1, path
            assert page.evaluate(UNNAMED_CONTROLS) == [], path
            ids = page.evaluate("() => [...document.querySelectorAll('[id]')].map(el => el.id)")
            assert len(ids) == len(set(ids)), (path, sorted(i for i in ids if ids.count(i) > 1))
        page.close()
