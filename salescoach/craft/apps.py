from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CraftConfig(AppConfig):
    name = "salescoach.craft"
    label = "craft"
    verbose_name = _("Coaching craft")
