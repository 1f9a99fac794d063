"""Privacy pages: your own access log and data export, and for the programme owner the
organisation's audit log and privacy settings."""

from __future__ import annotations

import json
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salescoach.accounts.models import User
from salescoach.coaching import services as coaching_services
from salescoach.coaching.selectors import shared_items
from salescoach.core.forms import add_service_error
from salescoach.core.http import OrgRequest, org_view
from salescoach.organisations.models import Membership
from salescoach.organisations.services import organisation_update_settings
from salescoach.privacy import erasure, policy, rules, selectors
from salescoach.privacy import matrix as visibility_matrix
from salescoach.privacy.access import access_erasure_request, access_shared_item
from salescoach.privacy.export import JSONEncoder, export_memberships, personal_data_export
from salescoach.privacy.forms import AuditFilterForm, ErasureForm, PrivacySettingsForm
from salescoach.privacy.retention import retention_overview


@org_view
def privacy_home(request: OrgRequest) -> HttpResponse:
    viewer = request.membership
    page = Paginator(selectors.coaching_access_log(viewer=viewer), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "privacy/home.html",
        {
            "page": page,
            "rows": selectors.describe(list(page.object_list), viewer=viewer),
            "is_owner": rules.can_read_audit_log(viewer),
            "section": "privacy",
        },
    )


@org_view
def audit_log(request: OrgRequest) -> HttpResponse:
    viewer = request.membership
    if not rules.can_read_audit_log(viewer):
        raise PermissionDenied(_("Only a programme owner can read the audit log."))
    filters = AuditFilterForm(request.GET or None)
    criteria = {}
    if filters.is_valid():
        criteria = {k: v or None for k, v in filters.cleaned_data.items()}
    page = Paginator(selectors.organisation_audit_log(viewer=viewer, **criteria), 50).get_page(
        request.GET.get("page")
    )
    context = {
        "filters": filters,
        "page": page,
        "rows": selectors.describe(list(page.object_list), viewer=viewer),
        "section": "privacy",
    }
    return render(request, "privacy/audit_log.html", context)


