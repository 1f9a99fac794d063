from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync(sender: AppConfig, **kwargs: Any) -> None:
    from salescoach.surveys.builtin import sync_builtin_templates

    sync_builtin_templates()


class SurveysConfig(AppConfig):
    name = "salescoach.surveys"
    label = "surveys"
    verbose_name = _("Pulse surveys")

    def ready(self) -> None:
        # After every migrate (and after a test database flush) the built-in templates exist.
        post_migrate.connect(_sync, sender=self, dispatch_uid="salescoach.surveys.builtin")
