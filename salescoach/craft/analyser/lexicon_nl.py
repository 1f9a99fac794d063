"""Dutch words the rules need: verbs with their forms, particles, function words.

The verb list is written for coaching and sales language. Forms are derived by the
regular spelling rules (stem, "je belt", "belde", "gebeld"); irregular verbs are listed
with their forms. Separable verbs ("terugbellen", "opvolgen") are recognised as a
particle plus a known verb, so they need not be listed one by one.
"""

from __future__ import annotations

import re
from functools import cache

from salescoach.craft.analyser.words import words

_VERBS = words("""
aanbieden aangeven aanhalen aanklikken aankondigen aanleveren aanpakken aanpassen aanspreken
aanvullen accepteren afbellen afhaken afmaken afronden afsluiten afspreken afstemmen afwachten
afwegen afwijzen afzeggen analyseren antwoorden bedanken bedenken beginnen begrijpen behandelen
behouden beinvloeden bekijken beloven benaderen benoemen benutten bepalen beperken bereiken
bespreken bestellen besteden betalen betekenen betrekken bevestigen bewaken bezoeken bieden
blijven blokken bouwen brengen checken concentreren controleren dalen delen denken documenteren
doen doorgaan doornemen doorvragen doorzetten dragen drukken durven eindigen evalueren focussen
formuleren gaan geloven gebeuren gebruiken geven groeien halen handelen hangen helpen herhalen
herinneren herkennen hoeven horen houden informeren inplannen investeren kiezen kijken klagen
kloppen komen kopen krijgen kunnen kwalificeren laten leggen leren leveren lezen liggen lopen
luisteren lukken maken mailen mogen moeten nadenken nakomen nalopen nemen noemen noteren oefenen
onderbreken onderhandelen onderzoeken ontdekken ontmoeten ontvangen openen opnemen opvolgen
organiseren overleggen overtuigen overwegen pakken passen pitchen plannen praten presenteren
prioriteren proberen reageren regelen rekenen reserveren richten samenvatten schakelen schrijven
sluiten spelen spreken staan stellen stoppen sturen tekenen telefoneren testen twijfelen uitleggen
uitnodigen uitproberen uitstellen vallen vasthouden vaststellen veranderen verbeteren verdienen
vergeten verhogen verkennen verkopen verlagen verliezen vermijden vertellen vertrouwen verwachten
verzamelen verzenden verontschuldigen versturen vinden volgen voorbereiden voorkomen voorstellen
vragen wachten weggeven weglaten werken weten willen winnen wijzen worden zeggen zetten zien zijn
zitten zoeken zorgen zullen spiegelen samenwerken opbellen benadrukken toelichten beschrijven
bewegen letten opletten nagaan sparren lunchen bellen opschrijven afsluiten meenemen meedenken
opschrijven terugbellen terugkomen terugkijken navragen doorsturen bijwerken updaten plannen
aansluiten inzetten opzetten opstellen opbouwen uitwerken uitzoeken uitvragen verkennen vieren
starten stilstaan stilliggen tonen laten zien overdragen overnemen onderbouwen beheren bewaren
kennen lijken voelen merken kosten hebben houden beslissen besluiten wegen ophouden leiden
begeleiden coachen afnemen verlengen opzeggen opleveren uitvoeren voeren noemen schatten schrikken
bereiden beseffen betrekken blijken missen vergelijken wennen wensen durven mopperen herzien
vatten stemmen keuren verrassen jagen najagen overslaan koppelen terugkoppelen voorleggen
herformuleren parafraseren pauzeren ademen glimlachen knikken leunen vastleggen blokkeren beschermen
delegeren uitbesteden uitdagen bevragen verifieren valideren nakijken reflecteren invullen indienen
insturen appen bijwonen aanschuiven demonstreren offreren factureren volhouden toepassen aanhouden
verzetten verschuiven annuleren bijpraten rapporteren melden weigeren toegeven ruilen bundelen
uitbreiden onderhouden bijhouden inlezen opsturen nasturen kopieren benutten prioriteren vieren
erkennen verduidelijken vereenvoudigen vertragen opruimen verzamelen verwerken herlezen herschrijven
herplannen herhalen opwarmen kalmeren berekenen meten tellen opsommen schetsen noteren lopen rollen dwalen komen schieten steken stappen nodigen
""")

