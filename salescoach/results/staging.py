"""Large imports, set-based: the checked rows of a file go into a temporary table, and
SQL then finds duplicates, counts what would change and merges it in.

On PostgreSQL the rows go in with COPY (the fastest way in); elsewhere (SQLite) with
batched inserts. The SQL afterwards is the same on both, so the counts of a dry run
and of the real run agree by construction. Python never holds more than one batch of
rows, so memory stays flat however large the file is.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import connection

from salescoach.results.rollup import refresh_monthly_results

OPPORTUNITY_STAGE = "results_import_opportunity"
HISTORY_STAGE = "results_import_history"
PLAN = "results_import_plan"

# What the plan does with a staged row.
CREATE, UPDATE, UNCHANGED = 0, 1, 2

# Staged opportunity columns, in the order rows are written.
OPPORTUNITY_COLUMNS = (
    "row_no",
    "crm_id",
    "name",
    "account_name",
    "owner_id",
    "stage_id",
    "crm_stage",
    "status",
    "amount",
    "currency",
    "amount_base",
    "probability",
    "created_date",
    "close_date",
    "cycle_days",
    "lost_reason",
)
HISTORY_COLUMNS = ("row_no", "crm_id", "stage_id", "crm_stage", "entered_on")

# What makes a staged row differ from the stored one (the rest follows from these).
COMPARED = (
    "name",
    "account_name",
    "owner_id",
    "stage_id",
    "crm_stage",
    "amount",
    "currency",
    "probability",
    "created_date",
    "close_date",
    "lost_reason",
)
# Written on create and update.
WRITTEN = (
    "crm_id",
    "name",
    "account_name",
    "owner_id",
    "stage_id",
    "crm_stage",
    "status",
    "amount",
    "currency",
    "amount_base",
    "probability",
    "created_date",
    "close_date",
    "cycle_days",
    "lost_reason",
)

BATCH = 20_000  # rows per COPY (or per batch of inserts)

# The SQL below is built from this module's own table and column names only (marked
# "nosec B608" where bandit cannot see that); every value goes in as a parameter.


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _differs(left: str, right: str) -> str:
    if _is_postgres():
        lhs = ", ".join(f"{left}.{c}" for c in COMPARED)
        rhs = ", ".join(f"{right}.{c}" for c in COMPARED)
        return f"(({lhs}) IS DISTINCT FROM ({rhs}))"
    return "(" + " OR ".join(f"{left}.{c} IS NOT {right}.{c}" for c in COMPARED) + ")"


class Staging:
    """The temporary tables of one import run, on the default connection."""

    def __init__(self) -> None:
        self._rows: list[Sequence[Any]] = []
        self._history: list[Sequence[Any]] = []
        self.count = 0
        self.history_count = 0

    # --- set-up and loading -------------------------------------------------------------

    def create(self) -> None:
        text, number, day = (
            ("text", "numeric(16, 2)", "date") if _is_postgres() else ("TEXT", "NUMERIC", "TEXT")
        )
        with connection.cursor() as cursor:
            for table in (OPPORTUNITY_STAGE, HISTORY_STAGE, PLAN):
                cursor.execute(f"DROP TABLE IF EXISTS {table}")
            # Temporary tables live in this connection only, so concurrent imports do not meet.
            cursor.execute(
                f"CREATE TEMPORARY TABLE {OPPORTUNITY_STAGE} (row_no integer, crm_id {text}, "
                f"name {text}, account_name {text}, owner_id bigint, stage_id bigint, "
                f"crm_stage {text}, status {text}, amount {number}, currency {text}, "
                f"amount_base {number}, probability integer, created_date {day}, close_date {day}, "
                f"cycle_days integer, lost_reason {text})"
            )
            cursor.execute(
                f"CREATE TEMPORARY TABLE {HISTORY_STAGE} (row_no integer, crm_id {text}, "
                f"stage_id bigint, crm_stage {text}, entered_on {day})"
            )

    def add(self, row: Sequence[Any]) -> None:
        self.count += 1
        self._rows.append(row)
        if len(self._rows) >= BATCH:
            self._flush_rows()

    def add_history(self, row: Sequence[Any]) -> None:
        self.history_count += 1
        self._history.append(row)
        if len(self._history) >= BATCH:
            self._flush_history()

    def flush(self) -> None:
        """Write what is buffered (the connection is then free for other statements)."""
        self._flush_rows()
        self._flush_history()

    def _write(self, table: str, columns: Sequence[str], rows: list[Sequence[Any]]) -> None:
        if not rows:
            return
        with connection.cursor() as cursor:
            if _is_postgres():
                with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",  # nosec B608
                    [tuple(_sqlite_value(v) for v in row) for row in rows],
                )

    def _flush_rows(self) -> None:
        rows, self._rows = self._rows, []
        self._write(OPPORTUNITY_STAGE, OPPORTUNITY_COLUMNS, rows)

    def _flush_history(self) -> None:
        rows, self._history = self._history, []
        self._write(HISTORY_STAGE, HISTORY_COLUMNS, rows)

    def finish_loading(self) -> None:
        self.flush()

    def abandon(self) -> None:
        """Stop loading (the file has errors): nothing more is written."""
        self._rows = []
        self._history = []

    def remap_stages(self, mapping: dict[int, int]) -> None:
        """Replace stand-in stage ids (the default funnel before it was saved) by real ones."""
        if not mapping:
            return
        cases = " ".join(f"WHEN {int(old)} THEN {int(new)}" for old, new in mapping.items())
        with connection.cursor() as cursor:
            for table in (OPPORTUNITY_STAGE, HISTORY_STAGE):
                cursor.execute(f"UPDATE {table} SET stage_id = CASE stage_id {cases} END WHERE stage_id < 0")  # nosec B608

    def drop(self) -> None:
        self.abandon()
        with connection.cursor() as cursor:
            for table in (OPPORTUNITY_STAGE, HISTORY_STAGE, PLAN):
                cursor.execute(f"DROP TABLE IF EXISTS {table}")

    # --- checks -------------------------------------------------------------------------

    def duplicates(self, limit: int) -> list[tuple[int, str, int]]:
        """(row, crm id, first row with that id) for every repeated CRM id."""
        with connection.cursor() as cursor:
            if _is_postgres():
                cursor.execute(f"ANALYZE {OPPORTUNITY_STAGE}")
            cursor.execute(
                f"SELECT s.row_no, s.crm_id, f.first_row FROM {OPPORTUNITY_STAGE} s "  # nosec B608
                f"JOIN (SELECT crm_id, MIN(row_no) AS first_row FROM {OPPORTUNITY_STAGE} "
                f"GROUP BY crm_id HAVING COUNT(*) > 1) f ON f.crm_id = s.crm_id "
                f"WHERE s.row_no > f.first_row ORDER BY s.row_no LIMIT %s",
                [limit],
            )
            return [(int(r[0]), str(r[1]), int(r[2])) for r in cursor.fetchall()]

    def plan(self, organisation_id: int) -> None:
        """Match every staged row to the stored deal with its CRM id, once: what becomes
        of it (created, updated or unchanged) and what it was. The checks, the counts and
        the merge all read this plan, so the stored deals are joined only once."""
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {PLAN}")
            cursor.execute(
                f"CREATE TEMPORARY TABLE {PLAN} AS SELECT s.*, o.id AS existing_id, "  # nosec B608
                f"o.owner_id AS old_owner_id, o.stage_id AS old_stage_id, "
                f"CASE WHEN o.id IS NULL THEN {CREATE} WHEN {_differs('o', 's')} THEN {UPDATE} "
                f"ELSE {UNCHANGED} END AS action "
                f"FROM {OPPORTUNITY_STAGE} s LEFT JOIN results_opportunity o "
                f"ON o.organisation_id = %s AND o.crm_id = s.crm_id",
                [organisation_id],
            )
            if _is_postgres():
                cursor.execute(f"ANALYZE {PLAN}")

    def foreign_owned(self, allowed_owner_ids: Sequence[int], limit: int) -> list[tuple[int, str, int]]:
        """(row, crm id, current owner) of deals already here that belong to someone the
        importer may not change."""
        if not allowed_owner_ids:
            allowed_owner_ids = [0]
        marks = ", ".join(["%s"] * len(allowed_owner_ids))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT row_no, crm_id, old_owner_id FROM {PLAN} WHERE existing_id IS NOT NULL "  # nosec B608
                f"AND old_owner_id NOT IN ({marks}) ORDER BY row_no LIMIT %s",
                [*allowed_owner_ids, limit],
            )
            return [(int(r[0]), str(r[1]), int(r[2])) for r in cursor.fetchall()]

    def counts(self) -> tuple[int, int, int]:
        """(created, updated, unchanged) if the plan were carried out now."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT action, COUNT(*) FROM {PLAN} GROUP BY action")  # nosec B608
            found = {int(action): int(number) for action, number in cursor.fetchall()}
        return found.get(CREATE, 0), found.get(UPDATE, 0), found.get(UNCHANGED, 0)

    # --- the merge ----------------------------------------------------------------------

    def merge(self, organisation_id: int, today: date, now: Any) -> None:
        """Carry out the plan: changed deals are updated, new ones created, stage history
        added, the monthly summary of their owners rebuilt. Call inside the transaction
        that made the plan."""
        written = ", ".join(WRITTEN)
        planned = ", ".join(f"p.{c}" for c in WRITTEN)
        assignments = ", ".join(f"{c} = p.{c}" for c in WRITTEN if c != "crm_id")
        with connection.cursor() as cursor:
            # A deal seen in another stage than last time entered that stage by today.
            cursor.execute(
                f"INSERT INTO results_stagechange (opportunity_id, stage_id, crm_stage, entered_on, source) "  # nosec B608
                f"SELECT p.existing_id, p.stage_id, p.crm_stage, %s, 'observed' FROM {PLAN} p "
                f"WHERE p.action = {UPDATE} AND p.old_stage_id <> p.stage_id "
                f"ON CONFLICT (opportunity_id, stage_id, entered_on) DO NOTHING",
                [today],
            )
            cursor.execute(
                f"UPDATE results_opportunity SET {assignments}, updated_at = %s FROM {PLAN} p "  # nosec B608
                f"WHERE results_opportunity.id = p.existing_id AND p.action = {UPDATE}",
                [now],
            )
            cursor.execute(
                f"INSERT INTO results_opportunity (organisation_id, {written}, imported_at, updated_at) "  # nosec B608
                f"SELECT %s, {planned}, %s, %s FROM {PLAN} p WHERE p.action = {CREATE}",
                [organisation_id, now, now],
            )
            # The sellers whose deals changed, before and after: their monthly summary.
            cursor.execute(
                f"SELECT owner_id FROM {PLAN} WHERE action IN ({CREATE}, {UPDATE}) "  # nosec B608
                f"UNION SELECT old_owner_id FROM {PLAN} WHERE action = {UPDATE}"
            )
            owners = [int(row[0]) for row in cursor.fetchall()]
            if self.history_count:
                cursor.execute(
                    f"INSERT INTO results_stagechange (opportunity_id, stage_id, crm_stage, entered_on, source) "  # nosec B608
                    f"SELECT o.id, h.stage_id, h.crm_stage, h.entered_on, 'export' FROM {HISTORY_STAGE} h "
                    f"JOIN results_opportunity o ON o.organisation_id = %s AND o.crm_id = h.crm_id "
                    f"WHERE 1 = 1 ON CONFLICT (opportunity_id, stage_id, entered_on) DO NOTHING",
                    [organisation_id],
                )

        refresh_monthly_results(organisation_id=organisation_id, owner_ids=owners)


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return value
