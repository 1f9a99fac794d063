"""Create a personal API token from the shell; prints only the token."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from salescoach.accounts.models import User, normalise_email
from salescoach.accounts.services import api_token_create
from salescoach.organisations.models import Organisation


class Command(BaseCommand):
    help = "Create an API token for a user and print it (only the token, on one line)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--organisation", help="Limit the token to this organisation (slug).")
        parser.add_argument("--name", default="Command line", help="A name to recognise the token by.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(email=normalise_email(options["email"])).first()
        if user is None:
            raise CommandError(f"No user with e-mail address {options['email']}.")
        organisation = None
        if options["organisation"]:
            organisation = Organisation.objects.filter(slug=options["organisation"]).first()
            if organisation is None:
                raise CommandError(f"No organisation with slug {options['organisation']}.")
        try:
            _, raw = api_token_create(user=user, name=options["name"], organisation=organisation)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(raw)