# Verbs whose stem the spelling rules get wrong (unstressed -eren/-elen/-enen, loans).
_STEM_OVERRIDES = {
    "leveren": "lever",
    "luisteren": "luister",
    "veranderen": "verander",
    "verbeteren": "verbeter",
    "herinneren": "herinner",
    "handelen": "handel",
    "onderhandelen": "onderhandel",
    "verzamelen": "verzamel",
    "oefenen": "oefen",
    "openen": "open",
    "rekenen": "reken",
    "tekenen": "teken",
    "regelen": "regel",
    "twijfelen": "twijfel",
    "spiegelen": "spiegel",
    "aanleveren": "aanlever",
    "beinvloeden": "beinvloed",
    "updaten": "update",
    "checken": "check",
    "pitchen": "pitch",
    "focussen": "focus",
    "mailen": "mail",
    "coachen": "coach",
    "lunchen": "lunch",
    "sparren": "spar",
    "testen": "test",
    "starten": "start",
    "documenteren": "documenteer",
    "eindigen": "eindig",
    "mopperen": "mopper",
    "verontschuldigen": "verontschuldig",
    "zijn": "wees",
    "hebben": "heb",
    "kunnen": "kun",
    "willen": "wil",
    "zullen": "zal",
    "mogen": "mag",
    "gaan": "ga",
    "doen": "doe",
    "staan": "sta",
    "zien": "zie",
    "slaan": "sla",
    "komen": "kom",
    "hoeven": "hoef",
    "blijken": "blijk",
}

# Present tense with "je" after the verb is the stem; before it (in a subordinate clause) these.
_PRESENT_2SG = {
    "zijn": "bent",
    "hebben": "hebt",
    "kunnen": "kunt",
    "willen": "wilt",
    "zullen": "zult",
    "mogen": "mag",
    "gaan": "gaat",
    "doen": "doet",
    "staan": "staat",
    "zien": "ziet",
    "slaan": "slaat",
    "komen": "komt",
    "worden": "wordt",
}

# Irregular past (singular, plural) and participle.
_STRONG = {
    "zijn": ("was", "waren", "geweest"),
    "hebben": ("had", "hadden", "gehad"),
    "kunnen": ("kon", "konden", "gekund"),
    "willen": ("wilde", "wilden", "gewild"),
    "zullen": ("zou", "zouden", ""),
    "moeten": ("moest", "moesten", "gemoeten"),
    "mogen": ("mocht", "mochten", "gemogen"),
    "gaan": ("ging", "gingen", "gegaan"),
    "doen": ("deed", "deden", "gedaan"),
    "komen": ("kwam", "kwamen", "gekomen"),
    "nemen": ("nam", "namen", "genomen"),
    "geven": ("gaf", "gaven", "gegeven"),
    "zien": ("zag", "zagen", "gezien"),
    "vinden": ("vond", "vonden", "gevonden"),
    "denken": ("dacht", "dachten", "gedacht"),
    "brengen": ("bracht", "brachten", "gebracht"),
    "kopen": ("kocht", "kochten", "gekocht"),
    "zoeken": ("zocht", "zochten", "gezocht"),
    "vragen": ("vroeg", "vroegen", "gevraagd"),
    "zeggen": ("zei", "zeiden", "gezegd"),
    "spreken": ("sprak", "spraken", "gesproken"),
    "schrijven": ("schreef", "schreven", "geschreven"),
    "blijven": ("bleef", "bleven", "gebleven"),
    "krijgen": ("kreeg", "kregen", "gekregen"),
    "beginnen": ("begon", "begonnen", "begonnen"),
    "bieden": ("bood", "boden", "geboden"),
    "houden": ("hield", "hielden", "gehouden"),
    "laten": ("liet", "lieten", "gelaten"),
    "lopen": ("liep", "liepen", "gelopen"),
    "staan": ("stond", "stonden", "gestaan"),
    "zitten": ("zat", "zaten", "gezeten"),
    "liggen": ("lag", "lagen", "gelegen"),
    "weten": ("wist", "wisten", "geweten"),
    "sluiten": ("sloot", "sloten", "gesloten"),
    "kiezen": ("koos", "kozen", "gekozen"),
    "lezen": ("las", "lazen", "gelezen"),
    "helpen": ("hielp", "hielpen", "geholpen"),
    "verliezen": ("verloor", "verloren", "verloren"),
    "winnen": ("won", "wonnen", "gewonnen"),
    "vallen": ("viel", "vielen", "gevallen"),
    "hangen": ("hing", "hingen", "gehangen"),
    "dragen": ("droeg", "droegen", "gedragen"),
    "worden": ("werd", "werden", "geworden"),
    "wijzen": ("wees", "wezen", "gewezen"),
    "vergeten": ("vergat", "vergaten", "vergeten"),
    "begrijpen": ("begreep", "begrepen", "begrepen"),
    "bespreken": ("besprak", "bespraken", "besproken"),
    "ontvangen": ("ontving", "ontvingen", "ontvangen"),
    "vergelijken": ("vergeleek", "vergeleken", "vergeleken"),
    "lijken": ("leek", "leken", "geleken"),
    "blijken": ("bleek", "bleken", "gebleken"),
    "kijken": ("keek", "keken", "gekeken"),
    "verbieden": ("verbood", "verboden", "verboden"),
    "besluiten": ("besloot", "besloten", "besloten"),
    "wegen": ("woog", "wogen", "gewogen"),
    "overwegen": ("overwoog", "overwogen", "overwogen"),
    "verzenden": ("verzond", "verzonden", "verzonden"),
    "leggen": ("legde", "legden", "gelegd"),
    "kennen": ("kende", "kenden", "gekend"),
    "schrikken": ("schrok", "schrokken", "geschrokken"),
    "voorkomen": ("voorkwam", "voorkwamen", "voorkomen"),
    "herzien": ("herzag", "herzagen", "herzien"),
    "onderbreken": ("onderbrak", "onderbraken", "onderbroken"),
    "onderzoeken": ("onderzocht", "onderzochten", "onderzocht"),
    "betrekken": ("betrok", "betrokken", "betrokken"),
    "vertrekken": ("vertrok", "vertrokken", "vertrokken"),
    "leiden": ("leidde", "leidden", "geleid"),
    "bereiden": ("bereidde", "bereidden", "bereid"),
}

