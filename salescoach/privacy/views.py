"""Pages about a person's own data."""

from __future__ import annotations

import json
from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from salescoach.accounts.models import User
from salescoach.privacy.export import build_export


@login_required
def export_download(request: HttpRequest) -> HttpResponse:
    """The same export as GET /api/v1/me/export, as a file."""
    data = build_export(user=cast(User, request.user))
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    filename = f"salescoach-export-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
