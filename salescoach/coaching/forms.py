"""Forms of the coaching pages. They check the shape of the input; the services decide
everything else (who may, what is allowed) and their errors are shown on the form."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from salescoach.coaching import frameworks
from salescoach.coaching.models import (
    MAX_AGENDA,
    MAX_NOTE,
    MAX_PLACE,
    MAX_QUESTION,
    MAX_SHORT,
    MAX_TEXT,
    MAX_URL,
    Cadence,
    CommitmentStatus,
    PlanItem,
    PlanItemStatus,
    PlanLayer,
    Reporting,
    SessionKind,
)
from salescoach.coaching.rubric import SCALE, SkillArea
from salescoach.core.forms import StyledFormMixin
from salescoach.organisations.models import Membership
from salescoach.privacy.visibility import Visibility

DURATIONS = [
    (30, _("30 minutes")),
    (45, _("45 minutes")),
    (60, _("1 hour")),
    (90, _("1½ hours")),
    (120, _("2 hours")),
    (180, _("3 hours")),
    (240, _("4 hours")),
]
REMINDERS = [
    ("", _("No reminder")),
    ("60", _("1 hour before")),
    ("120", _("2 hours before")),
    ("1440", _("1 day before")),
    ("2880", _("2 days before")),
]


def textarea(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        team = f" · {obj.team.name}" if obj.team else ""
        return f"{obj.user.full_name}{team}"


def visibility_choices(*, can_share: bool, allow_private: bool = True) -> list[tuple[str, Any]]:
    choices: list[tuple[str, Any]] = [
        (Visibility.COACH_AND_SELLER.value, _("Coach and seller")),
    ]
    if allow_private:
        choices.append((Visibility.PRIVATE.value, _("Only me (private)")))
    if can_share:
        choices.append((Visibility.SHARED_WITH_MANAGER.value, _("Coach, me and my manager (shared)")))
    return choices


class RelationshipForm(StyledFormMixin, forms.Form):
    coachee = MemberChoiceField(label=_("Coachee"), queryset=Membership.objects.none())
    coach = MemberChoiceField(
        label=_("Coach"),
        queryset=Membership.objects.none(),
        help_text=_(
            "The coachee's manager, a senior seller, an internal or an external coach. "
            "The kind of coach follows from who they are to the coachee."
        ),
    )
    started_on = forms.DateField(label=_("Start"), widget=DateInput(), required=False)

    def __init__(
        self, *args: Any, coachees: QuerySet[Membership], coaches: QuerySet[Membership], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(MemberChoiceField, self.fields["coachee"]).queryset = coachees
        cast(MemberChoiceField, self.fields["coach"]).queryset = coaches


class AgreementForm(StyledFormMixin, forms.Form):
    result_to_reach = forms.CharField(
        label=_("The result we agree to reach"),
        max_length=MAX_TEXT,
        widget=textarea(3),
        help_text=_(
            "In the seller's own words; linked to their result indicators once results are imported."
        ),
    )
    manager_role = forms.CharField(
        label=_("What the manager handles"), max_length=MAX_TEXT, widget=textarea(3)
    )
    coach_role = forms.CharField(label=_("What the coach handles"), max_length=MAX_TEXT, widget=textarea(3))
    reporting = forms.ChoiceField(
        label=_("What the coach reports to the manager"),
        choices=Reporting.choices,
        initial=Reporting.SESSIONS,
        widget=forms.RadioSelect,
        help_text=_(
            "Everything else stays between seller and coach, unless the seller shares it item by item."
        ),
    )
    cadence = forms.ChoiceField(
        label=_("How often we meet"), choices=Cadence.choices, initial=Cadence.BIWEEKLY
    )
    review_on = forms.DateField(label=_("Review the agreement on"), widget=DateInput())


class SessionForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of session"), choices=SessionKind.choices, initial=SessionKind.ONE_TO_ONE
    )
    day = forms.DateField(label=_("Date"), widget=DateInput())
    start = forms.TimeField(label=_("Start time"), widget=TimeInput())
    duration = forms.TypedChoiceField(label=_("Duration"), choices=DURATIONS, coerce=int, initial=60)
    location = forms.CharField(label=_("Place"), max_length=MAX_PLACE, required=False)
    video_url = forms.CharField(
        label=_("Video link"), max_length=MAX_URL, required=False, widget=forms.URLInput()
    )
    framework = forms.ChoiceField(
        label=_("Conversation framework"),
        required=False,
        help_text=_("GROW by default; plan–do–review for a ride-along. You can change it while preparing."),
    )
    reminder = forms.ChoiceField(
        label=_("E-mail reminder"), choices=REMINDERS, required=False, initial="1440"
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["framework"])
        field.choices = [("", _("Default for the kind of session")), *frameworks.framework_choices()]
        if editing:
            del self.fields["kind"]
            del self.fields["framework"]

    def times(self) -> tuple[datetime, datetime]:
        data = self.cleaned_data
        starts_at = timezone.make_aware(datetime.combine(data["day"], data["start"]))
        return starts_at, starts_at + timedelta(minutes=data["duration"])

    def reminder_minutes(self) -> int | None:
        value = self.cleaned_data.get("reminder") or ""
        return int(value) if value else None


class ReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=MAX_SHORT, widget=textarea(3))

    def __init__(self, *args: Any, required: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = required


class AgendaForm(StyledFormMixin, forms.Form):
    agenda = forms.CharField(
        label=_("Agenda"),
        max_length=MAX_AGENDA,
        required=False,
        widget=textarea(6),
        help_text=_("What you want to talk about, in your own words. Your coach prepares with it."),
    )


class OutcomesForm(StyledFormMixin, forms.Form):
    outcomes = forms.CharField(
        label=_("Outcomes"),
        max_length=MAX_NOTE,
        required=False,
        widget=textarea(5),
        help_text=_("What came out of the session; visible to seller and coach."),
    )


class RatingForm(StyledFormMixin, forms.Form):
    useful = forms.TypedChoiceField(
        label=_("Was this session useful to you?"),
        choices=[("yes", _("Yes, useful")), ("no", _("Not really"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("What made it so?"), max_length=MAX_TEXT, required=False, widget=textarea(3)
    )


class NoteForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("Note"), max_length=MAX_NOTE, widget=textarea(4))
    visibility = forms.ChoiceField(
        label=_("Who can read it"), widget=forms.RadioSelect, initial=Visibility.COACH_AND_SELLER
    )

    def __init__(self, *args: Any, can_share: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["visibility"]).choices = visibility_choices(can_share=can_share)


class NoteEditForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("Note"), max_length=MAX_NOTE, widget=textarea(6))


class PlanItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: PlanItem) -> str:
        text = obj.text if len(obj.text) <= 80 else obj.text[:77] + "…"
        return f"{obj.get_layer_display()}: {text}"


class PlanItemForm(StyledFormMixin, forms.Form):
    layer = forms.ChoiceField(label=_("Part of the chain"), choices=PlanLayer.choices)
    text = forms.CharField(label=_("In your own words"), max_length=MAX_SHORT, widget=textarea(3))
    follows_from = PlanItemChoiceField(
        label=_("Follows from"),
        queryset=PlanItem.objects.none(),
        required=False,
        empty_label=_("— nothing, it stands on its own —"),
        help_text=_("Link it to the earlier link of the chain it grows out of."),
    )
    visibility = forms.ChoiceField(
        label=_("Who can read it"), widget=forms.RadioSelect, initial=Visibility.COACH_AND_SELLER
    )

    def __init__(self, *args: Any, items: QuerySet[PlanItem], can_share: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(PlanItemChoiceField, self.fields["follows_from"]).queryset = items
        cast(forms.ChoiceField, self.fields["visibility"]).choices = visibility_choices(can_share=can_share)


class PlanItemEditForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("In your own words"), max_length=MAX_SHORT, widget=textarea(3))
    status = forms.ChoiceField(label=_("Status"), choices=PlanItemStatus.choices)
    follows_from = PlanItemChoiceField(
        label=_("Follows from"),
        queryset=PlanItem.objects.none(),
        required=False,
        empty_label=_("— nothing, it stands on its own —"),
    )

    def __init__(self, *args: Any, items: QuerySet[PlanItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(PlanItemChoiceField, self.fields["follows_from"]).queryset = items


class ProposalForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Propose"),
        choices=[("plan_item", _("A plan item")), ("commitment", _("A commitment"))],
        widget=forms.RadioSelect,
        initial="plan_item",
    )
    text = forms.CharField(label=_("Proposal"), max_length=MAX_SHORT, widget=textarea(3))
    rationale = forms.CharField(
        label=_("Why you propose it"), max_length=MAX_TEXT, required=False, widget=textarea(2)
    )
    layer = forms.ChoiceField(
        label=_("Part of the chain (plan item)"), choices=[("", "—"), *PlanLayer.choices], required=False
    )
    follows_from = PlanItemChoiceField(
        label=_("Follows from (plan item)"),
        queryset=PlanItem.objects.none(),
        required=False,
        empty_label=_("— nothing —"),
    )
    due_on = forms.DateField(label=_("Due date (commitment)"), widget=DateInput(), required=False)

    def __init__(self, *args: Any, items: QuerySet[PlanItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(PlanItemChoiceField, self.fields["follows_from"]).queryset = items


class AcceptForm(StyledFormMixin, forms.Form):
    due_on = forms.DateField(
        label=_("Due date"),
        widget=DateInput(),
        required=False,
        help_text=_("Leave empty to keep the date your coach proposed."),
    )
    visibility = forms.ChoiceField(
        label=_("Who can read it"), widget=forms.RadioSelect, initial=Visibility.COACH_AND_SELLER
    )

    def __init__(self, *args: Any, can_share: bool, commitment: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["visibility"]).choices = visibility_choices(can_share=can_share)
        if not commitment:
            del self.fields["due_on"]


class DeclineForm(StyledFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Why not (optional)"), max_length=MAX_TEXT, required=False, widget=textarea(2)
    )


class CommitmentForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("What you will do"), max_length=MAX_SHORT, widget=textarea(2))
    due_on = forms.DateField(label=_("Before"), widget=DateInput())
    visibility = forms.ChoiceField(
        label=_("Who can read it"), widget=forms.RadioSelect, initial=Visibility.COACH_AND_SELLER
    )

    def __init__(self, *args: Any, can_share: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["visibility"]).choices = visibility_choices(can_share=can_share)


class CommitmentEditForm(StyledFormMixin, forms.Form):
    text = forms.CharField(label=_("What you will do"), max_length=MAX_SHORT, widget=textarea(2))
    due_on = forms.DateField(label=_("Before"), widget=DateInput())


class ReviewForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("How did it go?"),
        choices=[
            (CommitmentStatus.DONE.value, _("Done")),
            (CommitmentStatus.PARTLY.value, _("Partly")),
            (CommitmentStatus.NOT_DONE.value, _("Not done")),
        ],
        widget=forms.RadioSelect,
    )
    reflection = forms.CharField(
        label=_("Your reflection"),
        max_length=MAX_TEXT,
        required=False,
        widget=textarea(3),
        help_text=_("What did you notice, what helped, what got in the way?"),
    )


class ObservationForm(StyledFormMixin, forms.Form):
    """A score (or "not seen") and a comment per skill area of the rubric."""

    def __init__(
        self, *args: Any, areas: list[SkillArea], with_appointment: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.areas = areas
        if with_appointment:
            self.fields["appointment"] = forms.CharField(
                label=_("Client appointment"),
                max_length=MAX_PLACE,
                required=False,
                help_text=_("The client and the aim of the appointment."),
            )
        for area in areas:
            self.fields[f"score_{area.key}"] = forms.ChoiceField(
                label=area.title(),
                choices=[("", _("Not seen")), *[(str(n), str(n)) for n in SCALE]],
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"comment_{area.key}"] = forms.CharField(
                label=_("What you saw: %(area)s") % {"area": area.title()},
                max_length=MAX_TEXT,
                required=False,
                widget=textarea(2),
            )
        # StyledFormMixin styled the fields that existed before; style the added ones too.
        for field in self.fields.values():
            widget = field.widget
            css = "form-check-input" if isinstance(widget, forms.RadioSelect) else "form-control"
            widget.attrs.setdefault("class", css)

    def area_fields(self) -> list[tuple[SkillArea, forms.BoundField, forms.BoundField]]:
        return [(a, self[f"score_{a.key}"], self[f"comment_{a.key}"]) for a in self.areas]

    def entries(self) -> dict[str, dict[str, Any]]:
        data = self.cleaned_data
        return {
            area.key: {
                "score": data.get(f"score_{area.key}") or None,
                "comment": data.get(f"comment_{area.key}", ""),
            }
            for area in self.areas
        }


class ReplyForm(StyledFormMixin, forms.Form):
    reply = forms.CharField(
        label=_("Your reply"),
        max_length=MAX_TEXT,
        required=False,
        widget=textarea(4),
        help_text=_("How do you look at the differences between your assessment and your coach's?"),
    )
    acknowledge = forms.BooleanField(label=_("I have read the observation"), required=False)


class CustomQuestionForm(StyledFormMixin, forms.Form):
    stage = forms.ChoiceField(label=_("Stage"))
    language = forms.ChoiceField(label=_("Language"), choices=[("nl", _("Dutch")), ("en", _("English"))])
    text = forms.CharField(
        label=_("Your question"),
        max_length=MAX_QUESTION,
        help_text=_(
            "An open question: it starts with what, how, which, when… and cannot be answered with yes or no."
        ),
    )

    def __init__(self, *args: Any, framework: frameworks.Framework, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["stage"]).choices = [(s.key, s.title()) for s in framework.stages]