PARTICLES = (
    "samen",
    "terug",
    "goed",
    "voorbij",
    "tegen",
    "door",
    "mee",
    "uit",
    "aan",
    "af",
    "bij",
    "in",
    "na",
    "om",
    "op",
    "over",
    "toe",
    "voor",
    "weg",
    "vast",
    "klaar",
    "los",
    "neer",
    "rond",
    "stil",
    "binnen",
    "open",
    "thuis",
    "kennis",
    "plaats",
)
_INSEPARABLE_PREFIXES = ("be", "ge", "her", "er", "ver", "ont")
# Verbs that start with a particle-looking part but do not separate.
_NOT_SEPARABLE = frozenset(
    {
        "onderhandelen",
        "onderbreken",
        "onderzoeken",
        "overtuigen",
        "overwegen",
        "overleggen",
        "voorkomen",
        "herzien",
        "ontdekken",
        "ontmoeten",
        "ontvangen",
        "onderbouwen",
        "omschrijven",
        "overdragen",
        "overnemen",
        "voorspellen",
    }
)

# Verbs that begin like "be-", "ge-", "er-" without being prefixed: they do take "ge-".
_LOOKS_PREFIXED = frozenset({"bellen", "geven", "gillen", "erven", "eten"})

_VERB_SET = frozenset(_VERBS) | frozenset(_STRONG) | frozenset(_STEM_OVERRIDES)

_DOUBLE = {"bb", "dd", "ff", "gg", "kk", "ll", "mm", "nn", "pp", "rr", "ss", "tt", "zz"}
_VOWELS = "aeiouy"


def split_separable(infinitive: str) -> tuple[str, str] | None:
    """("terug", "bellen") for "terugbellen"; None when the verb does not separate."""
    if infinitive in _NOT_SEPARABLE:
        return None
    for particle in sorted(PARTICLES, key=len, reverse=True):
        if infinitive.startswith(particle) and len(infinitive) > len(particle) + 3:
            base = infinitive[len(particle) :]
            if base in _VERB_SET and f"{particle}{base}" not in _NOT_SEPARABLE:
                return particle, base
    return None


def is_infinitive(word: str) -> bool:
    return word in _VERB_SET or split_separable(word) is not None


