"""The admin is for platform operators: people, organisations, tokens and jobs -- never
coaching content. A model only gets into the admin by being listed here on purpose."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client

from salescoach.accounts.models import User

ALLOWED_IN_ADMIN = {
    "accounts.user",
    "accounts.apitoken",
    "organisations.organisation",
    "organisations.membership",
    "organisations.team",
    "organisations.invitation",
    "imports.importjob",
    "auth.group",
    "django_tasks_database.dbtaskresult",
    # Read-only; ids and codes, never content.
    "privacy.auditentry",
    # Set-up only: never an evaluation's ratings or comments, never a survey's answers.
    "evaluations.evaluationcycle",
    "surveys.surveytemplate",
    "surveys.surveyrun",
}


def test_only_operational_models_are_in_the_admin() -> None:
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert registered <= ALLOWED_IN_ADMIN, registered - ALLOWED_IN_ADMIN


@pytest.mark.django_db
def test_admin_pages_work_for_an_operator(people) -> None:  # type: ignore[no-untyped-def]
    User.objects.create_superuser(email="operator@example.com", password="operator-pass-1", full_name="Op")
    client = Client()
    client.login(username="operator@example.com", password="operator-pass-1")
    for model in admin.site._registry:
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        assert client.get(url).status_code == 200, url
