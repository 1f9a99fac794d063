from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from salescoach.core.forms import StyledFormMixin


class ImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (comma, semicolon or tab separated) or Excel (.xlsx)."),
    )