@cache
def stem(infinitive: str) -> str:
    """The stem: "bel" for "bellen", "stuur" for "sturen", "terugbel" for "terugbellen"."""
    separable = split_separable(infinitive)
    if separable:
        particle, base = separable
        return particle + stem(base)
    if infinitive in _STEM_OVERRIDES:
        return _STEM_OVERRIDES[infinitive]
    if not infinitive.endswith("en"):
        return infinitive
    root = infinitive[:-2]
    if root[-2:] in _DOUBLE:
        return root[:-1]
    if root.endswith("v"):
        root = root[:-1] + "f"
    elif root.endswith("z"):
        root = root[:-1] + "s"
    # An unstressed last syllable keeps its short vowel: koppelen -> koppel, openen -> open.
    vowel_groups = len(re.findall(r"[aeiouy]+", root))
    if root.endswith(("el", "en")) and vowel_groups >= 2:
        return root
    # An open syllable keeps its long vowel in writing: maken -> maak, sturen -> stuur.
    if len(root) >= 2 and root[-1] not in _VOWELS and root[-2] in "aeou":
        before = root[-3] if len(root) >= 3 else ""
        if before not in _VOWELS and not root.endswith(("ng", "ch")):
            return root[:-1] + root[-2] + root[-1]
    return root


@cache
def present_2sg(infinitive: str) -> str:
    """The form after "je" in a subordinate clause: "als je de klant belt"."""
    separable = split_separable(infinitive)
    if separable:
        particle, base = separable
        return particle + present_2sg(base)
    if infinitive in _PRESENT_2SG:
        return _PRESENT_2SG[infinitive]
    form = stem(infinitive) if infinitive != "zijn" else "bent"
    return form if form.endswith("t") else form + "t"


def present_1sg(infinitive: str) -> str:
    """The form after "ik": "als ik aansluit"."""
    separable = split_separable(infinitive)
    if separable:
        return separable[0] + present_1sg(separable[1])
    return {"zijn": "ben", "hebben": "heb", "kunnen": "kan", "willen": "wil", "zullen": "zal"}.get(
        infinitive, stem(infinitive) if infinitive != "zijn" else "ben"
    )


def _weak_suffix(infinitive: str) -> str:
    root = infinitive[:-2] if infinitive.endswith("en") else infinitive
    # 't kofschip: a voiceless last consonant of the root takes -te, otherwise -de.
    return "t" if root[-1:] in "tkfsp" or root.endswith("ch") else "d"


@cache
def participle(infinitive: str) -> str:
    separable = split_separable(infinitive)
    if separable:
        particle, base = separable
        return particle + participle(base)
    if infinitive in _STRONG and _STRONG[infinitive][2]:
        return _STRONG[infinitive][2]
    base = stem(infinitive)
    inseparable = infinitive in _NOT_SEPARABLE or (
        infinitive.startswith(_INSEPARABLE_PREFIXES) and infinitive not in _LOOKS_PREFIXED
    )
    prefix = "" if inseparable else "ge"
    if base.endswith(("t", "d")):
        return prefix + base
    return prefix + base + _weak_suffix(infinitive)


@cache
def finite_forms(infinitive: str) -> frozenset[str]:
    """Present and past forms, for recognising a finite verb."""
    separable = split_separable(infinitive)
    if separable:
        # In a main clause the particle goes to the end; the finite verb is the base's.
        return finite_forms(separable[1])
    forms = {stem(infinitive), present_2sg(infinitive), present_1sg(infinitive)}
    if stem(infinitive) not in {"wees"}:
        forms.add(stem(infinitive) + "t" if not stem(infinitive).endswith("t") else stem(infinitive))
    if infinitive in _STRONG:
        forms.update(f for f in _STRONG[infinitive][:2] if f)
    else:
        suffix = _weak_suffix(infinitive)
        forms.update({stem(infinitive) + suffix + "e", stem(infinitive) + suffix + "en"})
    extra = {
        "zijn": {"ben", "bent", "is", "zijn"},
        "hebben": {"heb", "hebt", "heeft"},
        "kunnen": {"kan", "kun", "kunt"},
        "willen": {"wil", "wilt", "wou"},
        "zullen": {"zal", "zult", "zou", "zouden"},
        "gaan": {"ga", "gaat"},
        "doen": {"doe", "doet"},
        "komen": {"kom", "komt"},
    }.get(infinitive, set())
    forms.update(extra)
    return frozenset(forms)


