"""Platform operators see evaluation cycles only: never an evaluation's ratings or comments
(those are personal data for the seller, their manager and those the matrix names)."""

from __future__ import annotations

from django.contrib import admin

from salescoach.evaluations.models import EvaluationCycle


@admin.register(EvaluationCycle)
class EvaluationCycleAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "period_start", "period_end", "status"]
    list_filter = ["organisation", "status"]
    readonly_fields = ["organisation", "created_by", "created_at"]
