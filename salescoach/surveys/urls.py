from __future__ import annotations

from django.urls import path

from salescoach.surveys import views

app_name = "surveys"

ORG = "o/<slug:org_slug>/surveys/"

urlpatterns = [
    path(ORG, views.survey_home, name="home"),
    path(f"{ORG}new/", views.run_create, name="run-create"),
    path(f"{ORG}results/", views.results, name="results"),
    path(f"{ORG}runs/<int:run_id>/", views.run_detail, name="run-detail"),
    path(f"{ORG}runs/<int:run_id>/close/", views.run_close, name="run-close"),
    path(f"{ORG}runs/<int:run_id>/answer/", views.respond, name="respond"),
    path(f"{ORG}templates/", views.template_list, name="template-list"),
    path(f"{ORG}templates/new/", views.template_create, name="template-create"),
    path(f"{ORG}templates/<int:template_id>/", views.template_detail, name="template-detail"),
]
