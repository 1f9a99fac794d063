"""Changes to teams, members and invitations. Each service checks the actor's right,
validates everything before writing, and runs in one transaction."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from salescoach.accounts.models import APIToken, User, normalise_email
from salescoach.core.queue import enqueue_on_commit
from salescoach.organisations.models import (
    Invitation,
    InvitationStatus,
    Membership,
    MembershipStatus,
    Organisation,
    Role,
    RoleAssignment,
    Team,
)
from salescoach.privacy import rules
from salescoach.privacy.models import AuditAction
from salescoach.privacy.services import (
    audit_member_status,
    audit_record,
    audit_refusals,
    audit_role_change,
)

INVITATION_SALT = "salescoach.organisations.invitation"
MAX_NAME = 150
# Product rule 6: aggregates only for groups of at least this many (never below 3).
MIN_GROUP_SIZE_FLOOR = 3
MIN_GROUP_SIZE_CEILING = 100
RETENTION_MONTHS_MIN, RETENTION_MONTHS_MAX = 1, 120


class _Unset:
    pass


UNSET: Any = _Unset()


def _require_people_manager(actor: Membership) -> None:
    if not rules.can_manage_people(actor):
        raise PermissionDenied(_("Only a programme owner can manage people and teams."))


# --- validation helpers (shared by the forms, the API and the import) ------------------


def clean_email(value: str, *, field: str = "email") -> str:
    email = normalise_email(value or "")
    if not email:
        raise ValidationError({field: _("Enter an e-mail address.")})
    if len(email) > 254:
        raise ValidationError({field: _("An e-mail address can be at most 254 characters.")})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {field: _("“%(value)s” is not a valid e-mail address.") % {"value": value}}
        ) from None
    return email


def clean_full_name(value: str, *, field: str = "full_name") -> str:
    name = " ".join((value or "").split())
    if not name:
        raise ValidationError({field: _("Enter a full name.")})
    if len(name) > MAX_NAME:
        raise ValidationError(
            {field: _("A full name can be at most %(max)d characters.") % {"max": MAX_NAME}}
        )
    return name


def clean_roles(values: Iterable[str], *, field: str = "roles") -> list[str]:
    roles: list[str] = []
    for value in values:
        if value not in Role.values:
            raise ValidationError({field: _("Unknown role: “%(value)s”.") % {"value": value}})
        if value not in roles:
            roles.append(value)
    if not roles:
        raise ValidationError({field: _("Choose at least one role.")})
    return roles


def clean_text(value: str | None, *, field: str, max_length: int) -> str:
    text = (value or "").strip()
    if len(text) > max_length:
        raise ValidationError({field: _("This can be at most %(max)d characters.") % {"max": max_length}})
    return text


def _team_in_org(organisation: Organisation, team_id: int | None) -> Team | None:
    if team_id is None:
        return None
    team = Team.objects.filter(organisation=organisation, pk=team_id).first()
    if team is None:
        raise ValidationError({"team": _("This team does not exist in this organisation.")})
    return team


def _member_in_org(organisation: Organisation, member_id: int | None, *, field: str) -> Membership | None:
    if member_id is None:
        return None
    member = (
        Membership.objects.filter(organisation=organisation, pk=member_id)
        .exclude(status=MembershipStatus.DEACTIVATED)
        .prefetch_related("role_assignments")
        .first()
    )
    if member is None:
        raise ValidationError({field: _("This person is not a member of this organisation.")})
    return member


def _validate_team_manager(organisation: Organisation, manager_id: int | None) -> Membership:
    if manager_id is None:
        raise ValidationError({"manager": _("A team needs a manager.")})
    manager = _member_in_org(organisation, manager_id, field="manager")
    if manager is None:
        raise ValidationError({"manager": _("A team needs a manager.")})
    if not manager.has_role(Role.SALES_MANAGER):
        raise ValidationError(
            {
                "manager": _("%(name)s does not have the sales manager role.")
                % {"name": manager.user.full_name}
            }
        )
    return manager


def _set_roles(member: Membership, roles: list[str]) -> None:
    member.role_assignments.exclude(role__in=roles).delete()
    existing = set(member.role_assignments.values_list("role", flat=True))
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(membership=member, role=r) for r in roles if r not in existing]
    )
    member.__dict__.pop("roles", None)


# --- organisations and teams -----------------------------------------------------------


@transaction.atomic
def organisation_create(*, name: str, slug: str, owner: User) -> Membership:
    """A new tenant with its first programme owner (used by operators and the demo)."""
    organisation = Organisation.objects.create(name=name, slug=slug)
    membership = Membership.objects.create(
        organisation=organisation,
        user=owner,
        status=MembershipStatus.ACTIVE,
        activated_at=timezone.now(),
    )
    _set_roles(membership, [Role.PROGRAMME_OWNER])
    return membership


def organisation_update_settings(
    *, actor: Membership, min_group_size: Any = None, coaching_retention_months: Any = None
) -> Organisation:
    """Change the organisation's privacy settings (programme owner only); None leaves a
    setting as it is.

    A refused value is on the audit record, like the change itself.
    """
    organisation = actor.organisation
    with audit_refusals(
        action=AuditAction.SETTINGS_CHANGE,
        object_type="organisations.organisation",
        object_id=organisation.pk,
        actor=actor,
    ):
        return _organisation_update_settings(
            actor=actor, min_group_size=min_group_size, coaching_retention_months=coaching_retention_months
        )


def _whole_number(value: Any, field: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: _("Enter a whole number.")}) from None


@transaction.atomic
def _organisation_update_settings(
    *, actor: Membership, min_group_size: Any, coaching_retention_months: Any
) -> Organisation:
    if not rules.can_change_privacy_settings(actor):
        raise PermissionDenied(_("Only a programme owner can change the organisation's settings."))
    changes: dict[str, int] = {}
    if min_group_size is not None:
        size = _whole_number(min_group_size, "min_group_size")
        if size < MIN_GROUP_SIZE_FLOOR:
            raise ValidationError(
                {
                    "min_group_size": _(
                        "The minimum group size cannot be below %(min)d: smaller groups would let "
                        "people recognise each other's answers."
                    )
                    % {"min": MIN_GROUP_SIZE_FLOOR}
                }
            )
        if size > MIN_GROUP_SIZE_CEILING:
            raise ValidationError(
                {
                    "min_group_size": _("The minimum group size can be at most %(max)d.")
                    % {"max": MIN_GROUP_SIZE_CEILING}
                }
            )
        changes["min_group_size"] = size
    if coaching_retention_months is not None:
        months = _whole_number(coaching_retention_months, "coaching_retention_months")
        if not RETENTION_MONTHS_MIN <= months <= RETENTION_MONTHS_MAX:
            raise ValidationError(
                {
                    "coaching_retention_months": _(
                        "Keep coaching content between %(min)d and %(max)d months after coaching ends."
                    )
                    % {"min": RETENTION_MONTHS_MIN, "max": RETENTION_MONTHS_MAX}
                }
            )
        changes["coaching_retention_months"] = months
    organisation = Organisation.objects.select_for_update().get(pk=actor.organisation_id)
    for field, value in changes.items():
        previous = getattr(organisation, field)
        if previous == value:
            continue
        setattr(organisation, field, value)
        organisation.save(update_fields=[field])
        audit_record(
            action=AuditAction.SETTINGS_CHANGE,
            object_type="organisations.organisation",
            object_id=organisation.pk,
            actor=actor,
            detail=f"{field}:{previous}={value}",
        )
    actor.organisation = organisation
    return organisation


@transaction.atomic
def team_create(*, actor: Membership, name: str, manager_id: int | None, description: str = "") -> Team:
    _require_people_manager(actor)
    organisation = actor.organisation
    name = clean_text(name, field="name", max_length=120)
    if not name:
        raise ValidationError({"name": _("Enter a team name.")})
    if Team.objects.filter(organisation=organisation, name__iexact=name).exists():
        raise ValidationError({"name": _("A team with this name already exists.")})
    manager = _validate_team_manager(organisation, manager_id)
    description = clean_text(description, field="description", max_length=2000)
    return Team.objects.create(organisation=organisation, name=name, manager=manager, description=description)


@transaction.atomic
def team_update(
    *,
    actor: Membership,
    team: Team,
    name: str | None = None,
    manager_id: Any = UNSET,
    description: str | None = None,
) -> Team:
    _require_people_manager(actor)
    organisation = actor.organisation
    if team.organisation_id != organisation.pk:
        raise PermissionDenied
    if name is not None:
        name = clean_text(name, field="name", max_length=120)
        if not name:
            raise ValidationError({"name": _("Enter a team name.")})
        clash = Team.objects.filter(organisation=organisation, name__iexact=name).exclude(pk=team.pk)
        if clash.exists():
            raise ValidationError({"name": _("A team with this name already exists.")})
        team.name = name
    if manager_id is not UNSET:
        team.manager = _validate_team_manager(organisation, manager_id)
    if description is not None:
        team.description = clean_text(description, field="description", max_length=2000)
    team.save()
    return team


# --- members ---------------------------------------------------------------------------


def build_invitation(member: Membership, invited_by: Membership | None) -> Invitation:
    """A new pending invitation for a member, not yet saved."""
    now = timezone.now()
    return Invitation(
        membership=member,
        invited_by=invited_by,
        nonce=secrets.token_hex(16),
        sent_at=now,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )


def send_invitations_after_commit(invitation_ids: list[int]) -> None:
    from salescoach.organisations.tasks import send_invitations

    if invitation_ids:
        enqueue_on_commit(send_invitations, invitation_ids)


@transaction.atomic
def member_invite(
    *,
    actor: Membership,
    email: str,
    full_name: str,
    roles: Iterable[str],
    team_id: int | None = None,
    reports_to_id: int | None = None,
    job_title: str = "",
) -> Membership:
    """Add a person to the organisation and e-mail them an invitation."""
    _require_people_manager(actor)
    organisation = actor.organisation
    email = clean_email(email)
    full_name = clean_full_name(full_name)
    role_list = clean_roles(roles)
    team = _team_in_org(organisation, team_id)
    reports_to = _member_in_org(organisation, reports_to_id, field="reports_to")
    job_title = clean_text(job_title, field="job_title", max_length=120)

    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        existing = Membership.objects.filter(organisation=organisation, user=user).first()
        if existing is not None:
            if existing.status == MembershipStatus.DEACTIVATED:
                raise ValidationError(
                    {"email": _("%(email)s was deactivated; reactivate them instead.") % {"email": email}}
                )
            raise ValidationError(
                {"email": _("%(email)s is already a member of this organisation.") % {"email": email}}
            )
    else:
        user = User.objects.create_user(email=email, full_name=full_name)

    member = Membership.objects.create(
        organisation=organisation,
        user=user,
        team=team,
        reports_to=reports_to,
        job_title=job_title,
        status=MembershipStatus.INVITED,
    )
    _set_roles(member, role_list)
    invitation = build_invitation(member, actor)
    invitation.save()
    send_invitations_after_commit([invitation.pk])
    return member


@transaction.atomic
def member_update(
    *,
    actor: Membership,
    member: Membership,
    roles: Iterable[str] | None = None,
    team_id: Any = UNSET,
    reports_to_id: Any = UNSET,
    job_title: str | None = None,
    crm_user_id: str | None = None,
) -> Membership:
    _require_people_manager(actor)
    organisation = actor.organisation
    if member.organisation_id != organisation.pk:
        raise PermissionDenied
    if team_id is not UNSET:
        member.team = _team_in_org(organisation, team_id)
    if reports_to_id is not UNSET:
        reports_to = _member_in_org(organisation, reports_to_id, field="reports_to")
        if reports_to is not None and reports_to.pk == member.pk:
            raise ValidationError({"reports_to": _("A person cannot report to themselves.")})
        member.reports_to = reports_to
    if job_title is not None:
        member.job_title = clean_text(job_title, field="job_title", max_length=120)
    if crm_user_id is not None:
        member.crm_user_id = clean_text(crm_user_id, field="crm_user_id", max_length=64)
    if roles is not None:
        role_list = clean_roles(roles)
        if Role.SALES_MANAGER not in role_list and member.managed_teams.exists():
            raise ValidationError(
                {"roles": _("This person manages a team; give the team another manager first.")}
            )
        if member.pk == actor.pk and Role.PROGRAMME_OWNER not in role_list:
            raise ValidationError({"roles": _("You cannot remove your own programme owner role.")})
        before = set(member.role_assignments.values_list("role", flat=True))
        _set_roles(member, role_list)
        audit_role_change(actor=actor, member=member, before=before, after=role_list)
    member.save()
    return member


@transaction.atomic
def member_deactivate(*, actor: Membership, member: Membership) -> Membership:
    """End the member's access at once; their history stays."""
    _require_people_manager(actor)
    if member.organisation_id != actor.organisation_id:
        raise PermissionDenied
    if member.pk == actor.pk:
        raise ValidationError(_("You cannot deactivate yourself."))
    if member.status == MembershipStatus.DEACTIVATED:
        raise ValidationError(_("This member is already deactivated."))
    now = timezone.now()
    member.status = MembershipStatus.DEACTIVATED
    member.deactivated_at = now
    member.save(update_fields=["status", "deactivated_at"])
    member.invitations.filter(status=InvitationStatus.PENDING).update(
        status=InvitationStatus.REVOKED, responded_at=now
    )
    user = member.user
    tokens = APIToken.objects.filter(user=user, revoked_at__isnull=True)
    still_member_elsewhere = (
        Membership.objects.filter(user=user, status=MembershipStatus.ACTIVE).exclude(pk=member.pk).exists()
    )
    if still_member_elsewhere:
        tokens = tokens.filter(organisation_id=member.organisation_id)
    tokens.update(revoked_at=now)
    user.end_all_sessions()
    audit_member_status(actor=actor, member=member, action=AuditAction.MEMBER_DEACTIVATE)
    return member


