"""Platform operators see survey templates and runs; never responses or answers (the
admin registers no such model, so anonymous answers cannot be browsed there)."""

from __future__ import annotations

from django.contrib import admin

from salescoach.surveys.models import SurveyQuestion, SurveyRun, SurveyTemplate


class QuestionInline(admin.TabularInline):
    model = SurveyQuestion
    extra = 0


@admin.register(SurveyTemplate)
class SurveyTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "key"]
    list_filter = ["organisation"]
    inlines = [QuestionInline]


@admin.register(SurveyRun)
class SurveyRunAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "team", "opens_on", "closes_on", "invited_count"]
    list_filter = ["organisation"]
    readonly_fields = ["organisation", "template", "team", "created_by", "invited_count", "created_at"]
