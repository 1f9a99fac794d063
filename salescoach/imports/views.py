"""Upload a file, see what it would change, then confirm: the same flow for every import."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salescoach.core.forms import add_service_error
from salescoach.core.http import OrgRequest, org_view
from salescoach.core.throttle import RateLimited
from salescoach.imports import selectors, services
from salescoach.imports.forms import ImportForm
from salescoach.imports.registry import get_importer
from salescoach.imports.results import ImportResult
from salescoach.privacy.access import access_import_job


@org_view
def upload(request: OrgRequest, kind: str) -> HttpResponse:
    importer = get_importer(kind, request.membership)
    form = ImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            job = services.import_job_create(
                actor=request.membership, importer=importer, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        except RateLimited as error:
            form.add_error(None, str(error))
            status = 429
        else:
            return redirect("imports:job", request.organisation.slug, job.pk)
    return render(
        request,
        "imports/upload.html",
        {
            "importer": importer,
            "form": form,
            "jobs": selectors.import_job_list(viewer=request.membership, kind=kind)[:10],
        },
        status=status,
    )


@org_view
def template(request: OrgRequest, kind: str) -> HttpResponse:
    importer = get_importer(kind, request.membership)
    filename, rows = import_string(importer.template_path)()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # lets Excel recognise UTF-8
    writer = csv.writer(response)
    writer.writerows(rows)
    return response


@org_view
def job(request: OrgRequest, job_id: int) -> HttpResponse:
    import_job = access_import_job(viewer=request.membership, job_id=job_id)
    importer = get_importer(import_job.kind, request.membership)
    preview = ImportResult.from_dict(import_job.preview) if import_job.preview else None
    context = {
        "job": import_job,
        "importer": importer,
        "preview": preview,
        "result": ImportResult.from_dict(import_job.result) if import_job.result else None,
        "followups": importer.followups(import_job) if preview is not None and not preview.ok else [],
    }
    if request.htmx:
        return render(request, "imports/partials/job_status.html", context)
    return render(request, "imports/job.html", context)


@org_view
@require_POST
def confirm(request: OrgRequest, job_id: int) -> HttpResponse:
    import_job = access_import_job(viewer=request.membership, job_id=job_id)
    try:
        services.import_job_confirm(actor=request.membership, job=import_job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.info(request, _("The import has started."))
    return redirect("imports:job", request.organisation.slug, import_job.pk)
