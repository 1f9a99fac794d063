"""Writing the access audit log.

``audit_record`` is the one way in; the helpers below name the common cases. Entries
hold ids and codes, never content. They are written in the caller's transaction:
an action that is rolled back leaves no entry (it did not happen). Refusals are
recorded outside the refused change's transaction (see ``audit_refusals``), so that
the refusal itself stays on record.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models
from django.utils import timezone

from salescoach.privacy.models import AuditAction, AuditEntry, AuditOutcome

if TYPE_CHECKING:
    from salescoach.accounts.models import User
    from salescoach.organisations.models import Membership

logger = logging.getLogger(__name__)

DETAIL = re.compile(r"^[a-z0-9_:;,.=-]*$")
# The range of a 64-bit primary key: anything else cannot name a row.
MIN_ID, MAX_ID = -(2**63), 2**63 - 1


def object_type_of(model: type[models.Model] | models.Model) -> str:
    meta = model._meta
    return f"{meta.app_label}.{meta.model_name}"


def _clean_detail(detail: str) -> str:
    if len(detail) > 200 or not DETAIL.match(detail):
        # Content must never reach the audit log; codes are all it takes.
        raise ValueError("Audit details are codes only (a-z, 0-9, _:;,.=-), at most 200 characters.")
    return detail


def audit_record(
    *,
    action: str,
    object_type: str,
    object_id: Any = "",
    actor: Membership | None = None,
    actor_user: User | None = None,
    organisation_id: int | None = None,
    subject: Membership | None = None,
    subject_id: int | None = None,
    outcome: str = AuditOutcome.ALLOWED,
    detail: str = "",
) -> AuditEntry:
    """Append one entry. ``actor`` (a membership) also gives the user and organisation."""
    if action not in AuditAction.values:
        raise ValueError(f"Unknown audit action {action!r}.")
    if outcome not in AuditOutcome.values:
        raise ValueError(f"Unknown audit outcome {outcome!r}.")
    user_id = actor.user_id if actor is not None else (actor_user.pk if actor_user is not None else None)
    if organisation_id is None and actor is not None:
        organisation_id = actor.organisation_id
    return AuditEntry.objects.create(
        at=timezone.now(),
        organisation_id=organisation_id,
        actor_user_id=user_id,
        actor_membership_id=actor.pk if actor is not None else None,
        action=action,
        object_type=object_type[:64],
        object_id=str(object_id)[:100],
        subject_membership_id=subject.pk if subject is not None else subject_id,
        outcome=outcome,
        detail=_clean_detail(detail),
    )


# --- the common cases --------------------------------------------------------------------


def audit_denied(
    *,
    object_type: str,
    object_id: Any = "",
    actor: Membership | None = None,
    actor_user: User | None = None,
    organisation_id: int | None = None,
    subject: Membership | None = None,
    action: str = AuditAction.ACCESS_DENIED,
    detail: str = "",
) -> AuditEntry:
    return audit_record(
        action=action,
        object_type=object_type,
        object_id=object_id,
        actor=actor,
        actor_user=actor_user,
        organisation_id=organisation_id,
        subject=subject,
        outcome=AuditOutcome.DENIED,
        detail=detail,
    )


def audit_read(*, viewer: Membership, obj: models.Model, subject_id: int | None) -> AuditEntry:
    """A read of someone's protected content (coaching content read by anyone but its author)."""
    return audit_record(
        action=AuditAction.READ,
        object_type=object_type_of(obj),
        object_id=obj.pk,
        actor=viewer,
        subject_id=subject_id,
    )


def audit_role_change(
    *, actor: Membership, member: Membership, before: Iterable[str], after: Iterable[str]
) -> AuditEntry | None:
    """Record which roles a member gained and lost; nothing when they are the same."""
    old, new = set(before), set(after)
    if old == new:
        return None
    parts = []
    if new - old:
        parts.append("added:" + ",".join(sorted(new - old)))
    if old - new:
        parts.append("removed:" + ",".join(sorted(old - new)))
    return audit_record(
        action=AuditAction.ROLE_CHANGE,
        object_type=object_type_of(member),
        object_id=member.pk,
        actor=actor,
        subject=member,
        detail=";".join(parts),
    )


def audit_member_status(*, actor: Membership, member: Membership, action: str) -> AuditEntry:
    return audit_record(
        action=action, object_type=object_type_of(member), object_id=member.pk, actor=actor, subject=member
    )


