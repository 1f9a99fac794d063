from __future__ import annotations

from django.urls import path

from salescoach.results import views

app_name = "results"

ORG = "o/<slug:org_slug>/results/"

urlpatterns = [
    path(ORG, views.dashboard, name="dashboard"),
    path(f"{ORG}export.csv", views.export_csv, name="export"),
    path(f"{ORG}me/", views.mine, name="mine"),
    path(f"{ORG}coachees/", views.coachees, name="coachees"),
    path(f"{ORG}teams/<int:team_id>/", views.team_dashboard, name="team"),
    path(f"{ORG}people/<int:member_id>/", views.person, name="person"),
    path(f"{ORG}deals/", views.deals, name="deals"),
    path(f"{ORG}deals/<int:opportunity_id>/", views.deal, name="deal"),
    path(f"{ORG}funnel/", views.funnel, name="funnel"),
    path(f"{ORG}funnel/stages/<int:stage_id>/", views.funnel_stage, name="funnel-stage"),
    path(f"{ORG}funnel/stages/<int:stage_id>/move/", views.funnel_stage_move, name="funnel-stage-move"),
    path(f"{ORG}funnel/stages/<int:stage_id>/delete/", views.funnel_stage_delete, name="funnel-stage-delete"),
    path(f"{ORG}funnel/aliases/<int:alias_id>/delete/", views.stage_alias_delete, name="stage-alias-delete"),
    path(f"{ORG}funnel/rates/<int:rate_id>/delete/", views.exchange_rate_delete, name="rate-delete"),
    path(f"{ORG}mappings/<int:mapping_id>/delete/", views.column_mapping_delete, name="mapping-delete"),
    path(f"{ORG}imports/<int:job_id>/columns/", views.import_columns, name="import-columns"),
    path(f"{ORG}imports/<int:job_id>/owners/", views.import_owners, name="import-owners"),
    path(f"{ORG}imports/<int:job_id>/stages/", views.import_stages, name="import-stages"),
]
