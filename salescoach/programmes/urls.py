from __future__ import annotations

from django.urls import path

from salescoach.programmes import views

app_name = "programmes"

ORG = "o/<slug:org_slug>/programmes/"

urlpatterns = [
    path(f"{ORG}advisor/", views.advisor, name="advisor"),
]
