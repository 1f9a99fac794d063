"""Dutch: label a sentence and build an open question from a directive or closed one.

Dutch word order does most of the work: a question puts the finite verb first ("Heb je
..."), an imperative puts the bare stem first ("Bel ..."), a note leaves the infinitive
at the end ("Klant terugbellen."). The suggestions rebuild the seller's action in a
subordinate clause ("... als je de klant eerder belt") or a te-infinitive ("om de klant
eerder te bellen"), which means moving the verb and joining separable particles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from salescoach.craft.analyser import lexicon_nl as lex
from salescoach.craft.analyser.common import (
    CLOSED,
    DIRECTIVE,
    OPEN,
    STATEMENT,
    Finding,
    capitalise,
    has_question_mark,
    join_tokens,
    pattern,
    search,
    segments,
    token_after,
)
from salescoach.craft.analyser.text import Sentence
from salescoach.craft.analyser.words import words

_YOU = "(?:je|jij|u)"

# --- open questions in another form -----------------------------------------------------

_OPEN_CUES = [
    pattern(
        r"^ (?:\S+ (?:, )?){0,2}?vertel (?:(?:eens|me|mij|ons|maar|even|nog|dan) )*(?:eens |meer |wat |hoe |waarom |over |iets |waar |wie |welke |wanneer |waardoor |daar |er |je )"
    ),
    pattern(
        r" (?:kun|kan|kunt|wil|wilt|zou) "
        + _YOU
        + r"(?: \S+){0,7}? (?:vertellen|beschrijven|omschrijven|uitleggen|toelichten|schetsen|verwoorden|meenemen|aangeven|samenvatten)(?: \S+)? (?:wat|hoe|waarom|wie|welke|waar|wanneer|waardoor|in|over|\?|\.) "
    ),
    pattern(
        r" (?:kun|kan|kunt|wil|wilt|zou) "
        + _YOU
        + r"(?: \S+){0,5}? (?:iets|wat|nog) (?:meer )?(?:zeggen|vertellen) "
    ),
    pattern(
        r" (?:kun|kan|kunt|wil|wilt|zou) "
        + _YOU
        + r" (?:me |mij |ons )?(?:eens |nog )?(?:vertellen|beschrijven|uitleggen|toelichten|schetsen) "
    ),
    pattern(r"^ (?:\S+ (?:, )?)?leg (?:(?:eens|me|mij|ons|even|nog|dan) )*uit "),
    pattern(r"^ (?:\S+ (?:, )?)?licht (?:(?:eens|dat|dit|het|even|nog) )*toe "),
    pattern(
        r"^ (?:\S+ (?:, )?)?(?:beschrijf|omschrijf|schets) (?:(?:eens|even|maar|dan|me|mij) )*(?:wat|hoe|waarom|wie|welke|je|jouw|de|het|een) "
    ),
    pattern(r" neem (?:me|mij|ons) (?:(?:eens|even|maar|dan) )*mee "),
    pattern(r" help (?:me|mij) (?:(?:eens|even) )*(?:te )?(?:begrijpen|snappen|zien|inzien) "),
    pattern(r" zeg (?:(?:daar|er|het|dat|eens|even|nog|dan) )*(?:iets|wat) meer "),
    pattern(r" ik ben (?:echt |erg |heel |wel |zo |vooral |nu )?benieuwd (?!of )"),
    pattern(
        r" ik vraag me (?:dan |nu |wel )?af (?:hoe|wat|waarom|wie|welke|welk|waar|wanneer|in hoeverre|waardoor|waarmee|hoeveel) "
    ),
    pattern(r" ik hoor (?:het )?(?:graag|heel graag|ook graag) "),
    pattern(r" ik (?:zou |wil )(?:(?:graag|echt|heel|nog|wel|willen) )*(?:weten|horen|begrijpen|snappen) "),
    pattern(r" geef (?:me |mij )?(?:eens )?(?:een )?voorbeeld"),
]

# --- directives in the form of a question ------------------------------------------------

_DISGUISED = [
    (
        pattern(r" zou " + _YOU + r" (?:het )?niet (?:(?:eens|beter|liever|gewoon|even|misschien|toch) )*"),
        "inf",
    ),
    (
        pattern(
            r" zou het niet (?:veel |een stuk |wat )?(?:beter|verstandiger|slimmer|handiger|goed|makkelijker|fijner|mooi|handig|slim) (?:zijn )?(?P<link>om|als je|dat je) "
        ),
        "link",
    ),
    (pattern(r" (?:moet|hoef|moeten) (?:je|jij|we|u) niet (?:(?:eens|gewoon|even|misschien|toch) )*"), "inf"),
    (
        pattern(
            r" (?:kun|kan|kunt) " + _YOU + r" niet (?:(?:beter|gewoon|eens|even|liever|misschien|ook) )*"
        ),
        "inf",
    ),
    (pattern(r" waarom niet (?:gewoon |eens |even )?"), "inf"),
    (
        pattern(
            r" wat (?:dacht|denk|zeg) (?:je|jij|u) (?:ervan|er van|daarvan|hiervan) (?P<link>om|als je|dat je|als we|dat we) "
        ),
        "link",
    ),
    (pattern(r" wat dacht (?:je|jij|u) van "), "topic"),
    (
        pattern(
            r" heb (?:je|jij) (?:er |het )?(?:(?:al|ooit|eens|wel|ook) )*(?:erover|eraan|over|aan|er over|er aan|erover|ook) (?:nagedacht|gedacht) (?P<link>om|dat je|te) "
        ),
        "link",
    ),
    (
        pattern(
            r" heb (?:je|jij) (?:(?:al|ooit|eens|wel|ook) )*(?:overwogen|geprobeerd|nagedacht over) (?P<link>om|te) "
        ),
        "link",
    ),
    (pattern(r" (?:vind|vond|denk) (?:je|jij|u) (?:het )?niet dat (?:je|jij|u) "), "clause"),
    (
        pattern(
            r" (?:is|zou) het (?:niet |geen )(?:\S+ )?(?:idee|beter|slim|slimmer|verstandig|verstandiger|handig|handiger|tijd) (?:zijn )?(?P<link>om|dat je|als je) "
        ),
        "link",
    ),
    (pattern(r" wat vind je ervan als (?:je|we) "), "clause"),
]
_SHALL_WE = pattern(r" (?:zullen|gaan|kunnen|zouden) (?:we|wij) ")
_CAN_YOU = pattern(r" (?:kun|kan|kunt|wil|wilt|zou|zoudt) " + _YOU + r" ")
_REQUEST_MARKERS = frozenset(
    {"even", "alsjeblieft", "alstublieft", "svp", "ff", "effe", "misschien", "zo", "nog"}
)
# Infinitives after "kun je" that ask about the seller's own view or ability, not for an action.
_COGNITIVE = words("""voorstellen denken bedenken zien herinneren begrijpen snappen geloven zeggen vinden voelen
    inschatten accepteren omgaan hebben zijn worden weten kiezen leven herkennen beoordelen
    verklaren inleven verplaatsen verwachten volgen""")

# --- directives in statement form ---------------------------------------------------------

_PAST_COUNTERFACTUAL = pattern(r" (?:je|jij|u) had (?P<mid>(?:\S+ ){0,8}?)moeten (?P<inf>\S+) ")
_MODALS = [
    (
        pattern(
            r" (?:je|jij|u) (?:moet|moeten|dient|hoort|hoeft alleen(?: maar)?|hoeft enkel|moet gewoon|moet echt|moet wel|moet toch) (?:echt |gewoon |wel |toch |nu |ook |eerst |alleen |maar )*"
        ),
        "inf",
    ),
    (pattern(r" (?:moet|dien|dient) (?:je|jij|u) (?:echt |gewoon |wel |toch |nu |ook |eerst )*"), "inf"),
    (pattern(r" (?:je|jij|u) zou(?:den)? (?P<mid>(?:\S+ ){0,8}?)moeten "), "zou_moeten"),
    (pattern(r" (?:je|jij|u) zou(?:den)? (?P<mid>(?:\S+ ){0,8}?)kunnen "), "zou_kunnen"),
    (pattern(r" (?:je|jij|u) (?:kunt|kan) (?P<mid>(?:\S+ ){0,8}?)niet (?:blijven|langer|eeuwig) "), "keep"),
    (
        pattern(
            r" (?:je|jij|u) (?:kunt|kan) (?:(?:dan|nu|echt|misschien|dus|wel|ze|hem|haar|het|dat|die|hen|hun|de klant) )*(?:beter|het beste|best|ook|gewoon|eens|altijd|misschien|het beste maar|beter maar) "
        ),
        "advice",
    ),
    (
        pattern(
            r" misschien (?:kun|kan|kunt|moet|zou|moeten|kunnen) (?:je|jij|we|u) (?:(?:beter|ook|eens|gewoon|wel|het beste|best) )*"
        ),
        "advice",
    ),
    (pattern(r" (?:we|wij) (?:moeten|gaan|zouden moeten|kunnen beter) (?:nu |eerst |echt |het )?"), "we"),
]
_SUB_MODAL = pattern(r" (?:dat|als) (?:je|jij|u) (?P<mid>(?:\S+ ){0,8}?)(?:moet|dient|zou moeten) ")
_SUB_BETTER = pattern(
    r" dat (?:je|jij|u) (?P<mid>(?:\S+ ){0,4}?)(?:beter|best|het beste) (?:\S+ ){0,4}?(?P<modal>kunt|kan) "
)
_IMPERSONAL = pattern(
    r" (?:het|dat) (?:is|zou|lijkt|wordt|gaat|lijkt me|lijkt mij|is misschien|is wel|is echt|is heel|is erg|is vaak|is altijd|zou misschien|is dus)"
    r" (?:me |mij |je |wel |echt |misschien |wellicht |heel |erg |vaak |altijd |nu |dus )*"
    r"(?P<what>beter|belangrijk|verstandig|slim|handig|goed|nodig|raadzaam|tijd|zaak|essentieel|cruciaal|wijs|aan te raden|de bedoeling|handiger|slimmer|verstandiger|nuttig|zinvol|noodzakelijk|helpen|een goed idee|een idee|fijn|prettig|van belang)"
    r" (?:zijn |wezen )?(?P<link>om|dat je|dat jij|als je|als jij|dat we|als we) "
)
_SOMETHING_IMPERSONAL = pattern(
    r"^ (?:(?:misschien|wellicht|dan|echt) )*is het (?:misschien |wellicht |echt )?(?P<what>slim|goed|beter|handig|verstandig|een idee|een goed idee|nuttig|zinvol|raadzaam|wijs|tijd) (?P<link>om|dat je|als je) "
)
_WHAT_MATTERS = pattern(r" het gaat (?:er )?(?:om|erom) dat (?:je|jij|u) ")
_BEST_THING = pattern(
    r" het beste (?:wat (?:je|jij) (?:nu |dan |hier )?(?:kunt|kan) doen(?: ,)? |is |kun je )(?:is )?(?:om )?"
)
_PSEUDO_CLEFT = pattern(
    r" wat (?:je|jij) (?:(?:nu|dan|echt|vooral|hier) )*(?:moet|kunt|zou moeten|het beste kunt|het best kunt|dient te) doen(?: ,)? is (?:om )?"
)
_WHAT_I_WOULD_DO = pattern(
    r" wat ik (?:zou doen|zelf zou doen|zou doen is|doe|zou proberen)(?: is)?(?: :| ,)? "
)
_I_WOULD = pattern(r" (?:ik zou|zou ik)(?P<rest>(?: \S+){1,12}) ")
_IF_I_WERE = pattern(r" als ik (?:jou|u|jullie) (?:was|zou zijn|ben) | in jouw (?:plaats|schoenen) ")
_I_ADVISE = pattern(
    r" (?:ik|wij|we) (?:raad|raden|adviseer|adviseren) (?:je|jou|u|jullie) (?P<mid>(?:\S+ ){0,6}?)(?:aan )?(?P<link>om |te |dat je |)"
)
_MY_ADVICE = pattern(
    r" (?:mijn|ons|een) (?:advies|tip|voorstel|suggestie|idee)(?: is| zou zijn| voor jou| voor je)?(?P<link> om| dat je| dat we| :|) "
)
_I_PROPOSE = pattern(
    r" (?:ik|wij|we) (?:stel|stellen) (?:voor|je voor)(?P<link> dat (?:je|jij|we|wij)| om|) "
)
_I_WANT = pattern(
    r" ik (?:wil|verwacht|zou willen|wil graag|zou graag zien|zou het (?:fijn|prettig|goed|mooi) vinden|vind het (?:belangrijk|fijn|prettig)|verwacht van (?:je|jou)) (?P<link>dat|als) (?:je|jij|u) "
)
_MAKE_SURE = pattern(
    r" (?:zorg|zorgen) (?:er )?(?:(?:nu|wel|even|gewoon|dan|toch|altijd) )*(?:voor |ervoor |er voor )?dat "
)
_REMEMBER = pattern(
    r" (?:vergeet (?:(?:het|dan|ook|vooral) )*niet|niet vergeten|denk (?:er )?(?:wel |dan |ook )?(?:aan|eraan)|let (?:er )?(?:wel |dan |ook )?op) (?P<link>om |dat je |dat |te |)"
)
_FORGET_OBJECT = pattern(r"^ (?:\S+ )?vergeet (?P<obj>(?:\S+ ){1,3}?)niet (?:om )?")
_TRY = pattern(
    r"^ (?:\S+ (?:, )?)?(?:probeer|overweeg|durf) (?:(?:eens|het|dan|maar|gewoon|vooral|ook) )*(?:om )?"
)
_CAUTION = pattern(r" (?:pas|let) (?:er )?(?:wel |goed |dan )?op (?:dat|voor) (?:je|jij) ")
_LETS = pattern(r" (?:laten (?:we|wij)|laat ons) ")
_LABEL_PREFIX = pattern(
    r"^ (?:\S+ )?(?:tip|advies|actie|acties|actiepunt|actiepunten|to do|todo|to-do|volgende stap|volgende stappen|huiswerk|opdracht|voorstel|suggestie|eerlijk gezegd|kortom|dus|morgen|vandaag|straks|afspraak|belangrijk|let op) : "
)
_PLEASE = pattern(r"^ (?:\S+ )?(?:graag|alsjeblieft|alstublieft|svp) ")

_QUESTION_STEMS = words("""heb ben kun kan wil zal mag moet ga doe weet vind denk voel zie snap begrijp herken ken lig zit
    sta hoor merk geloof verwacht vertrouw durf hoef lukt klopt werkt past helpt is was heeft had
    bent hebt kunt wilt zult gaat doet""")
# Inflected adjectives: before one, a word like "vragen" is a noun ("goede vragen").
_ADJECTIVES_E = words("""goede goeie nieuwe lastige mooie slimme kritische scherpe eerste vorige andere grote kleine
    betere duidelijke concrete sterke zwakke rake leuke echte belangrijke open gerichte diepere
    extra heldere""")
_MODAL_STEMS = frozenset({"wil", "kun", "kan", "zal", "mag", "moet", "hoef", "heb", "ben"})
_NOT_IMPERATIVE = frozenset(
    {
        "dank",
        "bedankt",
        "wat",
        "goed",
        "top",
        "prima",
        "super",
        "mooi",
        "jammer",
        "hoi",
        "doei",
        "fijn",
        "beter",
    }
)
_NOT_INFINITIVE_BEFORE = (
    lex.DETERMINERS | frozenset({"het", "de", "een", "eigen", "gratis"}) | lex.PREPOSITIONS
)


def _head(s: Sentence, start: int, end: int, *, adverbs: bool = False) -> int:
    index = start
    while index < end:
        token = s.tokens[index]
        if not token.is_word:
            index += 1
            continue
        low = token.low
        follows_comma = index + 1 < end and s.tokens[index + 1].low in {",", ":"}
        if low in lex.DISCOURSE and (
            low in {"en", "dus", "maar", "nou", "oké", "ok", "okay", "oke", "okee", "tja"} or follows_comma
        ):
            index += 1
            continue
        if low == "eerlijk" and index + 1 < end and s.tokens[index + 1].low == "gezegd":
            index += 2
            continue
        if adverbs and low in lex.ADVERB_STARTERS and index + 1 < end and s.tokens[index + 1].is_word:
            index += 1
            continue
        return index
    return end


def _clause_ends(s: Sentence, start: int) -> int:
    for index in range(start, len(s.tokens)):
        if s.tokens[index].low in {",", ":", ";", "?", "!", ".", "…"}:
            return index
    return len(s.tokens)


def _is_imperative_at(s: Sentence, index: int, end: int, question: bool) -> str | None:
    """The verb (infinitive) when the word at ``index`` is an imperative."""
    if index >= end:
        return None
    low = s.tokens[index].low
    if low in _NOT_IMPERATIVE:
        return None
    infinitive = lex.infinitive_of_stem(low)
    if infinitive is None:
        return None
    following = s.tokens[index + 1].low if index + 1 < len(s.tokens) else ""
    if low in _MODAL_STEMS:
        return None
    if following in {":", "is", "was", "werd", "wordt"} or (
        following
        and lex.is_finite(following)
        and lex.infinitive_of_stem(following) is None
        and following not in lex.OBJECT_PRONOUNS | lex.DETERMINERS
        and not lex.is_infinitive(following)
    ):
        return None  # "Plan werkte niet", "Vraag: ..."
    if following in {"ik", "jij", "we", "wij", "ze", "zij", "hij", "jullie", "u", "het", "er"} and (
        question or low in _QUESTION_STEMS
    ):
        return None
    if following == "je" and (question or low in _QUESTION_STEMS):
        return None  # "Heb je ...", "Bel je hem morgen?"
    if following == "van" and low in {"begin", "plan", "start", "vraag", "zorg"}:
        return None
    return infinitive


def label(s: Sentence) -> Finding:
    question = has_question_mark(s)
    clauses = segments(s)
    if not clauses:
        return Finding(STATEMENT)
    first_start, first_end = clauses[0]
    head = _head(s, first_start, first_end)

    for regex in _OPEN_CUES:
        found = search(s, regex)
        if found:
            match, a, b = found
            cue_first = a
            while cue_first < b and s.tokens[cue_first].low in lex.DISCOURSE | {","}:
                cue_first += 1
            return Finding(OPEN, [(cue_first, _last_word(s, a, b))])

    for regex, kind in _DISGUISED:
        found = search(s, regex)
        if found:
            match, a, b = found
            link = (match.groupdict().get("link") or "").strip()
            if kind == "link":
                kind = "te" if link in {"om", "te"} else "clause"
            return Finding(DIRECTIVE, [(a, _last_word(s, a, b))], kind, token_after(s, match))
    waarom = _waarom_niet(s, head, first_end)
    if waarom:
        return waarom
    found = search(s, _SHALL_WE)
    if found and found[1] == head and question:
        match, a, b = found
        return Finding(DIRECTIVE, [(a, b)], "we", token_after(s, match))
    request = _request(s, head, question)
    if request:
        return request

    for number, (start, end) in enumerate(clauses):
        index = _head(s, start, end)
        if index >= end or (number > 0 and not question):
            continue
        wh = _wh_at(s, index, end)
        if wh is not None:
            return Finding(OPEN, [(index, wh)])

    if head < first_end:
        low = s.tokens[head].low
        following = s.tokens[head + 1].low if head + 1 < len(s.tokens) else ""
        finite = lex.is_finite(low) or low in _QUESTION_STEMS
        bare_stem = lex.infinitive_of_stem(low) is not None and low not in _QUESTION_STEMS
        subject_follows = following in lex.SUBJECT_PRONOUNS | {
            "het",
            "er",
            "de",
            "dat",
            "dit",
            "die",
            "iets",
            "iemand",
            "deze",
            "hun",
            "jullie",
            "niemand",
            "alles",
        } or (following and s.tokens[head + 1].text[:1].isupper())
        stem_form = lex.infinitive_of_stem(low) is not None and low not in _MODAL_STEMS
        personal = following in {"je", "jij", "u", "ik", "we", "wij", "ze", "zij", "hij", "jullie"}
        # Without a question mark, a bare stem before "dat"/"het" is an imperative ("Doe dat nooit meer").
        inverted = question or not stem_form or (personal and not bare_stem)
        if finite and subject_follows and inverted and low not in _NOT_IMPERATIVE:
            return Finding(CLOSED, [(head, head + 1)], "inverted", head)

    # A line ending in a colon introduces what follows ("Vragen voor het gesprek:"): a
    # heading, not an instruction, unless a modal or an advice phrase says otherwise.
    heading = bool(s.tokens) and s.tokens[-1].low == ":"
    for start, end in [] if heading else clauses:
        index = _head(s, start, end, adverbs=True)
        infinitive = _is_imperative_at(s, index, end, question)
        if infinitive:
            return _imperative_finding(s, index, infinitive)
    if question:
        marks = [(i, i) for i in range(len(s.tokens)) if s.tokens[i].low == "?"]
        return Finding(CLOSED, marks, "declarative", head)
    return _directive_phrase(s, head) or (None if heading else _infinitive_note(s)) or Finding(STATEMENT)


def _last_word(s: Sentence, a: int, b: int) -> int:
    while b > a and not s.tokens[b].is_word:
        b -= 1
    return b


def _waarom_niet(s: Sentence, head: int, end: int) -> Finding | None:
    """ "Waarom bel je ze niet gewoon?": advice, unless it asks about the past."""
    if head >= end or s.tokens[head].low != "waarom" or head + 2 >= len(s.tokens):
        return None
    verb = s.tokens[head + 1].low
    if s.tokens[head + 2].low not in {"je", "jij", "we", "wij", "u"} or verb in {
        "heb",
        "had",
        "ben",
        "was",
        "hebt",
        "bent",
        "is",
    }:
        return None
    for index in range(head + 3, min(len(s.tokens), head + 9)):
        if s.tokens[index].low == "niet":
            infinitive = lex.infinitive_of_finite(verb) or lex.infinitive_of_stem(verb)
            if infinitive is None:
                return None
            return Finding(
                DIRECTIVE, [(head, head + 2), (index, index)], "waarom", head + 1, frozenset({index})
            )
    return None


def _request(s: Sentence, head: int, question: bool) -> Finding | None:
    """ "Kun je de offerte vandaag sturen?" asks for an action; "Kun je je voorstellen ..." does not."""
    found = search(s, _CAN_YOU)
    if not found or found[1] != head:
        return None
    match, a, b = found
    modal = s.tokens[a].low
    end = _clause_ends(s, b + 1)
    for index in range(b + 1, end):
        if s.tokens[index].low in lex.SUBORDINATORS - {"die", "wat"}:
            end = index
            break
    words = [i for i in range(b + 1, end) if s.tokens[i].is_word]
    lows = [s.tokens[i].low for i in words]
    if "ervoor" in lows or "er" in lows and "voor" in lows:
        make_sure = search(s, pattern(r" (?:ervoor|er voor|er \S+ voor) zorgen dat "), b)
        if make_sure:
            return Finding(
                DIRECTIVE, [(a, b), (make_sure[1], make_sure[2])], "importance", token_after(s, make_sure[0])
            )
    infinitives = [
        i for i in words if lex.is_infinitive(s.tokens[i].low) and s.tokens[i].low not in {"willen"}
    ]
    if not infinitives:
        return None
    verb = s.tokens[infinitives[-1]].low
    reflexive_imagine = verb == "voorstellen" and "je" in lows[:2]
    if verb in _COGNITIVE or reflexive_imagine or verb in {"vertellen", "beschrijven", "uitleggen"}:
        return None
    marked = (
        bool(_REQUEST_MARKERS & set(lows))
        or modal in {"kun", "kan", "kunt"}
        or (modal == "zou" and "willen" in lows)
    )
    if modal in {"wil", "wilt"} and not (_REQUEST_MARKERS - {"nog"}) & set(lows):
        return None  # "Wil je de opening samen oefenen?" asks what the seller wants
    if not marked or " of " in " " + " ".join(lows) + " ":
        return None
    skip = frozenset(i for i in words if s.tokens[i].low in {"willen"})
    return Finding(DIRECTIVE, [(a, b), (infinitives[-1], infinitives[-1])], "request", b + 1, skip)


_WH_PHRASES = pattern(
    r"^ (?:in hoeverre|in welke mate|op welke manier|op wat voor manier|om welke reden|wat voor|(?:met|voor|aan|bij|van|door|over|naar|tegen|tot|vanaf|sinds|uit|op|in|onder) (?:wie|wat|welke|welk|wanneer|hoeveel|hoe lang)) "
)


def _wh_at(s: Sentence, index: int, end: int) -> int | None:
    rest = " " + " ".join(t.low for t in s.tokens[index:end]) + " "
    match = _WH_PHRASES.match(rest)
    if match:
        return index + match.group(0).count(" ") - 2
    low = s.tokens[index].low
    if low not in lex.WH_WORDS:
        return None
    following = s.tokens[index + 1].low if index + 1 < len(s.tokens) else ""
    if following in {"je", "jij", "ik", "we", "wij", "ze", "zij", "hij", "u", "jullie", "een", "men"}:
        return None  # "Wat je moet doen is ...", "Wat een mooie deal!"
    if low == "hoe" and following == "dan" and index + 2 < len(s.tokens) and s.tokens[index + 2].low == "ook":
        return None
    return index


def _imperative_finding(s: Sentence, index: int, infinitive: str) -> Finding:
    first = index
    while first > 0 and s.tokens[first - 1].low in lex.ADVERB_STARTERS and s.tokens[first - 1].is_word:
        first -= 1
    try_found = search(s, _TRY, 0)
    if try_found and try_found[2] >= index and infinitive in {"proberen", "overwegen", "durven"}:
        match, a, b = try_found
        rest = token_after(s, match)
        if any(t.low == "te" for t in s.tokens[rest:]):
            return Finding(DIRECTIVE, [(index, _last_word(s, index, b))], "te", rest)
    make_sure = search(s, _MAKE_SURE, index)
    if make_sure and make_sure[1] == index:
        match, a, b = make_sure
        return Finding(DIRECTIVE, [(a, _last_word(s, a, b))], "importance", token_after(s, match))
    remember = search(s, _REMEMBER, index)
    if remember and remember[1] == index:
        match, a, b = remember
        return Finding(
            DIRECTIVE,
            [(a, _last_word(s, a, b))],
            "te" if match.group("link").strip() in {"om", "te", ""} else "clause",
            token_after(s, match),
        )
    forget = search(s, _FORGET_OBJECT)
    if forget and forget[1] <= index:
        match, a, b = forget
        negation = next(i for i in range(a, b + 1) if s.tokens[i].low == "niet")
        return Finding(
            DIRECTIVE, [(index, index), (negation, negation)], "te", index + 1, frozenset({negation})
        )
    caution = search(s, _CAUTION, index)
    if caution and caution[1] == index:
        match, a, b = caution
        return Finding(DIRECTIVE, [(a, _last_word(s, a, b))], "caution", token_after(s, match) - 1)
    return Finding(DIRECTIVE, [(first, index)], "imperative", index)


def _directive_phrase(s: Sentence, head: int) -> Finding | None:
    found = search(s, _PAST_COUNTERFACTUAL)
    if found:
        match, a, b = found
        if match.group("inf") not in {"zien", "horen", "meemaken", "meemaakt"}:
            moeten = b - 1
            return Finding(DIRECTIVE, [(a, a + 1), (moeten, moeten)], "past", a + 2, frozenset({moeten}))
    for regex, kind in _MODALS:
        found = search(s, regex)
        if found:
            match, a, b = found
            if kind in {"zou_moeten", "zou_kunnen"}:
                modal = b
                mid_words = (match.group("mid") or "").split()
                if any(w in {"zijn", "geweest", "hebben", "gehad"} for w in mid_words):
                    continue
                return Finding(
                    DIRECTIVE,
                    [(a, a + 1), (modal, modal)],
                    "inf" if kind == "zou_moeten" else "advice",
                    a + 2,
                    frozenset({modal}),
                )
            if kind == "keep":
                negation = next(i for i in range(a, b + 1) if s.tokens[i].low == "niet")
                return Finding(DIRECTIVE, [(a, a + 1), (negation, b)], "keep", a + 2, frozenset({negation}))
            if kind == "advice" and s.tokens[a].low in {"je", "jij", "u"}:
                adverbs = frozenset(
                    i
                    for i in range(a + 2, b + 1)
                    if s.tokens[i].low in {"beter", "best", "beste"}
                    or (s.tokens[i].low == "het" and i + 1 <= b and s.tokens[i + 1].low == "beste")
                )
                return Finding(
                    DIRECTIVE, [(a, a + 1), *[(i, i) for i in sorted(adverbs)]], kind, a + 2, adverbs
                )
            return Finding(DIRECTIVE, [(a, _last_word(s, a, b))], kind, token_after(s, match))
    found = search(s, _SUB_BETTER)
    if found:
        match, a, b = found
        better = next(i for i in range(a, b + 1) if s.tokens[i].low in {"beter", "best"})
        return Finding(DIRECTIVE, [(better, better), (b, b)], "sub_modal", a + 2, frozenset({better, b}))
    found = search(s, _SUB_MODAL)
    if found:
        match, a, b = found
        return Finding(
            DIRECTIVE,
            [(b, b)] if s.tokens[b].low in {"moet", "dient"} else [(b - 1, b)],
            "sub_modal",
            a + 2,
            frozenset({b, b - 1} if s.tokens[b - 1].low in {"zou", "beter", "best"} else {b}),
        )
    for regex in (_IMPERSONAL, _SOMETHING_IMPERSONAL):
        found = search(s, regex)
        if found:
            match, a, b = found
            link = match.group("link")
            what = match.group("what")
            if link == "om":
                kind = "te"
            elif link in {"dat we", "als we"}:
                kind = "we_clause"
            elif what in {
                "belangrijk",
                "essentieel",
                "cruciaal",
                "van belang",
                "zaak",
                "de bedoeling",
                "noodzakelijk",
            }:
                kind = "importance"
            else:
                kind = "clause"
            start = token_after(s, match)
            if link not in {"om"}:
                start -= 1  # keep the subject: "dat je luistert", "als je je agenda blokt"
            return Finding(DIRECTIVE, [(a, b)], kind, start)
    found = search(s, _WHAT_MATTERS)
    if found:
        match, a, b = found
        return Finding(DIRECTIVE, [(a, b)], "importance", b)
    for regex in (_PSEUDO_CLEFT, _BEST_THING):
        found = search(s, regex)
        if found:
            match, a, b = found
            return Finding(DIRECTIVE, [(a, _last_word(s, a, b))], "inf", token_after(s, match))
    found = search(s, _WHAT_I_WOULD_DO)
    if found:
        match, a, b = found
        return Finding(DIRECTIVE, [(a, _last_word(s, a, b))], "advice_inf", token_after(s, match))
    found = search(s, _I_ADVISE)
    if found:
        match, a, b = found
        link = match.group("link").strip()
        return Finding(
            DIRECTIVE,
            [(a, _last_word(s, a, b))],
            "te" if link in {"om", "te", ""} else "clause",
            token_after(s, match),
        )
    found = search(s, _MY_ADVICE)
    if found:
        match, a, b = found
        link = match.group("link").strip()
        kind = {"om": "te", "dat je": "clause", "dat we": "we_clause", ":": "after_colon"}.get(
            link, "after_colon"
        )
        return Finding(DIRECTIVE, [(a, _last_word(s, a, b))], kind, token_after(s, match))
    found = search(s, _I_PROPOSE)
    if found:
        match, a, b = found
        link = match.group("link").strip()
        kind = (
            "te"
            if link == "om"
            else "we_clause"
            if link.endswith(("we", "wij"))
            else "clause"
            if link
            else "after_colon"
        )
        return Finding(DIRECTIVE, [(a, _last_word(s, a, b))], kind, token_after(s, match))
    found = search(s, _I_WANT)
    if found:
        match, a, b = found
        return Finding(DIRECTIVE, [(a, b)], "clause", b)
    found = search(s, _I_WOULD)
    if found:
        advice = _i_would(s, found)
        if advice:
            return advice
    found = search(s, _MAKE_SURE)
    if found:
        match, a, b = found
        return Finding(DIRECTIVE, [(a, _last_word(s, a, b))], "importance", token_after(s, match))
    found = search(s, _REMEMBER)
    if found:
        match, a, b = found
        return Finding(DIRECTIVE, [(a, _last_word(s, a, b))], "te", token_after(s, match))
    found = search(s, _LETS)
    if found:
        match, a, b = found
        return Finding(DIRECTIVE, [(a, b)], "we", token_after(s, match))
    found = search(s, _LABEL_PREFIX)
    if found:
        match, a, b = found
        return Finding(
            DIRECTIVE, [(_last_word(s, a, b), _last_word(s, a, b))], "after_colon", token_after(s, match)
        )
    return None


def _i_would(s: Sentence, found: tuple[re.Match[str], int, int]) -> Finding | None:
    """ "Ik zou de offerte morgen versturen": advice, unless it is about the coach's own feelings."""
    _, a, _b = found
    end = _clause_ends(s, a + 2)
    for index in range(a + 2, end):
        if s.tokens[index].low in lex.SUBORDINATORS - {"wat"} and s.tokens[index].low != "die":
            end = index
            break
    words = [s.tokens[i].low for i in range(a + 2, end) if s.tokens[i].is_word]
    if (
        not words
        or words[0] in {"graag", "willen"}
        or any(
            w in {"geweest", "gehad", "zijn", "vinden", "zeggen", "denken", "weten", "horen"} for w in words
        )
    ):
        return None
    if not any(
        lex.is_infinitive(w) and (i == 0 or words[i - 1] not in _NOT_INFINITIVE_BEFORE - {"te"})
        for i, w in enumerate(words)
    ):
        return None
    cues = [(a, a + 1)]
    if_i_were = search(s, _IF_I_WERE)
    if if_i_were:
        cues.insert(0, (if_i_were[1], if_i_were[2]))
    return Finding(DIRECTIVE, cues, "advice_inf", a + 2)


