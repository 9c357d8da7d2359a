"""The directory's filter form: parses and validates the query string; the selectors do the work."""

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from alleyhub.directory import selectors
from alleyhub.directory.models import Industry, LifecycleStage, OrganizationKind


def _subdistricts():
    return [(s, s) for s in selectors.subdistrict_choices()]


class OrganizationFilter(django_filters.FilterSet):
    """Invalid values are reported on the form and ignored by the filtering, never a 500."""

    q = django_filters.CharFilter(
        label=_("关键词"), method="filter_q", max_length=selectors.SEARCH_MAX_LENGTH
    )
    kind = django_filters.ChoiceFilter(label=_("类型"), choices=OrganizationKind.choices)
    industry = django_filters.ModelChoiceFilter(
        label=_("产业领域"), queryset=Industry.objects.all(), to_field_name="code", method="filter_industry"
    )
    stage = django_filters.ChoiceFilter(label=_("发展阶段"), choices=LifecycleStage.choices)
    subdistrict = django_filters.ChoiceFilter(label=_("街道"), choices=_subdistricts)

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return selectors.organization_search(queryset=queryset, q=value)

    def filter_industry(self, queryset: QuerySet, name: str, value: Industry) -> QuerySet:
        return selectors.organization_in_industry(queryset, value)

    def params(self) -> dict[str, Any]:
        """The valid filters as `selectors.organization_list` takes them (invalid ones dropped)."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        data = getattr(self.form, "cleaned_data", {})
        return {name: value for name, value in data.items() if value not in (None, "")}

    def results_for(self, user: Any) -> QuerySet:
        """The filtered organisations `user` may see, in the directory's order: the same selector,
        with the same parameters, as the API's list."""
        return selectors.organization_list(user=user, **self.params())
