from __future__ import annotations

from django.contrib import admin

from salescoach.organisations.models import Invitation, Membership, Organisation, RoleAssignment, Team


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "min_group_size", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "status", "team", "job_title"]
    list_filter = ["organisation", "status"]
    search_fields = ["user__email", "user__full_name"]
    raw_id_fields = ["user", "team", "reports_to"]
    list_select_related = ["user", "organisation", "team"]
    inlines = [RoleInline]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "manager"]
    list_filter = ["organisation"]
    raw_id_fields = ["manager"]
    list_select_related = ["organisation", "manager__user"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["membership", "status", "sent_at", "expires_at", "send_count"]
    list_filter = ["status"]
    raw_id_fields = ["membership", "invited_by"]
    exclude = ["nonce"]
