"""E-mail sent through Django's mail, rendered in the recipient's language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

if TYPE_CHECKING:
    from salescoach.accounts.models import User


def language_for(user: User) -> str:
    return user.language or settings.LANGUAGE_CODE


def send_templated_mail(
    *,
    to: User,
    template: str,
    context: dict[str, Any],
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> None:
    """Render ``<template>_subject.txt``, ``.txt`` and ``.html`` and send them to one user.

    The templates are rendered in the recipient's language, whoever triggered the mail.
    """
    with translation.override(language_for(to)):
        ctx = {"recipient": to, "site_url": settings.SITE_URL, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", ctx).split())
        text = render_to_string(f"{template}.txt", ctx)
        html = render_to_string(f"{template}.html", ctx)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to.email])
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or []:
        message.attach(filename, content, mimetype)
    message.send()
