from __future__ import annotations

from django_tasks import task

from salescoach.imports.services import import_job_execute


@task()
def run_import_job(job_id: int, dry_run: bool) -> None:
    import_job_execute(job_id=job_id, dry_run=dry_run)
