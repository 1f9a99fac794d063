"""English: label a sentence and build an open question from a directive or closed one."""

from __future__ import annotations

from salescoach.craft.analyser import lexicon_en as lex
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

# --- open questions in another form -----------------------------------------------------

_OPEN_CUES = [
    pattern(r" (?:tell|show) (?:me|us) "),
    pattern(r" (?:walk|talk|take) (?:me|us) through "),
    pattern(r" help me (?:to )?(?:understand|see|get) "),
    pattern(r" (?:say|tell me|share) (?:a (?:bit|little|lot) |some(?:thing)? |a few words |)more "),
    pattern(
        r" (?:can|could|would|will) you (?:please |maybe |perhaps |just )*(?:tell|describe|explain|elaborate|expand|clarify|outline|sketch|summarise|summarize) "
    ),
    pattern(r" (?:can|could|would|will) you (?:please |maybe |perhaps |just )*(?:walk|talk|take) (?:me|us) "),
    pattern(
        r" (?:can|could|would|will) you (?:please |maybe |perhaps |just )*share (?:with (?:me|us) )?(?:what|how|why|when|which|who|your (?:thoughts|view|experience|story)|a (?:bit|little)|more|an example|some) "
    ),
    pattern(
        r" (?:i'm|i am) (?:really |very |so |just )?(?:curious|interested) (?:about|what|how|why|who|which|where|when|to (?:hear|know|learn)) "
    ),
    pattern(r" (?:i'm|i am) (?:wondering|keen to (?:hear|know)) (?:what|how|why|who|which|where|when) "),
    pattern(r" i (?:wonder|wondered) (?:what|how|why|who|which|where|when) "),
    pattern(
        r" (?:i'd|i would) (?:really )?(?:love|like|be (?:curious|interested|keen)) to (?:hear|know|understand|learn) "
    ),
    pattern(r" give (?:me|us) (?:an |some |a few )?examples? "),
    pattern(
        r"(?:^ | [,:] )(?:explain|describe) (?:to (?:me|us) |in your own words )?(?:what|how|why|who|which|where|when|your|the way) "
    ),
]

# --- directives in the form of a question ------------------------------------------------

_DISGUISED = [
    (pattern(r" why don't you (?:just |simply )?"), "plain"),
    (pattern(r" why don't we (?:just )?"), "we"),
    (pattern(r" why not (?:just )?"), "plain"),
    (pattern(r" (?:how|what) about (?=\S+ing )"), "gerund"),
    (
        pattern(
            r" (?:have|did) you (?:ever )?(?:thought about|thought of|considered|tried|think about|consider|try) (?=\S+ing )"
        ),
        "gerund",
    ),
    (pattern(r" (?:shouldn't you|should you not|must you not|oughtn't you) "), "plain"),
    (pattern(r" (?:shouldn't we|should we not) "), "we"),
    (
        pattern(
            r" (?:wouldn't|won't|isn't) it be (?:much |a lot |even )?(?:better|wise|wiser|good|smarter|easier|more effective|a good idea|a better idea|worth it|helpful) (?:to |for you to )"
        ),
        "plain",
    ),
    (
        pattern(
            r" (?:wouldn't|won't|isn't) it be (?:much |a lot |even )?(?:better|wise|wiser|good|smarter|easier|more effective|a good idea|a better idea|worth it|helpful) if you "
        ),
        "clause",
    ),
    (pattern(r" isn't it (?:time|better|wise) (?:to |for you to )"), "plain"),
    (
        pattern(
            r" don't you think (?:that )?you (?:should|need to|ought to|must|could|'d better|had better) "
        ),
        "plain",
    ),
    (
        pattern(
            r" don't you think (?:that )?it (?:would|might|'d|could) be (?:better|wise|good|smart|smarter|a good idea) (?:to |if you )"
        ),
        "plain",
    ),
    (pattern(r" would you mind (?=\S+ing )"), "request_gerund"),
]
_MODAL_YOU = pattern(
    r" (?:can|could|would|will) you (?:please |maybe |perhaps |just |quickly |kindly |also )*(?P<verb>\S+) "
)
_PROPOSAL_WE = pattern(r" (?:shall|should|can|could) we ")
_WANT_TO_TRY = pattern(r" do you (?:want|wanna) to try (?=\S+ing )")

# --- directives in statement form ---------------------------------------------------------