def _infinitive_note(s: Sentence) -> Finding | None:
    """ "Klant morgen terugbellen." -- a to-do written as an infinitive."""
    end = len(s.tokens)
    for index, token in enumerate(s.tokens):
        following = s.tokens[index + 1].low if index + 1 < len(s.tokens) else ""
        if token.low in {",", ";"} or (
            index > 0 and _is_boundary(token.low, following) and token.low not in {"wat", "die"}
        ):
            end = index
            break
    words = [i for i in range(end) if s.tokens[i].is_word]
    if not words:
        return None
    lows = [s.tokens[i].low for i in words]
    if any(w in lex.SUBJECT_PRONOUNS - {"je", "ze"} for w in lows) or lows[0] in {"ze", "je"}:
        return None
    for index in words:
        low = s.tokens[index].low
        if (
            lex.is_finite(low)
            and not lex.is_infinitive(low)
            and (lex.infinitive_of_stem(low) is None or low in _MODAL_STEMS)
        ):
            return None
    for position, index in enumerate(words):
        low = s.tokens[index].low
        previous = lows[position - 1] if position else ""
        if low == "zijn" and position + 1 < len(lows):
            continue
        adjective_before = previous in _ADJECTIVES_E
        blocked = previous in _NOT_INFINITIVE_BEFORE | _ADJECTIVES_E and previous not in {"te", "niet"}
        # "De aantekeningen staan in de map": after a subject the plural verb looks
        # like an infinitive; a note with a subject-like start ends with its verb.
        ends_note = position == len(words) - 1 or lows[0] not in lex.DETERMINERS
        if lex.is_infinitive(low) and not blocked and not adjective_before and ends_note:
            cue_first = (
                words[0] if lows[0] in {"niet", "even", "graag", "beter", "nooit", "altijd"} else index
            )
            kind = "request" if lows[0] in {"graag", "alsjeblieft", "svp"} else "inf"
            cues = [(cue_first, cue_first), (index, index)] if cue_first < index else [(index, index)]
            return Finding(DIRECTIVE, cues, kind, words[0])
    return None


