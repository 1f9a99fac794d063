"""The ride-along rubric: skill areas of a client appointment, each on a scale of 1 to 5
with behavioural anchors (what you see the seller do at that level).

These are the defaults; a coaching programme (issue 6) will be able to configure its
own. An observation keeps a copy of the area keys it was made with, so a later change
of rubric leaves old observations readable.
"""

from __future__ import annotations

from dataclasses import dataclass

from salescoach.coaching.frameworks import language_code, pick

SCALE = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class SkillArea:
    key: str
    name: dict[str, str]
    anchors: dict[str, tuple[str, str, str, str, str]]  # score 1..5

    def title(self, language: str | None = None) -> str:
        return pick(self.name, language)

    def anchor_list(self, language: str | None = None) -> list[tuple[int, str]]:
        return list(zip(SCALE, self.anchors[language_code(language)], strict=True))


DEFAULT_RUBRIC: tuple[SkillArea, ...] = (
    SkillArea(
        "preparation",
        {"nl": "Voorbereiding", "en": "Preparation"},
        {
            "nl": (
                "Geen zichtbare voorbereiding: geen doel, weinig kennis van klant of situatie.",
                "Kent de basisgegevens van de klant, maar heeft geen doel voor het gesprek.",
                "Heeft een doel en kent de klant, maar geen vragen of gewenste vervolgstap voorbereid.",
                "Doel, klantkennis en een aantal vragen voorbereid; de gewenste vervolgstap is nog vaag.",
                "Helder doel, kent situatie en betrokkenen, heeft vragen en een gewenste vervolgstap voorbereid en de rol van de coach afgesproken.",
            ),
            "en": (
                "No visible preparation: no goal, little knowledge of the client or situation.",
                "Knows the client's basic facts, but has no goal for the meeting.",
                "Has a goal and knows the client, but prepared no questions or desired next step.",
                "Goal, client knowledge and some questions prepared; the desired next step is still vague.",
                "Clear goal, knows the situation and the people involved, prepared questions and a desired next step, and agreed the coach's role.",
            ),
        },
    ),
    SkillArea(
        "opening",
        {"nl": "Opening", "en": "Opening"},
        {
            "nl": (
                "Begint direct met het eigen verhaal; geen contact en geen agenda.",
                "Maakt kort contact, maar zonder agenda of doel van het gesprek.",
                "Maakt contact en noemt het doel, maar stemt de agenda niet af met de klant.",
                "Maakt contact en stelt samen met de klant agenda en tijd vast.",
                "Bouwt snel vertrouwen op, stemt doel, agenda en tijd af en vraagt wat de klant zelf wil bereiken.",
            ),
            "en": (
                "Starts straight into their own story; no rapport and no agenda.",
                "Builds brief rapport, but without an agenda or purpose for the meeting.",
                "Builds rapport and states the purpose, but does not check the agenda with the client.",
                "Builds rapport and sets agenda and time together with the client.",
                "Builds trust quickly, agrees purpose, agenda and time, and asks what the client wants to achieve.",
            ),
        },
    ),
    SkillArea(
        "needs_discovery",
        {"nl": "Behoefteonderzoek", "en": "Needs discovery"},
        {
            "nl": (
                "Stelt nauwelijks vragen en vult zelf in wat de klant nodig heeft.",
                "Stelt vooral gesloten vragen en gaat snel naar de oplossing.",
                "Stelt open vragen over de situatie, maar vraagt niet door op gevolgen en belang.",
                "Vraagt door op problemen en gevolgen en vat samen.",
                "Brengt met open vragen situatie, probleem, gevolgen en belang voor alle betrokkenen in kaart, vat samen en laat de klant bevestigen.",
            ),
            "en": (
                "Asks hardly any questions and assumes what the client needs.",
                "Asks mostly closed questions and moves quickly to the solution.",
                "Asks open questions about the situation, but does not explore consequences and importance.",
                "Explores problems and their consequences and summarises.",
                "Uses open questions to map situation, problem, consequences and importance for everyone involved, summarises and has the client confirm.",
            ),
        },
    ),
    SkillArea(
        "presenting_value",
        {"nl": "Waarde presenteren", "en": "Presenting value"},
        {
            "nl": (
                "Somt productkenmerken op zonder verband met de klant.",
                "Noemt voordelen in het algemeen, niet gekoppeld aan wat de klant zei.",
                "Koppelt een deel van de oplossing aan behoeften van de klant.",
                "Koppelt de oplossing aan de belangrijkste behoeften, met een passend voorbeeld.",
                "Laat in de woorden van de klant zien hoe de oplossing hun probleem oplost en wat het oplevert, en checkt of dat aankomt.",
            ),
            "en": (
                "Lists product features with no link to the client.",
                "Mentions benefits in general, not linked to what the client said.",
                "Links part of the solution to the client's needs.",
                "Links the solution to the most important needs, with a fitting example.",
                "Shows in the client's own words how the solution solves their problem and what it brings, and checks that it lands.",
            ),
        },
    ),
    SkillArea(
        "handling_objections",
        {"nl": "Omgaan met bezwaren", "en": "Handling objections"},
        {
            "nl": (
                "Gaat in de verdediging of negeert het bezwaar.",
                "Reageert meteen met een tegenargument of een korting.",
                "Erkent het bezwaar en geeft antwoord, maar onderzoekt het niet.",
                "Erkent het bezwaar, vraagt door naar wat erachter zit en beantwoordt het.",
                "Blijft rustig, onderzoekt het echte bezwaar, beantwoordt het vanuit de belangen van de klant en checkt of het is weggenomen.",
            ),
            "en": (
                "Becomes defensive or ignores the objection.",
                "Responds at once with a counter-argument or a discount.",
                "Acknowledges the objection and answers it, but does not explore it.",
                "Acknowledges the objection, asks what lies behind it and answers it.",
                "Stays calm, uncovers the real objection, answers it from the client's interests and checks that it is resolved.",
            ),
        },
    ),
    SkillArea(
        "closing",
        {"nl": "Afsluiten en vervolgstap", "en": "Closing and next step"},
        {
            "nl": (
                "Eindigt zonder afspraak over een vervolg.",
                "Laat het vervolg bij de klant liggen.",
                "Stelt een vervolg voor, maar zonder datum of eigenaar.",
                "Maakt een concrete vervolgafspraak met een datum.",
                "Vat samen, vraagt om een passende toezegging en legt een vervolgstap vast met datum, eigenaar en betrokkenen.",
            ),
            "en": (
                "Ends without any agreement on a follow-up.",
                "Leaves the follow-up to the client.",
                "Proposes a follow-up, but without a date or owner.",
                "Agrees a concrete follow-up with a date.",
                "Summarises, asks for a fitting commitment and fixes a next step with date, owner and the people involved.",
            ),
        },
    ),
)

RUBRIC_BY_KEY = {area.key: area for area in DEFAULT_RUBRIC}


def default_rubric_keys() -> list[str]:
    return [area.key for area in DEFAULT_RUBRIC]


def areas_for(keys: list[str]) -> list[SkillArea]:
    """The skill areas an observation was made with, in its own order."""
    return [RUBRIC_BY_KEY[key] for key in keys if key in RUBRIC_BY_KEY]
