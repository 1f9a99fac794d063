"""Conversation frameworks with their stages and banks of open questions, in Dutch and
English, written for SalesCoach.

Every bank question is one open question: it starts with a question word, ends with a
question mark, cannot be answered with yes or no, and gives no advice (the coach asks,
the seller chooses). tests/coaching/test_frameworks.py holds every question to that, so
that the ask-don't-tell analyser labels each of them an open question.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

LANGUAGES = ("nl", "en")
DEFAULT_FRAMEWORK = "grow"
RIDE_ALONG_FRAMEWORK = "plan_do_review"


@dataclass(frozen=True)
class Stage:
    key: str
    name: dict[str, str]
    purpose: dict[str, str]
    questions: dict[str, tuple[str, ...]]

    def title(self, language: str | None = None) -> str:
        return pick(self.name, language)

    def aim(self, language: str | None = None) -> str:
        return pick(self.purpose, language)

    def bank(self, language: str | None = None) -> tuple[str, ...]:
        return self.questions[language_code(language)]


@dataclass(frozen=True)
class Framework:
    key: str
    name: dict[str, str]
    description: dict[str, str]
    stages: tuple[Stage, ...]

    def title(self, language: str | None = None) -> str:
        return pick(self.name, language)

    def summary(self, language: str | None = None) -> str:
        return pick(self.description, language)

    def stage(self, key: str) -> Stage:
        for stage in self.stages:
            if stage.key == key:
                return stage
        raise ValidationError(
            {
                "stage": _("The framework %(framework)s has no stage “%(stage)s”.")
                % {"framework": self.title(), "stage": key}
            }
        )

    @property
    def stage_keys(self) -> list[str]:
        return [stage.key for stage in self.stages]


def language_code(language: str | None) -> str:
    code = (language or translation.get_language() or "nl")[:2]
    return code if code in LANGUAGES else "nl"


def pick(texts: dict[str, str], language: str | None = None) -> str:
    return texts[language_code(language)]


def _q(nl: list[str], en: list[str]) -> dict[str, tuple[str, ...]]:
    return {"nl": tuple(nl), "en": tuple(en)}


GROW = Framework(
    key="grow",
    name={"nl": "GROW", "en": "GROW"},
    description={
        "nl": "Doel, realiteit, opties en wat de verkoper gaat doen. Het standaardmodel voor een coachgesprek.",
        "en": "Goal, reality, options and the way forward. The default model for a coaching conversation.",
    },
    stages=(
        Stage(
            "goal",
            {"nl": "Doel", "en": "Goal"},
            {
                "nl": "Wat wil de verkoper bereiken, met dit gesprek en daarna?",
                "en": "What does the seller want to achieve, in this conversation and beyond?",
            },
            _q(
                [
                    "Wat wil je aan het eind van dit gesprek bereikt hebben?",
                    "Waar wil je over drie maanden staan met dit onderwerp?",
                    "Hoe merk je dat je je doel hebt bereikt?",
                    "Wat maakt dit doel op dit moment belangrijk voor je?",
                    "Hoe zou je je doel in één zin omschrijven?",
                    "Wie merkt het als eerste wanneer je dit doel hebt bereikt?",
                    "Welk deel van dit doel heb je zelf in de hand?",
                ],
                [
                    "What do you want to have achieved by the end of this conversation?",
                    "Where do you want to be with this topic in three months?",
                    "How will you notice that you have reached your goal?",
                    "What makes this goal important to you right now?",
                    "How would you describe your goal in one sentence?",
                    "Who will be the first to notice when you have reached this goal?",
                    "Which part of this goal is within your own control?",
                ],
            ),
        ),
        Stage(
            "reality",
            {"nl": "Realiteit", "en": "Reality"},
            {
                "nl": "Hoe ziet de situatie er nu uit, in feiten en in de beleving van de verkoper?",
                "en": "What does the situation look like now, in facts and as the seller experiences it?",
            },
            _q(
                [
                    "Wat gebeurt er nu precies, als je het stap voor stap beschrijft?",
                    "Wat heb je tot nu toe al geprobeerd?",
                    "Welk effect had dat?",
                    "Hoe reageerden je klanten toen dat gebeurde?",
                    "Wat was jouw eigen aandeel in hoe het liep?",
                    "Waar sta je nu op een schaal van 1 tot 10?",
                    "Welk recent klantgesprek laat dit het beste zien?",
                    "Wanneer gaat het al wel zoals je wilt?",
                    "Wat merk je bij jezelf op zulke momenten?",
                ],
                [
                    "What exactly happens now, if you describe it step by step?",
                    "What have you tried so far?",
                    "What effect did that have?",
                    "How did your clients react when that happened?",
                    "What was your own part in how it went?",
                    "Where are you now on a scale from 1 to 10?",
                    "Which recent client conversation shows this best?",
                    "When does it already go the way you want?",
                    "What do you notice in yourself at such moments?",
                ],
            ),
        ),
        Stage(
            "options",
            {"nl": "Opties", "en": "Options"},
            {
                "nl": "Welke mogelijkheden ziet de verkoper? De coach legt keuzes op tafel, maar maakt ze niet.",
                "en": "Which possibilities does the seller see? The coach puts choices on the table, never makes them.",
            },
            _q(
                [
                    "Welke mogelijkheden zie je?",
                    "Wat zou je nog meer kunnen doen?",
                    "Wat zou je doen als je wist dat het niet kon mislukken?",
                    "Wie heeft zoiets al eens opgelost, en hoe pakte die persoon het aan?",
                    "Welke optie spreekt je het meest aan, en waarom?",
                    "Wat zijn de voor- en nadelen van elke optie?",
                    "Wat zou een collega die je waardeert in deze situatie doen?",
                    "Welke gedachte staat je hier nog in de weg?",
                ],
                [
                    "What possibilities do you see?",
                    "What else could you do?",
                    "What would you do if you knew it could not fail?",
                    "Who has solved something like this before, and how did they go about it?",
                    "Which option appeals to you most, and why?",
                    "What are the pros and cons of each option?",
                    "What would a colleague you respect do in this situation?",
                    "Which thought is still standing in your way here?",
                ],
            ),
        ),
        Stage(
            "way_forward",
            {"nl": "Wat ga je doen", "en": "Way forward"},
            {
                "nl": "Wat kiest de verkoper, wanneer, en hoe houdt die zich eraan?",
                "en": "What does the seller choose, by when, and how will they keep to it?",
            },
            _q(
                [
                    "Wat ga je doen, en wanneer?",
                    "Wat is de eerste stap die je deze week zet?",
                    "Hoe groot is je motivatie om dit te doen, op een schaal van 1 tot 10?",
                    "Wat heb je nodig om dat cijfer een punt hoger te maken?",
                    "Wie heb je nodig om dit voor elkaar te krijgen?",
                    "Welke obstakels verwacht je, en hoe ga je daarmee om?",
                    "Hoe en wanneer kijken we samen terug op wat je hebt gedaan?",
                    "Wat neem je mee uit dit gesprek?",
                ],
                [
                    "What will you do, and when?",
                    "What is the first step you will take this week?",
                    "How motivated are you to do this, on a scale from 1 to 10?",
                    "What do you need to raise that number by one point?",
                    "Who do you need to make this happen?",
                    "Which obstacles do you expect, and how will you deal with them?",
                    "How and when shall we look back together on what you did?",
                    "What do you take away from this conversation?",
                ],
            ),
        ),
    ),
)

OSKAR = Framework(
    key="oskar",
    name={"nl": "OSKAR", "en": "OSKAR"},
    description={
        "nl": "Oplossingsgericht in vijf stappen: uitkomst, schaal, kennis en middelen, bevestigen en actie, terugblik.",
        "en": "Solution-focused in five steps: outcome, scaling, know-how and resources, affirm and action, review.",
    },
    stages=(
        Stage(
            "outcome",
            {"nl": "Uitkomst", "en": "Outcome"},
            {
                "nl": "Welke uitkomst wil de verkoper, van de coaching en van dit gesprek?",
                "en": "Which outcome does the seller want, from the coaching and from this conversation?",
            },
            _q(
                [
                    "Wat wil je dat er door deze coaching anders wordt?",
                    "Wat is het beste dat dit gesprek je kan opleveren?",
                    "Wat merk je morgen als eerste wanneer het probleem vannacht verdwenen is?",
                    "Hoe zouden je klanten merken dat er iets veranderd is?",
                    "Wie merkt er nog meer dat het beter gaat?",
                ],
                [
                    "What do you want to be different because of this coaching?",
                    "What is the best this conversation could give you?",
                    "What is the first thing you notice tomorrow when the problem has disappeared overnight?",
                    "How would your clients notice that something has changed?",
                    "Who else will notice that things are going better?",
                ],
            ),
        ),
        Stage(
            "scaling",
            {"nl": "Schaal", "en": "Scaling"},
            {
                "nl": "Waar staat de verkoper nu, en wat is er al?",
                "en": "Where does the seller stand now, and what is already there?",
            },
            _q(
                [
                    "Waar sta je nu op een schaal van 0 tot 10, als 10 betekent dat je doel volledig bereikt is?",
                    "Wat maakt dat je al op dat cijfer staat en niet lager?",
                    "Wat is er anders wanneer je één punt hoger staat?",
                    "Welk cijfer is voor jou goed genoeg?",
                    "Wanneer stond je het hoogst op deze schaal, en wat was er toen anders?",
                ],
                [
                    "Where are you now on a scale from 0 to 10, where 10 means your goal is fully reached?",
                    "What makes you already stand at that number and not lower?",
                    "What is different when you are one point higher?",
                    "Which number is good enough for you?",
                    "When were you highest on this scale, and what was different then?",
                ],
            ),
        ),
        Stage(
            "know_how",
            {"nl": "Kennis en middelen", "en": "Know-how and resources"},
            {
                "nl": "Wat weet en kan de verkoper al, en wie of wat helpt?",
                "en": "What does the seller already know and master, and who or what helps?",
            },
            _q(
                [
                    "Wat helpt je nu al, hoe klein ook?",
                    "Wanneer lukte dit al eens, al was het maar gedeeltelijk?",
                    "Welke vaardigheden uit andere situaties kun je hier gebruiken?",
                    "Wie in je omgeving kan je hierbij steunen?",
                    "Hoe deed je dat precies, die keer dat het wel lukte?",
                ],
                [
                    "What already helps you, however small?",
                    "When did this work before, even if only partly?",
                    "Which skills from other situations can you use here?",
                    "Who around you can support you in this?",
                    "How exactly did you do it, that time it did work?",
                ],
            ),
        ),
        Stage(
            "affirm_action",
            {"nl": "Bevestigen en actie", "en": "Affirm and action"},
            {
                "nl": "Wat gaat al goed, en wat is de kleinste volgende stap?",
                "en": "What already goes well, and what is the smallest next step?",
            },
            _q(
                [
                    "Wat heb je de afgelopen weken gedaan waar je trots op bent?",
                    "Welke van je sterke punten zie je terug in wat al goed gaat?",
                    "Wat is de kleinste stap die je morgen kunt zetten?",
                    "Hoe zorg je ervoor dat die stap ook echt gebeurt?",
                    "Wat ga je doen om één punt hoger te komen op de schaal?",
                ],
                [
                    "What have you done in the past weeks that you are proud of?",
                    "Which of your strengths do you see in what is already going well?",
                    "What is the smallest step you can take tomorrow?",
                    "How will you make sure that step really happens?",
                    "What will you do to move one point up the scale?",
                ],
            ),
        ),
        Stage(
            "review",
            {"nl": "Terugblik", "en": "Review"},
            {
                "nl": "In het volgende gesprek: wat is er beter, en hoe kwam dat?",
                "en": "In the next conversation: what is better, and how did that come about?",
            },
            _q(
                [
                    "Wat is er beter gegaan sinds we elkaar spraken?",
                    "Wat heb je gedaan waardoor het beter ging?",
                    "Waar sta je nu op de schaal?",
                    "Wat heb je over jezelf geleerd?",
                    "Wat wil je blijven doen?",
                    "Wat is je volgende stap?",
                ],
                [
                    "What has gone better since we last spoke?",
                    "What did you do that made it go better?",
                    "Where are you now on the scale?",
                    "What have you learned about yourself?",
                    "What do you want to keep doing?",
                    "What is your next step?",
                ],
            ),
        ),
    ),
)

CLEAR = Framework(
    key="clear",
    name={"nl": "CLEAR", "en": "CLEAR"},
    description={
        "nl": "Contract, luisteren, verkennen, actie en terugblik: veel ruimte voor luisteren voordat er iets gekozen wordt.",
        "en": "Contract, listen, explore, action and review: plenty of room to listen before anything is chosen.",
    },
    stages=(
        Stage(
            "contract",
            {"nl": "Contract", "en": "Contract"},
            {
                "nl": "Afspreken waar het gesprek over gaat en wanneer het geslaagd is.",
                "en": "Agree what the conversation is about and when it has succeeded.",
            },
            _q(
                [
                    "Waar wil je het vandaag over hebben?",
                    "Wat moet er in dit gesprek gebeuren om het de moeite waard te maken?",
                    "Hoe weten we aan het eind dat we verder zijn gekomen?",
                    "Welke afspraken willen we maken over hoe we vandaag samenwerken?",
                    "Hoe wil je de tijd over je onderwerpen verdelen?",
                ],
                [
                    "What would you like to talk about today?",
                    "What needs to happen in this conversation to make it worthwhile?",
                    "How will we know at the end that we have made progress?",
                    "Which agreements do we want to make about how we work together today?",
                    "How do you want to divide the time between your topics?",
                ],
            ),
        ),
        Stage(
            "listen",
            {"nl": "Luisteren", "en": "Listen"},
            {
                "nl": "De verkoper vertelt; de coach luistert, vat samen en vraagt door.",
                "en": "The seller tells; the coach listens, summarises and asks further.",
            },
            _q(
                [
                    "Wat speelt er op dit moment?",
                    "Hoe kijk jij zelf naar deze situatie?",
                    "Wat raakt je hierin het meest?",
                    "Wat heb je nog niet verteld dat wel belangrijk is?",
                    "Hoe zouden de anderen die erbij betrokken zijn de situatie beschrijven?",
                ],
                [
                    "What is going on at the moment?",
                    "How do you yourself see this situation?",
                    "What affects you most in this?",
                    "What have you not told yet that does matter?",
                    "How would the others involved describe the situation?",
                ],
            ),
        ),
        Stage(
            "explore",
            {"nl": "Verkennen", "en": "Explore"},
            {
                "nl": "Patronen, aannames en mogelijkheden verkennen.",
                "en": "Explore patterns, assumptions and possibilities.",
            },
            _q(
                [
                    "Wat gebeurt er als je niets verandert?",
                    "Welk patroon herken je hierin?",
                    "Wat betekent dit voor jou en voor je klanten?",
                    "Welke aannames maak je hier?",
                    "Hoe zou het gaan als je het op jouw manier anders aanpakt?",
                    "Wat is er nodig om dit te veranderen?",
                ],
                [
                    "What happens if you change nothing?",
                    "Which pattern do you recognise in this?",
                    "What does this mean for you and for your clients?",
                    "Which assumptions are you making here?",
                    "How would it go if you approached it differently, in your own way?",
                    "What is needed to change this?",
                ],
            ),
        ),
        Stage(
            "action",
            {"nl": "Actie", "en": "Action"},
            {
                "nl": "De verkoper kiest wat hij of zij gaat doen.",
                "en": "The seller chooses what they will do.",
            },
            _q(
                [
                    "Wat ga je concreet doen?",
                    "Wanneer begin je?",
                    "Welke steun heb je daarbij nodig?",
                    "Hoe zorg je dat je het volhoudt als het druk wordt?",
                    "Wie vertel je over je voornemen?",
                ],
                [
                    "What concretely will you do?",
                    "When will you start?",
                    "What support do you need for it?",
                    "How will you keep it up when things get busy?",
                    "Who will you tell about your intention?",
                ],
            ),
        ),
        Stage(
            "review",
            {"nl": "Terugblik", "en": "Review"},
            {
                "nl": "Terugkijken op het gesprek zelf.",
                "en": "Look back on the conversation itself.",
            },
            _q(
                [
                    "Wat heb je aan dit gesprek gehad?",
                    "Wat was voor jou het belangrijkste inzicht?",
                    "Wat hielp je in de manier waarop we vandaag werkten?",
                    "Wat wil je de volgende keer anders in ons gesprek?",
                    "Hoe vat je in je eigen woorden samen wat je gaat doen?",
                ],
                [
                    "What did you get out of this conversation?",
                    "What was the most important insight for you?",
                    "What helped you in the way we worked today?",
                    "What would you like to be different in our next conversation?",
                    "How would you sum up in your own words what you are going to do?",
                ],
            ),
        ),
    ),
)

SOLUTION_FOCUSED = Framework(
    key="solution_focused",
    name={"nl": "Oplossingsgericht", "en": "Solution-focused"},
    description={
        "nl": "Van gewenste toekomst via uitzonderingen en hulpbronnen naar de kleinste volgende stap.",
        "en": "From the preferred future through exceptions and resources to the smallest next step.",
    },
    stages=(
        Stage(
            "preferred_future",
            {"nl": "Gewenste toekomst", "en": "Preferred future"},
            {
                "nl": "Hoe ziet het eruit als het probleem er niet meer is?",
                "en": "What does it look like when the problem is gone?",
            },
            _q(
                [
                    "Wat merk je aan jezelf wanneer het probleem er niet meer is?",
                    "Hoe ziet een goede werkweek eruit als dit opgelost is?",
                    "Wat doe je dan anders in je klantgesprekken?",
                    "Wat zien je klanten dan aan jou?",
                    "Wat is het eerste kleine teken dat het de goede kant op gaat?",
                ],
                [
                    "What do you notice in yourself when the problem is gone?",
                    "What does a good working week look like once this is solved?",
                    "What do you do differently in your client conversations then?",
                    "What do your clients see in you then?",
                    "What is the first small sign that things are moving in the right direction?",
                ],
            ),
        ),
        Stage(
            "exceptions",
            {"nl": "Uitzonderingen", "en": "Exceptions"},
            {
                "nl": "Wanneer lukt het al, en wat is er dan anders?",
                "en": "When does it already work, and what is different then?",
            },
            _q(
                [
                    "Wanneer is het probleem er even niet, of minder?",
                    "Wat doe je anders op die momenten?",
                    "Hoe kreeg je dat voor elkaar?",
                    "Wie zag dat het toen beter ging?",
                    "Wat daarvan kun je vaker doen?",
                ],
                [
                    "When is the problem absent, or smaller?",
                    "What do you do differently at those moments?",
                    "How did you manage that?",
                    "Who noticed that it went better then?",
                    "What of that could you do more often?",
                ],
            ),
        ),
        Stage(
            "scaling",
            {"nl": "Schaalvraag", "en": "Scaling"},
            {
                "nl": "Vooruitgang zichtbaar maken in cijfers van de verkoper zelf.",
                "en": "Make progress visible in the seller's own numbers.",
            },
            _q(
                [
                    "Waar sta je vandaag op een schaal van 0 tot 10?",
                    "Hoe is het je gelukt om al op dit punt te komen?",
                    "Hoe ziet één punt hoger eruit?",
                    "Welk cijfer is voor nu voldoende?",
                ],
                [
                    "Where are you today on a scale from 0 to 10?",
                    "How did you manage to get to this point already?",
                    "What does one point higher look like?",
                    "Which number is enough for now?",
                ],
            ),
        ),
        Stage(
            "resources",
            {"nl": "Hulpbronnen", "en": "Resources"},
            {
                "nl": "Sterke punten en steun die de verkoper al heeft.",
                "en": "Strengths and support the seller already has.",
            },
            _q(
                [
                    "Welke sterke punten van jezelf komen hier van pas?",
                    "Wie of wat helpt je als het tegenzit?",
                    "Wat heeft je in eerdere moeilijke situaties geholpen?",
                    "Hoe zou je beste klant jou beschrijven?",
                ],
                [
                    "Which of your strengths come in useful here?",
                    "Who or what helps you when things go against you?",
                    "What helped you in earlier difficult situations?",
                    "How would your best client describe you?",
                ],
            ),
        ),
        Stage(
            "next_step",
            {"nl": "Kleinste volgende stap", "en": "Smallest next step"},
            {
                "nl": "Eén kleine, haalbare stap die de verkoper zelf kiest.",
                "en": "One small, feasible step the seller chooses.",
            },
            _q(
                [
                    "Wat is de kleinste stap die je morgen al kunt zetten?",
                    "Hoe merk je dat die stap gelukt is?",
                    "Wat geeft je vertrouwen dat het je lukt?",
                    "Wanneer vertel je me hoe het ging?",
                ],
                [
                    "What is the smallest step you could take as early as tomorrow?",
                    "How will you notice that the step has worked?",
                    "What gives you confidence that you will manage?",
                    "When will you tell me how it went?",
                ],
            ),
        ),
    ),
)

PLAN_DO_REVIEW = Framework(
    key="plan_do_review",
    name={"nl": "Plan – do – review (meelopen)", "en": "Plan – do – review (ride-along)"},
    description={
        "nl": "Voor een meeloopafspraak: samen voorbereiden, de verkoper voert het gesprek, daarna samen terugkijken.",
        "en": "For a ride-along: prepare together, the seller runs the meeting, then look back together.",
    },
    stages=(
        Stage(
            "plan",
            {"nl": "Voorbereiden", "en": "Plan"},
            {
                "nl": "Vóór de klantafspraak: doel, klant, vragen en de rol van de coach.",
                "en": "Before the client appointment: goal, client, questions and the coach's role.",
            },
            _q(
                [
                    "Wat wil je met deze klantafspraak bereiken?",
                    "Wat weet je al over deze klant en hun situatie?",
                    "Welke vragen wil je de klant stellen?",
                    "Welk bezwaar verwacht je, en hoe wil je daarop reageren?",
                    "Welke vervolgstap is voor jou een goed einde van het gesprek?",
                    "Waar wil je dat ik vandaag vooral op let?",
                    "Welke rol wil je dat ik tijdens de afspraak heb?",
                ],
                [
                    "What do you want to achieve with this client appointment?",
                    "What do you already know about this client and their situation?",
                    "Which questions do you want to ask the client?",
                    "Which objection do you expect, and how do you want to respond to it?",
                    "Which next step would be a good end of the meeting for you?",
                    "What would you like me to pay most attention to today?",
                    "What role would you like me to have during the appointment?",
                ],
            ),
        ),
        Stage(
            "do",
            {"nl": "Uitvoeren", "en": "Do"},
            {
                "nl": "Direct na de afspraak: de eerste indruk van de verkoper, nog vóór de coach iets zegt.",
                "en": "Straight after the appointment: the seller's first impression, before the coach says anything.",
            },
            _q(
                [
                    "Wat is je eerste indruk van het gesprek?",
                    "Wat ging er volgens jou goed?",
                    "Wanneer voelde je dat het gesprek een andere kant op ging?",
                    "Hoe reageerde de klant op je vragen?",
                    "Wat verraste je?",
                ],
                [
                    "What is your first impression of the meeting?",
                    "What went well, in your view?",
                    "When did you feel the conversation took a different turn?",
                    "How did the client respond to your questions?",
                    "What surprised you?",
                ],
            ),
        ),
        Stage(
            "review",
            {"nl": "Terugkijken", "en": "Review"},
            {
                "nl": "Zelfbeoordeling en observatie naast elkaar, en wat de verkoper meeneemt.",
                "en": "Self-assessment and observation side by side, and what the seller takes away.",
            },
            _q(
                [
                    "Wat heb je bereikt ten opzichte van je doel?",
                    "Wat zou je een volgende keer anders doen?",
                    "Wat deed je waardoor de klant meer ging vertellen?",
                    "Welk moment uit het gesprek wil je samen nog eens bekijken?",
                    "Hoe kijk je naar je eigen scores naast mijn observaties?",
                    "Wat neem je mee naar je volgende klantafspraak?",
                ],
                [
                    "What did you achieve compared with your goal?",
                    "What would you do differently next time?",
                    "What did you do that made the client tell you more?",
                    "Which moment of the meeting would you like to look at again together?",
                    "How do you see your own scores next to my observations?",
                    "What do you take to your next client appointment?",
                ],
            ),
        ),
    ),
)

FRAMEWORKS: dict[str, Framework] = {f.key: f for f in (GROW, OSKAR, CLEAR, SOLUTION_FOCUSED, PLAN_DO_REVIEW)}


def framework_choices(language: str | None = None) -> list[tuple[str, str]]:
    return [(f.key, f.title(language)) for f in FRAMEWORKS.values()]


def get_framework(key: str) -> Framework:
    """The framework with this key, or a ValidationError naming the field."""
    framework = FRAMEWORKS.get(key or "")
    if framework is None:
        raise ValidationError(
            {"framework": _("There is no conversation framework “%(key)s”.") % {"key": key}}
        )
    return framework


def default_framework_for(kind: str) -> str:
    return RIDE_ALONG_FRAMEWORK if kind == "ride_along" else DEFAULT_FRAMEWORK
