from __future__ import annotations

from django.contrib import admin

from salescoach.imports.models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["kind", "organisation", "filename", "status", "rows_done", "created_at", "finished_at"]
    list_filter = ["kind", "status"]
    readonly_fields = [
        "organisation",
        "created_by",
        "kind",
        "filename",
        "status",
        "rows_done",
        "preview",
        "result",
    ]
    exclude = ["file"]
