from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from salescoach.core.forms import StyledFormMixin
from salescoach.organisations.models import Membership
from salescoach.privacy.models import AuditAction, AuditOutcome


class PrivacySettingsForm(StyledFormMixin, forms.Form):
    # No minimum here on purpose: the service checks it, and records a refused value.
    min_group_size = forms.IntegerField(
        label=_("Minimum group size for aggregates"),
        help_text=_(
            "Survey results and other group figures are shown only for groups of at least this "
            "many people. Never below 3; 5 or more is advised."
        ),
        widget=forms.NumberInput(attrs={"min": 3, "max": 100}),
    )
    coaching_retention_months = forms.IntegerField(
        label=_("Months coaching content is kept after coaching ends"),
        help_text=_(
            "Notes, plans, commitments, observations and the other content of a coaching relationship "
            "are deleted this many months after the relationship ends. 24 months by default."
        ),
        widget=forms.NumberInput(attrs={"min": 1, "max": 120}),
        required=False,  # left empty: unchanged
    )


class AuditFilterForm(StyledFormMixin, forms.Form):
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("All actions")), *AuditAction.choices], required=False
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", _("All outcomes")), *AuditOutcome.choices], required=False
    )


class ErasureForm(StyledFormMixin, forms.Form):
    """A programme owner asks for the erasure of a member (the member is confirmed next)."""

    member = forms.ModelChoiceField(label=_("Member who leaves"), queryset=Membership.objects.none())

    def __init__(self, *args: Any, members: QuerySet[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["member"])
        field.queryset = members
        field.label_from_instance = lambda m: f"{m.user.full_name} ({m.user.email})"  # type: ignore[method-assign,assignment]
