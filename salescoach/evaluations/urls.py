from __future__ import annotations

from django.urls import path

from salescoach.evaluations import views

app_name = "evaluations"

ORG = "o/<slug:org_slug>/evaluations/"
ONE = f"{ORG}<int:evaluation_id>/"
CYCLE = f"{ORG}cycles/<int:cycle_id>/"

urlpatterns = [
    path(ORG, views.evaluation_list, name="list"),
    path(f"{ORG}cycles/new/", views.cycle_create, name="cycle-create"),
    path(CYCLE, views.cycle_detail, name="cycle-detail"),
    path(f"{CYCLE}close/", views.cycle_close, name="cycle-close"),
    path(f"{CYCLE}plan/", views.evaluation_create, name="create"),
    path(ONE, views.evaluation_detail, name="detail"),
    path(f"{ONE}edit/", views.evaluation_edit, name="edit"),
    path(f"{ONE}schedule/", views.evaluation_schedule, name="schedule"),
    path(f"{ONE}share/", views.evaluation_share, name="share"),
    path(f"{ONE}reopen/", views.evaluation_reopen, name="reopen"),
    path(f"{ONE}comment/", views.evaluation_comment, name="comment"),
    path(f"{ONE}sign/", views.evaluation_sign, name="sign"),
]
