from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from salescoach.accounts import throttle
from salescoach.accounts.models import User, normalise_email
from salescoach.core.forms import StyledFormMixin
from salescoach.organisations.models import (
    Invitation,
    InvitationStatus,
    Membership,
    MembershipStatus,
    Organisation,
)


class LoginForm(StyledFormMixin, AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _("The e-mail address or password is not correct."),
        "inactive": _("This account is not active."),
        "blocked": _(
            "Too many failed attempts. Wait a quarter of an hour and try again, or reset your password."
        ),
        "deactivated": _(
            "Your access has been ended by your organisation. "
            "Ask your programme owner if you think this is a mistake."
        ),
    }

    def clean(self) -> dict[str, Any]:
        email = normalise_email(self.cleaned_data.get("username") or "")
        self.cleaned_data["username"] = email
        address = throttle.client_address(self.request) if self.request else ""
        if email and throttle.is_blocked(email, address):
            raise ValidationError(self.error_messages["blocked"], code="blocked")
        try:
            cleaned = super().clean()
        except ValidationError as error:
            if email and error.code == "invalid_login":
                throttle.record_failure(email, address)
            raise
        throttle.clear_account(email)
        return cleaned

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if user.is_staff:
            return
        has_access = Membership.objects.filter(user=user, status=MembershipStatus.ACTIVE).exists()
        has_invitation = Invitation.objects.filter(
            membership__user=user, status=InvitationStatus.PENDING
        ).exists()
        if not has_access and not has_invitation:
            raise ValidationError(self.error_messages["deactivated"], code="deactivated")


class StyledPasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    pass


class StyledSetPasswordForm(StyledFormMixin, SetPasswordForm):
    pass


class LocalisedPasswordResetForm(StyledFormMixin, PasswordResetForm):
    """Sends the reset e-mail in the recipient's own language."""

    def send_mail(self, *args: Any, **kwargs: Any) -> None:
        context = args[2] if len(args) > 2 else kwargs["context"]
        user: User = context["user"]
        with translation.override(user.language or settings.LANGUAGE_CODE):
            super().send_mail(*args, **kwargs)


class ProfileForm(StyledFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        help_text=_("Pages and e-mails use this language."),
    )


class TokenForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("For example the script or integration that uses it."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Limit to organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("All my organisations"),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["organisation"])
        field.queryset = Organisation.objects.filter(
            memberships__user=user, memberships__status=MembershipStatus.ACTIVE
        ).order_by("name")
