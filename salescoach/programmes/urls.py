from __future__ import annotations

from django.urls import path

from salescoach.programmes import views

app_name = "programmes"

ORG = "o/<slug:org_slug>/programmes/"

urlpatterns = [
    path(f"{ORG}", views.programme_list, name="list"),
    path(f"{ORG}advisor/", views.advisor, name="advisor"),
    path(f"{ORG}new/", views.programme_create, name="create"),
    path(f"{ORG}digest/", views.digest_toggle, name="digest"),
    path(f"{ORG}<int:programme_id>/", views.programme_detail, name="detail"),
    path(f"{ORG}<int:programme_id>/edit/", views.programme_edit, name="edit"),
    path(f"{ORG}<int:programme_id>/evidence/<slug:kind>/", views.evidence, name="evidence"),
    path(f"{ORG}<int:programme_id>/incentives.csv", views.incentives_csv, name="incentives-csv"),
]