_PAST_COUNTERFACTUAL = pattern(r" you (?:really )?(?:should|ought to) have (?!seen |heard |been there )")
_MODALS = [
    (
        pattern(
            r" you(?: really| just| definitely| probably| also| still| actually| simply| then| now| first| maybe| perhaps| honestly| absolutely| seriously)* (?:should|must|ought to|need to|needs to|have to|'ve got to|have got to|got to|had better|better) (?!have )"
        ),
        "plain",
    ),
    (pattern(r" you'd (?:really |definitely )?better "), "plain"),
    (pattern(r" you've (?:really )?got to "), "plain"),
    (pattern(r" you can't (?=(?:keep|go on|continue) \S+ing )"), "keep"),
    (pattern(r" (?:you|you'll|you will) (?:might |may )?(?:probably )?want to "), "advice"),
    (pattern(r" you (?:might|may) (?:also )?(?:want|wish|like) to "), "advice"),
    (pattern(r" (?:we|we'll) (?:really )?(?:should|must|need to|have to|'ve got to|ought to) "), "we"),
]
_COULD = pattern(
    r" you (?:could|can|might) (?:also |just |always |simply |perhaps |maybe |then |try and |try to )*(?P<verb>\S+) "
)
_COULD_CAN = pattern(r" you can (?P<adv>also|just|always|simply|easily) ")
_IMPERSONAL = pattern(
    r" (?:it's|it is|it would be|it'd be|it might be|it may be|it could be|it will be|that would be|that'd be|it's probably|it would probably be|it's really|it is really|it's always|it's much|it'll be)"
    r" (?:really |much |a lot |probably |definitely |even |always |so |very )?"
    r"(?P<what>better|best|wise|wiser|smart|smarter|good|helpful|useful|important|essential|crucial|key|advisable|worth it|a good idea|a better idea|time|high time|more effective|sensible|vital|necessary|critical)"
    r" (?P<link>to|that you|for you to|if you|that we|to make sure) "
)
_HELP_IF = pattern(r" it (?:would|'d|might|could|will|may) (?:really )?help (?:a lot )?(?P<link>if you|to) ")
_ADVICE_NOUN = pattern(
    r" (?:the|my|our) (?:best thing|key|trick|point|idea|advice|suggestion|recommendation|tip|secret|goal)(?: you can do| to do| here| for you)?(?: now| then)? is (?P<link>to |that you |that we |)"
)
_PSEUDO_CLEFT = pattern(
    r" what (?:you|i'd|i would|we|i) (?:really )?(?:need to |should |have to |must |want to |could |'d |would |ought to )?(?:really )?do(?: now| next| here)? is (?:to )?"
)
_I_SUGGEST = pattern(
    r" (?:i'd|i would|i|let me|may i|can i|could i) (?:really |strongly |honestly |definitely |just )?(?:suggest|recommend|advise|propose|encourage you to|urge you to)(?: that)?(?P<who> you| we|) "
)
_MY_ADVICE = pattern(
    r" (?:my|our) (?:advice|suggestion|recommendation|tip|proposal)(?: is| would be| for you)?(?P<link> to| that you|:|) "
)
_LABEL_PREFIX = pattern(
    r"^ (?:\w+ )?(?:tip|advice|suggestion|to do|todo|to-do|action|actions|next step|next steps|action point|homework|reminder|note to self|first thing tomorrow|first thing)(?: for you| for next time| tomorrow)? : "
)
_IF_I_WERE = pattern(r" if i (?:were|was) (?:you|in your shoes|in your position|in your place) ")
_I_WOULD = pattern(
    r" (?:i'd|i would)(?: really| definitely| probably| just| honestly| personally| also| first| rather| simply)* (?P<verb>\S+) "
)
_I_WANT_YOU = pattern(
    r" (?:i(?:'d| would)?|we(?:'d| would)?|i'd|we'd) (?:really |also |just )?(?P<verb>like|love|want|need|expect|ask|'d like|'d love|would like|would love)(?: for)? you to "
)
_MAKE_SURE = pattern(r" (?:make sure|be sure|ensure|making sure)(?: that)? (?P<to>to )?")
_REMEMBER = pattern(
    r" (?:(?:don't|do not|never) forget|remember|make it a habit|make a point of|try|be careful|take care|try hard)(?P<neg> not)? (?:to |and )"
)
_LETS = pattern(r" (?:let's|let us) ")
_PLEASE = pattern(r" please (?:, )?")
_BETTER_TO = pattern(r"^ (?:\S+ )?(?:better|best|always good|good) to ")

_NOT_VERB_AFTER_HEAD = frozenset({"'s", ":", "is", "are"})
_NOT_IMPERATIVE = {
    "thank": {"you", "u"},
    "see": {"you"},
    "welcome": {"back", "to", "aboard"},
    "have": {"a", "fun"},
    "like": set(),
    "last": set(),
    "need": set(),
    "want": set(),
    "mind": {"you"},
    "fill": set(),
    "feel": {"free"},
}
_ALWAYS_NOT_IMPERATIVE = frozenset({"like", "last", "need", "want", "hope", "sell"})
_SUBJECT_PRONOUNS = frozenset({"i", "you", "we", "they", "he", "she", "it", "there"})


_TIME_PHRASE = pattern(
    r"^ (?:next time|this time|from now on|going forward|in future|in the future|next week|this week|first thing|before the meeting|at the end|in the meantime|for now) "
)


def _head(s: Sentence, start: int, end: int, *, adverbs: bool = False) -> int:
    """The first word of a clause after discourse markers (and, with ``adverbs``, after
    adverbs that may precede an imperative)."""
    index = start
    while index < end:
        token = s.tokens[index]
        if not token.is_word:
            index += 1
            continue
        low = token.low
        follows_comma = index + 1 < end and s.tokens[index + 1].low == ","
        if low in lex.DISCOURSE and (
            low not in {"well", "look", "listen", "great", "good", "now"} or follows_comma
        ):
            index += 1
            continue
        if adverbs and low in lex.ADVERB_STARTERS | lex.SOFTENERS and index + 1 < end:
            index += 1
            continue
        if adverbs:
            phrase = _TIME_PHRASE.match(" " + " ".join(t.low for t in s.tokens[index:end]) + " ")
            if phrase and phrase.end() < len(phrase.string) - 1:
                index += phrase.group(0).count(" ") - 1
                continue
        return index
    return end