# --- suggestions ----------------------------------------------------------------------------


@dataclass
class VerbPhrase:
    """An action in Dutch, ready to be put into any word order."""

    mid: list[str]
    verb: str  # infinitive, possibly separable: "terugbellen"
    cluster: list[str] = field(default_factory=list)  # "te bellen" after "proberen"
    post: list[str] = field(default_factory=list)  # subordinate clause or extraposed phrase
    then: VerbPhrase | None = None  # "... en maandag bellen"

    def subordinate(self, subject: str = "je") -> str:
        if subject == "je":
            finite = lex.present_2sg(self.verb)
        elif subject == "ik":
            finite = lex.present_1sg(self.verb)
        else:
            finite = self.verb
        text = join_tokens([*self.mid, finite, *self.cluster, *self.post])
        if self.then:
            text += " en " + self.then.subordinate(subject)
        return text

    def te_infinitive(self) -> str:
        separable = lex.split_separable(self.verb)
        verb_part = [separable[0], "te", separable[1]] if separable else ["te", self.verb]
        if self.cluster and self.cluster[0] == "te":
            verb_part = [*verb_part]
        text = join_tokens([*self.mid, *verb_part, *self.cluster, *self.post])
        if self.then:
            text += " en " + self.then.te_infinitive()
        return text

    def perfect(self) -> str:
        text = join_tokens([*self.mid, "had", lex.participle(self.verb), *self.cluster, *self.post])
        return text


