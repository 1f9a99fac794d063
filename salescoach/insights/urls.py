from __future__ import annotations

from django.urls import path

from salescoach.insights import views

app_name = "insights"

ORG = "o/<slug:org_slug>/insights/"

urlpatterns = [
    path(ORG, views.home, name="home"),
    path(f"{ORG}organisation/", views.organisation, name="organisation"),
    path(f"{ORG}organisation/export.csv", views.organisation_csv, name="organisation-csv"),
    path(f"{ORG}organisation/report.pdf", views.organisation_pdf, name="organisation-pdf"),
    path(f"{ORG}teams/<int:team_id>/", views.team, name="team"),
    path(f"{ORG}teams/<int:team_id>/export.csv", views.team_csv, name="team-csv"),
    path(f"{ORG}teams/<int:team_id>/report.pdf", views.team_pdf, name="team-pdf"),
    path(f"{ORG}timeline/<int:member_id>/", views.timeline, name="timeline"),
    path(f"{ORG}coaches/<int:member_id>/", views.coach, name="coach"),
]
