"""Which language a text is in: Dutch, English, another language, or too little to tell.

Function words carry the signal: every language uses a small set of them all the time,
and they barely overlap between Dutch and English. A few other European languages are
listed too, so that a German or French text is recognised as such instead of being
forced into Dutch or English. The verb lexicons of the two supported languages break
ties in very short texts ("Bellen.", "Call them").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from salescoach.craft.analyser.words import words

SUPPORTED = ("nl", "en")

FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "nl": words("""de het een en van dat die niet op te je jij jou jouw ik we wij ze zij hij u uw met voor aan er
        maar om ook als dan nog wat hoe waarom welke welk wie waar wanneer ben bent heb hebt heeft hebben
        kun kunt kan kunnen wil wilt willen zou zouden zal zult zullen moet moeten mag mogen naar bij uit
        door tot dit deze geen wel al meer zo dus nu toch even eens gewoon jullie hun mijn ons onze haar
        hem zich zelf mee waren werd wordt worden hadden had zijn was vind vindt denk denkt weet gaat ga
        gaan doet doen zeg zegt ook erg heel veel iets niets niks iemand altijd nooit misschien daar hier
        toen omdat zodat terwijl hoewel nadat voordat zonder tussen tegen onder boven achter naast sinds
        vanaf tijdens jezelf mezelf elkaar graag bedankt dank alsjeblieft oké jazeker nee ja klant klanten
        gesprek afspraak offerte volgende keer vandaag morgen gisteren week maand jaar goed beter"""),
    "en": words("""the a an and of that this it to you your yours i we they he she with for on at be are am is was
        were have has had do does did not but or if what how why which who whom whose where when can could
        would should will shall must may might me my mine our their them him her there here about from by
        as so just also very really get got than then these those been being any some all more most other
        into out up down over again always never maybe perhaps please thanks thank yes no don't doesn't
        didn't isn't aren't wasn't won't can't couldn't shouldn't wouldn't i'm i'd i'll i've you're you'd
        you'll you've we're let's it's that's what's there's client customer meeting call next time today
        tomorrow yesterday week month year good better well"""),
    "de": words("""der die das und ist nicht ich du sie er wir ihr ein eine einen einem einer dem den des zu mit auf
        für von sich auch noch nur wie was warum wer wo wann bitte sollst solltest musst kannst hast bist
        haben sein werden wird wurde kunden kunde anrufen früher aber oder wenn dass weil schon sehr mehr
        immer nie vielleicht heute morgen gestern woche jetzt hier dort diese dieser dieses kein keine
        mich dich mir dir uns euch ihnen gut besser"""),
    "fr": words("""le la les un une des et est que qui ne pas je tu il elle nous vous ils elles du au aux dans pour
        avec sur ce cette ces son sa ses mon ma mes ton ta tes votre vos leur leurs plus très comment
        pourquoi quand où quel quelle quels quelles dois devez faut client appeler mais ou donc car si
        tout tous toujours jamais peut-être aujourd'hui demain hier semaine être avoir fait faire
        c'est n'est j'ai bien mieux"""),
    "es": words("""el la los las un una unos unas y es que del en con por para no sí yo tú él ella nosotros
        ustedes usted su sus mi tu muy cómo qué cuándo dónde debes tienes cliente llamar pero o si
        también siempre nunca hoy mañana ayer semana está están estar ser tener hacer bien mejor"""),
    "it": words("""il lo gli un uno una e è che di del della dei delle con per non io tu lui lei noi voi loro mi
        ti si molto come perché quando dove devi cliente chiamare ma o anche sempre mai oggi domani
        ieri settimana essere avere fare bene meglio questo questa"""),
    "pt": words("""o os um uma e é que de do da dos das em com por para não eu você ele ela nós seu sua muito
        como porque quando onde deve cliente ligar mas ou também sempre nunca hoje amanhã ontem semana
        está estão ser ter fazer bem melhor isso isto"""),
}

LANGUAGE_NAMES = {
    "nl": "Dutch",
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
}

# Letters that Dutch and English writing does not use.
_FOREIGN_LETTERS = {
    "ß": "de",
    "ä": "de",
    "ç": "fr",
    "œ": "fr",
    "ñ": "es",
    "¿": "es",
    "¡": "es",
    "ã": "pt",
    "õ": "pt",
}


@dataclass(frozen=True, slots=True)
class Detection:
    """``language`` is "nl" or "en" when the text is in one of them; otherwise None with
    ``other`` naming the language it looks like (or None when there is too little text)."""

    language: str | None
    other: str | None
    scores: tuple[tuple[str, float], ...]

    @property
    def undetermined(self) -> bool:
        return self.language is None and self.other is None


def detect(words: Iterable[str], text: str, lexicons: dict[str, frozenset[str]]) -> Detection:
    """Detect the language from the lower-case words of a text.

    ``lexicons`` holds extra known words (verb forms) per supported language; they count
    for half, and only decide when the function words leave it open.
    """
    scores = dict.fromkeys(FUNCTION_WORDS, 0.0)
    extra = dict.fromkeys(SUPPORTED, 0.0)
    for word in words:
        for language, vocabulary in FUNCTION_WORDS.items():
            if word in vocabulary:
                scores[language] += 1.0
        for language in SUPPORTED:
            if word in lexicons[language]:
                extra[language] += 0.5
    for letter, language in _FOREIGN_LETTERS.items():
        if letter in text:
            scores[language] += 2.0
    ordered = tuple(sorted(scores.items(), key=lambda item: (-item[1], item[0])))
    best_supported = max(SUPPORTED, key=lambda lang: (scores[lang], extra[lang]))
    supported_score = scores[best_supported]
    other, other_score = next((lang, s) for lang, s in ordered if lang not in SUPPORTED)
    if other_score >= 2 and other_score > 1.5 * supported_score:
        return Detection(None, other, ordered)
    nl, en = scores["nl"] + extra["nl"], scores["en"] + extra["en"]
    if nl == en or max(nl, en) < 0.5:
        return Detection(None, None, ordered)
    return Detection("nl" if nl > en else "en", None, ordered)
