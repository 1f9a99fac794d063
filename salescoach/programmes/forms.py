from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from salescoach.core.forms import StyledFormMixin
from salescoach.programmes.advisor import (
    DEFAULT_CADENCE_HOURS,
    MODEL_LABELS,
    CoachingModel,
    Experience,
    NonSales,
    TeamAnswers,
    Trust,
)

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class AdvisorForm(StyledFormMixin, forms.Form):
    team_size = forms.IntegerField(
        label=_("How many people does the manager lead (span of control)?"), min_value=1, max_value=500
    )
    manager_hours_per_month = forms.DecimalField(
        label=_("How many hours a month can the manager give to coaching?"),
        min_value=0,
        max_value=200,
        decimal_places=1,
    )
    manager_trained = forms.ChoiceField(
        label=_("Has the manager had coaching training?"), choices=YES_NO, widget=forms.RadioSelect
    )
    senior_sellers_willing = forms.IntegerField(
        label=_("How many senior sellers are willing and suitable to coach?"), min_value=0, max_value=500
    )
    budget_internal_coach = forms.ChoiceField(
        label=_("Is there budget for an internal coach?"), choices=YES_NO, widget=forms.RadioSelect
    )
    budget_external_coach = forms.ChoiceField(
        label=_("Is there budget for an external coach?"), choices=YES_NO, widget=forms.RadioSelect
    )
    trust = forms.ChoiceField(
        label=_("How much do the team and management trust each other?"),
        choices=[(Trust.LOW, _("Low")), (Trust.MEDIUM, _("Medium")), (Trust.HIGH, _("High"))],
        widget=forms.RadioSelect,
    )
    experience = forms.ChoiceField(
        label=_("How experienced is the team?"),
        choices=[
            (Experience.JUNIOR, _("Mostly junior")),
            (Experience.MIXED, _("Mixed")),
            (Experience.SENIOR, _("Mostly experienced")),
        ],
        widget=forms.RadioSelect,
    )
    non_sales = forms.ChoiceField(
        label=_("Are there non-sales professionals in the team?"),
        choices=[
            (NonSales.NONE, _("None")),
            (NonSales.SOME, _("Some")),
            (NonSales.MOST, _("Most of the team")),
        ],
        widget=forms.RadioSelect,
    )
    cadence_hours = forms.DecimalField(
        label=_("Coaching hours per person per month"),
        min_value=0.5,
        max_value=20,
        decimal_places=1,
        initial=DEFAULT_CADENCE_HOURS,
        help_text=_("Research advises 3 to 5 hours per seller per month."),
    )
    intended_models = forms.MultipleChoiceField(
        label=_("Do you already have a model in mind? (optional)"),
        choices=[(m.value, MODEL_LABELS[m]) for m in CoachingModel],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def answers(self) -> TeamAnswers:
        data: dict[str, Any] = self.cleaned_data
        return TeamAnswers(
            team_size=data["team_size"],
            manager_hours_per_month=float(data["manager_hours_per_month"]),
            manager_trained=data["manager_trained"] == "yes",
            senior_sellers_willing=data["senior_sellers_willing"],
            budget_internal_coach=data["budget_internal_coach"] == "yes",
            budget_external_coach=data["budget_external_coach"] == "yes",
            trust=Trust(data["trust"]),
            experience=Experience(data["experience"]),
            non_sales=NonSales(data["non_sales"]),
            cadence_hours=float(data["cadence_hours"]),
            intended_models=tuple(CoachingModel(m) for m in data["intended_models"]),
        )


# --- programmes ------------------------------------------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def _role_choices(organisation_id: int, role: str) -> list[tuple[int, str]]:
    from salescoach.organisations.models import Membership, MembershipStatus

    return [
        (m.pk, m.user.full_name)
        for m in Membership.objects.filter(
            organisation_id=organisation_id, status=MembershipStatus.ACTIVE, role_assignments__role=role
        )
        .select_related("user")
        .order_by("user__full_name")
    ]


COACH_FIELDS = {
    "senior_sellers": "senior_seller_coaches",
    "internal_coach": "internal_coaches",
    "external_coach": "external_coaches",
}


class ProgrammeForm(StyledFormMixin, forms.Form):
    team = forms.TypedChoiceField(label=_("Team"), coerce=int)
    coaching_models = forms.MultipleChoiceField(
        label=_("Coaching models"),
        choices=[(m.value, MODEL_LABELS[m]) for m in CoachingModel],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("One model, or a combination such as the manager plus an external coach."),
    )
    senior_seller_coaches = forms.TypedMultipleChoiceField(
        label=_("Senior sellers who coach"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    internal_coaches = forms.TypedMultipleChoiceField(
        label=_("Internal coach"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    external_coaches = forms.TypedMultipleChoiceField(
        label=_("External coach"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    goals = forms.CharField(label=_("Goals"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    starts_on = forms.DateField(label=_("Start"), widget=DateInput())
    cadence_min_hours = forms.DecimalField(
        label=_("Coaching hours per person per month, at least"),
        decimal_places=1,
        help_text=_("Research advises 3 to 5 hours per seller per month."),
    )
    cadence_max_hours = forms.DecimalField(label=_("… and at most"), decimal_places=1)
    period = forms.ChoiceField(
        label=_("Review period"), choices=[("month", _("Month")), ("quarter", _("Quarter"))]
    )
    alignment_interval_days = forms.IntegerField(label=_("Manager and coach align at least every … days"))
    ride_along_target = forms.IntegerField(label=_("Ride-alongs per internal or external coach per period"))

    def __init__(self, *args: Any, viewer: Any, teams: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from salescoach.organisations.models import Role

        organisation_id = viewer.organisation_id
        if teams is None:
            del self.fields["team"]
        else:
            self.fields["team"].choices = [("", "—"), *[(t.pk, t.name) for t in teams]]  # type: ignore[attr-defined]
        self.fields["senior_seller_coaches"].choices = _role_choices(organisation_id, Role.SENIOR_SELLER)  # type: ignore[attr-defined]
        self.fields["internal_coaches"].choices = _role_choices(organisation_id, Role.INTERNAL_COACH)  # type: ignore[attr-defined]
        self.fields["external_coaches"].choices = _role_choices(organisation_id, Role.EXTERNAL_COACH)  # type: ignore[attr-defined]

    def coaches(self) -> list[tuple[int, str]]:
        data = self.cleaned_data
        return [(pk, model) for model, name in COACH_FIELDS.items() for pk in data.get(name, [])]


# --- evidence ------------------------------------------------------------------------------------------


class TrainingForm(StyledFormMixin, forms.Form):
    coach = forms.TypedChoiceField(label=_("Coach"), coerce=int)
    completed_on = forms.DateField(label=_("Completed on"), widget=DateInput())
    provider = forms.CharField(label=_("Provider"), max_length=200)


class GuidanceForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What"),
        choices=[
            ("conversation", _("Coach-the-coach conversation")),
            ("observed", _("Observed coaching session with feedback")),
        ],
        widget=forms.RadioSelect,
    )
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    feedback = forms.CharField(
        label=_("Feedback on the coaching"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("About how the manager coached; nothing about the seller or what they discussed."),
    )


class CapacityForm(StyledFormMixin, forms.Form):
    hours_available = forms.DecimalField(
        label=_("Hours a month the manager has for coaching"), decimal_places=1
    )
    tasks = forms.CharField(
        label=_("Tasks support staff could take over"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_(
            "One task per line: its name, a semicolon, and its hours a month. For example: Weekly forecast report; 4"
        ),
    )

    def task_list(self) -> list[tuple[str, str]]:
        out = []
        for line in self.cleaned_data.get("tasks", "").splitlines():
            if line.strip():
                name, _sep, hours = line.rpartition(";")
                out.append((name.strip(), hours.strip()) if name else (line.strip(), ""))
        return out


class AssessmentForm(StyledFormMixin, forms.Form):
    candidate = forms.TypedChoiceField(label=_("Senior seller"), coerce=int)
    assessed_on = forms.DateField(label=_("Assessed on"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from salescoach.programmes.rubric import CRITERIA

        for criterion in CRITERIA:
            # Not bounded here: the service says clearly when a score is outside the rubric.
            self.fields[f"score_{criterion.key}"] = forms.IntegerField(
                label=str(criterion.label),
                help_text=str(criterion.help),
                widget=forms.NumberInput(attrs={"min": 1, "max": 5, "class": "form-control"}),
            )

    def scores(self) -> dict[str, int]:
        return {k[len("score_") :]: v for k, v in self.cleaned_data.items() if k.startswith("score_")}


class IncentiveForm(StyledFormMixin, forms.Form):
    coach = forms.TypedChoiceField(label=_("Senior seller who coaches"), coerce=int)
    target_reduction_pct_per_coachee = forms.DecimalField(label=_("Target reduction per coachee (%)"))
    max_target_reduction_pct = forms.DecimalField(label=_("Largest target reduction (%)"), initial=30)
    bonus_amount = forms.DecimalField(label=_("Bonus per period"))
    bonus_share_pct = forms.DecimalField(label=_("Share of the bonus tied to the coachees' improvement (%)"))
    full_payout_improvement_pts = forms.DecimalField(
        label=_("Improvement for the full share (percentage points)"), initial=10
    )


class ActivityForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What"), choices=[("meeting", _("Team meeting")), ("activity", _("Team activity"))]
    )
    held_on = forms.DateField(label=_("Date"), widget=DateInput())
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    coaches_present = forms.TypedMultipleChoiceField(
        label=_("Coaches present"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )


class AlignmentForm(StyledFormMixin, forms.Form):
    coach = forms.TypedChoiceField(label=_("Coach"), coerce=int)
    held_on = forms.DateField(label=_("Date"), widget=DateInput())


class IntroductionForm(StyledFormMixin, forms.Form):
    coach = forms.TypedChoiceField(label=_("Coach"), coerce=int)
    introduced_on = forms.DateField(label=_("Introduced to the team and management on"), widget=DateInput())