def _cue(first: int, last: int) -> list[tuple[int, int]]:
    return [(first, last)]


def _is_imperative_at(s: Sentence, index: int, end: int, question: bool) -> tuple[int, int] | None:
    """The imperative verb (with "don't"/"never" before it) starting at index, if any."""
    if index >= end:
        return None
    words = s.tokens
    first = index
    low = words[index].low
    if low in {"don't", "never", "always"} or (
        low == "do" and index + 1 < end and words[index + 1].low == "not"
    ):
        index += 2 if low == "do" else 1
        if index >= end:
            return None
        low = words[index].low
        if low == "you":
            return None
    if low not in lex.VERBS or low in _ALWAYS_NOT_IMPERATIVE:
        return None
    following = words[index + 1].low if index + 1 < len(words) else ""
    if following in _NOT_VERB_AFTER_HEAD or following in lex.FINITE_AFTER_NOUN:
        return None
    if low in _NOT_IMPERATIVE and following in _NOT_IMPERATIVE[low]:
        return None
    if low in {"do", "have"} and following in _SUBJECT_PRONOUNS:
        return None  # "Do you ...", "Have you ..."
    if (
        low == "have"
        and following in {"a", "an"}
        and index + 2 < len(words)
        and words[index + 2].low in {"good", "nice", "great", "lovely"}
    ):
        return None  # a wish, not advice
    if words[index].text[0].isupper() and index > first + 0 and index != first:
        return None
    if question and low in {"do", "have", "be"}:
        return None
    return first, index


def label(s: Sentence) -> Finding:
    question = has_question_mark(s)
    clauses = segments(s)
    if not clauses:
        return Finding(STATEMENT)
    first_start, first_end = clauses[0]
    head = _head(s, first_start, first_end)

    # 1. Open questions in another form: "Tell me more", "I'm curious how ..."
    for regex in _OPEN_CUES:
        found = search(s, regex)
        if found:
            match, a, b = found
            # "Explain the price to the client" is an instruction, not an invitation.
            if s.tokens[a].low in {"tell", "show"} and a != _head(s, *_clause_of(clauses, a), adverbs=True):
                continue
            return Finding(OPEN, _cue(a, b))

    # 2. Directives dressed as questions: "Why don't you ...", "Have you considered ..."
    for regex, kind in _DISGUISED:
        found = search(s, regex)
        if found:
            match, a, b = found
            return Finding(DIRECTIVE, _cue(a, b), kind, token_after(s, match))
    found = search(s, _MODAL_YOU)
    if found and found[1] == head:
        match, a, b = found
        verb = match.group("verb")
        if verb == "make" and s.norm[match.end() :].startswith("sure "):
            return Finding(DIRECTIVE, _cue(a, b + 1), "importance", b + 2)
        if verb == "mind":
            return Finding(DIRECTIVE, _cue(a, b), "request_gerund", b + 1)
        if verb in lex.VERBS and verb not in lex.COGNITIVE and verb not in lex.TELLING:
            return Finding(DIRECTIVE, _cue(a, b - 1), "request", b)
    found = search(s, _PROPOSAL_WE)
    if found and found[1] == head:
        match, a, b = found
        return Finding(DIRECTIVE, _cue(a, b), "we", token_after(s, match))
    found = search(s, _WANT_TO_TRY)
    if found and found[1] == head:
        match, a, b = found
        return Finding(DIRECTIVE, _cue(a, b), "gerund", token_after(s, match))

    # 3. Open questions: a question word at the head of a clause.
    for number, (start, end) in enumerate(clauses):
        index = _head(s, start, end)
        if index >= end:
            continue
        if number > 0 and not question:
            continue  # "..., which covers pricing." is a relative clause
        wh = _wh_at(s, index, end)
        if wh is not None:
            return Finding(OPEN, _cue(index, wh))

    # 4. Closed questions: the verb before its subject ("Did you ...", "Is the budget ...").
    if head < first_end:
        low = s.tokens[head].low
        following = s.tokens[head + 1].low if head + 1 < len(s.tokens) else ""
        if low in lex.AUXILIARIES and (following in lex.SUBJECTS or _looks_like_name(s, head + 1)):
            imperative_do = low in {"do", "have"} and not question and following not in _SUBJECT_PRONOUNS
            if not imperative_do:
                return Finding(CLOSED, _cue(head, head + 1), "aux", head)

    # 5. Directives: imperatives at the head of a clause, modal and advice phrases.
    # A line ending in a colon introduces what follows ("Vragen voor het gesprek:"): a
    # heading, not an instruction, unless a modal or an advice phrase says otherwise.
    heading = bool(s.tokens) and s.tokens[-1].low == ":"
    for start, end in [] if heading else clauses:
        index = _head(s, start, end, adverbs=True)
        imperative = _is_imperative_at(s, index, end, question)
        if imperative:
            first, verb = imperative
            kind = "plain"
            if (
                s.tokens[verb].low in {"consider", "avoid"}
                and verb + 1 < len(s.tokens)
                and s.tokens[verb + 1].low.endswith("ing")
            ):
                kind = "gerund" if s.tokens[verb].low == "consider" else "plain"
            remember = search(s, _REMEMBER, first)
            if remember and remember[1] == first:
                match, a, b = remember
                return Finding(
                    DIRECTIVE,
                    _cue(a, b),
                    "caution" if match.group("neg") else "plain",
                    token_after(s, match),
                    frozenset(),
                )
            if (
                s.tokens[verb].low == "try"
                and verb + 1 < len(s.tokens)
                and lex.base_of_gerund(s.tokens[verb + 1].low)
            ):
                return Finding(DIRECTIVE, _cue(first, verb), "gerund", verb + 1)
            make_sure = search(s, _MAKE_SURE, first)
            if make_sure and make_sure[1] == first:
                match, a, b = make_sure
                return Finding(
                    DIRECTIVE,
                    _cue(a, b),
                    "plain" if match.group("to") else "importance",
                    token_after(s, match),
                )
            cue_first = index if s.tokens[index].low in lex.SOFTENERS | lex.ADVERB_STARTERS else first
            return Finding(
                DIRECTIVE, _cue(min(cue_first, first), verb), kind, first if kind != "gerund" else verb + 1
            )
    if question:
        return Finding(
            CLOSED, [(i, i) for i in range(len(s.tokens)) if s.tokens[i].low == "?"], "declarative", head
        )
    return _directive_phrase(s, head) or Finding(STATEMENT)


