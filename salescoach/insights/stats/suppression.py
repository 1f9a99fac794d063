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


class _Atoms:
    """The partition of one role's members by the shown figures they are in."""

    def __init__(self, n_elements: int) -> None:
        self.label = np.zeros(n_elements, dtype=np.int64)  # 0: in no shown figure
        self.size = np.zeros(1, dtype=np.int64)
        self.size[0] = n_elements

    def split(self, members: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        labels, inside = np.unique(self.label[members], return_counts=True)
        outside = self.size[labels] - inside
        return labels, inside, outside

    def safe_with(self, members: np.ndarray, minimum: int) -> bool:
        if members.size == 0:
            return True
        labels, inside, outside = self.split(members)
        if np.any(inside < minimum):
            return False
        # The part of an atom left outside the figure is exposed too -- except for the
        # sellers in no shown figure at all.
        left = outside[labels != 0]
        return not np.any((left > 0) & (left < minimum))

    def commit(self, members: np.ndarray) -> None:
        if members.size == 0:
            return
        labels, inside, outside = self.split(members)
        moving = (outside > 0) | (labels == 0)
        if not moving.any():
            return
        first_new = self.size.shape[0]
        remap = np.arange(first_new, dtype=np.int64)
        remap[labels[moving]] = first_new + np.arange(int(moving.sum()))
        self.size = np.concatenate([self.size, inside[moving]])
        self.size[labels[moving]] -= inside[moving]
        self.label[members] = remap[self.label[members]]


def _member_arrays(figure: Figure) -> dict[str, np.ndarray]:
    return {role: np.unique(np.asarray(figure.members.get(role, ()), dtype=np.int64)) for role in ROLES}


def suppress(
    figures: Sequence[Figure],
    *,
    min_group_size: int,
    released: Iterable[Figure] = (),
) -> Decision:
    """Decide which ``figures`` (in priority order) may be shown."""
    if min_group_size < 3:
        raise ValueError("the minimum group size is never below 3")
    members = [_member_arrays(f) for f in figures]
    earlier = [_member_arrays(f) for f in released]
    n_elements = 1 + max(
        (int(m[role].max()) for m in [*members, *earlier] for role in ROLES if m[role].size),
        default=-1,
    )
    atoms = {role: _Atoms(max(n_elements, 0)) for role in ROLES}
    for groups in earlier:
        for role in ROLES:
            atoms[role].commit(groups[role])

    decision = Decision()
    for figure, groups in zip(figures, members, strict=True):
        if any(0 < groups[role].size < min_group_size for role in ROLES):
            decision.add("primary", figure.key)
        elif all(atoms[role].safe_with(groups[role], min_group_size) for role in ROLES):
            for role in ROLES:
                atoms[role].commit(groups[role])
            decision.add("published", figure.key)
        else:
            decision.add("complementary", figure.key)
    return decision
