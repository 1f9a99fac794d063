from __future__ import annotations

from django.urls import path

from salescoach.organisations import views

app_name = "organisations"

ORG = "o/<slug:org_slug>/"

urlpatterns = [
    path(f"{ORG}teams/", views.team_list, name="team-list"),
    path(f"{ORG}teams/new/", views.team_create, name="team-create"),
    path(f"{ORG}teams/<int:team_id>/", views.team_detail, name="team-detail"),
    path(f"{ORG}teams/<int:team_id>/edit/", views.team_edit, name="team-edit"),
    path(f"{ORG}people/", views.member_list, name="member-list"),
    path(f"{ORG}people/invite/", views.member_invite, name="member-invite"),
    path(f"{ORG}people/<int:member_id>/", views.member_detail, name="member-detail"),
    path(f"{ORG}people/<int:member_id>/edit/", views.member_edit, name="member-edit"),
    path(f"{ORG}people/<int:member_id>/deactivate/", views.member_deactivate, name="member-deactivate"),
    path(f"{ORG}people/<int:member_id>/reactivate/", views.member_reactivate, name="member-reactivate"),
    path(f"{ORG}invitations/", views.invitation_list, name="invitation-list"),
    path(
        f"{ORG}invitations/<int:invitation_id>/resend/",
        views.invitation_resend,
        name="invitation-resend",
    ),
    path(
        f"{ORG}invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation-revoke",
    ),
    path("invitations/<str:token>/", views.invitation_respond, name="invitation"),
]
