from __future__ import annotations

from django.urls import path

from salescoach.imports import views

app_name = "imports"

ORG = "o/<slug:org_slug>/imports/"

urlpatterns = [
    path(f"{ORG}jobs/<int:job_id>/", views.job, name="job"),
    path(f"{ORG}jobs/<int:job_id>/confirm/", views.confirm, name="confirm"),
    path(f"{ORG}<slug:kind>/", views.upload, name="upload"),
    path(f"{ORG}<slug:kind>/template.csv", views.template, name="template"),
]