_DROP = lex.SOFTENERS | {"echt", "gewoon", "alsjeblieft", "alstublieft", "svp", "graag"}


def _action_tokens(s: Sentence, start: int, skip: frozenset[int] = frozenset()) -> list[str]:
    parts: list[str] = []
    for index in range(start, len(s.tokens)):
        if index in skip:
            continue
        token = s.tokens[index]
        if token.low in {"?", "!", ".", "…", '"', "(", ")"}:
            continue
        if token.low in _DROP:
            continue
        if token.low in {",", ":"} and not parts:
            continue
        parts.append(token.text)
    while parts and parts[-1] in {",", ":", ";"}:
        parts.pop()
    if len(parts) >= 2 and parts[-2] == "," and parts[-1].lower() in {"toch", "oké", "ok", "hè", "he"}:
        parts = parts[:-2]
    if parts and parts[0].lower() in lex.DETERMINERS | lex.OBJECT_PRONOUNS | lex.PREPOSITIONS | lex.VERBS | {
        "niet",
        "nooit",
        "altijd",
        "eerst",
        "morgen",
        "vandaag",
        "nog",
        "ook",
        "meer",
        "binnen",
        "beter",
        "voor",
        "pas",
        "na",
        "elke",
        "volgende",
    }:
        parts[0] = parts[0].lower()
    return parts


