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
figure is admitted only if it is safe together with everything shown before.
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


def suppress(
    figures: Sequence[Figure],
    *,
    min_group_size: int,
    released: Iterable[Figure] = (),
) -> Decision:
    """Decide which ``figures`` (in priority order) may be shown.

    Figures are taken in runs of consecutive figures whose members do not overlap (the
    teams of an organisation, say): within such a run, admitting one figure changes for
    the next only the sizes of the atoms they share, so a run is decided with a few array
    operations and a loop over (figure, atom) counts -- the same decisions as taking the
    figures one by one.
    """
    if min_group_size < 3:
        raise ValueError("the minimum group size is never below 3")
    earlier = list(released)
    ordered = [*earlier, *figures]
    flat = {role: _flatten(ordered, role) for role in ROLES}
    n_elements = 1 + max((int(elements.max()) for _, elements in flat.values() if elements.size), default=-1)
    atoms = {role: _Atoms(n_elements) for role in ROLES}
    sizes = {role: np.bincount(flat[role][0], minlength=len(ordered)).tolist() for role in ROLES}
    decision = Decision()
    for lo, hi in _disjoint_runs(flat, len(ordered)):
        counts = {role: atoms[role].counts(*flat[role], lo, hi) for role in ROLES}
        remaining: dict[str, dict[int, int]] = {role: {} for role in ROLES}
        moving: dict[str, list[int]] = {role: [] for role in ROLES}
        for k in range(lo, hi):
            parts = {role: counts[role].of(k) for role in ROLES}
            if k >= len(earlier):
                key = ordered[k].key
                if any(0 < sizes[role][k] < min_group_size for role in ROLES):
                    decision.add("primary", key)
                    continue
                if not all(
                    atoms[role].safe_with(parts[role], remaining[role], min_group_size) for role in ROLES
                ):
                    decision.add("complementary", key)
                    continue
                decision.add("published", key)
            for role in ROLES:
                moving[role] += atoms[role].admit(parts[role], remaining[role])
        for role in ROLES:
            atoms[role].commit(counts[role], moving[role])
    return decision


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
    ``figure[p]``'s part of atom ``label[p]``, ``inside[p]`` members; ``pair_of`` gives
    every member of the run its pair."""

    lo: int
    bounds: list[int]
    label: list[int]
    inside: list[int]
    members: np.ndarray
    pair_of: np.ndarray

    def of(self, k: int) -> list[tuple[int, int, int]]:
        """(pair, atom, members inside) of figure ``k``."""
        first, last = self.bounds[k - self.lo], self.bounds[k - self.lo + 1]
        return [(p, self.label[p], self.inside[p]) for p in range(first, last)]


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
        bounds = np.searchsorted(keys // width, np.arange(hi - lo + 1)).tolist()
        return _Counts(lo, bounds, (keys % width).tolist(), inside.tolist(), members, pair_of.ravel())

    def safe_with(self, parts: list[tuple[int, int, int]], remaining: dict[int, int], minimum: int) -> bool:
        for _pair, label, inside in parts:
            if inside < minimum:
                return False
            # The part of an atom left outside the figure is exposed too -- except for the
            # sellers in no shown figure at all.
            left = remaining.get(label, int(self.size[label])) - inside
            if label != 0 and 0 < left < minimum:
                return False
        return True

    def admit(self, parts: list[tuple[int, int, int]], remaining: dict[int, int]) -> list[int]:
        """Take a figure's members out of their atoms (in ``remaining``, the sizes as the
        run goes); the pairs that become atoms of their own."""
        moving = []
        for pair, label, inside in parts:
            size = remaining.get(label, int(self.size[label]))
            if label == 0 or size > inside:  # an atom wholly inside the figure stays as it is
                remaining[label] = size - inside
                moving.append(pair)
        return moving

    def commit(self, counts: _Counts, moving: list[int]) -> None:
        if not moving:
            return
        pairs = np.array(moving, dtype=np.int64)
        inside = np.array(counts.inside, dtype=np.int64)[pairs]
        new_label = np.full(len(counts.inside), -1, dtype=np.int64)
        new_label[pairs] = self.size.shape[0] + np.arange(pairs.size)
        np.subtract.at(self.size, np.array(counts.label, dtype=np.int64)[pairs], inside)
        self.size = np.concatenate([self.size, inside])
        relabel = new_label[counts.pair_of]
        changed = relabel >= 0
        self.label[counts.members[changed]] = relabel[changed]
