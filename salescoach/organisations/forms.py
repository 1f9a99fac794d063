from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from salescoach.core.forms import StyledFormMixin
from salescoach.organisations.models import Membership, MembershipStatus, Role, Team


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.user.full_name} ({obj.user.email})"


def _people(viewer: Membership, *, role: str | None = None) -> QuerySet[Membership]:
    qs = (
        Membership.objects.filter(organisation_id=viewer.organisation_id)
        .exclude(status=MembershipStatus.DEACTIVATED)
        .select_related("user")
        .order_by("user__full_name")
    )
    if role:
        qs = qs.filter(role_assignments__role=role)
    return qs


class TeamForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=120)
    manager = MemberChoiceField(
        label=_("Manager"),
        queryset=Membership.objects.none(),
        help_text=_("Only people with the sales manager role can manage a team."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, viewer: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(MemberChoiceField, self.fields["manager"]).queryset = _people(viewer, role=Role.SALES_MANAGER)


class MemberForm(StyledFormMixin, forms.Form):
    """Invite a person (with e-mail and name) or change a member (without)."""

    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False)
    reports_to = MemberChoiceField(
        label=_("Reports to"),
        queryset=Membership.objects.none(),
        required=False,
        help_text=_("The line manager; for a sales manager, their own superior."),
    )
    job_title = forms.CharField(label=_("Job title"), max_length=120, required=False)
    crm_user_id = forms.CharField(
        label=_("CRM user id"),
        max_length=64,
        required=False,
        help_text=_("Used to match this person's deals when results are imported."),
    )

    def __init__(self, *args: Any, viewer: Membership, invite: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not invite:
            del self.fields["email"]
            del self.fields["full_name"]
        else:
            del self.fields["crm_user_id"]
        team_field = cast(forms.ModelChoiceField, self.fields["team"])
        team_field.queryset = Team.objects.filter(organisation_id=viewer.organisation_id)
        cast(MemberChoiceField, self.fields["reports_to"]).queryset = _people(viewer)


class MemberFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, empty_label=_("All teams")
    )
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("All roles")), *Role.choices], required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *MembershipStatus.choices],
        required=False,
    )

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["team"])
        field.queryset = teams


class AcceptInvitationForm(StyledFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Your full name"), max_length=150)
    password1 = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        from django.contrib.auth.password_validation import validate_password

        cleaned = super().clean() or {}
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif p1:
            try:
                validate_password(p1, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
