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