_CLAUSE_SUBJECTS = lex.SUBJECT_PRONOUNS | {
    "de",
    "het",
    "een",
    "er",
    "deze",
    "die",
    "dit",
    "dat",
    "iets",
    "iemand",
    "niemand",
    "alles",
    "hun",
    "onze",
    "mijn",
    "jouw",
}


def _is_boundary(word: str, following: str) -> bool:
    """Does a subordinate clause (or an "om ... te" phrase) start at ``word``?"""
    low = word.lower()
    after = following.lower()
    if low in {",", ";", ":"}:
        return True
    if low in {
        "of",
        "wat",
        "hoe",
        "waarom",
        "waar",
        "wanneer",
        "welke",
        "zodat",
        "voordat",
        "omdat",
        "terwijl",
        "nadat",
        "totdat",
        "zonder",
        "zodra",
        "alsof",
        "hoeveel",
        "waardoor",
        "waarmee",
    }:
        return True
    if low in {"dat", "die", "tot", "als"}:
        # A conjunction or relative pronoun is followed by the clause's subject;
        # "dat" or "die" as a demonstrative ("zet dat in de agenda") is not.
        return after in _CLAUSE_SUBJECTS or following[:1].isupper()
    return low == "voor" and after in lex.SUBJECT_PRONOUNS


