"""Pages of the coaching workspace. Thin: access (through the privacy gate), validate,
one service call, render. What a viewer sees on a page is decided by the policy."""

from __future__ import annotations

from contextlib import suppress
from datetime import timedelta
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Model, Q
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from salescoach.accounts.models import User
from salescoach.coaching import calendar, frameworks, selectors, services
from salescoach.coaching.forms import (
    AcceptForm,
    AgendaForm,
    AgreementForm,
    CommitmentEditForm,
    CommitmentForm,
    CustomQuestionForm,
    DeclineForm,
    NoteEditForm,
    NoteForm,
    ObservationForm,
    OutcomesForm,
    PlanItemEditForm,
    PlanItemForm,
    ProposalForm,
    RatingForm,
    ReasonForm,
    RelationshipForm,
    ReplyForm,
    ReviewForm,
    SessionForm,
)
from salescoach.coaching.models import (
    CalendarFeed,
    CoachingRelationship,
    CoachingSession,
    PlanLayer,
    ProposalKind,
    SessionKind,
)
from salescoach.coaching.rubric import areas_for
from salescoach.core.forms import add_service_error
from salescoach.core.http import OrgRequest, org_view
from salescoach.organisations.models import COACH_ROLES, COACHEE_ROLES, Membership, MembershipStatus, Role
from salescoach.privacy import policy
from salescoach.privacy.access import (
    access_agreement,
    access_commitment,
    access_custom_question,
    access_note,
    access_observation,
    access_plan_item,
    access_proposal,
    access_relationship,
    access_session,
)
from salescoach.privacy.services import audit_reads
from salescoach.privacy.visibility import Visibility

SECTION = "coaching"
RECENT = 6  # notes and reviewed commitments shown before "show all"


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You are not allowed to do this."))


def _next(request: OrgRequest, default: str) -> HttpResponse:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(default)


