"""Pages for teams, people and invitations. Thin: access, validate, one service call, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salescoach.core.forms import add_service_error
from salescoach.core.http import OrgRequest, org_view
from salescoach.organisations import selectors, services
from salescoach.organisations.forms import (
    AcceptInvitationForm,
    MemberFilterForm,
    MemberForm,
    TeamForm,
)
from salescoach.privacy import rules
from salescoach.privacy.access import access_invitation, access_member, access_team


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("Only a programme owner can do this."))


# --- teams -----------------------------------------------------------------------------


@org_view
def team_list(request: OrgRequest) -> HttpResponse:
    return render(
        request,
        "organisations/team_list.html",
        {
            "teams": selectors.team_list(viewer=request.membership),
            "can_manage": rules.can_manage_people(request.membership),
            "section": "teams",
        },
    )


@org_view
def team_detail(request: OrgRequest, team_id: int) -> HttpResponse:
    team = access_team(viewer=request.membership, team_id=team_id)
    members = selectors.member_list(viewer=request.membership, team_id=team.pk)
    return render(
        request,
        "organisations/team_detail.html",
        {
            "team": team,
            "members": members,
            "can_manage": rules.can_manage_people(request.membership),
            "section": "teams",
        },
    )


@org_view
def team_create(request: OrgRequest) -> HttpResponse:
    _require(rules.can_manage_people(request.membership))
    form = TeamForm(request.POST or None, viewer=request.membership)
    if request.method == "POST" and form.is_valid():
        try:
            team = services.team_create(
                actor=request.membership,
                name=form.cleaned_data["name"],
                manager_id=form.cleaned_data["manager"].pk,
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The team “%(name)s” has been created.") % {"name": team.name})
            return redirect("organisations:team-detail", request.organisation.slug, team.pk)
    return render(request, "organisations/team_form.html", {"form": form, "team": None, "section": "teams"})


@org_view
def team_edit(request: OrgRequest, team_id: int) -> HttpResponse:
    team = access_team(viewer=request.membership, team_id=team_id)
    _require(rules.can_manage_people(request.membership))
    initial = {"name": team.name, "manager": team.manager_id, "description": team.description}
    form = TeamForm(request.POST or None, viewer=request.membership, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_update(
                actor=request.membership,
                team=team,
                name=form.cleaned_data["name"],
                manager_id=form.cleaned_data["manager"].pk,
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The team has been saved."))
            return redirect("organisations:team-detail", request.organisation.slug, team.pk)
    return render(request, "organisations/team_form.html", {"form": form, "team": team, "section": "teams"})


# --- people ----------------------------------------------------------------------------


@org_view
def member_list(request: OrgRequest) -> HttpResponse:
    viewer = request.membership
    filters = MemberFilterForm(request.GET or None, teams=selectors.team_list(viewer=viewer))
    criteria: dict[str, Any] = {}
    if filters.is_valid():
        data = filters.cleaned_data
        criteria = {
            "search": data["q"] or None,
            "team_id": data["team"].pk if data["team"] else None,
            "role": data["role"] or None,
            "status": data["status"] or None,
        }
    page = Paginator(selectors.member_list(viewer=viewer, **criteria), 50).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "page": page,
        "can_manage": rules.can_manage_people(viewer),
        "section": "people",
    }
    if request.htmx:
        return render(request, "organisations/partials/member_rows.html", context)
    return render(request, "organisations/member_list.html", context)


@org_view
def member_detail(request: OrgRequest, member_id: int) -> HttpResponse:
    member = access_member(viewer=request.membership, member_id=member_id)
    can_manage = rules.can_manage_people(request.membership)
    invitations = member.invitations.order_by("-sent_at") if can_manage else []
    return render(
        request,
        "organisations/member_detail.html",
        {"member": member, "can_manage": can_manage, "invitations": invitations, "section": "people"},
    )


@org_view
def member_invite(request: OrgRequest) -> HttpResponse:
    _require(rules.can_manage_people(request.membership))
    form = MemberForm(request.POST or None, viewer=request.membership, invite=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            member = services.member_invite(
                actor=request.membership,
                email=data["email"],
                full_name=data["full_name"],
                roles=data["roles"],
                team_id=data["team"].pk if data["team"] else None,
                reports_to_id=data["reports_to"].pk if data["reports_to"] else None,
                job_title=data["job_title"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("An invitation has been sent to %(email)s.") % {"email": member.user.email}
            )
            return redirect("organisations:member-detail", request.organisation.slug, member.pk)
    return render(
        request, "organisations/member_form.html", {"form": form, "member": None, "section": "people"}
    )


@org_view
def member_edit(request: OrgRequest, member_id: int) -> HttpResponse:
    member = access_member(viewer=request.membership, member_id=member_id)
    _require(rules.can_manage_people(request.membership))
    initial = {
        "roles": sorted(member.roles),
        "team": member.team_id,
        "reports_to": member.reports_to_id,
        "job_title": member.job_title,
        "crm_user_id": member.crm_user_id,
    }
    form = MemberForm(request.POST or None, viewer=request.membership, invite=False, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.member_update(
                actor=request.membership,
                member=member,
                roles=data["roles"],
                team_id=data["team"].pk if data["team"] else None,
                reports_to_id=data["reports_to"].pk if data["reports_to"] else None,
                job_title=data["job_title"],
                crm_user_id=data["crm_user_id"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("organisations:member-detail", request.organisation.slug, member.pk)
    return render(
        request,
        "organisations/member_form.html",
        {"form": form, "member": member, "section": "people"},
    )


def _member_action(request: OrgRequest, member_id: int, action: str) -> HttpResponse:
    member = access_member(viewer=request.membership, member_id=member_id)
    _require(rules.can_manage_people(request.membership))
    try:
        if action == "deactivate":
            services.member_deactivate(actor=request.membership, member=member)
            messages.success(
                request,
                _("%(name)s has been deactivated; their sessions and API tokens have ended.")
                % {"name": member.user.full_name},
            )
        else:
            services.member_reactivate(actor=request.membership, member=member)
            messages.success(request, _("%(name)s has been reactivated.") % {"name": member.user.full_name})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("organisations:member-detail", request.organisation.slug, member.pk)


@org_view
@require_POST
def member_deactivate(request: OrgRequest, member_id: int) -> HttpResponse:
    return _member_action(request, member_id, "deactivate")


@org_view
@require_POST
def member_reactivate(request: OrgRequest, member_id: int) -> HttpResponse:
    return _member_action(request, member_id, "reactivate")


# --- invitations -----------------------------------------------------------------------


@org_view
def invitation_list(request: OrgRequest) -> HttpResponse:
    _require(rules.can_manage_people(request.membership))
    page = Paginator(selectors.invitation_list(viewer=request.membership), 50).get_page(
        request.GET.get("page")
    )
    return render(request, "organisations/invitation_list.html", {"page": page, "section": "people"})


def _invitation_action(request: OrgRequest, invitation_id: int, action: str) -> HttpResponse:
    invitation = access_invitation(viewer=request.membership, invitation_id=invitation_id)
    try:
        if action == "resend":
            services.invitation_resend(actor=request.membership, invitation=invitation)
            messages.success(request, _("The invitation has been sent again."))
        else:
            services.invitation_revoke(actor=request.membership, invitation=invitation)
            messages.success(request, _("The invitation has been withdrawn."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("organisations:invitation-list", request.organisation.slug)


@org_view
@require_POST
def invitation_resend(request: OrgRequest, invitation_id: int) -> HttpResponse:
    return _invitation_action(request, invitation_id, "resend")


@org_view
@require_POST
def invitation_revoke(request: OrgRequest, invitation_id: int) -> HttpResponse:
    return _invitation_action(request, invitation_id, "revoke")


def invitation_respond(request: HttpRequest, token: str) -> HttpResponse:
    """The page behind the link in an invitation e-mail: accept or decline."""
    try:
        invitation = services.invitation_from_token(token)
    except ValidationError as error:
        return render(
            request, "organisations/invitation_invalid.html", {"error": " ".join(error.messages)}, status=410
        )
    invitee = invitation.membership.user
    needs_password = not invitee.has_usable_password()
    form = AcceptInvitationForm(
        request.POST if request.POST.get("action") == "accept" else None,
        user=invitee,
        initial={"full_name": invitee.full_name},
    )
    if request.method == "POST":
        if request.POST.get("action") == "decline":
            services.invitation_decline(invitation=invitation)
            return render(request, "organisations/invitation_declined.html", {"invitation": invitation})
        if not needs_password or form.is_valid():
            try:
                member = services.invitation_accept(
                    invitation=invitation,
                    user=request.user if request.user.is_authenticated else None,
                    full_name=form.cleaned_data.get("full_name") if needs_password else None,
                    password=form.cleaned_data.get("password1") if needs_password else None,
                )
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, " ".join(getattr(error, "messages", [str(error)])))
            else:
                if needs_password:
                    login(request, member.user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(
                    request,
                    _("Welcome to %(org)s.") % {"org": member.organisation.name},
                )
                return redirect("core:org-home", member.organisation.slug)
    return render(
        request,
        "organisations/invitation_respond.html",
        {
            "invitation": invitation,
            "form": form,
            "needs_password": needs_password,
            "logged_in_as_invitee": request.user.is_authenticated and request.user.pk == invitee.pk,
        },
    )
