from __future__ import annotations

from django.urls import path

from salescoach.coaching import views

app_name = "coaching"

C = "o/<slug:org_slug>/coaching/"
REL = f"{C}<int:relationship_id>/"
SES = f"{C}sessions/<int:session_id>/"

urlpatterns = [
    path(C, views.overview, name="overview"),
    path(f"{C}new/", views.relationship_create, name="relationship-create"),
    path(REL, views.relationship_detail, name="relationship-detail"),
    path(f"{REL}end/", views.relationship_end, name="relationship-end"),
    path(f"{REL}agreement/", views.agreement, name="agreement"),
    path(f"{REL}agreement/edit/", views.agreement_edit, name="agreement-edit"),
    path(f"{REL}sessions/new/", views.session_create, name="session-create"),
    path(f"{REL}notes/new/", views.note_create, name="note-create"),
    path(f"{REL}plan/", views.plan, name="plan"),
    path(f"{REL}plan/new/", views.plan_item_create, name="plan-item-create"),
    path(f"{REL}proposals/new/", views.proposal_create, name="proposal-create"),
    path(f"{REL}commitments/new/", views.commitment_create, name="commitment-create"),
    path(f"{C}agreements/<int:agreement_id>/", views.agreement_version, name="agreement-version"),
    path(f"{C}agreements/<int:agreement_id>/confirm/", views.agreement_confirm, name="agreement-confirm"),
    path(f"{C}sessions/", views.session_list, name="session-list"),
    path(SES, views.session_detail, name="session-detail"),
    path(f"{SES}edit/", views.session_edit, name="session-edit"),
    path(f"{SES}cancel/", views.session_cancel, name="session-cancel"),
    path(f"{SES}no-show/", views.session_no_show, name="session-no-show"),
    path(f"{SES}agenda/", views.session_agenda, name="session-agenda"),
    path(f"{SES}prepare/", views.session_prepare, name="session-prepare"),
    path(f"{SES}outcomes/", views.session_outcomes, name="session-outcomes"),
    path(f"{SES}rate/", views.session_rate, name="session-rate"),
    path(f"{SES}calendar.ics", views.session_ics, name="session-ics"),
    path(f"{SES}ride-along/", views.observation, name="observation"),
    path(f"{SES}ride-along/self-assessment/", views.observation_self, name="observation-self"),
    path(f"{SES}ride-along/observation/", views.observation_observe, name="observation-observe"),
    path(f"{SES}ride-along/reply/", views.observation_reply, name="observation-reply"),
    path(f"{SES}ride-along/visibility/", views.observation_visibility, name="observation-visibility"),
    path(f"{C}notes/<int:note_id>/edit/", views.note_edit, name="note-edit"),
    path(f"{C}notes/<int:note_id>/delete/", views.note_delete, name="note-delete"),
    path(f"{C}notes/<int:note_id>/visibility/", views.note_visibility, name="note-visibility"),
    path(f"{C}plan-items/<int:item_id>/", views.plan_item_detail, name="plan-item-detail"),
    path(f"{C}plan-items/<int:item_id>/edit/", views.plan_item_edit, name="plan-item-edit"),
    path(f"{C}plan-items/<int:item_id>/visibility/", views.plan_item_visibility, name="plan-item-visibility"),
    path(f"{C}proposals/<int:proposal_id>/accept/", views.proposal_accept, name="proposal-accept"),
    path(f"{C}proposals/<int:proposal_id>/decline/", views.proposal_decline, name="proposal-decline"),
    path(f"{C}proposals/<int:proposal_id>/withdraw/", views.proposal_withdraw, name="proposal-withdraw"),
    path(f"{C}commitments/<int:commitment_id>/edit/", views.commitment_edit, name="commitment-edit"),
    path(f"{C}commitments/<int:commitment_id>/review/", views.commitment_review, name="commitment-review"),
    path(
        f"{C}commitments/<int:commitment_id>/visibility/",
        views.commitment_visibility,
        name="commitment-visibility",
    ),
    path(f"{C}questions/", views.questions, name="questions"),
    path(f"{C}questions/<int:question_id>/delete/", views.question_delete, name="question-delete"),
    path("calendar/", views.calendar_settings, name="calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
]
