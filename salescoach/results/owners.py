"""Matching a deal's owner, as the CRM writes it, to a member of the organisation: by
e-mail address, by the CRM user id stored on the member, by full name, or by an owner
someone resolved by hand before (``OwnerAlias``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from salescoach.organisations.models import Membership, MembershipStatus
from salescoach.results.models import OwnerAlias
from salescoach.results.parsing import normalise_key


@dataclass(frozen=True)
class OwnerMatch:
    member_id: int | None
    problem: str = ""  # why there is no match, for the user
    unmatched: bool = False  # no member found (to be resolved), as opposed to not allowed


def owner_key(value: str) -> str:
    return normalise_key(value)[:255]


class OwnerMatcher:
    """Loaded once per import (one query for the members, one for the aliases); every
    distinct owner value is matched once and remembered."""

    def __init__(self, organisation_id: int, allowed_ids: set[int] | None) -> None:
        self.allowed_ids = allowed_ids
        self.by_email: dict[str, int] = {}
        self.by_crm_id: dict[str, int] = {}
        self.by_crm_id15: dict[str, int] = {}
        self.by_name: dict[str, int | None] = {}  # None: more than one member has the name
        self.names: dict[int, str] = {}
        # Members who left still own their old deals; on a shared name the active member wins.
        members = (
            Membership.objects.filter(organisation_id=organisation_id)
            .values_list("pk", "user__email", "user__full_name", "crm_user_id", "status")
            .order_by("pk")
        )
        named: dict[str, list[tuple[int, bool]]] = {}
        for pk, email, full_name, crm_user_id, status in members:
            self.names[pk] = full_name or email
            self.by_email[email.lower()] = pk
            if crm_user_id:
                self.by_crm_id[crm_user_id] = pk
                # Salesforce ids come in a 15-character (case-sensitive) and an 18-character
                # form; the first 15 characters are the same.
                if len(crm_user_id) in (15, 18):
                    self.by_crm_id15[crm_user_id[:15]] = pk
            if full_name:
                named.setdefault(normalise_key(full_name), []).append(
                    (pk, status != MembershipStatus.DEACTIVATED)
                )
        for key, candidates in named.items():
            active = [pk for pk, is_active in candidates if is_active]
            pool = active or [pk for pk, _is_active in candidates]
            self.by_name[key] = pool[0] if len(pool) == 1 else None
        self.by_alias = dict(
            OwnerAlias.objects.filter(organisation_id=organisation_id).values_list("key", "member_id")
        )
        self._cache: dict[str, OwnerMatch] = {}

    def match(self, value: str) -> OwnerMatch:
        found = self._cache.get(value)
        if found is None:
            found = self._cache[value] = self._match(value)
        return found

    def _match(self, value: str) -> OwnerMatch:
        member_id = self._find(value)
        if member_id is None:
            key = normalise_key(value)
            if self.by_name.get(key, 0) is None:
                return OwnerMatch(
                    None,
                    _(
                        "More than one member is called “%(value)s”. Match the owner to a member in the next step."
                    )
                    % {"value": value},
                    unmatched=True,
                )
            return OwnerMatch(
                None,
                _(
                    "The owner “%(value)s” is not a member of this organisation (by e-mail address, CRM "
                    "user id or name). Match them to a member in the next step, or add them first."
                )
                % {"value": value},
                unmatched=True,
            )
        if self.allowed_ids is not None and member_id not in self.allowed_ids:
            return OwnerMatch(
                None,
                _("%(name)s is not one of the people you manage; you can import results only for them.")
                % {"name": self.names.get(member_id, value)},
            )
        return OwnerMatch(member_id)

    def _find(self, value: str) -> int | None:
        alias = self.by_alias.get(owner_key(value))
        if alias is not None:
            return alias
        if "@" in value:
            member_id = self.by_email.get(value.strip().lower())
            if member_id is not None:
                return member_id
        member_id = self.by_crm_id.get(value.strip())
        if member_id is None and len(value.strip()) in (15, 18):
            member_id = self.by_crm_id15.get(value.strip()[:15])
        if member_id is not None:
            return member_id
        return self.by_name.get(normalise_key(value)) or None