def _split_post(parts: list[str]) -> tuple[list[str], list[str]]:
    """Split off a subordinate clause or "om ... te" phrase that comes after the verb."""
    for index, word in enumerate(parts):
        following = parts[index + 1] if index + 1 < len(parts) else ""
        if _is_boundary(word, following) and (index > 0 or word.lower() not in {",", ";", ":"}):
            return parts[:index], parts[index:]
        if word.lower() == "om" and index > 0 and "te" in [p.lower() for p in parts[index:]]:
            return parts[:index], parts[index:]
    return parts, []


def _coordinated(parts: list[str]) -> tuple[list[str], list[str]]:
    for index, word in enumerate(parts):
        if word.lower() == "en" and index + 1 < len(parts):
            rest = [p.lower() for p in parts[index + 1 :]]
            if lex.infinitive_of_stem(rest[0]) or any(lex.is_infinitive(w) for w in rest):
                return parts[:index], parts[index + 1 :]
    return parts, []


def vp_from_imperative(parts: list[str]) -> VerbPhrase | None:
    """ "Bel Jansen voor vrijdag terug" -> mid "Jansen voor vrijdag", verb "terugbellen"."""
    if not parts:
        return None
    infinitive = lex.infinitive_of_stem(parts[0].lower())
    if infinitive is None:
        return None
    first, second = _coordinated(parts[1:])
    then = None
    if second:
        then = (
            vp_from_imperative(second)
            if lex.infinitive_of_stem(second[0].lower())
            else vp_from_infinitive(second)
        )
    body, post = _split_post(first)
    for index, word in enumerate(body):
        low = word.lower()
        following = body[index + 1].lower() if index + 1 < len(body) else ""
        if (
            low in lex.PARTICLES
            and lex.split_separable(low + infinitive)
            and (not following or following in lex.PREPOSITIONS or following in {",", "die"})
        ):
            if following in lex.DETERMINERS - {"meer"}:
                continue
            return VerbPhrase(body[:index], low + infinitive, [], body[index + 1 :] + post, then)
    if (
        infinitive in {"stoppen", "ophouden", "beginnen", "doorgaan", "starten"}
        and body
        and body[0].lower() == "met"
    ):
        # "stop met je verontschuldigen" -> "als je stopt met je verontschuldigen"
        return VerbPhrase([], infinitive, [], body + post, then)
    trailing: list[str] = []
    while (
        body
        and lex.is_infinitive(body[-1].lower())
        and len(body) > 1
        and body[-2].lower() not in _NOT_INFINITIVE_BEFORE
    ):
        trailing.insert(0, body.pop())
    return VerbPhrase(body, infinitive, trailing, post, then)


def vp_from_infinitive(parts: list[str]) -> VerbPhrase | None:
    """ "de klant eerder bellen", "binnen twee dagen op te volgen" -> a verb phrase."""
    first, second = _coordinated(parts)
    then = vp_from_infinitive(second) if second else None
    lows = [p.lower() for p in first]
    for index, low in enumerate(lows):
        previous = lows[index - 1] if index else ""
        before_previous = lows[index - 2] if index >= 2 else ""
        nominal = (previous in _NOT_INFINITIVE_BEFORE and previous not in {"te", "het"}) or (
            previous == "het" and before_previous in lex.PREPOSITIONS
        )
        if not lex.is_infinitive(low) or nominal:
            continue
        if (
            low == "zijn"
            and index + 1 < len(lows)
            and not (
                lows[index + 1] in lex.PREPOSITIONS
                or lex.is_infinitive(lows[index + 1])
                or lows[index + 1] in {",", "geweest"}
            )
        ):
            continue
        if (
            low in {"vragen", "afspraken", "kosten", "plannen", "wensen", "zorgen"}
            and (previous in _ADJECTIVES_E or previous in lex.DETERMINERS - {"het"})
            and index + 1 < len(lows)
        ):
            continue
        verb = low
        mid_end = index
        if previous == "te":
            mid_end -= 1
            particle = lows[index - 2] if index >= 2 else ""
            if particle in lex.PARTICLES and lex.split_separable(particle + low):
                verb = particle + low
                mid_end -= 1
        rest = first[index + 1 :]
        cluster: list[str] = []
        while (
            rest
            and (rest[0].lower() == "te" or lex.is_infinitive(rest[0].lower()))
            and not _is_boundary(rest[0], "")
        ):
            cluster.append(rest.pop(0))
            if cluster[-1].lower() != "te" and not (rest and rest[0].lower() == "te"):
                break
        return VerbPhrase(first[:mid_end], verb, cluster, rest, then)
    return None


def vp_from_finite(parts: list[str]) -> VerbPhrase | None:
    """ "ze morgen belt" (finite verb last) -> a verb phrase."""
    lows = [p.lower() for p in parts]
    body, post = _split_post(parts)
    for index in range(len(body) - 1, -1, -1):
        infinitive = lex.infinitive_of_finite(body[index].lower())
        if infinitive:
            return VerbPhrase(body[:index], infinitive, body[index + 1 :], post)
    del lows
    return None


def _finish(text: str) -> str:
    text = " ".join(text.split())
    return capitalise(text.rstrip(" ,;:.!?")) + "?"


