"""English words the rules need: verbs (base, past, participle, -ing), function words."""

from __future__ import annotations

from functools import cache

from salescoach.craft.analyser.words import words

_VERBS = words("""
accept act add address adjust agree aim align allow analyse analyze answer apologise apologize
approach arrange ask assess assume attend avoid be believe block book bring build call cancel
change check choose clarify close coach collect commit compare confirm connect consider contact
continue copy create cut deal decide define delay deliver describe develop discount discuss do
document drop email end engage ensure enjoy estimate evaluate expand expect explain explore face
feel fill find finish fix focus follow forget get give go grow handle have hear help hold identify
imagine improve include inform introduce invest invite involve join keep know learn leave let listen
look lose lower make manage map meet mention message miss move need negotiate note notice offer open
organise organize pause pick pitch plan play practise practice prepare present prioritise prioritize
probe promise propose prospect provide push put qualify question raise reach read recap recognise
recognize recommend reconsider record reduce reflect remember remind renegotiate repeat reply report
request research reschedule respond rethink review rewrite run save say schedule see sell send set
share show sign simplify sit slow speak spend start stay stick stop structure suggest summarise
summarize support take talk tell test text thank think track train try turn understand update use
visit wait walk want watch win work write role-play chase copy drive lead pay put quote
buy win lose mind double escalate nudge phone ring brief involve trial welcome surprise interrupt
approve postpone overpromise promise pressure listen present attend coach network contact email
skip prep draft demo forward ping flag nail land tackle cover tweak adapt reframe rephrase highlight
stress emphasise emphasize underline mirror paraphrase breathe relax smile stand lean nod shift
switch pivot head kick wrap sum lock pin firm circle reach press insist counter concede trade bundle
upsell cross-sell renew extend nurture disqualify study rehearse reserve protect delegate dig
challenge verify validate double-check log enter complete submit invoice charge bill price walk
quit apply hold step cc loop chase dial pick reconnect thank celebrate acknowledge clarify
shorten simplify slow speed tidy clean sort collect gather bring return revisit revise reread
recheck rethink reword rebook resend warm cool calm calculate measure count list outline write
""")

_IRREGULAR = {
    "be": ("was", "been"),
    "have": ("had", "had"),
    "do": ("did", "done"),
    "go": ("went", "gone"),
    "get": ("got", "got"),
    "give": ("gave", "given"),
    "make": ("made", "made"),
    "take": ("took", "taken"),
    "send": ("sent", "sent"),
    "tell": ("told", "told"),
    "say": ("said", "said"),
    "think": ("thought", "thought"),
    "bring": ("brought", "brought"),
    "buy": ("bought", "bought"),
    "choose": ("chose", "chosen"),
    "feel": ("felt", "felt"),
    "find": ("found", "found"),
    "forget": ("forgot", "forgotten"),
    "hear": ("heard", "heard"),
    "hold": ("held", "held"),
    "keep": ("kept", "kept"),
    "know": ("knew", "known"),
    "lead": ("led", "led"),
    "learn": ("learnt", "learnt"),
    "leave": ("left", "left"),
    "let": ("let", "let"),
    "lose": ("lost", "lost"),
    "meet": ("met", "met"),
    "pay": ("paid", "paid"),
    "put": ("put", "put"),
    "read": ("read", "read"),
    "run": ("ran", "run"),
    "see": ("saw", "seen"),
    "sell": ("sold", "sold"),
    "set": ("set", "set"),
    "show": ("showed", "shown"),
    "sit": ("sat", "sat"),
    "speak": ("spoke", "spoken"),
    "spend": ("spent", "spent"),
    "stick": ("stuck", "stuck"),
    "understand": ("understood", "understood"),
    "win": ("won", "won"),
    "write": ("wrote", "written"),
    "drive": ("drove", "driven"),
    "cut": ("cut", "cut"),
    "deal": ("dealt", "dealt"),
    "ring": ("rang", "rung"),
    "rewrite": ("rewrote", "rewritten"),
    "begin": ("began", "begun"),
    "stop": ("stopped", "stopped"),
    "plan": ("planned", "planned"),
}

