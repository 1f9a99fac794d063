from __future__ import annotations

from django.urls import path

from salescoach.privacy import views

app_name = "privacy"

ORG = "o/<slug:org_slug>/privacy/"

urlpatterns = [
    path(ORG, views.privacy_home, name="home"),
    path(f"{ORG}audit/", views.audit_log, name="audit"),
    path(f"{ORG}settings/", views.privacy_settings, name="settings"),
    path(f"{ORG}sharing/", views.sharing, name="sharing"),
    path(f"{ORG}sharing/stop/", views.sharing_stop, name="sharing-stop"),
    path(f"{ORG}retention/", views.retention, name="retention"),
    path(f"{ORG}matrix/", views.matrix, name="matrix"),
    path(f"{ORG}erasure/", views.erasure_list, name="erasure"),
    path(f"{ORG}erasure/mine/", views.erasure_request_own, name="erasure-own"),
    path(f"{ORG}erasure/<int:erasure_id>/", views.erasure_decide, name="erasure-decide"),
    path("privacy/export/", views.export_download, name="export"),
]