def audit_export(
    *, actor_user: User, memberships: Iterable[Membership], outcome: str = AuditOutcome.ALLOWED
) -> list[AuditEntry]:
    """One entry per organisation the export covered (so each organisation sees its own)."""
    members = list(memberships)
    if not members:
        return [
            audit_record(
                action=AuditAction.EXPORT,
                object_type="accounts.user",
                object_id=actor_user.pk,
                actor_user=actor_user,
                outcome=outcome,
            )
        ]
    return [
        audit_record(
            action=AuditAction.EXPORT,
            object_type="accounts.user",
            object_id=actor_user.pk,
            actor=member,
            subject=member,
            outcome=outcome,
        )
        for member in members
    ]


class RecordedRefusal(PermissionDenied):
    """A refusal the service has already written to the audit log (the pages and the API
    record every other PermissionDenied themselves)."""


class AuditedRefusal(PermissionDenied):
    """A refusal raised inside a transaction, with what the audit entry should say (action,
    object, whose data). The page or API records it once the refused change has been
    rolled back, so the entry stays (see salescoach.core.http.org_view and the API's
    handler)."""

    def __init__(self, message: Any, *, entry: dict[str, Any]) -> None:
        super().__init__(message)
        self.entry = entry


@contextmanager
def audit_refusals(
    *,
    action: str,
    object_type: str,
    object_id: Any = "",
    actor: Membership | None = None,
    subject: Membership | None = None,
) -> Iterator[None]:
    """Record a change refused for bad input (ValidationError) and let the error through.

    Wrap the change's own ``transaction.atomic`` block in this, so the entry is written
    after the change was rolled back and stays. (A PermissionDenied is recorded where it
    reaches a page or the API, see ``salescoach.core.http.org_view``.)
    """
    try:
        yield
    except ValidationError:
        audit_record(
            action=action,
            object_type=object_type,
            object_id=object_id,
            actor=actor,
            subject=subject,
            outcome=AuditOutcome.DENIED,
        )
        raise


# --- refused lookups in the access gate ------------------------------------------------------


# Refused lookups found while answering a request are written after the response has
# been sent (see DeferredAuditMiddleware): the answer, and how long it takes, is then
# the same whether the object exists or not.
_deferred: ContextVar[list[Callable[[], None]] | None] = ContextVar("salescoach_deferred_audit", default=None)


def write_deferred(pending: list[Callable[[], None]]) -> None:
    while pending:
        write = pending.pop(0)
        try:
            write()
        except Exception:  # the answer has gone out; a lost entry must not go unnoticed
            logger.exception("could not write a deferred audit entry")


# Reads of coaching content found while answering a request: one entry per object, all
# written with one INSERT after the response has gone out.
_reads: ContextVar[dict[tuple[str, str], AuditEntry] | None] = ContextVar(
    "salescoach_audit_reads", default=None
)


@contextmanager
def deferred_audit() -> Iterator[list[Callable[[], None]]]:
    """Collect refused-lookup entries and reads instead of writing them; the caller writes
    them with ``write_deferred`` (see salescoach.privacy.middleware)."""
    reads: dict[tuple[str, str], AuditEntry] = {}
    pending: list[Callable[[], None]] = [lambda: _write_reads(reads)]
    token = _deferred.set(pending)
    reads_token = _reads.set(reads)
    try:
        yield pending
    finally:
        _deferred.reset(token)
        _reads.reset(reads_token)


def _write_reads(reads: dict[tuple[str, str], AuditEntry]) -> None:
    if reads:
        AuditEntry.objects.bulk_create(list(reads.values()))
        reads.clear()


def audit_reads(*, viewer: Membership, objects: Iterable[models.Model | None], via: str = "") -> int:
    """Record that ``viewer`` read these pieces of coaching content; returns how many entries.

    Only reads by someone other than the content's author count (the policy says who
    wrote what and whose data it is: ``policy.read_record``); the same object is recorded
    once per request. No query per object: in a request the entries are written together,
    with one INSERT after the response has gone out; outside one (an export built by a
    command, a test) with one INSERT at once. ``via`` says how: ``page``, ``api``,
    ``export``, ``calendar``, ``mail``.
    """
    from salescoach.privacy.policy import read_record

    now = timezone.now()
    found: dict[tuple[str, str], AuditEntry] = {}
    for obj in objects:
        if obj is None or obj.pk is None:
            continue
        record = read_record(obj)
        if record is None:
            continue
        subject_id, authors = record
        if viewer.pk in authors:
            continue
        object_type = object_type_of(obj)
        found[(object_type, str(obj.pk))] = AuditEntry(
            at=now,
            organisation_id=viewer.organisation_id,
            actor_user_id=viewer.user_id,
            actor_membership_id=viewer.pk,
            action=AuditAction.READ,
            object_type=object_type,
            object_id=str(obj.pk),
            subject_membership_id=subject_id,
            outcome=AuditOutcome.ALLOWED,
            detail=_clean_detail(f"via:{via}" if via else ""),
        )
    pending = _reads.get()
    if pending is None:
        count = len(found)
        _write_reads(found)
        return count
    new = {key: entry for key, entry in found.items() if key not in pending}
    pending.update(new)
    return len(new)


