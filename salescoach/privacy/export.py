"""Personal data export (GDPR right of access): everything about a person, as JSON.

Each app contributes its own section through ``EXPORT_SECTIONS``: a name (the key in
the exported JSON) and the dotted path of a function

    def section(*, user: User, memberships: list[Membership]) -> Any

that returns JSON-serialisable data (dicts, lists, str, int, float, bool, None;
dates as ISO 8601 strings) about that person: their account and their memberships in
the organisations the export covers (active ones; one only when the request is limited
to an organisation). A section shows what the person may see about themselves, never
other people's private data, and never anything stored without a link to them (such
as anonymous survey answers). Sections make a bounded number of queries.

Contract for coaching (``"coaching_notes"``, a public shape: ``GET /api/v1/me/export``):
a list of objects, one per note-like text the person may see (notes, plan items,
commitments, observations...), each with at least

    {"text": str, "visibility": "private" | "coach_and_seller" | "shared_with_manager"}

plus whatever else helps (``"kind"``, ``"created_at"``, ``"author"``...). The coaching
app contributes it through MEMBER_PROVIDERS below.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from salescoach.organisations.models import Membership, MembershipStatus
from salescoach.privacy.models import AuditAction, AuditOutcome
from salescoach.privacy.services import RecordedRefusal, audit_export, audit_record, int_id_or_none

if TYPE_CHECKING:
    from salescoach.accounts.models import User
    from salescoach.organisations.models import Organisation

FORMAT = "salescoach.personal-data-export"
VERSION = 1

# name in the JSON -> section function. Append; the order is the order in the file.
EXPORT_SECTIONS: dict[str, str] = {
    "account": "salescoach.accounts.export.account_section",
    "organisations": "salescoach.organisations.export.organisations_section",
    "evaluations": "salescoach.evaluations.export.evaluations_section",
    "surveys": "salescoach.surveys.export.surveys_section",
    "access_log": "salescoach.privacy.export.access_log_section",
}

# Apps whose data is kept per membership contribute a provider instead,
#     def export_member(*, member: Membership) -> dict[str, list[dict]]
# called once per membership the export covers; the lists under each key are joined
# (the coaching workspace gives "coaching_notes" and its other sections this way).
MEMBER_PROVIDERS: list[str] = [
    "salescoach.coaching.export.export_member",
    "salescoach.craft.export.export_member",
    "salescoach.programmes.export.export_member",
]

JSONEncoder = DjangoJSONEncoder


def access_log_section(*, user: User, memberships: list[Membership]) -> list[dict[str, Any]]:
    """Who accessed the person's coaching data: what their privacy page shows."""
    from salescoach.privacy.selectors import coaching_access_log, describe

    out: list[dict[str, Any]] = []
    for member in memberships:
        entries = list(coaching_access_log(viewer=member)[:1000])
        for row in describe(entries, viewer=member):
            out.append(
                {
                    "organisation": member.organisation.slug,
                    "at": row.at.isoformat(),
                    "who": row.actor_name,
                    "action": row.action,
                    "outcome": row.outcome,
                    "object_type": row.object_type,
                    "object_id": row.object_id,
                }
            )
    return out


def export_memberships(
    *, requester: User, organisation: Organisation | None = None, member_id: Any = None
) -> list[Membership]:
    """The memberships an export by ``requester`` covers.

    ``member_id`` narrows it to one of the requester's own memberships; any other id --
    someone else's, another organisation's, or none at all -- is refused the same way,
    and the refusal is on the audit record.
    """
    qs = (
        Membership.objects.filter(user=requester, status=MembershipStatus.ACTIVE)
        .select_related("organisation", "user", "team", "reports_to__user")
        .prefetch_related("role_assignments")
        .order_by("organisation__name")
    )
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    members = list(qs)
    if member_id is None or member_id == "":
        return members
    wanted = int_id_or_none(member_id)
    own = [m for m in members if m.pk == wanted]
    if not own:
        audit_record(
            action=AuditAction.EXPORT,
            object_type="organisations.membership",
            object_id=str(member_id)[:100],
            actor_user=requester,
            organisation_id=members[0].organisation_id if len(members) == 1 else None,
            outcome=AuditOutcome.DENIED,
        )
        raise RecordedRefusal(_("You can only export your own personal data."))
    return own


def personal_data_export(*, requester: User, memberships: list[Membership]) -> dict[str, Any]:
    """The requester's own data from every section, for the given memberships of theirs."""
    if any(m.user_id != requester.pk for m in memberships):
        # Callers pass what export_memberships gave them; anything else is a bug.
        raise ValidationError(_("You can only export your own personal data."))
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": timezone.now().isoformat(),
        "person": {"email": requester.email, "full_name": requester.full_name},
        "organisations_covered": [m.organisation.slug for m in memberships],
    }
    for name, path in EXPORT_SECTIONS.items():
        section: Callable[..., Any] = import_string(path)
        data[name] = section(user=requester, memberships=memberships)
    data["coaching_notes"] = []
    for path in MEMBER_PROVIDERS:
        provider: Callable[..., dict[str, list[dict[str, Any]]]] = import_string(path)
        for member in memberships:
            for key, records in provider(member=member).items():
                data.setdefault(key, []).extend(records)
    audit_export(actor_user=requester, memberships=memberships)
    return data