@org_view
def privacy_settings(request: OrgRequest) -> HttpResponse:
    viewer = request.membership
    if not rules.can_change_privacy_settings(viewer):
        raise PermissionDenied(_("Only a programme owner can change the organisation's settings."))
    form = PrivacySettingsForm(
        request.POST or None,
        initial={
            "min_group_size": viewer.organisation.min_group_size,
            "coaching_retention_months": viewer.organisation.coaching_retention_months,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            organisation_update_settings(
                actor=viewer,
                min_group_size=form.cleaned_data["min_group_size"],
                coaching_retention_months=form.cleaned_data["coaching_retention_months"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The privacy settings have been saved."))
            return redirect("privacy:settings", request.organisation.slug)
    return render(request, "privacy/settings.html", {"form": form, "section": "privacy"})


# --- what a seller shares with their manager -------------------------------------------------


@org_view
def sharing(request: OrgRequest) -> HttpResponse:
    """The seller's one overview of everything they share with their manager, with "stop
    sharing" on each item."""
    viewer = request.membership
    rows = shared_items(viewer=viewer)
    return render(
        request,
        "privacy/sharing.html",
        {"rows": rows, "has_manager": policy.manager_id_of(viewer) is not None, "section": "privacy"},
    )


@org_view
@require_POST
def sharing_stop(request: OrgRequest) -> HttpResponse:
    """Stop sharing one item (only the seller can: coaching.services.consent_check)."""
    viewer = request.membership
    item = access_shared_item(
        viewer=viewer, kind=request.POST.get("kind"), item_id=request.POST.get("item_id")
    )
    try:
        coaching_services.sharing_stop(actor=viewer, item=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("No longer shared: your manager cannot see it any more."))
    return redirect("privacy:sharing", request.organisation.slug)


# --- erasure of a person who leaves -----------------------------------------------------------


@org_view
def erasure_list(request: OrgRequest) -> HttpResponse:
    """Erasure requests: the programme owner asks, confirms or declines; a member sees their own."""
    viewer = request.membership
    is_owner = rules.is_programme_owner(viewer)
    form = None
    if is_owner:
        members = (
            Membership.objects.filter(organisation_id=viewer.organisation_id)
            .exclude(user__email__endswith="@" + erasure.ERASED_DOMAIN)
            .select_related("user")
            .order_by("user__full_name")
        )
        form = ErasureForm(request.POST or None, members=members)
        if request.method == "POST" and form.is_valid():
            try:
                erasure.erasure_request(actor=viewer, member_id=form.cleaned_data["member"].pk)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The erasure is asked for. Confirm it below to carry it out."))
                return redirect("privacy:erasure", request.organisation.slug)
    elif request.method == "POST":
        raise PermissionDenied(
            _("You can ask for your own erasure; only a programme owner asks for someone else's.")
        )
    requests = list(erasure.erasure_requests(viewer=viewer).order_by("-requested_at", "-id")[:200])
    return render(
        request,
        "privacy/erasure.html",
        {
            "form": form,
            "rows": [
                (r, rules.can_decide_erasure(viewer, r), rules.can_withdraw_erasure(viewer, r))
                for r in requests
            ],
            "is_owner": is_owner,
            "section": "privacy",
        },
    )


@org_view
@require_POST
def erasure_request_own(request: OrgRequest) -> HttpResponse:
    """A member asks for their own erasure; a programme owner confirms it."""
    try:
        erasure.erasure_request(actor=request.membership, member_id=request.membership.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "Your request is sent. A programme owner confirms it; then your data is erased and you can no longer log in here."
            ),
        )
    return redirect("privacy:erasure", request.organisation.slug)


@org_view
@require_POST
def erasure_decide(request: OrgRequest, erasure_id: int) -> HttpResponse:
    viewer = request.membership
    item = access_erasure_request(viewer=viewer, erasure_id=erasure_id)
    try:
        if request.POST.get("decision") == "confirm":
            erasure.erasure_confirm(actor=viewer, request=item)
            messages.success(
                request,
                _("The member has been erased: their coaching content is deleted and their name removed."),
            )
        else:
            erasure.erasure_reject(actor=viewer, request=item)
            messages.success(request, _("The erasure request has been called off."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("privacy:erasure", request.organisation.slug)


# --- retention and the visibility matrix --------------------------------------------------------


@org_view
def retention(request: OrgRequest) -> HttpResponse:
    """What is due for deletion, for the programme owner: dates, never content."""
    viewer = request.membership
    if not rules.can_view_retention(viewer):
        raise PermissionDenied(_("Only a programme owner sees what is due for deletion."))
    overview = retention_overview(viewer=viewer)
    return render(
        request,
        "privacy/retention.html",
        {
            "overview": overview,
            "due_count": overview.count("due"),
            "soon_count": overview.soon,
            "deleted_count": overview.count("deleted"),
            "section": "privacy",
        },
    )


@org_view
def matrix(request: OrgRequest) -> HttpResponse:
    """The visibility matrix as the code enforces it, for the works council (and everyone)."""
    rows = [
        (row, [row.grant(column) for column in visibility_matrix.COLUMNS]) for row in visibility_matrix.MATRIX
    ]
    used = {cell.key for _row, cells in rows for cell in cells}
    return render(
        request,
        "privacy/matrix.html",
        {
            "columns": visibility_matrix.COLUMNS,
            "rows": rows,
            "legend": [g for g in visibility_matrix.GRANTS if g.key in used],
            "months": request.organisation.coaching_retention_months,
            "min_group_size": request.organisation.min_group_size,
            "section": "privacy",
        },
    )


@login_required
def export_download(request: HttpRequest) -> HttpResponse:
    """Your personal data as a JSON file (all your organisations, or ?member=<your member id>)."""
    user = cast(User, request.user)
    # Someone else's member id is refused (403, on record) by export_memberships.
    memberships = export_memberships(requester=user, member_id=request.GET.get("member"))
    data = personal_data_export(requester=user, memberships=memberships)
    response = HttpResponse(
        json.dumps(data, cls=JSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"salescoach-export-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