def suggest(s: Sentence, finding: Finding) -> str | None:
    if finding.label == DIRECTIVE:
        return _suggest_directive(s, finding)
    if finding.label == CLOSED:
        return _suggest_closed(s, finding)
    return None


_FALLBACK_DIRECTIVE = "Wat zou jij hier zelf willen doen?"


def _clause_from(parts: list[str]) -> tuple[str, list[str]]:
    if parts and parts[0].lower() in {"je", "jij", "u", "we", "wij"}:
        subject = "we" if parts[0].lower() in {"we", "wij"} else "je"
        return subject, parts[1:]
    return "je", parts


def _suggest_directive(s: Sentence, finding: Finding) -> str:
    parts = _action_tokens(s, finding.start, finding.skip) if finding.start >= 0 else []
    kind = finding.kind
    if not parts:
        return _FALLBACK_DIRECTIVE
    if kind == "after_colon":
        head = parts[0].lower()
        if lex.infinitive_of_stem(head) and not lex.is_infinitive(head):
            kind = "imperative_advice"
        else:
            kind = "advice_inf"
    if kind == "waarom":
        verb = lex.infinitive_of_finite(parts[0].lower()) or lex.infinitive_of_stem(parts[0].lower())
        rest = (
            parts[2:] if len(parts) > 2 and parts[1].lower() in {"je", "jij", "we", "wij", "u"} else parts[1:]
        )
        phrase = vp_from_imperative([lex.stem(verb), *rest]) if verb else None
        return (
            _finish(f"Wat zou er gebeuren als je {phrase.subordinate()}") if phrase else _FALLBACK_DIRECTIVE
        )
    if kind in {"imperative", "imperative_advice"}:
        phrase = vp_from_imperative(parts)
        if phrase is None:
            return _FALLBACK_DIRECTIVE
        if kind == "imperative_advice":
            return _finish(f"Hoe kijk je ertegenaan om {phrase.te_infinitive()}")
        return _finish(f"Wat zou er gebeuren als je {phrase.subordinate()}")
    if kind == "importance":
        text = join_tokens(parts)
        return _finish(f"Hoe belangrijk vind je het dat {text}")
    if kind == "caution":
        subject, rest = _clause_from(parts[1:] if parts[0].lower() in {"dat", "voor"} else parts)
        rest = [w for w in rest if w.lower() != "niet"]
        return _finish(f"Wat gebeurt er als {subject} {join_tokens(rest)}")
    if kind in {"we", "we_clause"}:
        rest = parts[1:] if parts[0].lower() in {"we", "wij"} else parts
        if kind == "we_clause":
            return _finish(f"Hoe zou het voor je zijn als we {join_tokens(rest)}")
        phrase = vp_from_infinitive(rest)
        if phrase:
            return _finish(f"Hoe zou het voor je zijn als we {phrase.subordinate('we')}")
        return _FALLBACK_DIRECTIVE
    if kind in {"clause", "sub_modal"}:
        subject, rest = _clause_from(parts)
        if kind == "sub_modal" or any(w.lower() in {"moet", "moeten"} for w in rest):
            phrase = vp_from_infinitive([w for w in rest if w.lower() not in {"moet", "moeten", "zou"}])
            if phrase:
                return _finish(f"Wat zou er gebeuren als je {phrase.subordinate()}")
        if rest and rest[0].lower() in {"dat", "als"}:
            rest = rest[1:]
            subject, rest = _clause_from(rest)
        return _finish(f"Wat zou er gebeuren als {subject} {join_tokens(rest)}")
    if kind == "past":
        phrase = vp_from_infinitive(parts)
        return _finish(f"Wat was er gebeurd als je {phrase.perfect()}") if phrase else _FALLBACK_DIRECTIVE
    if kind == "keep":
        phrase = vp_from_infinitive(parts)
        return (
            _finish(f"Wat zou er gebeuren als je {phrase.subordinate()}") if phrase else _FALLBACK_DIRECTIVE
        )
    if kind == "topic":
        return _finish(f"Hoe kijk je aan tegen {join_tokens(parts)}")
    if kind == "request":
        phrase = vp_from_infinitive(parts)
        return (
            _finish(f"Wanneer zou het je uitkomen om {phrase.te_infinitive()}")
            if phrase
            else _FALLBACK_DIRECTIVE
        )
    phrase = vp_from_infinitive(parts)
    if phrase is None:
        phrase = vp_from_imperative(parts) if lex.infinitive_of_stem(parts[0].lower()) else None
    if phrase is None:
        return _FALLBACK_DIRECTIVE
    if kind in {"te", "advice", "advice_inf"}:
        return _finish(f"Hoe kijk je ertegenaan om {phrase.te_infinitive()}")
    return _finish(f"Wat zou er gebeuren als je {phrase.subordinate()}")


_STATIVE_VERBS = words("""ben bent is was waren zijn voel voelde vind vond herken herkent werkt werkte past helpt lig ligt
    snap begrijp geloof vertrouw heb hebt had hadden""")
_STATIVE_PARTICIPLES = frozenset(
    {"verwacht", "begrepen", "gedacht", "gevoeld", "gemerkt", "gezien", "gehoord", "herkend"}
)
_BELIEF = frozenset({"denk", "dacht", "verwacht", "geloof", "verwachtte"})


def _topic(words: list[str]) -> str | None:
    for index, word in enumerate(words):
        following = words[index + 1].lower() if index + 1 < len(words) else ""
        if word.lower() in {"je", "jij"} and (
            index == 0
            or following in lex.DETERMINERS | lex.SUBJECT_PRONOUNS | {"al", "nog", "eerder", "ooit"}
        ):
            continue  # the subject, not "je pijplijn"
        if word.lower() in {
            "de",
            "het",
            "hun",
            "je",
            "jouw",
            "mijn",
            "deze",
            "die",
            "dit",
            "dat",
            "onze",
        } and index + 1 < len(words):
            phrase = [word.lower() if word.lower() != "mijn" else "mijn"]
            for follow in words[index + 1 : index + 4]:
                low = follow.lower()
                if (
                    low in lex.PREPOSITIONS
                    or lex.is_participle(low)
                    or lex.is_finite(low)
                    and not low.endswith(("e", "ing"))
                    or low in {"al", "nog", "op", "tijd", "toch", "wel", "niet", "en", "of"}
                ):
                    break
                phrase.append(follow)
                if not low.endswith("e") or low in {"offerte", "afspraak", "klant"}:
                    break
            if len(phrase) > 1 and phrase[-1].lower() not in lex.DETERMINERS:
                return " ".join(phrase)
    return None


def _question_clause(s: Sentence) -> list[str]:
    """The words of the clause that carries the question ("Quick question… did you call?")."""
    clauses = segments(s)
    for start, end in reversed(clauses):
        if any(s.tokens[i].low == "?" for i in range(start, min(end + 1, len(s.tokens)))):
            words = [s.tokens[i].text for i in range(start, end) if s.tokens[i].is_word]
            if len(words) >= 2:
                return words
    return [t.text for t in s.tokens if t.is_word]


