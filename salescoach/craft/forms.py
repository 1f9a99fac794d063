from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from salescoach.core.forms import StyledFormMixin
from salescoach.craft.intake import ITEMS, SCALE
from salescoach.craft.services import MAX_TEXT_CHARS

LANGUAGE_CHOICES = [("", _("Recognise automatically")), ("nl", _("Dutch")), ("en", _("English"))]


class PracticeForm(StyledFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Your question plan or feedback"),
        help_text=_(
            "Only the number of questions and directives is kept for your trend, never the text itself."
        ),
        max_length=MAX_TEXT_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "true"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, required=False)


class IntakeForm(StyledFormMixin, forms.Form):
    """One question per statement, answered from 1 (strongly disagree) to 5 (strongly agree)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in ITEMS:
            self.fields[item.key] = forms.TypedChoiceField(
                label=item.text,
                choices=SCALE,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer.")},
            )