def _clause_of(clauses: list[tuple[int, int]], index: int) -> tuple[int, int]:
    for start, end in clauses:
        if start <= index < end:
            return start, end
    return clauses[0]


def _looks_like_name(s: Sentence, index: int) -> bool:
    return index < len(s.tokens) and s.tokens[index].is_word and s.tokens[index].text[:1].isupper()


_WH_PHRASES = pattern(
    r"^ (?:to what extent|in what way|in which way|in what ways|for what reason|to what degree|by when|with whom|from whom|for whom|to whom|on what|in what|with what|at what|by what|for what|from what|about what|how come) "
)


def _wh_at(s: Sentence, index: int, end: int) -> int | None:
    """The last token of a question word or phrase at ``index``, if it starts a question."""
    rest = " " + " ".join(t.low for t in s.tokens[index:end]) + " "
    match = _WH_PHRASES.match(rest)
    if match:
        last = index + match.group(0).count(" ") - 2
        after = s.tokens[last + 1].low if last + 1 < len(s.tokens) else ""
        return None if after in {"i", "you", "we", "they", "he", "she"} else last
    low = s.tokens[index].low
    if low not in lex.WH_WORDS:
        return None
    following = s.tokens[index + 1].low if index + 1 < len(s.tokens) else ""
    if following in {
        "i",
        "you",
        "we",
        "they",
        "he",
        "she",
        "i'd",
        "you'd",
        "we'd",
        "a",
        "an",
        "i'm",
        "you're",
    }:
        return None  # "What you need to do is ...", "When you think about it, ...", "What a call!"
    return index