def audit_refused_lookup(
    *,
    viewer: Membership | None,
    model: type[models.Model],
    lookup_value: Any,
    lookup_column: str | None = None,
    subject_column: str | None = None,
    organisation_column: str | None = None,
    actor_user_id: int | None = None,
    subject_path: str | None = None,
) -> None:
    """Record a refused access to a row -- if, and only if, that row exists.

    One INSERT ... SELECT that inserts a row only when the object exists. During a request
    it is written after the response has gone out (DeferredAuditMiddleware), so neither the
    answer -- the 404 it would have been anyway -- nor its timing tells the caller whether
    the object exists. Columns are taken from the model, never from input.
    """
    meta = model._meta
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    where_column = quote(lookup_column or meta.pk.column)
    pk_column = quote(meta.pk.column)
    subject = f"t.{quote(subject_column)}" if subject_column else "NULL"
    subject_params: list[Any] = []
    if subject_path:
        # Whose data it is, through the object's relations (e.g. a note's
        # relationship__coachee): a subquery the ORM writes, with the same lookup value.
        lookup_field = meta.pk.name if lookup_column is None else lookup_column
        sub = model._base_manager.filter(**{lookup_field: lookup_value}).values(subject_path)[:1]
        sub_sql, sub_params = sub.query.sql_with_params()
        subject = f"({sub_sql})"
        subject_params = list(sub_params)
    if organisation_column:
        organisation = f"t.{quote(organisation_column)}"
        organisation_params: list[Any] = []
    else:
        organisation = "%s"
        organisation_params = [viewer.organisation_id if viewer is not None else None]
    at_field = AuditEntry._meta.get_field("at")
    at = at_field.get_db_prep_value(timezone.now(), connection)
    audit_table = quote(AuditEntry._meta.db_table)
    columns = ", ".join(
        quote(c)
        for c in (
            "at",
            "organisation_id",
            "actor_user_id",
            "actor_membership_id",
            "action",
            "object_type",
            "object_id",
            "subject_membership_id",
            "outcome",
            "detail",
        )
    )
    # The object id is stored as text; the row's own primary key is cast by the database.
    object_id = f"CAST(t.{pk_column} AS {'TEXT' if connection.vendor == 'sqlite' else 'VARCHAR(100)'})"
    # Table and column names come from the models' own metadata (quoted by the
    # connection), never from input; every value is a query parameter.
    sql = (
        f"INSERT INTO {audit_table} ({columns}) "  # noqa: S608  # nosec B608
        f"SELECT %s, {organisation}, %s, %s, %s, %s, {object_id}, {subject}, %s, %s "
        f"FROM {table} t WHERE t.{where_column} = %s"
    )
    user_id = viewer.user_id if viewer is not None else actor_user_id
    params = [
        at,
        *organisation_params,
        user_id,
        viewer.pk if viewer is not None else None,
        AuditAction.ACCESS_DENIED.value,
        object_type_of(model),
        *subject_params,
        AuditOutcome.DENIED.value,
        "",
        lookup_value,
    ]

    def write() -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    pending = _deferred.get()
    if pending is None:
        write()
    else:
        pending.append(write)


class RefusedReference(ValidationError):
    """Bad input that names objects the actor may not use (a forged id in a form or an API
    payload). Raised inside a service; ``records_refused_references`` puts it on record."""

    def __init__(
        self,
        message: Any,
        *,
        model: type[models.Model],
        ids: Iterable[Any],
        subject_column: str | None = None,
    ) -> None:
        super().__init__(message)
        self.model = model
        self.ids = [i for i in (int_id_or_none(v) for v in ids) if i is not None]
        self.subject_column = subject_column


P = ParamSpec("P")
R = TypeVar("R")


def records_refused_references(service: Callable[P, R]) -> Callable[P, R]:
    """Put a service's RefusedReference on the audit record -- for each named object that
    exists -- and let it through. Decorate *outside* ``transaction.atomic``, so the entry
    stays after the refused change was rolled back."""

    @wraps(service)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return service(*args, **kwargs)
        except RefusedReference as refusal:
            actor = kwargs.get("actor")
            for object_id in refusal.ids:
                audit_refused_lookup(
                    viewer=actor,  # type: ignore[arg-type]
                    model=refusal.model,
                    lookup_value=object_id,
                    subject_column=refusal.subject_column,
                )
            raise

    return wrapper


def int_id_or_none(value: Any) -> int | None:
    """An id from a URL or API call as an int that can name a row, or None."""
    try:
        number = int(value)
    except (ValueError, TypeError, OverflowError):
        return None
    return number if MIN_ID <= number <= MAX_ID else None
