from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from salescoach.accounts.views import set_language
from salescoach.api.api import api

admin.site.site_header = "SalesCoach platform administration"
admin.site.site_title = "SalesCoach admin"

urlpatterns = [
    path("", include("salescoach.core.urls")),
    path("", include("salescoach.organisations.urls")),
    path("", include("salescoach.imports.urls")),
    path("", include("salescoach.programmes.urls")),
    path("", include("salescoach.craft.urls")),
    path("", include("salescoach.coaching.urls")),
    path("", include("salescoach.privacy.urls")),
    path("", include("salescoach.evaluations.urls")),
    path("", include("salescoach.surveys.urls")),
    path("", include("salescoach.results.urls")),
    path("", include("salescoach.insights.urls")),
    path("accounts/", include("salescoach.accounts.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler500 = "salescoach.core.views.server_error"