# Verbs whose last syllable is stressed double their last consonant: commit -> committing.
_STRESSED_LAST = frozenset(
    {
        "commit",
        "forget",
        "begin",
        "prefer",
        "refer",
        "admit",
        "permit",
        "submit",
        "control",
        "regret",
        "upset",
        "occur",
    }
)

VERBS = frozenset(_VERBS) | frozenset(_IRREGULAR)


@cache
def gerund(verb: str) -> str:
    """ "calling", "making", "stopping", "cancelling"."""
    if "-" in verb:
        head, _, tail = verb.rpartition("-")
        return f"{head}-{gerund(tail)}"
    if verb in {"be", "see", "agree", "free", "flee"}:
        return verb + "ing"
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "oe", "ye")):
        return verb[:-1] + "ing"
    vowels = "aeiou"
    if len(verb) >= 3 and verb[-1] not in vowels + "wxy" and verb[-2] in vowels and verb[-3] not in vowels:
        syllables = sum(
            1 for i, ch in enumerate(verb) if ch in vowels and (i == 0 or verb[i - 1] not in vowels)
        )
        # British spelling doubles a final l after a single vowel: cancelling, travelling.
        if syllables == 1 or verb in _STRESSED_LAST or verb[-1] == "l":
            return verb + verb[-1] + "ing"
    return verb + "ing"


@cache
def _gerund_index() -> dict[str, str]:
    return {gerund(v): v for v in sorted(VERBS)}


def base_of_gerund(word: str) -> str | None:
    return _gerund_index().get(word)


@cache
def past(verb: str) -> str:
    if verb in _IRREGULAR:
        return _IRREGULAR[verb][0]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    if gerund(verb) == verb + verb[-1] + "ing":
        return verb + verb[-1] + "ed"
    return verb + "ed"


@cache
def _past_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for verb in sorted(VERBS):
        index.setdefault(past(verb), verb)
        if verb in _IRREGULAR:
            index.setdefault(_IRREGULAR[verb][1], verb)
    return index


def is_past_or_participle(word: str) -> bool:
    return word in _past_index()


def all_forms() -> frozenset[str]:
    return VERBS | frozenset(_gerund_index()) | frozenset(_past_index())


AUXILIARIES = words("""do does did is are am was were have has had can could will would should shall may might must
    don't doesn't didn't isn't aren't wasn't weren't haven't hasn't hadn't can't couldn't won't
    wouldn't shouldn't mustn't""")
SUBJECTS = words("""you i we they he she it there that this these those the a an your their his her our my anything
    anyone anybody something someone somebody everything everyone any all both either
    what""")
OBJECT_PRONOUNS = words("me you him her it us them")
DETERMINERS = words("""the a an this that these those your their his her our my its every each all some any no more
    enough many much few several two three four five ten""")
WH_WORDS = words("""what what's whats how how's which who who's whom whose why where where's when when's""")
PREPOSITIONS = words("""about above across after against along among around at before behind below between by during
    for from in into like near of off on onto out over since through to toward towards under until up
    upon with within without""")
DISCOURSE = words(
    "and so but okay ok right alright well now then yes yeah honestly also anyway oh hmm look listen great good"
)
SOFTENERS = words("just please simply kindly")
ADVERB_STARTERS = words("""just really simply first then now also definitely honestly quickly kindly tomorrow today again
    maybe perhaps""")
# Verbs that open a "can/could/would you ..." about the seller's own thinking, not a request.
COGNITIVE = words("""imagine see think say like be feel remember recall picture envision agree accept understand
    live manage afford handle recognise recognize believe""")
# Verbs of telling: "could you describe ...", "tell me ..." invite an open answer.
TELLING = words(
    "tell describe explain elaborate expand clarify outline sketch walk talk take summarise summarize"
)
GRADABLE_ADJECTIVES = words("""happy satisfied ready sure confident difficult hard easy nervous clear realistic important useful
    comfortable tired motivated supported afraid anxious worried pleased excited proud certain
    prepared relaxed frustrated disappointed surprised likely""")
FINITE_AFTER_NOUN = words("""is was were are has had went seemed seems looked looks lasted took ran worked works went got
    gets felt feels started ended began showed shows""")
