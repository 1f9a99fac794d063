from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from salescoach.core.forms import StyledFormMixin
from salescoach.evaluations.models import Evaluation, EvaluationCycle, EvaluationStatus
from salescoach.organisations.models import Membership


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


def parse_criteria(text: str) -> list[dict[str, str]]:
    """One criterion per line: "Name" or "Name: what it means"."""
    criteria = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        name, _sep, description = line.partition(":")
        criteria.append({"name": name.strip(), "description": description.strip()})
    return criteria


class CycleForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120, help_text=_("For example “Annual review 2025”."))
    period_start = forms.DateField(label=_("Period from"), widget=DateInput)
    period_end = forms.DateField(label=_("Period until"), widget=DateInput)
    criteria = forms.CharField(
        label=_("Criteria"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One criterion per line; optionally a colon and what it means, e.g. “Client focus: …”."),
    )
    scale_max = forms.IntegerField(label=_("Highest rating"), min_value=2, max_value=10, initial=5)
    scale_low_label = forms.CharField(
        label=_("Meaning of the lowest rating"),
        max_length=60,
        required=False,
        initial=_("Far below expectations"),
    )
    scale_high_label = forms.CharField(
        label=_("Meaning of the highest rating"),
        max_length=60,
        required=False,
        initial=_("Far above expectations"),
    )


class ScheduleForm(StyledFormMixin, forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput)
    time = forms.TimeField(label=_("Time"), widget=TimeInput)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return obj.user.full_name


class EvaluationCreateForm(ScheduleForm):
    seller = PersonChoiceField(label=_("Seller"), queryset=Membership.objects.none())
    field_order = ["seller", "date", "time"]

    def __init__(self, *args: Any, sellers: QuerySet[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(PersonChoiceField, self.fields["seller"]).queryset = sellers


class EvaluationForm(StyledFormMixin, forms.Form):
    """The manager's form: a rating and a comment per criterion, and an overall comment."""

    overall_comment = forms.CharField(
        label=_("Overall comment"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args: Any, evaluation: Evaluation, **kwargs: Any) -> None:
        cycle: EvaluationCycle = evaluation.cycle
        ratings = {r.criterion_id: r for r in evaluation.ratings.all()}
        initial: dict[str, Any] = {"overall_comment": evaluation.overall_comment}
        for criterion in cycle.criteria.all():
            row = ratings.get(criterion.pk)
            initial[f"rating_{criterion.pk}"] = row.rating if row and row.rating else ""
            initial[f"comment_{criterion.pk}"] = row.comment if row else ""
        super().__init__(*args, initial=initial, **kwargs)
        scale = [("", _("Not rated yet")), *[(str(n), str(n)) for n in cycle.scale()]]
        overall = self.fields.pop("overall_comment")
        self.criteria = list(cycle.criteria.all())
        for criterion in self.criteria:
            self.fields[f"rating_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("Rating for “%(name)s”") % {"name": criterion.name},
                choices=scale,
                coerce=int,
                empty_value=None,
                required=False,
                help_text=criterion.description,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on “%(name)s”") % {"name": criterion.name},
                required=False,
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["overall_comment"] = overall
        # The mixin styled the fields present at its own __init__; style the new ones too.
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            if css not in field.widget.attrs.get("class", ""):
                field.widget.attrs["class"] = f"{field.widget.attrs.get('class', '')} {css}".strip()

    def ratings(self) -> dict[int, int | None]:
        return {c.pk: self.cleaned_data.get(f"rating_{c.pk}") for c in self.criteria}

    def comments(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"comment_{c.pk}", "") for c in self.criteria}


class SellerCommentForm(StyledFormMixin, forms.Form):
    seller_comment = forms.CharField(
        label=_("Your comments"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Say what you recognise and what you see differently. Your comments stay with the evaluation."
        ),
    )


class EvaluationFilterForm(StyledFormMixin, forms.Form):
    cycle = forms.TypedChoiceField(label=_("Cycle"), coerce=int, empty_value=None, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All statuses")), *EvaluationStatus.choices], required=False
    )

    def __init__(self, *args: Any, cycles: list[EvaluationCycle], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Choices from the cycles the page already loaded: no second query.
        field = cast(forms.TypedChoiceField, self.fields["cycle"])
        field.choices = [("", _("All cycles")), *[(c.pk, c.name) for c in cycles]]