def _directive_phrase(s: Sentence, head: int) -> Finding | None:
    found = search(s, _PAST_COUNTERFACTUAL)
    if found:
        match, a, b = found
        return Finding(DIRECTIVE, _cue(a, b), "past", token_after(s, match))
    for regex, kind in _MODALS:
        found = search(s, regex)
        if found:
            match, a, b = found
            return Finding(DIRECTIVE, _cue(a, b), kind, token_after(s, match))
    for regex in (_ADVICE_NOUN, _PSEUDO_CLEFT, _MY_ADVICE):
        found = search(s, regex)
        if found:
            match, a, b = found
            link = (match.groupdict().get("link") or "").strip()
            kind = "clause" if link == "that you" else "we_clause" if link == "that we" else "advice"
            return Finding(
                DIRECTIVE,
                _cue(a, b),
                kind,
                token_after(s, match) - (1 if link in {"that you", "that we"} else 0),
            )
    found = search(s, _COULD)
    if found:
        match, a, b = found
        verb = match.group("verb")
        if verb in lex.VERBS and verb not in {"be", "have", "see", "feel", "say", "think"}:
            return Finding(DIRECTIVE, _cue(a, b - 1), "advice", b)
    found = search(s, _COULD_CAN)
    if found:
        match, a, b = found
        return Finding(DIRECTIVE, _cue(a, b), "advice", token_after(s, match))
    for regex in (_IMPERSONAL, _HELP_IF):
        found = search(s, regex)
        if found:
            match, a, b = found
            link = match.group("link")
            what = match.groupdict().get("what") or ""
            if link.endswith("you") or link == "that we":
                kind = (
                    "importance"
                    if what in {"important", "essential", "crucial", "key", "vital", "critical"}
                    else "clause"
                )
                if link == "that we":
                    kind = "we_clause"
            else:
                kind = "plain"
            start = token_after(s, match) - (1 if link.endswith(("you", "we")) else 0)
            return Finding(DIRECTIVE, _cue(a, b), kind, start)
    found = search(s, _LABEL_PREFIX)
    if found:
        match, a, b = found
        return Finding(DIRECTIVE, _cue(a, b - 1), "plain", token_after(s, match))
    found = search(s, _I_SUGGEST)
    if found:
        match, a, b = found
        who = match.group("who").strip()
        kind = "we" if who == "we" else "advice"
        return Finding(DIRECTIVE, _cue(a, b), kind, token_after(s, match))
    found = search(s, _I_WANT_YOU)
    if found:
        match, a, b = found
        kind = "advice" if "like" in match.group("verb") or "love" in match.group("verb") else "plain"
        return Finding(DIRECTIVE, _cue(a, b), kind, token_after(s, match))
    if_i_were = search(s, _IF_I_WERE)
    found = search(s, _I_WOULD)
    if found:
        match, a, b = found
        verb = match.group("verb")
        if verb in lex.VERBS and verb not in {
            "be",
            "have",
            "love",
            "like",
            "say",
            "think",
            "agree",
            "hear",
            "want",
            "feel",
            "know",
            "see",
            "imagine",
            "guess",
        }:
            cues = _cue(a, b - 1)
            if if_i_were:
                cues = [(if_i_were[1], if_i_were[2]), *cues]
            return Finding(DIRECTIVE, cues, "advice", b)
    found = search(s, _MAKE_SURE)
    if found:
        match, a, b = found
        return Finding(
            DIRECTIVE, _cue(a, b), "plain" if match.group("to") else "importance", token_after(s, match)
        )
    found = search(s, _LETS)
    if found:
        match, a, b = found
        return Finding(DIRECTIVE, _cue(a, b), "we", token_after(s, match))
    found = search(s, _PLEASE)
    if found:
        match, a, b = found
        return Finding(DIRECTIVE, _cue(a, a), "request", token_after(s, match))
    found = search(s, _BETTER_TO)
    if found:
        match, a, b = found
        return Finding(DIRECTIVE, _cue(a, b), "advice", token_after(s, match))
    return None


# --- suggestions ----------------------------------------------------------------------------

_DROP = frozenset({"just", "please", "simply", "kindly", "honestly", "really"})


def _action_words(s: Sentence, start: int, skip: frozenset[int] = frozenset()) -> list[str]:
    """The words of the action from ``start`` to the end, without closing punctuation,
    softeners, emoji and a trailing "right?"-style tag."""
    parts: list[str] = []
    for index in range(start, len(s.tokens)):
        if index in skip:
            continue
        token = s.tokens[index]
        if token.low in {"?", "!", ".", "…", '"', "(", ")"}:
            continue
        if token.low in _DROP and not parts:
            continue
        if token.low == "," and not parts:
            continue
        parts.append(token.text)
    while parts and parts[-1] in {",", ":", ";"}:
        parts.pop()
    if len(parts) >= 2 and parts[-2] == "," and parts[-1].lower() in {"right", "ok", "okay"}:
        parts = parts[:-2]
    if [p.lower() for p in parts[-4:]] == ["and", "see", "what", "happens"]:
        parts = parts[:-4]
    if (
        parts
        and parts[0] not in {"I"}
        and parts[0].lower()
        in lex.VERBS | lex.DETERMINERS | lex.OBJECT_PRONOUNS | {"not", "don't", "never", "to", "always"}
    ):
        parts[0] = parts[0].lower()
    return parts


def _base_clause(parts: list[str]) -> list[str]:
    """Make a verb phrase fit "if you ...": "be" -> "are", "not call" -> "don't call"."""
    if not parts:
        return parts
    first = parts[0].lower()
    if first == "to":
        return _base_clause(parts[1:])
    if first in {"not", "never"} and len(parts) > 1 and parts[1].lower() == "be":
        return ["are", first, *parts[2:]]
    if first == "not":
        return ["don't", *parts[1:]]
    if first == "don't" and len(parts) > 1 and parts[1].lower() == "be":
        return ["aren't", *parts[2:]]
    if first == "be":
        return ["are", *parts[1:]]
    if first.endswith("ing") and lex.base_of_gerund(first):
        return [lex.base_of_gerund(first) or first, *parts[1:]]
    return parts


def _gerund_clause(parts: list[str]) -> list[str]:
    """Make a verb phrase fit "about ...": "call them" -> "calling them"."""
    if not parts:
        return parts
    first = parts[0].lower()
    if first == "to":
        return _gerund_clause(parts[1:])
    if first in {"not", "don't", "never"}:
        return ["not", *_gerund_clause(parts[1:])]
    if first == "you" and len(parts) > 1:
        return _gerund_clause(parts[1:])
    if first == "try" and len(parts) > 1 and lex.base_of_gerund(parts[1].lower()):
        return _gerund_clause(parts[1:])
    if first in lex.VERBS:
        result = [lex.gerund(first), *parts[1:]]
        for index in range(1, len(result) - 2):
            if (
                result[index].lower() == "than"
                and result[index + 1].lower() == "to"
                and result[index + 2].lower() in lex.VERBS
            ):
                result[index : index + 3] = ["rather", "than", lex.gerund(result[index + 2].lower())]
                break
        # Coordinated verbs follow: "dropping the deck and starting with a question".
        for index in range(1, len(result) - 1):
            if result[index].lower() in {"and", "or"} and result[index + 1].lower() in lex.VERBS:
                result[index + 1] = lex.gerund(result[index + 1].lower())
        return result
    return parts


