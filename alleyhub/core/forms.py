"""Form bases every app's list pages share."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


def blank_choice(choices) -> list[tuple[str, str]]:
    """`choices` with an empty "all" option first (for optional filter fields)."""
    return [("", _("全部")), *choices]


class FilterForm(forms.Form):
    """Base for GET filter forms: every field optional; `filters()` returns only valid, non-empty
    values, so a bad parameter is reported on the page but never breaks the list."""

    q = forms.CharField(label=_("关键词"), required=False, max_length=100)

    def filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v not in (None, "", [], False)}

    def _check_order(self, low: str, high: str, message) -> None:
        data = self.cleaned_data
        if data.get(low) is not None and data.get(high) is not None and data[low] > data[high]:
            self.add_error(high, message)
            # A range that makes no sense is ignored as a whole.
            self.cleaned_data.pop(low, None)
