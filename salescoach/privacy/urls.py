from __future__ import annotations

from django.urls import path

from salescoach.privacy import views

app_name = "privacy"

urlpatterns = [
    path("me/export/", views.export_download, name="export"),
]