@transaction.atomic
def member_reactivate(*, actor: Membership, member: Membership) -> Membership:
    """Give a deactivated member access again; one who never joined gets a new invitation."""
    _require_people_manager(actor)
    if member.organisation_id != actor.organisation_id:
        raise PermissionDenied
    if member.status != MembershipStatus.DEACTIVATED:
        raise ValidationError(_("Only a deactivated member can be reactivated."))
    member.deactivated_at = None
    if member.activated_at is not None and member.user.has_usable_password():
        member.status = MembershipStatus.ACTIVE
    else:
        member.status = MembershipStatus.INVITED
        invitation = build_invitation(member, actor)
        invitation.save()
        send_invitations_after_commit([invitation.pk])
    member.save(update_fields=["status", "deactivated_at"])
    audit_member_status(actor=actor, member=member, action=AuditAction.MEMBER_REACTIVATE)
    return member


# --- invitations -----------------------------------------------------------------------


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation:
    """The pending invitation behind a link, or a ValidationError that says what is wrong."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT)
        invitation = Invitation.objects.select_related(
            "membership__user", "membership__organisation", "invited_by__user"
        ).get(pk=int(data["i"]))
    except (signing.BadSignature, Invitation.DoesNotExist, KeyError, TypeError, ValueError):
        raise ValidationError(_("This invitation link is not valid.")) from None
    if invitation.status == InvitationStatus.ACCEPTED:
        raise ValidationError(_("This invitation has already been accepted. Log in instead."))
    if invitation.status == InvitationStatus.DECLINED:
        raise ValidationError(_("This invitation was declined."))
    if invitation.status == InvitationStatus.REVOKED:
        raise ValidationError(_("This invitation has been withdrawn."))
    if not secrets.compare_digest(str(data.get("n", "")), invitation.nonce):
        raise ValidationError(_("A newer invitation has been sent; use the link in the latest e-mail."))
    if invitation.expires_at <= timezone.now():
        raise ValidationError(
            _("This invitation has expired. Ask %(org)s for a new one.")
            % {"org": invitation.membership.organisation.name}
        )
    return invitation


def _require_pending(invitation: Invitation) -> None:
    if invitation.status != InvitationStatus.PENDING:
        raise ValidationError(_("This invitation is no longer open."))


@transaction.atomic
def invitation_accept(
    *,
    invitation: Invitation,
    user: User | None,
    full_name: str | None = None,
    password: str | None = None,
) -> Membership:
    """Accept an invitation.

    A person who already has an account must be logged in as that account; a new
    person chooses their name and password here.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _require_pending(invitation)
    member = invitation.membership
    invitee = member.user
    if invitee.has_usable_password():
        if user is None or not user.is_authenticated or user.pk != invitee.pk:
            raise PermissionDenied(
                _("Log in as %(email)s to accept this invitation.") % {"email": invitee.email}
            )
    else:
        if full_name is not None:
            invitee.full_name = clean_full_name(full_name)
        if not password:
            raise ValidationError({"password": _("Choose a password.")})
        invitee.password = make_password(password)
        invitee.save(update_fields=["full_name", "password"])
    now = timezone.now()
    invitation.status = InvitationStatus.ACCEPTED
    invitation.responded_at = now
    invitation.save(update_fields=["status", "responded_at"])
    member.status = MembershipStatus.ACTIVE
    member.activated_at = member.activated_at or now
    member.save(update_fields=["status", "activated_at"])
    return member