def _suggest_closed(s: Sentence, finding: Finding) -> str:
    words = _question_clause(s) if finding.kind == "declarative" else [t.text for t in s.tokens if t.is_word]
    lows = [w.lower() for w in words]
    while lows and lows[0] in lex.DISCOURSE and len(lows) > 1:
        words, lows = words[1:], lows[1:]
    if len(lows) >= 2 and lows[-1] in {"toch", "hè", "he", "oké"}:
        words, lows = words[:-1], lows[:-1]
    if not lows or len(lows) == 1 or lows in (["zeker", "weten"],):
        return "Hoe kijk je daar zelf naar?"
    if lows[0] == "nog" and "vragen" in lows:
        return "Welke vragen heb je nog?"
    if finding.kind == "declarative":
        # No verb up front ("Dus de afspraak gaat niet door?"): nothing to turn around,
        # so ask about the topic, or plainly for the seller's view.
        topic = _topic([t.text for t in s.tokens if t.is_word])
        return _finish(f"Hoe staat het met {topic}") if topic else "Hoe kijk je daar zelf naar?"
    sentence = " " + " ".join(lows) + " "
    verb, rest, rest_words = lows[0], lows[1:], words[1:]
    if verb in {"snap", "begrijp"} and rest[:1] == ["je"] and "bedoel" in rest:
        return "Hoe komt dit bij je binnen?"
    if (
        verb in {"is", "zijn"}
        and rest[:1] == ["er"]
        and len(rest) > 1
        and rest[1] in {"nog", "iets", "andere"}
    ):
        if "iets" in rest[:3]:
            if "veranderd" in rest:
                return _finish("Wat is er " + join_tokens(rest_words[rest.index("iets") + 1 :]))
            last = next((w for w in reversed(rest_words) if lex.is_infinitive(w.lower())), None)
            return _finish(f"Wat zou je nog meer willen {last}") if last else "Wat wil je nog meer kwijt?"
        if "andere" in rest:
            position = rest.index("andere")
            noun = rest_words[position + 1] if position + 1 < len(rest_words) else ""
            tail = rest_words[position + 2 :]
            return _finish(f"Welke andere {noun} zijn er nog {join_tokens(tail)}")
    if " of " in sentence and lex.is_finite(verb):
        return "Wat zou jij hier kiezen, en waarom?"
    if rest and rest[0] in {"iets", "er"} and verb not in {"is", "zijn"} and lex.is_finite(verb):
        tail = [w for w in rest_words[1:] if w.lower() != "iets"]
        return _finish(f"Wat {verb} {join_tokens(tail)}")
    if verb in _BELIEF and rest[:1] in (["je"], ["jij"]) and len(rest) > 1 and rest[1] == "dat":
        clause = rest_words[2:]
        clause_lows = [w.lower() for w in clause]
        if clause_lows and clause_lows[0] in {"je", "jij"} and ({"moet", "moeten", "zou"} & set(clause_lows)):
            phrase = vp_from_infinitive([w for w in clause[1:] if w.lower() not in {"moet", "moeten", "zou"}])
            if phrase:
                return _finish(f"Wat zijn de voor- en nadelen als je {phrase.subordinate()}")
        return _finish(f"Hoe groot schat je de kans dat {join_tokens(clause)}")
    if verb in {"weet", "wist"} and rest[:1] == ["je"] and len(rest) > 1 and rest[1] in lex.WH_WORDS | {"of"}:
        return _finish(f"Hoe kun je erachter komen {join_tokens(rest_words[1:])}")
    if verb == "klopt" and rest[:2] == ["het", "dat"]:
        return _finish(f"Hoe zeker ben je ervan dat {join_tokens(rest_words[2:])}")
    if verb in {"lukt", "lukte"} and "om" in rest:
        position = rest.index("om")
        return _finish(f"Wat is er nodig om {join_tokens(rest_words[position + 1 :])}")
    if (
        verb in {"wil", "wilt"}
        and rest[:1] == ["je"]
        and len(rest) > 1
        and rest[1] == "dat"
        and len(rest) > 2
        and rest[2] == "ik"
    ):
        return _finish(f"Wat zou het je opleveren als ik {join_tokens(rest_words[3:])}")
    if verb == "zal" and rest[:1] == ["ik"]:
        phrase = vp_from_infinitive(rest_words[1:])
        if phrase:
            return _finish(f"Wat zou het je opleveren als ik {phrase.subordinate('ik')}")
    if verb in {"wil", "wilt"} and rest[:1] == ["je"]:
        phrase = vp_from_infinitive([w for w in rest_words[1:] if w.lower() not in {"nog", "steeds"}])
        if phrase:
            return _finish(f"Hoe belangrijk is het voor je om {phrase.te_infinitive()}")
    if (
        verb in {"kun", "kan", "kunt"}
        and rest[:2] == ["je", "je"]
        and len(rest) > 2
        and rest[2] == "voorstellen"
    ):
        clause = rest_words[3:]
        if clause and clause[0].lower() == "dat":
            clause = clause[1:]
        return _finish(f"Hoe zou het voor je zijn als {join_tokens(clause)}")
    if (
        verb in {"vind", "vond"}
        and rest[:1] == ["je"]
        and rest
        and rest[-1] in {"leuk", "goed", "fijn", "prettig", "lastig", "moeilijk", "interessant", "nuttig"}
    ):
        return _finish(f"Wat {verb} je van {join_tokens(rest_words[1:-1])}")
    if verb in {"ging", "gaat", "liep", "loopt", "verliep"} and rest and rest[-1] == "goed":
        return _finish(f"Hoe {verb} {join_tokens(rest_words[:-1])}")
    if verb in {"zou"} and rest[:3] == ["het", "kunnen", "dat"]:
        return _finish(f"Hoe waarschijnlijk is het dat {join_tokens(rest_words[3:])}")
    if verb in {"ken", "kent", "kende"} and rest[:1] == ["je"] and len(rest) > 1:
        return _finish(f"Hoe goed {verb} je {join_tokens(rest_words[1:])}")
    if verb in {"ben", "bent"} and rest[:1] == ["je"] and "plan" in rest[:4] and "om" in rest:
        return _finish(f"Hoe kijk je ertegenaan om {join_tokens(rest_words[rest.index('om') + 1 :])}")
    if verb in {"zie"} and rest[:2] == ["je", "jezelf"]:
        phrase = vp_from_infinitive(rest_words[2:])
        if phrase:
            return _finish(f"Hoe zou het voor je zijn om {phrase.te_infinitive()}")
    if "alles" in rest and rest and lex.is_infinitive(rest[-1]):
        return _finish(f"Wat zou je nog meer willen {rest_words[-1]}")
    experience = next((i for i, w in enumerate(rest) if w in {"ooit", "eerder", "weleens", "wel eens"}), None)
    if (
        verb in {"heb", "hebt", "ben", "bent"}
        and rest[:1] == ["je"]
        and experience is not None
        and rest
        and lex.is_participle(rest[-1])
    ):
        noun_phrase = [w for w in rest_words[experience + 1 : -1] if w.lower() not in {"al", "eens", "ook"}]
        if noun_phrase:
            return _finish(f"Welke ervaring heb je met {join_tokens(noun_phrase)}")
    if verb in {"heb", "hebt", "had"} and rest[:1] == ["je"] and rest and rest[-1] in _STATIVE_PARTICIPLES:
        return _finish("In hoeverre " + verb + " " + join_tokens(rest_words))
    if verb in {"zou"} and rest[:2] == ["je", "zeggen"]:
        return _finish("In hoeverre " + " ".join(lows[:1]) + " " + join_tokens(rest_words))
    participle_last = bool(rest) and lex.is_participle(rest[-1])
    stative = (
        verb in _STATIVE_VERBS
        and not participle_last
        or verb in {"zou", "vind", "vond"}
        or any(w in lex.GRADABLE_ADJECTIVES for w in rest)
    )
    if stative and rest:
        return _finish("In hoeverre " + verb + " " + join_tokens(rest_words))
    topic = _topic(rest_words if lex.is_finite(verb) else words)
    if topic:
        return _finish(f"Hoe staat het met {topic}")
    if lex.is_finite(verb) and rest:
        return _finish("In hoeverre " + verb + " " + join_tokens(rest_words))
    return "Hoe kijk je daar zelf naar?"
