"""The vocabulary of who may see a piece of coaching content.

Only the words live here; what each word allows is decided in ``policy.py``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    # Part of the public API and export (CONTRACTS.md): never rename these values.
    PRIVATE = "private", _("Private: only the author")
    COACH_AND_SELLER = "coach_and_seller", _("Coach and seller")
    SHARED_WITH_MANAGER = "shared_with_manager", _("Shared with the manager")
