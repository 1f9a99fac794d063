"""Privacy thresholds for group figures: primary and complementary suppression.

Product rule 6: a figure about a group of sellers is shown only when the group has at
least ``min_group_size`` members (never fewer than 3), and no combination of shown
figures -- across filters, bands and periods -- may reveal a smaller group.

Model. Every figure is built from the data of its members, per role ("coached",
"comparison"). Someone who sees several figures can add and subtract them; what they
can isolate is at best a linear combination of the members' data. Group the sellers of
a role by the exact set of shown figures they are in (an *atom*): every combination of
shown figures treats all members of an atom alike, so it can isolate nothing smaller
than an atom. Hence the rule this module enforces:

    every atom of every role has either 0 or at least ``min_group_size`` members.

Sellers who are in no shown figure form no atom (nothing about them is shown).

Algorithm (sequential admission). Figures are considered in priority order (the caller
puts the most useful first: the organisation before a programme before a team, the whole
group before its bands, earlier periods first):

1. *Primary suppression*: a figure with a role group of 1..m-1 sellers is never shown.
2. *Complementary suppression*: a figure is shown only if adding it keeps the rule --
   it splits each current atom into the part inside and the part outside the figure,
   and both parts must be empty or at least m. Otherwise it is withheld, even though
   its own groups are large enough (e.g. a team total of 12 when its core band of 9 is
   shown would reveal the other 3).

The admitted set always satisfies the rule, so the guarantee holds whatever the order;
the order only decides which figures are kept when not all can be. Figures already
released earlier can be passed as ``released``: they count as shown, so that a new
figure is admitted only if it is safe together with everything shown before. Should the
released figures already break the rule themselves (say the minimum was raised since),
that small atom stays as it is: a new figure is withheld only if it splits an atom into a
part below the minimum, so it can neither reveal more of that atom nor undo what was shown
(tests/insights/test_suppression_rule.py holds both readings).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

ROLES = ("coached", "comparison")


@dataclass(frozen=True)
class Figure:
    """A group figure: its key and, per role, the members whose data it uses (as
    non-negative integer ids, e.g. panel row numbers)."""

    key: Hashable
    members: Mapping[str, np.ndarray]


@dataclass
class Decision:
    published: list[Hashable] = field(default_factory=list)
    primary: list[Hashable] = field(default_factory=list)
    complementary: list[Hashable] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._published = set(self.published)

    def is_published(self, key: Hashable) -> bool:
        return key in self._published

    def add(self, kind: str, key: Hashable) -> None:
        getattr(self, kind).append(key)
        if kind == "published":
            self._published.add(key)


# What ``decide`` says of each figure.
PUBLISHED, PRIMARY, COMPLEMENTARY = 1, 2, 3


def suppress(
    figures: Sequence[Figure],
    *,
    min_group_size: int,
    released: Iterable[Figure] = (),
) -> Decision:
    """Decide which ``figures`` (in priority order) may be shown.

    Figures are taken in runs of consecutive figures whose members do not overlap (the
    teams of an organisation, say). Within a run, admitting a figure changes for the
    figures after it only the sizes of the atoms they share, so a run is decided with
    array operations: assume every figure of the run that passes its own checks is
    admitted; up to the first one for which that assumption makes an atom too small, the
    assumption holds and the decisions are final; that figure is withheld, and the rest of
    the run is decided again the same way. The decisions are those of taking the figures
    one by one.
    """
    earlier = list(released)
    ordered = [*earlier, *figures]
    outcome = decide(
        {role: _flatten(ordered, role) for role in ROLES},
        len(ordered),
        min_group_size=min_group_size,
        n_released=len(earlier),
    )
    decision = Decision()
    for kind, code in (("published", PUBLISHED), ("primary", PRIMARY), ("complementary", COMPLEMENTARY)):
        for k in np.flatnonzero(outcome[len(earlier) :] == code).tolist():
            decision.add(kind, figures[k].key)
    return decision


def decide(
    flat: Mapping[str, tuple[np.ndarray, np.ndarray]],
    n_figures: int,
    *,
    min_group_size: int,
    n_released: int = 0,
) -> np.ndarray:
    """``suppress`` for figures given as arrays: per role, (figure index, member) of every
    member of every figure, distinct and sorted by figure (the first ``n_released``
    figures count as shown). The outcome per figure: ``PUBLISHED``, ``PRIMARY`` or
    ``COMPLEMENTARY`` (0 for released ones)."""
    m = min_group_size
    if m < 3:
        raise ValueError("the minimum group size is never below 3")
    n_elements = 1 + max((int(elements.max()) for _, elements in flat.values() if elements.size), default=-1)
    atoms = {role: _Atoms(n_elements) for role in ROLES}
    sizes = {role: np.bincount(flat[role][0], minlength=n_figures) for role in ROLES}
    outcome = np.zeros(n_figures, dtype=np.int8)
    forced = np.arange(n_figures) < n_released
    for role in ROLES:
        outcome[(sizes[role] > 0) & (sizes[role] < m) & ~forced] = PRIMARY
    for run_start, run_end in _disjoint_runs(flat, n_figures):
        lo = run_start
        while lo < run_end:
            counts = {role: atoms[role].counts(*flat[role], lo, run_end) for role in ROLES}
            n = run_end - lo
            open_ = (outcome[lo:run_end] == 0) | forced[lo:run_end]
            for c in counts.values():  # a part of an atom inside the figure below the minimum
                open_ &= (np.bincount(c.figure[c.inside < m], minlength=n) == 0) | forced[lo:run_end]
            outcome[lo:run_end][~open_ & (outcome[lo:run_end] == 0)] = COMPLEMENTARY
            left = {role: c.left_if_admitted(open_, atoms[role].size) for role, c in counts.items()}
            first_fail = n
            for role, c in counts.items():
                failing = open_[c.figure] & ~forced[lo + c.figure] & (c.label != 0) & (left[role] > 0)
                failing &= left[role] < m
                if failing.any():
                    first_fail = min(first_fail, int(c.figure[failing].min()))
            admitted = open_ & (np.arange(n) < first_fail)
            outcome[lo:run_end][admitted & ~forced[lo:run_end]] = PUBLISHED
            for role, c in counts.items():
                # An atom wholly inside the figure stays as it is; every other part moves.
                moving = admitted[c.figure] & ((c.label == 0) | (left[role] > 0))
                atoms[role].commit(c, moving)
            if first_fail < n:
                outcome[lo + first_fail] = COMPLEMENTARY
            lo += first_fail + 1
    return outcome


def _flatten(figures: Sequence[Figure], role: str) -> tuple[np.ndarray, np.ndarray]:
    """(figure index, member) of every member of ``role``, distinct, sorted by figure."""
    parts = [np.asarray(f.members.get(role, ()), dtype=np.int64).ravel() for f in figures]
    elements = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    owners = np.repeat(np.arange(len(parts), dtype=np.int64), [p.size for p in parts])
    if elements.size == 0:
        return owners, elements
    if elements.min() < 0:
        raise ValueError("members are non-negative integer ids")
    width = int(elements.max()) + 1
    pairs = np.unique(owners * width + elements)
    return pairs // width, pairs % width


def _disjoint_runs(
    flat: Mapping[str, tuple[np.ndarray, np.ndarray]], n_figures: int
) -> list[tuple[int, int]]:
    """Consecutive ranges of figures no two of which share a member (in any role)."""
    # For every figure, the last figure before it that shares a member with it.
    previous = np.full(n_figures, -1, dtype=np.int64)
    for owners, elements in flat.values():
        order = np.lexsort((owners, elements))
        e, f = elements[order], owners[order]
        same = e[1:] == e[:-1]
        np.maximum.at(previous, f[1:][same], f[:-1][same])
    runs, start = [], 0
    for k, before in enumerate(previous.tolist()):
        if before >= start:
            runs.append((start, k))
            start = k
    if n_figures:
        runs.append((start, n_figures))
    return runs


@dataclass
class _Counts:
    """How many members of each figure of a run are in each atom: pair ``p`` is figure
    ``figure[p]``'s (counted from the run's first) part of atom ``label[p]``, ``inside[p]``
    members, sorted by figure; ``pair_of`` gives every member of the run its pair."""

    figure: np.ndarray
    label: np.ndarray
    inside: np.ndarray
    members: np.ndarray
    pair_of: np.ndarray

    def left_if_admitted(self, admitted: np.ndarray, size: np.ndarray) -> np.ndarray:
        """Per pair: what would be left of its atom outside the figure, if every figure
        marked ``admitted`` before it in the run were admitted (0 for other pairs)."""
        take = admitted[self.figure]
        order = np.lexsort((self.figure, self.label))  # by atom, then figure
        inside = np.where(take, self.inside, 0)[order]
        label = self.label[order]
        taken = np.cumsum(inside)
        first = np.r_[True, label[1:] != label[:-1]]
        group_start = np.maximum.accumulate(np.where(first, np.arange(label.size), 0))
        before = taken - inside - (taken - inside)[group_start]  # taken by earlier figures
        left = np.zeros(self.label.size, dtype=np.int64)
        left[order] = np.where(take[order], size[label] - before - inside, 0)
        return left


class _Atoms:
    """The partition of one role's members by the shown figures they are in."""

    def __init__(self, n_elements: int) -> None:
        self.label = np.zeros(n_elements, dtype=np.int64)  # 0: in no shown figure
        self.size = np.array([n_elements], dtype=np.int64)

    def counts(self, owners: np.ndarray, elements: np.ndarray, lo: int, hi: int) -> _Counts:
        a, b = np.searchsorted(owners, [lo, hi])
        members, figure = elements[a:b], owners[a:b] - lo
        width = self.size.shape[0]
        keys, pair_of, inside = np.unique(
            figure * width + self.label[members], return_inverse=True, return_counts=True
        )
        return _Counts(keys // width, keys % width, inside, members, pair_of.ravel())

    def commit(self, counts: _Counts, moving: np.ndarray) -> None:
        """Split off the moving pairs' members into atoms of their own."""
        if not moving.any():
            return
        pairs = np.flatnonzero(moving)
        new_label = np.full(counts.label.size, -1, dtype=np.int64)
        new_label[pairs] = self.size.shape[0] + np.arange(pairs.size)
        np.subtract.at(self.size, counts.label[pairs], counts.inside[pairs])
        self.size = np.concatenate([self.size, counts.inside[pairs]])
        relabel = new_label[counts.pair_of]
        changed = relabel >= 0
        self.label[counts.members[changed]] = relabel[changed]