VERBS = _VERB_SET


@cache
def _stem_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for infinitive in sorted(_VERB_SET, key=lambda v: (split_separable(v) is not None, v)):
        index.setdefault(stem(infinitive), infinitive)
    # The imperative of "zijn" is "wees"; "wees" as a past form of "wijzen" is rare in advice.
    index["wees"] = "zijn"
    return index


def infinitive_of_stem(word: str) -> str | None:
    """ "zijn" for "wees", "bellen" for "bel": the imperative read back to its verb."""
    return _stem_index().get(word)


@cache
def _finite_index() -> dict[str, str]:
    index: dict[str, str] = {}
    # Plain verbs first: "ging" is a form of "gaan" before it is one of "doorgaan".
    for infinitive in sorted(_VERB_SET, key=lambda v: (split_separable(v) is not None, v)):
        for form in finite_forms(infinitive):
            index.setdefault(form, infinitive)
    return index


def infinitive_of_finite(word: str) -> str | None:
    return _finite_index().get(word)


def is_finite(word: str) -> bool:
    return word in _finite_index()


@cache
def _participles() -> frozenset[str]:
    found = {participle(v) for v in _VERB_SET}
    for particle in PARTICLES:
        for verb in _VERB_SET:
            if split_separable(particle + verb):
                found.add(particle + participle(verb))
    return frozenset(found)


_PARTICIPLE_SHAPE = re.compile(r"^(?:{})?ge[a-zë]{{3,}}(?:d|t)$".format("|".join(PARTICLES)))


def is_participle(word: str) -> bool:
    """A known participle, or a word shaped like one ("goedgekeurd", "geregeld")."""
    return word in _participles() or bool(_PARTICIPLE_SHAPE.match(word))


def all_forms() -> frozenset[str]:
    """Every form the lexicon knows, for language detection."""
    return frozenset(_VERB_SET) | frozenset(_finite_index()) | _participles()


SUBJECT_PRONOUNS = frozenset({"ik", "je", "jij", "u", "we", "wij", "ze", "zij", "hij", "jullie", "men"})
OBJECT_PRONOUNS = frozenset(
    {"me", "mij", "je", "jou", "u", "ons", "ze", "hen", "hun", "hem", "haar", "het", "zich", "jezelf"}
)
DETERMINERS = words("""de het een deze die dit dat je jouw uw hun mijn onze ons zijn haar elke ieder iedere alle
    geen meer veel minder weinig enkele sommige twee drie vier vijf tien genoeg wat zo'n zulke welke""")
SUBORDINATORS = words("""dat of als wanneer voordat omdat zodat terwijl nadat totdat tot hoewel zodra wat hoe waarom
    welke wie waar die zonder alsof doordat""")
PREPOSITIONS = words("""aan achter bij binnen boven buiten door in met na naar naast om onder op over per sinds tegen
    tijdens tot tussen uit van vanaf voor zonder""")
WH_WORDS = words("""wat wie welk welke waar waarom wanneer hoe hoeveel hoezo hoelang hoevaak waardoor waarmee
    waarover waaraan waarin waarop waarnaar waarvoor waarvan waarbij waaruit waartoe waarheen wiens""")
# Words a coach puts before the sentence proper: "Oké, ...", "En ...", "Dus ...".
DISCOURSE = words(
    "en dus maar oké ok okay oke okee nou ja nee tja hm hmm o oh goed prima top kijk zeg trouwens eerlijk gezegd dan"
)
# Softeners that make no sense in a suggestion built from the sentence.
SOFTENERS = words("even eens gewoon maar toch nou alsjeblieft alstublieft ff effe dan")
ADVERB_STARTERS = words("""gewoon even altijd nooit morgen vandaag eerst dan nu straks voortaan alsjeblieft graag ook
    vooral zeker echt snel direct meteen daarna vervolgens gerust liever beter eerder later""")
GRADABLE_ADJECTIVES = words("""tevreden blij zeker klaar lastig moeilijk makkelijk gemakkelijk zenuwachtig duidelijk realistisch
    belangrijk nuttig comfortabel moe gemotiveerd gesteund zeker bang onzeker zelfverzekerd trots
    enthousiast haalbaar verstandig slim goed nodig""")