def _topic(s: Sentence, start: int) -> str | None:
    """The first noun phrase with a definite determiner from ``start``: "the client"."""
    tokens = s.tokens
    for index in range(start, len(tokens)):
        low = tokens[index].low
        if low in {"the", "their", "your", "his", "her", "our", "this", "that", "my"}:
            words = [tokens[index].text.lower() if low != "i" else "I"]
            for follow in range(index + 1, min(index + 5, len(tokens))):
                token = tokens[follow]
                if (
                    not token.is_word
                    or token.low
                    in lex.PREPOSITIONS
                    | lex.AUXILIARIES
                    | {
                        "and",
                        "or",
                        "yet",
                        "already",
                        "back",
                        "again",
                        "now",
                        "today",
                        "well",
                        "before",
                        "after",
                        "on",
                        "off",
                    }
                    or token.low in lex.FINITE_AFTER_NOUN
                ):
                    break
                if token.low in lex.DETERMINERS | {"they", "he", "she", "we", "you", "i", "it"}:
                    break
                if len(words) > 1 and (
                    lex.is_past_or_participle(token.low)
                    or (token.low.endswith("ed") and len(token.low) > 4)
                    or token.low in lex.VERBS
                    and token.low
                    not in {"call", "meeting", "plan", "review", "demo", "quote", "order", "trial"}
                ):
                    break
                words.append(token.text)
            if len(words) > 1 and words[-1].lower() not in lex.DETERMINERS:
                if words[0] == "my":
                    words[0] = "your"
                return " ".join(words)
    return None


def suggest(s: Sentence, finding: Finding) -> str | None:
    if finding.label == DIRECTIVE:
        return _suggest_directive(s, finding)
    if finding.label == CLOSED:
        return _suggest_closed(s, finding)
    return None


def _finish(text: str) -> str:
    text = " ".join(text.split())
    return capitalise(text.rstrip(" ,;:.!?")) + "?"


def _suggest_directive(s: Sentence, finding: Finding) -> str:
    parts = _action_words(s, finding.start, finding.skip) if finding.start >= 0 else []
    kind = finding.kind
    if parts and parts[0].lower() == "you" and kind != "importance":
        parts = parts[1:]
    if parts and parts[0].lower() == "we" and kind in {"we_clause"}:
        parts = parts[1:]
        kind = "we"
    if not parts or not any(p[0].isalnum() for p in parts):
        return "What would you choose to do here?"
    if kind == "importance":
        if parts[0].lower() == "to":
            return _finish(f"What might happen if you {join_tokens(_base_clause(parts[1:]))}")
        return _finish(f"How important is it to you that {join_tokens(parts)}")
    if kind == "caution":
        return _finish(f"What happens if you {join_tokens(_base_clause(parts))}")
    if kind == "past":
        return _finish(f"What would have happened if you had {join_tokens(parts)}")
    if kind == "we":
        return _finish(f"How would it be for you if we {join_tokens(_base_clause(parts))}")
    if kind in {"advice", "gerund"}:
        first = parts[0].lower()
        second = parts[1].lower() if len(parts) > 1 else ""
        if first in {"stop", "keep", "start", "avoid", "quit"} and lex.base_of_gerund(second):
            return _finish(f"What might happen if you {join_tokens(parts)}")
        if first in lex.VERBS or first in {"not", "don't", "never", "to"} or lex.base_of_gerund(first):
            gerund = parts if lex.base_of_gerund(first) else _gerund_clause(parts)
            return _finish(f"How do you feel about {join_tokens(gerund)}")
        return _finish(f"What might happen if you {join_tokens(_base_clause(parts))}")
    if kind in {"request", "request_gerund"}:
        base = _base_clause(parts)
        if base and base[0].lower() in lex.VERBS:
            return _finish(f"When would it suit you to {join_tokens(base)}")
        return _no_verb(s, finding, parts)
    if kind == "clause":
        return _finish(f"What might happen if you {join_tokens(_base_clause(parts))}")
    base = _base_clause(parts)
    if base and (base[0].lower() in lex.VERBS | {"don't", "are", "aren't", "never", "keep", "always"}):
        return _finish(f"What might happen if you {join_tokens(base)}")
    return _no_verb(s, finding, parts)


def _no_verb(s: Sentence, finding: Finding, parts: list[str]) -> str:
    """A directive without a verb to build on: "No more discounts this quarter." """
    lowered = [p.lower() for p in parts]
    if lowered[:2] == ["no", "more"] or lowered[:1] == ["no"]:
        skip = 2 if lowered[:2] == ["no", "more"] else 1
        noun_phrase = []
        for word in parts[skip:]:
            if word.lower() in {"without", "until", "unless", "before", ",", "please"}:
                break
            noun_phrase.append(word)
        if noun_phrase:
            return _finish(f"What is your own view on {join_tokens(noun_phrase)}")
    topic = _topic(s, finding.start)
    return _finish(f"What is your own view on {topic}") if topic else "What would you choose to do here?"


