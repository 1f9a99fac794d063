from __future__ import annotations

from datetime import timedelta
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from salescoach.core.forms import StyledFormMixin
from salescoach.organisations.models import Membership, Team
from salescoach.surveys.builtin import LIKERT_LABELS
from salescoach.surveys.models import LIKERT_MAX, LIKERT_MIN, QuestionKind, SurveyRun, SurveyTemplate


class DateInput(forms.DateInput):
    input_type = "date"


class TemplateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: SurveyTemplate) -> str:
        return obj.display_name


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return obj.user.full_name


class RunForm(StyledFormMixin, forms.Form):
    template = TemplateChoiceField(label=_("Survey"), queryset=SurveyTemplate.objects.none())
    title = forms.CharField(
        label=_("Title"), max_length=150, required=False, help_text=_("Leave empty to use the survey's name.")
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False)
    members = PersonChoiceField(
        label=_("Or these people"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Choose a team or people, not both."),
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput)
    closes_on = forms.DateField(label=_("Closes on"), widget=DateInput)

    def __init__(
        self,
        *args: Any,
        templates: QuerySet[SurveyTemplate],
        teams: QuerySet[Team],
        members: QuerySet[Membership],
        **kwargs: Any,
    ) -> None:
        today = timezone.localdate()
        kwargs.setdefault("initial", {"opens_on": today, "closes_on": today + timedelta(days=14)})
        super().__init__(*args, **kwargs)
        cast(TemplateChoiceField, self.fields["template"]).queryset = templates
        cast(forms.ModelChoiceField, self.fields["team"]).queryset = teams
        cast(PersonChoiceField, self.fields["members"]).queryset = members


class TemplateForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    statements = forms.CharField(
        label=_("Statements"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line. Each is answered from “strongly disagree” (1) to “strongly agree” (5)."),
    )
    open_question = forms.CharField(
        label=_("Open question (optional)"),
        required=False,
        max_length=300,
        help_text=_("Answering it is optional. Open answers are shown only with the group's results."),
    )

    def questions(self) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = [
            {"kind": QuestionKind.LIKERT, "text": line.strip(), "required": True}
            for line in self.cleaned_data["statements"].splitlines()
            if line.strip()
        ]
        if self.cleaned_data["open_question"].strip():
            items.append(
                {"kind": QuestionKind.TEXT, "text": self.cleaned_data["open_question"], "required": False}
            )
        return items


def likert_choices() -> list[tuple[str, str]]:
    return [
        (str(v), f"{v} · {gettext(label)}")
        for v, label in zip(range(LIKERT_MIN, LIKERT_MAX + 1), LIKERT_LABELS, strict=True)
    ]


class ResponseForm(StyledFormMixin, forms.Form):
    """The questions of a run; field names are q<question id>."""

    def __init__(self, *args: Any, run: SurveyRun, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(run.template.questions.all())
        for question in self.questions:
            name = f"q{question.pk}"
            if question.is_likert:
                self.fields[name] = forms.ChoiceField(
                    label=question.display_text,
                    choices=likert_choices(),
                    widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                    required=question.required,
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.display_text,
                    required=question.required,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
                    help_text=_("Optional. Avoid names or details that would show who wrote it."),
                )

    def answers(self) -> dict[int, Any]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}


class ResultsFilterForm(StyledFormMixin, forms.Form):
    template = TemplateChoiceField(label=_("Survey"), queryset=SurveyTemplate.objects.none())
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, empty_label=_("All teams")
    )
    closes_from = forms.DateField(label=_("Closed from"), required=False, widget=DateInput)
    closes_until = forms.DateField(label=_("Closed until"), required=False, widget=DateInput)

    def __init__(
        self, *args: Any, templates: QuerySet[SurveyTemplate], teams: QuerySet[Team], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(TemplateChoiceField, self.fields["template"]).queryset = templates
        cast(forms.ModelChoiceField, self.fields["team"]).queryset = teams
