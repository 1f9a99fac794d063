from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from salescoach.core.forms import StyledFormMixin
from salescoach.organisations.models import Membership, Team
from salescoach.results.models import FunnelStage, StageKind
from salescoach.results.periods import (
    Period,
    add_months,
    month_of,
    parse_period,
    quarter_of,
    year_of,
)


def period_choices(today: date) -> list[tuple[str, list[tuple[str, str]]]]:
    """Recent and coming periods to choose from: quarters, months and years."""
    this_quarter = quarter_of(today)
    quarters = [Period(add_months(this_quarter.start, 3 * i), "quarter") for i in range(1, -8, -1)]
    this_month = month_of(today)
    months = [Period(add_months(this_month.start, i), "month") for i in range(2, -13, -1)]
    this_year = year_of(today)
    years = [Period(date(this_year.start.year - i, 1, 1), "year") for i in range(0, 3)]
    return [
        (str(_("Quarters")), [(p.key, p.label) for p in quarters]),
        (str(_("Months")), [(p.key, p.label) for p in months]),
        (str(_("Years")), [(p.key, p.label) for p in years]),
    ]


class QuickSelect(forms.Select):
    """A select rendered in Python rather than with a template per option: a programme
    owner's team filter can have hundreds of teams."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group, options, _index in widget["optgroups"]:
            html = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((o["value"], " selected" if o["selected"] else "", o["label"]) for o in options),
            )
            groups.append(
                (format_html('<optgroup label="{}">{}</optgroup>', group, html) if group else html,)
            )
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            format_html_join("", "{}", groups),
        )


def _person_label(member: Membership) -> str:
    return member.user.full_name or member.user.email


class PeriodField(forms.ChoiceField):
    def valid_value(self, value: Any) -> bool:
        # Any well-formed period is fine, also one that is not in the list.
        return parse_period(str(value)) is not None


class DashboardFilterForm(StyledFormMixin, forms.Form):
    period = PeriodField(label=_("Period"), required=False, widget=QuickSelect)
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("All teams"),
        widget=QuickSelect,
    )

    def __init__(self, *args: Any, today: date, teams: QuerySet[Team] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["period"]).choices = period_choices(today)
        self.fields["period"].widget.attrs["data-autosubmit"] = "1"
        if teams is None:
            del self.fields["team"]
        else:
            field = cast(forms.ModelChoiceField, self.fields["team"])
            field.queryset = teams.select_related(None).only("pk", "name")
            field.widget.attrs["data-autosubmit"] = "1"


class DealFilterForm(StyledFormMixin, forms.Form):
    period = PeriodField(label=_("Period"), required=False, widget=QuickSelect)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Open, won and lost")), *StageKind.choices]
    )
    stage = forms.ModelChoiceField(
        label=_("Stage"),
        queryset=FunnelStage.objects.none(),
        required=False,
        empty_label=_("All stages"),
        widget=QuickSelect,
    )
    owner = forms.ModelChoiceField(
        label=_("Owner"),
        queryset=Membership.objects.none(),
        required=False,
        empty_label=_("Everyone"),
        widget=QuickSelect,
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(
        self,
        *args: Any,
        today: date,
        stages: QuerySet[FunnelStage],
        owners: QuerySet[Membership],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["period"]).choices = [
            ("", _("Any close date")),
            *period_choices(today),
        ]
        cast(forms.ModelChoiceField, self.fields["stage"]).queryset = stages
        owner_field = cast(forms.ModelChoiceField, self.fields["owner"])
        owner_field.queryset = owners
        owner_field.label_from_instance = _person_label  # type: ignore[method-assign,assignment]


class FunnelStageForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=StageKind.choices,
        help_text=_("Open stages make up the pipeline; deals in a won or lost stage are closed."),
    )
    probability = forms.IntegerField(
        label=_("Default probability (%)"),
        min_value=0,
        max_value=100,
        help_text=_("Used for the weighted forecast when a deal has no probability of its own."),
    )


class StageAliasForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Stage name in your CRM"), max_length=255)
    stage = forms.ModelChoiceField(label=_("Stage in the funnel"), queryset=FunnelStage.objects.none())

    def __init__(self, *args: Any, stages: QuerySet[FunnelStage], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["stage"]).queryset = stages


class CurrencyForm(StyledFormMixin, forms.Form):
    currency = forms.CharField(
        label=_("Reporting currency"),
        max_length=3,
        help_text=_("Three letters, such as EUR. Dashboards show every amount in this currency."),
    )


class ExchangeRateForm(StyledFormMixin, forms.Form):
    currency = forms.CharField(label=_("Currency"), max_length=3)
    rate = forms.DecimalField(
        label=_("Value of one unit in the reporting currency"), max_digits=18, decimal_places=8, min_value=0
    )


class ColumnMappingForm(StyledFormMixin, forms.Form):
    """One choice per field: which heading of the file holds it."""

    def __init__(
        self,
        *args: Any,
        fields: Sequence[tuple[str, Any]],
        required: set[str],
        headers: Sequence[str],
        initial_mapping: dict[str, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("— not in the file —")), *[(h, h) for h in headers if h]]
        for name, label in fields:
            self.fields[name] = forms.ChoiceField(
                label=label, choices=choices, required=name in required, initial=initial_mapping.get(name, "")
            )
            self.fields[name].widget.attrs["class"] = "form-select"


class ResolveForm(StyledFormMixin, forms.Form):
    """One choice per unresolved value (an owner or a stage as the CRM writes it)."""

    def __init__(
        self,
        *args: Any,
        values: Sequence[tuple[str, int]],
        queryset: QuerySet[Any],
        label_from: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.values: list[str] = []
        for index, (value, count) in enumerate(values):
            field = forms.ModelChoiceField(
                label=value,
                queryset=queryset,
                required=False,
                empty_label=_("— leave for now —"),
                help_text=_("On %(count)d row(s).") % {"count": count},
            )
            if label_from is not None:
                field.label_from_instance = label_from  # type: ignore[method-assign]
            field.widget.attrs["class"] = "form-select"
            self.fields[f"value_{index}"] = field
            self.values.append(value)

    def choices(self) -> list[tuple[str, Any]]:
        return [
            (value, self.cleaned_data[f"value_{index}"])
            for index, value in enumerate(self.values)
            if self.cleaned_data.get(f"value_{index}") is not None
        ]