@transaction.atomic
def invitation_decline(*, invitation: Invitation) -> None:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _require_pending(invitation)
    now = timezone.now()
    invitation.status = InvitationStatus.DECLINED
    invitation.responded_at = now
    invitation.save(update_fields=["status", "responded_at"])
    Membership.objects.filter(pk=invitation.membership_id, status=MembershipStatus.INVITED).update(
        status=MembershipStatus.DEACTIVATED, deactivated_at=now
    )


@transaction.atomic
def invitation_resend(*, actor: Membership, invitation: Invitation) -> Invitation:
    """Send the invitation again with a fresh link and expiry; older links stop working."""
    _require_people_manager(actor)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _require_pending(invitation)
    now = timezone.now()
    invitation.nonce = secrets.token_hex(16)
    invitation.sent_at = now
    invitation.expires_at = now + timedelta(days=settings.INVITATION_VALID_DAYS)
    invitation.send_count += 1
    invitation.save(update_fields=["nonce", "sent_at", "expires_at", "send_count"])
    send_invitations_after_commit([invitation.pk])
    return invitation


@transaction.atomic
def invitation_revoke(*, actor: Membership, invitation: Invitation) -> Invitation:
    _require_people_manager(actor)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _require_pending(invitation)
    now = timezone.now()
    invitation.status = InvitationStatus.REVOKED
    invitation.responded_at = now
    invitation.save(update_fields=["status", "responded_at"])
    Membership.objects.filter(pk=invitation.membership_id, status=MembershipStatus.INVITED).update(
        status=MembershipStatus.DEACTIVATED, deactivated_at=now
    )
    return invitation
