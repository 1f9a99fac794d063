from __future__ import annotations

from django.urls import path

from salescoach.craft import views

app_name = "craft"

ORG = "o/<slug:org_slug>/"

urlpatterns = [
    path(f"{ORG}coaching-style/practice/", views.practice, name="practice"),
    path(f"{ORG}coaching-style/analyse/", views.analyse, name="analyse"),
    path(f"{ORG}coaching-style/trend/", views.trend, name="trend"),
    path(f"{ORG}coaching-style/overview/", views.overview, name="overview"),
    path(f"{ORG}intake/", views.intake_home, name="intake"),
    path(f"{ORG}intake/new/", views.intake_take, name="intake-take"),
    path(f"{ORG}intake/<int:intake_id>/", views.intake_detail, name="intake-detail"),
]