def _form_page(
    request: OrgRequest,
    form: BaseForm,
    *,
    title: str,
    cancel_url: str,
    submit: str | None = None,
    lead: str = "",
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    return render(
        request,
        "coaching/form.html",
        {
            "form": form,
            "title": title,
            "lead": lead,
            "submit_label": submit or _("Save"),
            "cancel_url": cancel_url,
            "next": request.POST.get("next") or request.GET.get("next") or "",
            "section": SECTION,
            **(context or {}),
        },
    )


def _rel_url(request: OrgRequest, relationship: CoachingRelationship) -> str:
    return reverse("coaching:relationship-detail", args=[request.organisation.slug, relationship.pk])


def _session_url(request: OrgRequest, session: CoachingSession) -> str:
    return reverse("coaching:session-detail", args=[request.organisation.slug, session.pk])


def _record_reads(request: OrgRequest, *groups: Any) -> None:
    """Put the coaching content this page shows on the access log (one INSERT, after the
    response): each object read by someone other than its author."""
    objects: list[Any] = []
    for group in groups:
        if isinstance(group, Model) or group is None:
            objects.append(group)
        else:
            objects.extend(group)
    audit_reads(viewer=request.membership, objects=objects, via="page")


def _can_share(viewer: Membership, relationship: CoachingRelationship) -> bool:
    return policy.is_seller(viewer, relationship) and policy.manager_id_of(relationship.coachee) is not None


# --- overview and relationships -------------------------------------------------------------

OVERVIEW_PAGE_SIZE = 50


@org_view
def overview(request: OrgRequest) -> HttpResponse:
    viewer = request.membership
    as_coachee = list(selectors.relationship_list(viewer=viewer, role="coachee"))
    as_coach = list(selectors.relationship_list(viewer=viewer, role="coach"))
    shown = {r.pk for r in as_coachee + as_coach}
    as_manager = [r for r in selectors.relationship_list(viewer=viewer, role="manager") if r.pk not in shown]
    shown |= {r.pk for r in as_manager}
    # The programme owner sees every other relationship too: an organisation's worth, in pages.
    others = Paginator(
        selectors.relationship_list(viewer=viewer).exclude(pk__in=shown), OVERVIEW_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    statuses = selectors.agreement_statuses([*as_coachee, *as_coach, *as_manager, *others.object_list])
    upcoming = list(
        selectors.session_list(viewer=viewer, upcoming=True).filter(policy.calendar_sessions_q(viewer))[:10]
    )
    return render(
        request,
        "coaching/overview.html",
        {
            "groups": [
                ("coachee", _("Your coaches"), as_coachee),
                ("coach", _("Your coachees"), as_coach),
                ("manager", _("Coaching in your team"), as_manager),
                ("owner", _("All coaching relationships"), others.object_list),
            ],
            "others": others,
            "statuses": statuses,
            "upcoming": upcoming,
            "can_create": viewer.has_role(Role.PROGRAMME_OWNER, Role.SALES_MANAGER),
            "section": SECTION,
        },
    )


def _coachee_choices(viewer: Membership) -> Any:
    qs = (
        Membership.objects.filter(organisation_id=viewer.organisation_id, status=MembershipStatus.ACTIVE)
        .select_related("user", "team")
        .order_by("user__full_name")
    )
    if not viewer.has_role(Role.PROGRAMME_OWNER):
        qs = qs.filter(Q(reports_to=viewer) | Q(reports_to__isnull=True, team__manager=viewer))
    return qs.filter(role_assignments__role__in=[*COACHEE_ROLES, Role.SALES_MANAGER]).distinct()


def _coach_choices(viewer: Membership) -> Any:
    return (
        Membership.objects.filter(organisation_id=viewer.organisation_id, status=MembershipStatus.ACTIVE)
        .filter(role_assignments__role__in=[*COACH_ROLES, Role.SALES_MANAGER, Role.PROGRAMME_OWNER])
        .select_related("user", "team")
        .distinct()
        .order_by("user__full_name")
    )


@org_view
def relationship_create(request: OrgRequest) -> HttpResponse:
    viewer = request.membership
    _require(viewer.has_role(Role.PROGRAMME_OWNER, Role.SALES_MANAGER))
    form = RelationshipForm(
        request.POST or None, coachees=_coachee_choices(viewer), coaches=_coach_choices(viewer)
    )
    if request.method == "POST" and form.is_valid():
        try:
            relationship = services.relationship_create(
                actor=viewer,
                coach_id=form.cleaned_data["coach"].pk,
                coachee_id=form.cleaned_data["coachee"].pk,
                started_on=form.cleaned_data["started_on"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("The coaching relationship is set up. Next: the triad agreement, confirmed by all three."),
            )
            return redirect(_rel_url(request, relationship))
    return _form_page(
        request,
        form,
        title=_("New coaching relationship"),
        lead=_("A coachee can have more than one coach, for example their manager and an external coach."),
        cancel_url=reverse("coaching:overview", args=[request.organisation.slug]),
        submit=_("Set up coaching"),
    )


@org_view
def relationship_detail(request: OrgRequest, relationship_id: int) -> HttpResponse:
    viewer = request.membership
    relationship = access_relationship(viewer=viewer, relationship_id=relationship_id)
    status = selectors.agreement_statuses([relationship])[relationship.pk]
    content = policy.is_seller_or_coach(viewer, relationship)
    is_manager = policy.is_manager(viewer, relationship)
    sessions = (
        list(selectors.session_list(viewer=viewer, relationship=relationship))
        if (content or is_manager)
        else []
    )
    now = timezone.now()
    context: dict[str, Any] = {
        "relationship": relationship,
        "agreement_status": status,
        "is_seller": policy.is_seller(viewer, relationship),
        "is_coach": policy.is_coach(viewer, relationship),
        "is_manager": is_manager,
        "content": content,
        "upcoming": [s for s in sessions if s.is_scheduled and s.ends_at >= now],
        "past": sorted(
            (s for s in sessions if not (s.is_scheduled and s.ends_at >= now)),
            key=lambda s: s.starts_at,
            reverse=True,
        ),
        "can_plan": policy.can_plan_session(viewer, relationship),
        "can_end": policy.can_end_relationship(viewer, relationship),
        "can_propose_agreement": policy.can_propose_agreement(viewer, relationship),
        "section": SECTION,
    }
    if content or is_manager:
        items = list(selectors.plan_item_list(viewer=viewer, relationship=relationship))
        all_notes = request.GET.get("notes") == "all" or not content
        all_commitments = request.GET.get("commitments") == "all" or not content
        notes = selectors.note_list(viewer=viewer, relationship=relationship, free_only=True).order_by(
            "-created_at", "-pk"
        )
        commitments = list(selectors.commitment_list(viewer=viewer, relationship=relationship))
        open_commitments = [c for c in commitments if c.is_open]
        reviewed = sorted((c for c in commitments if not c.is_open), key=lambda c: c.due_on, reverse=True)
        context.update(
            plan=selectors.plan_chains(items),
            plan_count=len(items),
            commitments=open_commitments + (reviewed if all_commitments else reviewed[:RECENT]),
            more_commitments=0 if all_commitments else max(len(reviewed) - RECENT, 0),
            notes=list(notes if all_notes else notes[: RECENT + 1]),
            all_notes=all_notes,
            proposals=list(selectors.proposal_list(viewer=viewer, relationship=relationship, open_only=True)),
            observations=list(
                selectors.observation_list(viewer=viewer).filter(session__relationship=relationship)
            ),
            ratings=selectors.ratings_for(viewer=viewer, sessions=sessions),
            note_form=NoteForm(can_share=_can_share(viewer, relationship), auto_id="note-%s"),
        )
        if not all_notes and len(context["notes"]) > RECENT:
            context["notes"] = context["notes"][:RECENT]
            context["more_notes"] = True
        _record_reads(
            request,
            items,
            context["commitments"],
            context["notes"],
            context["proposals"],
            context["observations"],
            context["ratings"].values(),
            sessions,
        )
    return render(request, "coaching/relationship_detail.html", context)


@org_view
@require_POST
def relationship_end(request: OrgRequest, relationship_id: int) -> HttpResponse:
    relationship = access_relationship(viewer=request.membership, relationship_id=relationship_id)
    try:
        services.relationship_end(actor=request.membership, relationship=relationship)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The coaching relationship has ended. Its history stays readable."))
    return redirect(_rel_url(request, relationship))


# --- triad agreements ---------------------------------------------------------------------------


@org_view
def agreement(request: OrgRequest, relationship_id: int) -> HttpResponse:
    viewer = request.membership
    relationship = access_relationship(viewer=viewer, relationship_id=relationship_id)
    versions = list(selectors.agreement_list(viewer=viewer, relationship=relationship))
    status = selectors.agreement_statuses([relationship])[relationship.pk]
    _record_reads(request, versions)
    return render(
        request,
        "coaching/agreement.html",
        {
            "relationship": relationship,
            "versions": versions,
            "current": versions[0] if versions else None,
            "agreement_status": status,
            "can_propose": policy.can_propose_agreement(viewer, relationship),
            "can_confirm": bool(versions)
            and policy.can_confirm_agreement(viewer, versions[0])
            and status.waits_for(viewer),
            "section": SECTION,
        },
    )


@org_view
def agreement_edit(request: OrgRequest, relationship_id: int) -> HttpResponse:
    viewer = request.membership
    relationship = access_relationship(viewer=viewer, relationship_id=relationship_id)
    _require(policy.can_propose_agreement(viewer, relationship))
    latest = selectors.agreement_list(viewer=viewer, relationship=relationship).first()
    _record_reads(request, latest)
    if latest is not None:
        initial = {
            "result_to_reach": latest.result_to_reach,
            "manager_role": latest.manager_role,
            "coach_role": latest.coach_role,
            "reporting": latest.reporting,
            "cadence": latest.cadence,
            "review_on": latest.review_on if latest.review_on > timezone.localdate() else None,
        }
    else:
        initial = {"review_on": timezone.localdate() + timedelta(days=91)}
    form = AgreementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_propose(actor=viewer, relationship=relationship, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The agreement is saved and confirmed by you. The others confirm it next.")
            )
            return redirect("coaching:agreement", request.organisation.slug, relationship.pk)
    return _form_page(
        request,
        form,
        title=_("Change the triad agreement") if latest else _("Write the triad agreement"),
        lead=_(
            "Seller, manager and coach agree on the result, the roles and what is reported. A change is a new version that all three confirm again."
        ),
        cancel_url=reverse("coaching:agreement", args=[request.organisation.slug, relationship.pk]),
        submit=_("Save and confirm"),
    )


@org_view
def agreement_version(request: OrgRequest, agreement_id: int) -> HttpResponse:
    viewer = request.membership
    version = access_agreement(viewer=viewer, agreement_id=agreement_id)
    _record_reads(request, version)
    return render(
        request,
        "coaching/agreement_version.html",
        {"relationship": version.relationship, "version": version, "section": SECTION},
    )


@org_view
@require_POST
def agreement_confirm(request: OrgRequest, agreement_id: int) -> HttpResponse:
    viewer = request.membership
    version = access_agreement(viewer=viewer, agreement_id=agreement_id)
    try:
        version = services.agreement_confirm(actor=viewer, agreement=version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if version.confirmed_at:
            messages.success(request, _("Confirmed. All parties have now confirmed this agreement."))
        else:
            messages.success(request, _("Thank you: your confirmation is saved."))
    return redirect("coaching:agreement", request.organisation.slug, version.relationship_id)


# --- sessions ---------------------------------------------------------------------------------------


@org_view
def session_create(request: OrgRequest, relationship_id: int) -> HttpResponse:
    viewer = request.membership
    relationship = access_relationship(viewer=viewer, relationship_id=relationship_id)
    _require(policy.can_plan_session(viewer, relationship))
    initial = {"kind": request.GET.get("kind") or SessionKind.ONE_TO_ONE}
    form = SessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.times()
        try:
            session = services.session_plan(
                actor=viewer,
                relationship=relationship,
                kind=form.cleaned_data["kind"],
                starts_at=starts_at,
                ends_at=ends_at,
                location=form.cleaned_data["location"],
                video_url=form.cleaned_data["video_url"],
                framework=form.cleaned_data["framework"] or None,
                reminder_minutes=form.reminder_minutes(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The session is planned; an invitation with a calendar file is on its way.")
            )
            return redirect(_session_url(request, session))
    return _form_page(
        request,
        form,
        title=_("Plan a session"),
        lead=_("With %(seller)s and %(coach)s.")
        % {"seller": relationship.coachee.user.full_name, "coach": relationship.coach.user.full_name},
        cancel_url=_rel_url(request, relationship),
        submit=_("Plan the session"),
    )


@org_view
def session_list(request: OrgRequest) -> HttpResponse:
    viewer = request.membership
    qs = selectors.session_list(viewer=viewer, upcoming=False).filter(policy.calendar_sessions_q(viewer))
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    upcoming = list(
        selectors.session_list(viewer=viewer, upcoming=True).filter(policy.calendar_sessions_q(viewer))[:50]
    )
    return render(
        request,
        "coaching/session_list.html",
        {"page": page, "upcoming": upcoming, "section": SECTION},
    )


@org_view
def session_detail(request: OrgRequest, session_id: int) -> HttpResponse:
    viewer = request.membership
    session = access_session(viewer=viewer, session_id=session_id)
    relationship = session.relationship
    access = policy.session_access(viewer, session)
    context: dict[str, Any] = {
        "session": session,
        "relationship": relationship,
        "access": int(access),
        "full": access == policy.SessionAccess.FULL,
        "can_see_agenda": policy.can_view_agenda(viewer, session),
        "section": SECTION,
    }
    if access == policy.SessionAccess.FULL:
        is_seller = policy.is_seller(viewer, relationship)
        is_coach = policy.is_coach(viewer, relationship)
        framework = frameworks.FRAMEWORKS.get(session.framework)
        prepared = selectors.prepared_questions(viewer=viewer, session=session)
        by_stage: list[tuple[frameworks.Stage, list[Any]]] = []
        if framework is not None:
            by_stage = [(stage, [q for q in prepared if q.stage == stage.key]) for stage in framework.stages]
        can_share = _can_share(viewer, relationship)
        context.update(
            is_seller=is_seller,
            is_coach=is_coach,
            framework=framework,
            prepared_by_stage=by_stage,
            prepared_count=len(prepared),
            to_review=list(selectors.commitments_to_review(viewer=viewer, session=session)),
            made_here=list(
                selectors.commitment_list(viewer=viewer, relationship=relationship).filter(session=session)
            ),
            proposals=list(
                selectors.proposal_list(viewer=viewer, relationship=relationship).filter(session=session)
            ),
            notes=list(selectors.note_list(viewer=viewer, session=session)),
            rating=selectors.rating_for(viewer=viewer, session=session),
            events=selectors.session_events(viewer=viewer, session=session),
            observation=selectors.observation_for(viewer=viewer, session=session),
            can_change=policy.can_change_session(viewer, session),
            can_no_show=policy.can_mark_no_show(viewer, session),
            can_agenda=policy.can_set_agenda(viewer, session),
            can_prepare=policy.can_prepare_session(viewer, session),
            can_rate=policy.can_rate_session(viewer, session),
            can_outcomes=policy.can_write_outcomes(viewer, session),
            can_plan=policy.can_write_plan(viewer, relationship),
            can_propose=policy.can_propose(viewer, relationship),
            # Several forms on one page: each gets its own element ids.
            agenda_form=AgendaForm(initial={"agenda": session.agenda}, auto_id="agenda-%s"),
            outcomes_form=OutcomesForm(initial={"outcomes": session.outcomes}, auto_id="outcomes-%s"),
            note_form=NoteForm(can_share=can_share, auto_id="note-%s"),
            commitment_form=CommitmentForm(can_share=can_share, auto_id="commitment-%s"),
            rating_form=RatingForm(auto_id="rating-%s"),
        )
        _record_reads(
            request,
            context["to_review"],
            context["made_here"],
            context["proposals"],
            context["notes"],
            context["rating"],
            context["observation"],
        )
    _record_reads(request, session)
    return render(request, "coaching/session_detail.html", context)


@org_view
def session_edit(request: OrgRequest, session_id: int) -> HttpResponse:
    viewer = request.membership
    session = access_session(viewer=viewer, session_id=session_id)
    _require(policy.can_change_session(viewer, session))
    local = timezone.localtime(session.starts_at)
    initial = {
        "day": local.date(),
        "start": local.time().replace(second=0, microsecond=0),
        "duration": session.duration_minutes,
        "location": session.location,
        "video_url": session.video_url,
        "reminder": str(session.reminder_minutes or ""),
    }
    form = SessionForm(request.POST or None, initial=initial, editing=True)
    if session.duration_minutes not in dict(form.fields["duration"].choices):  # type: ignore[attr-defined]
        form.fields["duration"].choices = [  # type: ignore[attr-defined]
            (session.duration_minutes, f"{session.duration_minutes} min"),
            *form.fields["duration"].choices,  # type: ignore[attr-defined]
        ]
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.times()
        try:
            services.session_update(
                actor=viewer,
                session=session,
                starts_at=starts_at,
                ends_at=ends_at,
                location=form.cleaned_data["location"],
                video_url=form.cleaned_data["video_url"],
                reminder_minutes=form.reminder_minutes(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The session has been changed; everyone gets an updated invitation."))
            return redirect(_session_url(request, session))
    return _form_page(
        request,
        form,
        title=_("Reschedule or change the session"),
        cancel_url=_session_url(request, session),
    )


@org_view
def session_cancel(request: OrgRequest, session_id: int) -> HttpResponse:
    viewer = request.membership
    session = access_session(viewer=viewer, session_id=session_id)
    _require(policy.can_change_session(viewer, session))
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_cancel(actor=viewer, session=session, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The session has been cancelled; everyone is told by e-mail."))
            return redirect(_session_url(request, session))
    return _form_page(
        request,
        form,
        title=_("Cancel the session"),
        cancel_url=_session_url(request, session),
        submit=_("Cancel the session"),
    )


@org_view
def session_no_show(request: OrgRequest, session_id: int) -> HttpResponse:
    viewer = request.membership
    session = access_session(viewer=viewer, session_id=session_id)
    _require(policy.can_mark_no_show(viewer, session))
    form = ReasonForm(request.POST or None, required=False)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_mark_no_show(actor=viewer, session=session, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The session is marked as a no-show."))
            return redirect(_session_url(request, session))
    return _form_page(
        request,
        form,
        title=_("Mark as no-show"),
        lead=_("The session did not take place because someone did not come."),
        cancel_url=_session_url(request, session),
        submit=_("Mark as no-show"),
    )


@org_view
def session_agenda(request: OrgRequest, session_id: int) -> HttpResponse:
    viewer = request.membership
    session = access_session(viewer=viewer, session_id=session_id)
    _require(policy.can_set_agenda(viewer, session))
    form = AgendaForm(request.POST or None, initial={"agenda": session.agenda})
    if request.method == "POST" and form.is_valid():
        try:
            services.session_set_agenda(actor=viewer, session=session, agenda=form.cleaned_data["agenda"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your agenda is saved."))
            return redirect(_session_url(request, session) + "#agenda")
    return _form_page(request, form, title=_("Set the agenda"), cancel_url=_session_url(request, session))


@org_view
def session_prepare(request: OrgRequest, session_id: int) -> HttpResponse:
    """The coach picks a framework and questions from its bank, and adds their own."""
    viewer = request.membership
    session = access_session(viewer=viewer, session_id=session_id)
    _require(policy.can_prepare_session(viewer, session))
    key = request.POST.get("framework") or request.GET.get("framework") or session.framework
    try:
        framework = frameworks.get_framework(key)
    except ValidationError:
        raise Http404 from None
    errors: list[str] = []
    if request.method == "POST":
        chosen: list[tuple[str, str]] = []
        for value in request.POST.getlist("question"):
            stage_key, _sep, text = value.partition("::")
            chosen.append((stage_key, text))
        own: list[tuple[str, str]] = []
        for stage in framework.stages:
            for line in request.POST.get(f"own_{stage.key}", "").splitlines():
                if line.strip():
                    own.append((stage.key, line.strip()))
        try:
            services.session_prepare(
                actor=viewer, session=session, framework=framework.key, questions=chosen + own
            )
            if request.POST.get("keep_own"):
                language = frameworks.language_code(None)
                for stage_key, text in own:
                    with suppress(ValidationError):  # already in the bank
                        services.custom_question_add(
                            actor=viewer,
                            framework=framework.key,
                            stage=stage_key,
                            text=text,
                            language=language,
                        )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Your preparation is saved."))
            return redirect(_session_url(request, session) + "#preparation")
    prepared = {(q.stage, q.text) for q in selectors.prepared_questions(viewer=viewer, session=session)}
    if session.framework != framework.key:
        prepared = set()
    bank = selectors.question_bank(viewer=viewer, framework_key=framework.key)
    stages = []
    for entry in bank:
        own_texts = [q.text for q in entry.own]
        bank_texts = entry.bank + [t for t in own_texts if t not in entry.bank]
        extra = [text for stage, text in prepared if stage == entry.stage.key and text not in bank_texts]
        stages.append(
            {
                "stage": entry.stage,
                "questions": [
                    (t, (entry.stage.key, t) in prepared, t in own_texts) for t in bank_texts + extra
                ],
            }
        )
    return render(
        request,
        "coaching/session_prepare.html",
        {
            "session": session,
            "relationship": session.relationship,
            "framework": framework,
            "frameworks": frameworks.FRAMEWORKS.values(),
            "stages": stages,
            "errors": errors,
            "section": SECTION,
        },
    )


@org_view
def session_outcomes(request: OrgRequest, session_id: int) -> HttpResponse:
    viewer = request.membership
    session = access_session(viewer=viewer, session_id=session_id)
    _require(policy.can_write_outcomes(viewer, session))
    form = OutcomesForm(request.POST or None, initial={"outcomes": session.outcomes})
    if request.method == "POST" and form.is_valid():
        try:
            services.session_set_outcomes(
                actor=viewer, session=session, outcomes=form.cleaned_data["outcomes"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The outcomes are saved."))
            return redirect(_session_url(request, session) + "#outcomes")
    return _form_page(
        request, form, title=_("Outcomes of the session"), cancel_url=_session_url(request, session)
    )


@org_view
def session_rate(request: OrgRequest, session_id: int) -> HttpResponse:
    viewer = request.membership
    session = access_session(viewer=viewer, session_id=session_id)
    _require(policy.can_rate_session(viewer, session))
    rating = selectors.rating_for(viewer=viewer, session=session)
    initial = {"useful": "yes" if rating.useful else "no", "comment": rating.comment} if rating else {}
    form = RatingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_rate(
                actor=viewer,
                session=session,
                useful=form.cleaned_data["useful"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("Thank you for your rating; your coach sees it, your manager does not.")
            )
            return redirect(_session_url(request, session) + "#rating")
    return _form_page(request, form, title=_("Rate this session"), cancel_url=_session_url(request, session))


@org_view
def session_ics(request: OrgRequest, session_id: int) -> HttpResponse:
    viewer = request.membership
    session = access_session(viewer=viewer, session_id=session_id)
    if policy.session_access(viewer, session) < policy.SessionAccess.PARTICIPANT:
        raise Http404
    _record_reads(request, session)
    response = HttpResponse(calendar.session_ics(session), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{calendar.session_filename(session)}"'
    return response


# --- ride-alongs ---------------------------------------------------------------------------------------


@org_view
def observation(request: OrgRequest, session_id: int) -> HttpResponse:
    viewer = request.membership
    item = access_observation(viewer=viewer, session_id=session_id)
    session = item.session
    areas = areas_for(item.rubric)
    context: dict[str, Any] = {
        "session": session,
        "relationship": session.relationship,
        "observation": item,
        "rows": selectors.observation_rows(viewer=viewer, observation=item),
        "is_seller": policy.is_seller(viewer, session.relationship),
        "is_coach": policy.is_coach(viewer, session.relationship),
        "can_self_assess": policy.can_self_assess(viewer, item),
        "can_observe": policy.can_observe(viewer, item),
        "can_reply": policy.can_reply_to_observation(viewer, item),
        "can_share": policy.can_share_item(viewer, item),
        "can_unshare": policy.can_unshare_item(viewer, item),
        "see_self": policy.can_see_self_assessment(viewer, item),
        "see_coach": policy.can_see_coach_observation(viewer, item),
        "section": SECTION,
    }
    _record_reads(request, item)
    if context["can_self_assess"]:
        context["self_form"] = ObservationForm(
            areas=areas, with_appointment=True, initial=_entry_initial(item, "self")
        )
    if context["can_observe"]:
        context["coach_form"] = ObservationForm(areas=areas, initial=_entry_initial(item, "coach"))
    if context["can_reply"]:
        context["reply_form"] = ReplyForm(
            initial={"reply": item.seller_reply, "acknowledge": bool(item.acknowledged_at)}
        )
    return render(request, "coaching/observation.html", context)


def _entry_initial(item: Any, perspective: str) -> dict[str, Any]:
    initial: dict[str, Any] = {"appointment": item.appointment}
    for entry in item.entries.all():
        if entry.perspective == perspective:
            initial[f"score_{entry.area}"] = str(entry.score or "")
            initial[f"comment_{entry.area}"] = entry.comment
    return initial


def _observation_url(request: OrgRequest, session_id: int) -> str:
    return reverse("coaching:observation", args=[request.organisation.slug, session_id])


@org_view
def observation_self(request: OrgRequest, session_id: int) -> HttpResponse:
    viewer = request.membership
    item = access_observation(viewer=viewer, session_id=session_id)
    _require(policy.can_self_assess(viewer, item))
    form = ObservationForm(
        request.POST or None,
        areas=areas_for(item.rubric),
        with_appointment=True,
        initial=_entry_initial(item, "self"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.observation_self_assess(
                actor=viewer,
                observation=item,
                entries=form.entries(),
                appointment=form.cleaned_data.get("appointment"),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("Your self-assessment is saved. Your coach can now write their observation.")
            )
            return redirect(_observation_url(request, session_id))
    return render(
        request,
        "coaching/observation_form.html",
        {"form": form, "session": item.session, "title": _("Your self-assessment"), "section": SECTION},
    )


@org_view
def observation_observe(request: OrgRequest, session_id: int) -> HttpResponse:
    viewer = request.membership
    item = access_observation(viewer=viewer, session_id=session_id)
    _require(policy.can_observe(viewer, item))
    form = ObservationForm(
        request.POST or None, areas=areas_for(item.rubric), initial=_entry_initial(item, "coach")
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.observation_record(actor=viewer, observation=item, entries=form.entries())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("Your observation is saved; the seller now sees it next to their own.")
            )
            return redirect(_observation_url(request, session_id))
    return render(
        request,
        "coaching/observation_form.html",
        {
            "form": form,
            "session": item.session,
            "title": _("Your observation"),
            "section": SECTION,
            "coach_writes": True,  # the ask-don't-tell assistant helps with the feedback
        },
    )


@org_view
def observation_reply(request: OrgRequest, session_id: int) -> HttpResponse:
    viewer = request.membership
    item = access_observation(viewer=viewer, session_id=session_id)
    _require(policy.can_reply_to_observation(viewer, item))
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.observation_reply(
                actor=viewer,
                observation=item,
                reply=form.cleaned_data["reply"],
                acknowledge=form.cleaned_data["acknowledge"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your reply is saved."))
            return redirect(_observation_url(request, session_id))
    return _form_page(
        request, form, title=_("Reply to the observation"), cancel_url=_observation_url(request, session_id)
    )


@org_view
@require_POST
def observation_visibility(request: OrgRequest, session_id: int) -> HttpResponse:
    item = access_observation(viewer=request.membership, session_id=session_id)
    return _set_visibility(request, item, _observation_url(request, session_id))


# --- notes ----------------------------------------------------------------------------------------------


def _set_visibility(request: OrgRequest, item: Any, back: str) -> HttpResponse:
    try:
        updated = services.item_set_visibility(
            actor=request.membership, item=item, visibility=request.POST.get("visibility", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if updated.visibility == Visibility.SHARED_WITH_MANAGER:
            messages.success(request, _("Shared with your manager. You can stop sharing at any moment."))
        elif item.visibility == Visibility.SHARED_WITH_MANAGER:
            messages.success(request, _("No longer shared: your manager cannot see it any more."))
        else:
            messages.success(request, _("Who can read it has been changed."))
    return _next(request, back)


@org_view
def note_create(request: OrgRequest, relationship_id: int) -> HttpResponse:
    viewer = request.membership
    relationship = access_relationship(viewer=viewer, relationship_id=relationship_id)
    _require(policy.can_write_note(viewer, relationship))
    target: dict[str, Any] = {}
    source = request.POST if request.method == "POST" else request.GET
    if source.get("session"):
        target["session"] = access_session(viewer=viewer, session_id=source["session"])
    if source.get("plan_item"):
        target["plan_item"] = access_plan_item(viewer=viewer, item_id=source["plan_item"])
    if source.get("commitment"):
        target["commitment"] = access_commitment(viewer=viewer, commitment_id=source["commitment"])
    form = NoteForm(request.POST or None, can_share=_can_share(viewer, relationship))
    if request.method == "POST" and form.is_valid():
        try:
            services.note_create(actor=viewer, relationship=relationship, **form.cleaned_data, **target)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The note is saved."))
            return _next(request, _rel_url(request, relationship) + "#notes")
    return _form_page(
        request,
        form,
        title=_("New note"),
        cancel_url=_rel_url(request, relationship),
        context={"hidden": {k: v.pk for k, v in target.items()}},
    )


@org_view
def note_edit(request: OrgRequest, note_id: int) -> HttpResponse:
    viewer = request.membership
    note = access_note(viewer=viewer, note_id=note_id)
    _require(policy.can_edit_item(viewer, note))
    _record_reads(request, note)
    form = NoteEditForm(request.POST or None, initial={"text": note.text})
    back = _session_url(request, note.session) if note.session else _rel_url(request, note.relationship)
    if request.method == "POST" and form.is_valid():
        try:
            services.note_update(actor=viewer, note=note, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The note is saved."))
            return _next(request, back)
    return _form_page(request, form, title=_("Change the note"), cancel_url=back)


@org_view
@require_POST
def note_delete(request: OrgRequest, note_id: int) -> HttpResponse:
    viewer = request.membership
    note = access_note(viewer=viewer, note_id=note_id)
    back = _session_url(request, note.session) if note.session else _rel_url(request, note.relationship)
    services.note_delete(actor=viewer, note=note)
    messages.success(request, _("The note has been deleted."))
    return _next(request, back)


@org_view
@require_POST
def note_visibility(request: OrgRequest, note_id: int) -> HttpResponse:
    note = access_note(viewer=request.membership, note_id=note_id)
    back = _session_url(request, note.session) if note.session else _rel_url(request, note.relationship)
    return _set_visibility(request, note, back)


# --- development plan and proposals ------------------------------------------------------------------------


def _plan_url(request: OrgRequest, relationship: CoachingRelationship) -> str:
    return reverse("coaching:plan", args=[request.organisation.slug, relationship.pk])


@org_view
def plan(request: OrgRequest, relationship_id: int) -> HttpResponse:
    viewer = request.membership
    relationship = access_relationship(viewer=viewer, relationship_id=relationship_id)
    if not (policy.is_seller_or_coach(viewer, relationship) or policy.is_manager(viewer, relationship)):
        raise Http404
    items = list(selectors.plan_item_list(viewer=viewer, relationship=relationship))
    visible_items = selectors.plan_item_list(viewer=viewer, relationship=relationship)
    can_write = policy.can_write_plan(viewer, relationship)
    can_propose = policy.can_propose(viewer, relationship)
    proposals = list(selectors.proposal_list(viewer=viewer, relationship=relationship))
    _record_reads(request, items, proposals)
    return render(
        request,
        "coaching/plan.html",
        {
            "relationship": relationship,
            "chain": selectors.plan_chains(items),
            "items": items,
            "proposals": proposals,
            "can_write": can_write,
            "can_propose": can_propose,
            "is_seller": policy.is_seller(viewer, relationship),
            "form": PlanItemForm(items=visible_items, can_share=_can_share(viewer, relationship))
            if can_write
            else None,
            "proposal_form": ProposalForm(items=visible_items) if can_propose else None,
            "section": SECTION,
        },
    )


@org_view
def plan_item_create(request: OrgRequest, relationship_id: int) -> HttpResponse:
    viewer = request.membership
    relationship = access_relationship(viewer=viewer, relationship_id=relationship_id)
    _require(policy.can_write_plan(viewer, relationship))
    items = selectors.plan_item_list(viewer=viewer, relationship=relationship)
    form = PlanItemForm(
        request.POST or None,
        items=items,
        can_share=_can_share(viewer, relationship),
        initial={"layer": request.GET.get("layer") or PlanLayer.PITFALL},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_item_create(
                actor=viewer,
                relationship=relationship,
                layer=data["layer"],
                text=data["text"],
                follows_from_id=data["follows_from"].pk if data["follows_from"] else None,
                visibility=data["visibility"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Added to your development plan."))
            return redirect(_plan_url(request, relationship))
    return _form_page(
        request, form, title=_("Add to your development plan"), cancel_url=_plan_url(request, relationship)
    )


@org_view
def plan_item_detail(request: OrgRequest, item_id: int) -> HttpResponse:
    viewer = request.membership
    item = access_plan_item(viewer=viewer, item_id=item_id)
    relationship = item.relationship
    can_comment = policy.can_write_note(viewer, relationship)
    history = selectors.plan_item_history(viewer=viewer, item=item)
    comments = list(selectors.note_list(viewer=viewer, plan_item=item))
    leads_to = list(
        selectors.plan_item_list(viewer=viewer, relationship=relationship).filter(follows_from=item)
    )
    follows_from = (
        selectors.plan_item_list(viewer=viewer).filter(pk=item.follows_from_id).first()
        if item.follows_from_id
        else None
    )
    _record_reads(request, item, history, comments, leads_to, follows_from)
    return render(
        request,
        "coaching/plan_item_detail.html",
        {
            "relationship": relationship,
            "item": item,
            "history": history,
            "comments": comments,
            "leads_to": leads_to,
            "follows_from": follows_from,
            "can_edit": policy.can_edit_item(viewer, item),
            "can_share": policy.can_share_item(viewer, item),
            "can_unshare": policy.can_unshare_item(viewer, item),
            "can_privacy": policy.can_change_privacy(viewer, item),
            "note_form": NoteForm(can_share=_can_share(viewer, relationship)) if can_comment else None,
            "section": SECTION,
        },
    )


@org_view
def plan_item_edit(request: OrgRequest, item_id: int) -> HttpResponse:
    viewer = request.membership
    item = access_plan_item(viewer=viewer, item_id=item_id)
    _require(policy.can_edit_item(viewer, item))
    items = selectors.plan_item_list(viewer=viewer, relationship=item.relationship).exclude(pk=item.pk)
    _record_reads(request, item, items)
    form = PlanItemEditForm(
        request.POST or None,
        items=items,
        initial={"text": item.text, "status": item.status, "follows_from": item.follows_from_id},
    )
    back = reverse("coaching:plan-item-detail", args=[request.organisation.slug, item.pk])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_item_update(
                actor=viewer,
                item=item,
                text=data["text"],
                status=data["status"],
                follows_from_id=data["follows_from"].pk if data["follows_from"] else None,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Saved. The earlier version stays in the history."))
            return redirect(back)
    return _form_page(request, form, title=_("Change a plan item"), cancel_url=back)


@org_view
@require_POST
def plan_item_visibility(request: OrgRequest, item_id: int) -> HttpResponse:
    item = access_plan_item(viewer=request.membership, item_id=item_id)
    return _set_visibility(
        request, item, reverse("coaching:plan-item-detail", args=[request.organisation.slug, item.pk])
    )


@org_view
def proposal_create(request: OrgRequest, relationship_id: int) -> HttpResponse:
    viewer = request.membership
    relationship = access_relationship(viewer=viewer, relationship_id=relationship_id)
    _require(policy.can_propose(viewer, relationship))
    session = None
    source = request.POST if request.method == "POST" else request.GET
    if source.get("session"):
        session = access_session(viewer=viewer, session_id=source["session"])
    items = selectors.plan_item_list(viewer=viewer, relationship=relationship)
    _record_reads(request, items)
    form = ProposalForm(
        request.POST or None, items=items, initial={"kind": request.GET.get("kind") or "plan_item"}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.proposal_create(
                actor=viewer,
                relationship=relationship,
                kind=data["kind"],
                text=data["text"],
                rationale=data["rationale"],
                layer=data["layer"],
                follows_from_id=data["follows_from"].pk if data["follows_from"] else None,
                due_on=data["due_on"],
                session=session,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("Your proposal is on the table; the seller decides whether to take it on.")
            )
            return _next(request, _plan_url(request, relationship))
    return _form_page(
        request,
        form,
        title=_("Propose"),
        lead=_("The seller chooses: a proposal becomes part of their plan only when they accept it."),
        cancel_url=_plan_url(request, relationship),
        submit=_("Propose"),
        context={"hidden": {"session": session.pk} if session else {}},
    )


@org_view
def proposal_accept(request: OrgRequest, proposal_id: int) -> HttpResponse:
    viewer = request.membership
    proposal = access_proposal(viewer=viewer, proposal_id=proposal_id)
    _require(policy.can_decide_proposal(viewer, proposal))
    _record_reads(request, proposal)
    form = AcceptForm(
        request.POST or None,
        can_share=_can_share(viewer, proposal.relationship),
        commitment=proposal.kind == ProposalKind.COMMITMENT,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_accept(
                actor=viewer,
                proposal=proposal,
                due_on=form.cleaned_data.get("due_on"),
                visibility=form.cleaned_data["visibility"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Accepted: it is now part of your own plan."))
            return _next(request, _plan_url(request, proposal.relationship))
    return _form_page(
        request,
        form,
        title=_("Accept the proposal"),
        lead=proposal.text,
        cancel_url=_plan_url(request, proposal.relationship),
        submit=_("Accept"),
    )


@org_view
def proposal_decline(request: OrgRequest, proposal_id: int) -> HttpResponse:
    viewer = request.membership
    proposal = access_proposal(viewer=viewer, proposal_id=proposal_id)
    _require(policy.can_decide_proposal(viewer, proposal))
    _record_reads(request, proposal)
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_decline(actor=viewer, proposal=proposal, comment=form.cleaned_data["comment"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Declined. It is your choice."))
            return _next(request, _plan_url(request, proposal.relationship))
    return _form_page(
        request,
        form,
        title=_("Decline the proposal"),
        lead=proposal.text,
        cancel_url=_plan_url(request, proposal.relationship),
        submit=_("Decline"),
    )


@org_view
@require_POST
def proposal_withdraw(request: OrgRequest, proposal_id: int) -> HttpResponse:
    viewer = request.membership
    proposal = access_proposal(viewer=viewer, proposal_id=proposal_id)
    try:
        services.proposal_withdraw(actor=viewer, proposal=proposal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The proposal has been withdrawn."))
    return _next(request, _plan_url(request, proposal.relationship))


# --- commitments ----------------------------------------------------------------------------------------------


@org_view
def commitment_create(request: OrgRequest, relationship_id: int) -> HttpResponse:
    viewer = request.membership
    relationship = access_relationship(viewer=viewer, relationship_id=relationship_id)
    _require(policy.can_write_plan(viewer, relationship))
    session = None
    source = request.POST if request.method == "POST" else request.GET
    if source.get("session"):
        session = access_session(viewer=viewer, session_id=source["session"])
    form = CommitmentForm(request.POST or None, can_share=_can_share(viewer, relationship))
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_create(
                actor=viewer, relationship=relationship, session=session, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your commitment is saved; you review it in your next session."))
            return _next(request, _rel_url(request, relationship) + "#commitments")
    return _form_page(
        request,
        form,
        title=_("New commitment"),
        lead=_("What you choose to do, and by when."),
        cancel_url=_rel_url(request, relationship),
        context={"hidden": {"session": session.pk} if session else {}},
    )


@org_view
def commitment_edit(request: OrgRequest, commitment_id: int) -> HttpResponse:
    viewer = request.membership
    commitment = access_commitment(viewer=viewer, commitment_id=commitment_id)
    _require(policy.can_edit_item(viewer, commitment) and commitment.is_open)
    form = CommitmentEditForm(
        request.POST or None, initial={"text": commitment.text, "due_on": commitment.due_on}
    )
    back = _rel_url(request, commitment.relationship) + "#commitments"
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_update(actor=viewer, commitment=commitment, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your commitment is saved."))
            return _next(request, back)
    return _form_page(request, form, title=_("Change your commitment"), cancel_url=back)


@org_view
def commitment_review(request: OrgRequest, commitment_id: int) -> HttpResponse:
    viewer = request.membership
    commitment = access_commitment(viewer=viewer, commitment_id=commitment_id)
    _require(policy.can_review_commitment(viewer, commitment))
    session = None
    source = request.POST if request.method == "POST" else request.GET
    if source.get("session"):
        session = access_session(viewer=viewer, session_id=source["session"])
    initial = (
        {"status": commitment.status, "reflection": commitment.reflection} if not commitment.is_open else {}
    )
    form = ReviewForm(request.POST or None, initial=initial)
    back = _session_url(request, session) if session else _rel_url(request, commitment.relationship)
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_review(
                actor=viewer, commitment=commitment, session=session, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your review is saved."))
            return _next(request, back)
    return _form_page(
        request,
        form,
        title=_("Look back on your commitment"),
        lead=commitment.text,
        cancel_url=back,
        context={"hidden": {"session": session.pk} if session else {}},
    )


@org_view
@require_POST
def commitment_visibility(request: OrgRequest, commitment_id: int) -> HttpResponse:
    commitment = access_commitment(viewer=request.membership, commitment_id=commitment_id)
    return _set_visibility(request, commitment, _rel_url(request, commitment.relationship) + "#commitments")


# --- the coach's question bank ------------------------------------------------------------------------------------


@org_view
def questions(request: OrgRequest) -> HttpResponse:
    viewer = request.membership
    _require(policy.can_keep_question_bank(viewer))
    key = request.POST.get("framework") or request.GET.get("framework") or frameworks.DEFAULT_FRAMEWORK
    try:
        framework = frameworks.get_framework(key)
    except ValidationError:
        raise Http404 from None
    form = CustomQuestionForm(
        request.POST or None, framework=framework, initial={"language": frameworks.language_code(None)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.custom_question_add(actor=viewer, framework=framework.key, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your question is added to your bank."))
            return redirect(
                reverse("coaching:questions", args=[request.organisation.slug])
                + f"?framework={framework.key}"
            )
    own = list(selectors.custom_question_list(viewer=viewer, framework=framework.key))
    return render(
        request,
        "coaching/questions.html",
        {
            "framework": framework,
            "frameworks": frameworks.FRAMEWORKS.values(),
            "stages": [(stage, [q for q in own if q.stage == stage.key]) for stage in framework.stages],
            "form": form,
            "section": "questions",
        },
    )


@org_view
@require_POST
def question_delete(request: OrgRequest, question_id: int) -> HttpResponse:
    viewer = request.membership
    question = access_custom_question(viewer=viewer, question_id=question_id)
    services.custom_question_delete(actor=viewer, question=question)
    messages.success(request, _("The question has been removed from your bank."))
    return redirect(
        reverse("coaching:questions", args=[request.organisation.slug]) + f"?framework={question.framework}"
    )


# --- calendar -------------------------------------------------------------------------------------------------------


@login_required
def calendar_settings(request: HttpRequest) -> HttpResponse:
    """The personal calendar feed: create (or replace) its secret address, or switch it off."""
    user = cast(User, request.user)
    new_url = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.calendar_feed_revoke(user=user)
            messages.success(
                request, _("Your calendar feed is switched off; the old address no longer works.")
            )
            return redirect("coaching:calendar")
        _feed, raw = services.calendar_feed_create(user=user)
        new_url = request.build_absolute_uri(reverse("coaching:calendar-feed", args=[raw]))
    active = CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()
    return render(request, "coaching/calendar.html", {"feed": active, "new_url": new_url})


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The secret feed address: no login, the address itself is the key."""
    feed = services.calendar_feed_authenticate(raw=token)
    if feed is None:
        raise Http404
    user = feed.user
    now = timezone.now()
    sessions: list[CoachingSession] = []
    for member in Membership.objects.filter(user=user, status=MembershipStatus.ACTIVE).select_related(
        "organisation"
    ):
        found = list(
            selectors.calendar_session_list(
                member=member, since=now - timedelta(days=90), until=now + timedelta(days=400)
            )
        )
        # The manager's triad sessions are read on the seller's behalf; the log says so.
        audit_reads(viewer=member, objects=found, via="calendar")
        sessions.extend(found)
    content = calendar.calendar_bytes(
        sorted(sessions, key=lambda s: s.starts_at),
        name=_("SalesCoach sessions"),
        language=user.language or None,
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "no-store, private"
    return response
