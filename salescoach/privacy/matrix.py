"""The visibility matrix, declared once: who may see or change what, for data about seller S.

This is the default matrix of PRODUCT.md as data. Three things read it:

- the privacy policy (``policy.py``): whether a viewer may read a note, plan item,
  commitment or ride-along observation -- the single-object rule and the query form
  that lists use -- is looked up here, not written out a second time;
- the page the programme owner shows the works council (``privacy:matrix``), in Dutch
  and English;
- the access-matrix test (tests/privacy/test_access_matrix.py), which plants unique
  texts in every kind of coaching content and proves that every page, API operation,
  export, e-mail, calendar feed and admin page shows each text to exactly the people
  this matrix names.

Changing a cell changes the product's promise to sellers: it is a product decision,
not a code change. ``check_invariants`` refuses a matrix that breaks product rule 1
(nobody outside the seller's own coaching ever reads coaching content).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Column(enum.StrEnum):
    """Who the viewer is to seller S (a viewer can be more than one: a manager who coaches)."""

    SELLER = "seller"
    COACH = "coach"
    MANAGER = "manager"
    SUPERIOR = "superior"
    OWNER = "programme_owner"
    OTHER = "other"  # another coach or seller of the same organisation
    OUTSIDER = "other_organisation"

    @property
    def label(self) -> Promise:
        return COLUMN_LABELS[self]


COLUMN_LABELS: dict[Column, Promise] = {
    Column.SELLER: _("S (the seller)"),
    Column.COACH: _("S's coach"),
    Column.MANAGER: _("S's manager"),
    Column.SUPERIOR: _("the manager's superior"),
    Column.OWNER: _("programme owner"),
    Column.OTHER: _("another coach or seller"),
    Column.OUTSIDER: _("another organisation"),
}

COLUMNS: tuple[Column, ...] = tuple(Column)


@dataclass(frozen=True)
class Grant:
    """What one kind of viewer may do with one kind of data."""

    key: str
    label: Promise  # short, as in the matrix ("r, revoke")
    description: Promise  # in words, for the legend
    reads: bool = False  # reads the content
    writes: bool = False  # changes it
    author_only: bool = False  # only what they wrote themselves
    shared_only: bool = False  # only the items S shared (see the row "item S shared with manager")
    if_agreed: bool = False  # only when the triad agreement says so
    aggregate: bool = False  # only as a figure for a group at the threshold
    own: bool = False  # their own only
    indicators: bool = False  # only the figures the triad agreement names, never the items

    @property
    def is_nothing(self) -> bool:
        return not (
            self.reads or self.writes or self.shared_only or self.aggregate or self.own or self.indicators
        )


NOTHING = Grant("none", _("—"), _("nothing: the page or object answers “not found”"))
AUTHOR_ONLY = Grant(
    "author_only",
    _("author only"),
    _("only the person who wrote it reads and changes it"),
    reads=True,
    writes=True,
    author_only=True,
)
READ = Grant("r", _("r"), _("reads"), reads=True)
READ_WRITE = Grant("rw", _("rw"), _("reads and writes"), reads=True, writes=True)
READ_REVOKE = Grant("r_revoke", _("r, revoke"), _("reads, and stops sharing at any moment"), reads=True)
READ_IF_AGREED = Grant(
    "r_if_agreed",
    _("r (if agreed)"),
    _("reads, when the triad agreement says the coach reports it"),
    reads=True,
    if_agreed=True,
)
READ_PROPOSE = Grant("r_propose", _("r, propose"), _("reads, and proposes; the seller decides"), reads=True)
READ_SELF_ASSESS = Grant(
    "r_self_assess",
    _("r, self-assess, reply"),
    _("reads, writes a self-assessment first and replies to the observation"),
    reads=True,
    writes=True,
)
READ_COMMENT_SIGN = Grant(
    "r_comment_sign", _("r, comment, sign"), _("reads, comments and signs"), reads=True, writes=True
)
READ_CONFIRM = Grant(
    "r_confirm", _("r, confirm"), _("reads, and confirms each version"), reads=True, writes=True
)
SHARED_ONLY = Grant(
    "shared_only",
    _("shared items only"),
    _("only the items the seller chose to share, one by one"),
    shared_only=True,
)
UNLESS_SHARED = Grant(
    "unless_shared",
    _("— (unless S shares)"),
    _("nothing, unless the seller shares it"),
    shared_only=True,
)
AGGREGATE = Grant(
    "agg",
    _("agg"),
    _("only as a figure for a group of at least the minimum group size"),
    aggregate=True,
)
AGREED_INDICATORS = Grant(
    "agreed_indicators",
    _("agreed result indicators only"),
    _("only the result indicators named in the triad agreement (figures, never deals or targets)"),
    indicators=True,
)
OWN = Grant("own", _("own"), _("their own answers only"), own=True)

GRANTS: tuple[Grant, ...] = (
    READ,
    READ_WRITE,
    AUTHOR_ONLY,
    READ_REVOKE,
    READ_IF_AGREED,
    READ_PROPOSE,
    READ_SELF_ASSESS,
    READ_COMMENT_SIGN,
    READ_CONFIRM,
    SHARED_ONLY,
    UNLESS_SHARED,
    AGREED_INDICATORS,
    AGGREGATE,
    OWN,
    NOTHING,
)


@dataclass(frozen=True)
class Row:
    key: str
    label: Promise
    covers: Promise  # what data the row is about, in words
    cells: dict[Column, Grant] = field(default_factory=dict)
    # Rows the product added to PRODUCT.md's matrix to name what the code does.
    addition: bool = False

    def grant(self, column: Column) -> Grant:
        return self.cells.get(column, NOTHING)

    def readers(self) -> set[Column]:
        return {c for c in COLUMNS if self.grant(c).reads}


def _row(key: str, label: Promise, covers: Promise, *grants: Grant, addition: bool = False) -> Row:
    if len(grants) != len(COLUMNS):
        raise ValueError(f"Row {key}: one grant per column, {len(COLUMNS)} in all.")
    return Row(key, label, covers, dict(zip(COLUMNS, grants, strict=True)), addition)


# Columns: S, S's coach, S's manager, manager's superior, programme owner,
# other coach / seller, other organisation.
# fmt: off
MATRIX: tuple[Row, ...] = (
    _row("note_private", _("note, private"),
         _("a note, plan item or commitment its author keeps to themselves; the coach's preparation "
           "and own question bank"),
         AUTHOR_ONLY, AUTHOR_ONLY, NOTHING, NOTHING, NOTHING, NOTHING, NOTHING),
    _row("note_pair", _("note, coach and seller"),
         _("notes, a session's agenda, outcomes and history, and what was cancelled and why"),
         READ_WRITE, READ_WRITE, NOTHING, NOTHING, NOTHING, NOTHING, NOTHING),
    _row("shared_item", _("item S shared with manager"),
         _("one note, plan item, commitment or ride-along observation the seller shares"),
         READ_REVOKE, READ, READ, NOTHING, NOTHING, NOTHING, NOTHING),
    _row("session_took_place", _("that a session took place (date)"),
         _("the date of a coaching session that took place -- nothing about what was said"),
         READ, READ_WRITE, READ_IF_AGREED, NOTHING, AGGREGATE, NOTHING, NOTHING),
    _row("plan", _("development plan, commitments"),
         _("the seller's plan (pitfalls to results), commitments and their review, the coach's proposals"),
         READ_WRITE, READ_PROPOSE, SHARED_ONLY, NOTHING, NOTHING, NOTHING, NOTHING),
    _row("ride_along", _("ride-along observation"),
         _("the seller's self-assessment, the coach's observation on the rubric, the seller's reply"),
         READ_SELF_ASSESS, READ_WRITE, SHARED_ONLY, NOTHING, NOTHING, NOTHING, NOTHING),
    _row("session_rating", _("session rating by S"),
         _("whether the seller found a session useful, and why"),
         READ_WRITE, READ, NOTHING, NOTHING, AGGREGATE, NOTHING, NOTHING),
    _row("triad_session", _("a triad session the manager joins"),
         _("time, place and agenda of a session the manager takes part in"),
         READ_WRITE, READ_WRITE, READ, NOTHING, NOTHING, NOTHING, NOTHING, addition=True),
    _row("evaluation", _("performance evaluation"),
         _("ratings and comments of a performance evaluation, the seller's comments and signature "
           "(a module of its own, never in a coaching session)"),
         READ_COMMENT_SIGN, UNLESS_SHARED, READ_WRITE, READ, READ, NOTHING, NOTHING),
    _row("results", _("targets, pipeline, results"),
         _("targets, opportunities and attainment"),
         READ, AGREED_INDICATORS, READ_WRITE, READ, READ, NOTHING, NOTHING),
    _row("triad_agreement", _("triad agreement"),
         _("the result to reach, who does what, what the coach reports, the cadence"),
         READ_CONFIRM, READ_CONFIRM, READ_CONFIRM, NOTHING, READ, NOTHING, NOTHING),
    _row("survey_answer", _("pulse-survey answer"),
         _("answers to anonymous pulse surveys (stored without a link to the person)"),
         OWN, NOTHING, AGGREGATE, AGGREGATE, AGGREGATE, NOTHING, NOTHING),
    _row("access_log", _("who accessed S's coaching data"),
         _("every read of S's coaching content by someone else, and every refused attempt"),
         READ, NOTHING, NOTHING, NOTHING, NOTHING, NOTHING, NOTHING),
)
# fmt: on

ROWS: dict[str, Row] = {row.key: row for row in MATRIX}


def grant(row: str, column: Column) -> Grant:
    return ROWS[row].grant(column)


# The rows that hold coaching content: nobody outside the seller's coaching reads them.
COACHING_CONTENT_ROWS = ("note_private", "note_pair", "shared_item", "plan", "ride_along", "session_rating")


def check_invariants(matrix: tuple[Row, ...] = MATRIX) -> list[str]:
    """What in the matrix breaks product rule 1; empty when it holds."""
    problems = []
    rows = {row.key: row for row in matrix}
    for row in matrix:
        for column in (Column.OTHER, Column.OUTSIDER):
            if not row.grant(column).is_nothing:
                problems.append(f"{row.key}: {column} must see nothing")
    for key in COACHING_CONTENT_ROWS:
        row = rows[key]
        for column in (Column.SUPERIOR, Column.OWNER):
            if row.grant(column).reads:
                problems.append(f"{key}: {column} must never read coaching content")
        if key != "shared_item" and row.grant(Column.MANAGER).reads:
            problems.append(f"{key}: the manager reads only what the seller shares")
    return problems


_problems = check_invariants()
if _problems:  # pragma: no cover - a broken matrix must not start
    raise RuntimeError("The visibility matrix breaks product rule 1: " + "; ".join(_problems))