_STATIVE = words("""agree recognise recognize feel like trust believe fit work matter help understand enjoy mind
    accept see have get expect""")
_BELIEF = frozenset({"think", "expect", "believe", "reckon", "suppose"})
_EVENT_SAY = frozenset({"mention", "say", "talk", "ask", "bring", "raise"})
_VERBISH = lex.AUXILIARIES | lex.VERBS | {"will", "would", "is", "are", "was", "were", "'ll"}


_FUNCTION_WORDS = (
    lex.DETERMINERS
    | lex.OBJECT_PRONOUNS
    | lex.AUXILIARIES
    | lex.PREPOSITIONS
    | {"we", "they", "he", "she", "there"}
)


def _lower_first(words: list[str]) -> list[str]:
    """Lower-case a sentence's first word when it moves inside a new question, but keep names."""
    if words and words[0] != "I" and (words[0].lower() in _FUNCTION_WORDS or words[0].lower() in lex.VERBS):
        return [words[0].lower(), *words[1:]]
    return words


def _main_verb(lows: list[str]) -> int | None:
    """Index of the main verb of a do-question: "did you and your manager agree ..." -> agree."""
    for index, word in enumerate(lows[1:], start=1):
        if (
            word in lex.VERBS
            and word not in {"do", "does", "did"}
            and lows[index - 1] not in {"the", "a", "an", "your", "their", "my"}
        ):
            return index
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
    while len(lows) > 1 and lows[0] in lex.DISCOURSE:
        words, lows = words[1:], lows[1:]
    if len(lows) > 2 and lows[-1] in {"right", "ok", "okay"}:
        words, lows = words[:-1], lows[:-1]
    if len(lows) <= 1:
        return "What is your own view on this?"
    if "questions" in lows and len(lows) <= 3:
        return "What questions do you have?"
    sentence = " " + " ".join(lows) + " "
    aux, rest, tail = lows[0], lows[1:], words[1:]
    if " make sense " in sentence:
        return "How does that sound to you?"
    if finding.kind == "declarative":
        # No auxiliary up front ("So the meeting is off?"): nothing to turn around.
        adjective_at = next((i for i, w in enumerate(lows) if w in lex.GRADABLE_ADJECTIVES), None)
        if lows[0] in {"you're", "you"} and adjective_at is not None and adjective_at <= 2:
            after = words[adjective_at + 1 :]
            return _finish(f"How {lows[adjective_at]} are you {join_tokens(after)}")
        topic = _topic(s, 0)
        return _finish(f"Where do things stand with {topic}") if topic else "What is your own view on this?"
    if sentence.startswith((" is there anything", " is there something")):
        remainder = sentence.split(" you ", 1)[1].strip() if " you " in sentence else ""
        for lead in ("want to ", "would like to ", "'d like to ", "wanted to "):
            if remainder.startswith(lead):
                return _finish(f"What else would you like to {remainder[len(lead) :]}")
        return "What else is on your mind?"
    if aux in {"is", "has", "did", "does"} and rest[0] in {"anything", "something"} and len(rest) > 1:
        if aux == "did" and rest[1] in lex.VERBS:
            return _finish(f"What {lex.past(rest[1])} {join_tokens(tail[2:])}")
        return _finish(f"What {aux} {join_tokens(tail[1:])}")
    if aux in {"are", "is"} and rest[0] == "there" and len(rest) > 1:
        return _finish(f"What {join_tokens(tail[1:])} {aux} there")
    if aux in {"could", "might", "can"} and rest[:2] == ["it", "be"]:
        clause = tail[3:] if len(rest) > 2 and rest[2] == "that" else tail[2:]
        return _finish(f"How likely is it that {join_tokens(clause)}")
    if " or " in sentence and aux in lex.AUXILIARIES:
        return "What would you choose here, and why?"
    if rest[:1] == ["you"] and len(rest) > 2 and rest[1] in {"imagine", "picture", "see"}:
        action = tail[3:] if rest[2] == "yourself" else tail[2:]
        if action and lex.base_of_gerund(action[0].lower()):
            return _finish(f"How would it be for you to {join_tokens(_base_clause(action))}")
    if (
        aux in {"are", "were"}
        and rest[:1] == ["you"]
        and len(rest) > 3
        and rest[1] in {"planning", "going", "thinking"}
        and rest[2] in {"to", "of", "about"}
    ):
        action = tail[3:]
        return _finish(
            f"How do you feel about {join_tokens(action if lex.base_of_gerund(action[0].lower()) else _gerund_clause(action))}"
        )
    if aux in {"have", "has"} and rest[:1] in (["you"], ["they"], ["we"]) and "ever" in rest:
        position = rest.index("ever")
        noun_phrase = [w for w in tail[position + 2 :] if w.lower() not in {"before", "yet"}]
        if noun_phrase and lex.is_past_or_participle(rest[position + 1]):
            return _finish(f"What experience do you have with {join_tokens(_lower_first(noun_phrase))}")
    if aux in {"do", "did"} and rest[:1] == ["you"] and len(rest) > 2 and rest[1] in _BELIEF:
        clause = tail[3:] if rest[2] == "that" else tail[2:]
        clause_lows = [w.lower() for w in clause]
        has_verb = any(w in _VERBISH for w in clause_lows[1:])
        if has_verb:
            for modal in ("should", "need", "must"):
                if clause_lows[:1] == ["you"] and modal in clause_lows:
                    action = clause[clause_lows.index(modal) + 1 :]
                    if action and action[0].lower() == "to":
                        action = action[1:]
                    return _finish(
                        f"What would be the pros and cons of {join_tokens(_gerund_clause(action))}"
                    )
            return _finish(f"How likely do you think it is that {join_tokens(clause)}")
    if aux in {"do", "did"} and rest[:2] == ["you", "know"] and len(rest) > 2:
        if rest[2] in lex.WH_WORDS | {"whether", "if"}:
            return _finish(f"How could you find out {join_tokens(tail[2:])}")
        return _finish(f"How well {'do' if aux == 'do' else 'did'} you know {join_tokens(tail[2:])}")
    if (
        aux in {"do", "would"}
        and rest[:3] == ["you", "want", "me"]
        or aux in {"would"}
        and rest[:3] == ["you", "like", "me"]
    ):
        return _finish(f"How would it help you if I {join_tokens(tail[4:])}")
    if aux == "shall" and rest[:1] == ["i"]:
        return _finish(f"How would it help you if I {join_tokens(tail[1:])}")
    if aux in {"do", "would", "does"} and rest[:1] == ["you"]:
        wanting = [w for w in rest[1:4] if w not in {"still", "really"}]
        if wanting[:2] in (["want", "to"], ["like", "to"]):
            action = [w for w in tail[rest.index("to") + 1 :] if w.lower() not in {"still"}]
            return _finish(f"How important is it to you to {join_tokens(action)}")
    if aux == "would" and rest[:2] == ["you", "say"]:
        return _finish(f"To what extent would you say {join_tokens(tail[2:])}")
    if (
        aux in {"will", "are", "can"}
        and "able" in rest
        and rest.index("able") + 1 < len(rest)
        and rest[rest.index("able") + 1] == "to"
    ):
        return _finish(f"What would it take to {join_tokens(tail[rest.index('able') + 2 :])}")
    if aux in {"did", "does", "do"} and rest[-1:] == ["well"]:
        return _finish(f"How {aux} {join_tokens(_lower_first(tail[:-1]))}")
    if aux in {"did", "do"} and rest[:1] == ["you"] and len(rest) > 2 and rest[1] in {"enjoy", "like"}:
        return _finish(f"What did you think of {join_tokens(tail[2:])}")
    if aux in {"is", "are", "was", "were", "am"} or (
        aux in {"do", "did", "does"} and len(rest) > 2 and rest[1] in {"feel", "seem"}
    ):
        adjective_at = next((i for i, w in enumerate(rest) if w in lex.GRADABLE_ADJECTIVES), None)
        if adjective_at is not None:
            adjective = rest[adjective_at]
            subject = [w for w in tail[:adjective_at] if w.lower() not in {"still", "really"}]
            after = tail[adjective_at + 1 :]
            if subject and subject[-1].lower() in {"a", "an"} and len(subject) == 2 and after:
                return _finish(f"How {adjective} is {subject[0].lower()} {after[0]}")
            return _finish(f"How {adjective} {aux} {join_tokens(_lower_first(subject))} {join_tokens(after)}")
    if aux in {"is", "are", "was", "were"} and rest[:2] in (["it", "true"], ["it", "right"]):
        return _finish(
            f"How sure are you that {join_tokens(tail[3:] if len(rest) > 2 and rest[2] == 'that' else tail[2:])}"
        )
    if (
        aux in {"is", "was", "are", "were"}
        and rest[0] in {"this", "that", "it", "these", "those"}
        and not any(lex.is_past_or_participle(w) for w in rest[1:])
    ):
        return _finish(f"To what extent {aux} {join_tokens(_lower_first(tail))}")
    verb_at = _main_verb(lows) if aux in {"do", "does", "did"} else None
    if (
        verb_at is not None
        and lows[verb_at] in _STATIVE
        and (
            lows[verb_at] != "get"
            or " the feeling " in sentence
            or " the impression " in sentence
            or " the sense " in sentence
        )
    ):
        return _finish(f"To what extent {aux} {join_tokens(_lower_first(tail))}")
    if aux in lex.AUXILIARIES and rest[0] in {"you", "i", "we"} and aux in {"are", "am", "is"}:
        return _finish(f"To what extent {aux} {join_tokens(_lower_first(tail))}")
    if (
        aux in {"did", "do", "have", "has"}
        and len(rest) > 2
        and rest[1] in _EVENT_SAY | {"mentioned", "said", "asked", "raised"}
        and rest[0] in {"they", "he", "she"}
    ):
        return _finish(
            f"What did {rest[0]} say about {join_tokens(tail[2:] if rest[1] != 'ask' else tail[3:])}"
        )
    topic = _topic(s, 0)
    if topic:
        return _finish(f"Where do things stand with {topic}")
    if aux in lex.AUXILIARIES:
        return _finish(f"To what extent {aux} {join_tokens(_lower_first(tail))}")
    return "What is your own view on this?"
