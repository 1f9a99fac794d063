from __future__ import annotations

from django.urls import path

from salescoach.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("o/<slug:org_slug>/", views.org_home, name="org-home"),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/live", views.liveness, name="liveness"),
]
