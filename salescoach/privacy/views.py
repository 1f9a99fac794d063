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
from salescoach.organisations.services import organisation_update_settings
from salescoach.privacy import policy, rules, selectors
from salescoach.privacy.access import access_shared_item
from salescoach.privacy.export import JSONEncoder, export_memberships, personal_data_export
from salescoach.privacy.forms import AuditFilterForm, PrivacySettingsForm


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
        request.POST or None, initial={"min_group_size": viewer.organisation.min_group_size}
    )
    if request.method == "POST" and form.is_valid():
        try:
            organisation_update_settings(actor=viewer, min_group_size=form.cleaned_data["min_group_size"])
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
