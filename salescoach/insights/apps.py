from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "salescoach.insights"
    label = "insights"
    verbose_name = _("Insights")

    def ready(self) -> None:
        from salescoach.insights.cache import results_changed as start_new_generation
        from salescoach.results.signals import results_changed

        def receiver(sender: object, organisation_id: int, **kwargs: object) -> None:
            start_new_generation(organisation_id)

        results_changed.connect(receiver, dispatch_uid="insights-results-changed", weak=False)
