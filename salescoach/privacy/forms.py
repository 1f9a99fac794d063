from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from salescoach.core.forms import StyledFormMixin
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


class AuditFilterForm(StyledFormMixin, forms.Form):
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("All actions")), *AuditAction.choices], required=False
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", _("All outcomes")), *AuditOutcome.choices], required=False
    )
