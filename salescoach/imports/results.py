"""The answer of every import: what was (or would be) created, updated, left unchanged,
and every error by row and column."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class RowError:
    row: int  # as the user sees it in the file: the heading is row 1; 0 = the file itself
    column: str  # the heading as written in the file, or the expected one when missing
    message: str


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(row=row, column=column, message=str(message)))

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ImportResult:
        return cls(
            created=data.get("created", 0),
            updated=data.get("updated", 0),
            unchanged=data.get("unchanged", 0),
            errors=[RowError(**e) for e in data.get("errors", [])],
        )

    def failed(self) -> ImportResult:
        """All or nothing: a file with errors changes nothing, so nothing is counted."""
        return ImportResult(errors=sorted(self.errors, key=lambda e: e.row))
