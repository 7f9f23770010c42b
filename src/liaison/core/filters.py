"""Filter sets: the audit trail's, and what every list's filter set gets (`guard_integer_filters`, `label_any`).

A filter on a whole number or on a record (its primary key) takes only values in the database's 64-bit signed
range: a larger value would reach the database driver and fail there (OverflowError, a server error). The API's
filter backend (core/api/filters.py) and the list pages (core/views.py) apply the guard to every filter set, so
an app's filter sets need nothing of their own; the value is refused with the filter named (400 on the API, a
form error on the page).

Every choice filter of a list page offers "Any" for "no filter" (`label_any`, applied by core/views.py): not
Django's "---------", nor "Unknown", the empty choice of a yes/no filter (django-filter's BooleanFilter renders
Django's NullBooleanSelect).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _
from django_filters.utils import get_model_field

from liaison.core.models import AuditEvent, ReadEvent
from liaison.core.search import fold_q

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1


def is_integer_filter(filter_: django_filters.Filter, model: type[models.Model] | None) -> bool:
    """Whether the filter compares a whole number: an integer field, a record reference (whose key is one), or a
    number that the filter's own method uses (a record id, a year). Yes/no filters (``isnull``) compare none."""
    if isinstance(filter_, django_filters.BooleanFilter):
        return False
    field = get_model_field(model, filter_.field_name) if model is not None else None
    if field is None:
        return isinstance(filter_, django_filters.NumberFilter)
    if field.is_relation:
        related = field.related_model
        if related is None or isinstance(related, str):
            return False
        target = getattr(field, "target_field", None) if field.many_to_one or field.one_to_one else None
        field = target if target is not None else related._meta.pk
    return isinstance(field, models.IntegerField)


OUT_OF_RANGE = _("Out of range: enter a whole number from %(min)s to %(max)s.")


def _out_of_range(raw: Any) -> bool:
    """Whether a submitted value (a text, a list of texts, a comma-separated list) holds a number beyond 64 bits."""
    for value in raw if isinstance(raw, list | tuple) else [raw]:
        for token in str(value if value is not None else "").split(","):
            try:
                number = Decimal(token.strip())
            except InvalidOperation:
                continue  # not a number: the field itself says so
            if number.is_finite() and not INT64_MIN <= number <= INT64_MAX:
                return True
    return False


def _guarded(clean: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def clean_in_range(value: Any) -> Any:
        if _out_of_range(value):
            raise ValidationError(OUT_OF_RANGE, code="out_of_range", params={"min": INT64_MIN, "max": INT64_MAX})
        return clean(value)

    return clean_in_range


def guard_integer_filters(filterset: django_filters.FilterSet) -> django_filters.FilterSet:
    """Make each whole-number filter of a filter set (``is_integer_filter``) refuse a value beyond the 64-bit
    range before anything else looks at it (a record filter looks its value up in the database as it validates).
    Applied to the filter set's form, once; returns the filter set."""
    model = filterset.queryset.model if filterset.queryset is not None else filterset._meta.model
    fields = filterset.form.fields
    for name, filter_ in filterset.filters.items():
        field = fields.get(name)
        if field is None or getattr(field, "int64_guarded", False) or not is_integer_filter(filter_, model):
            continue
        field.clean = _guarded(field.clean)
        field.int64_guarded = True
    return filterset


class FoldedFilter(django_filters.CharFilter):
    """A text filter that finds the text inside the field, diacritics and case ignored (core/search.py)."""

    def filter(self, qs: Any, value: Any) -> Any:
        if value in (None, ""):
            return qs
        return qs.filter(fold_q([self.field_name], value))


ANY = _("Any")


def label_any(filterset: django_filters.FilterSet) -> django_filters.FilterSet:
    """Name the empty choice of every single-choice filter "Any" (translated): choice and record filters (their
    empty label), yes/no filters (NullBooleanSelect's "Unknown", value "unknown"), and selects an app built with
    its own empty choice (value ""). Applied to the filter set's form; returns the filter set."""
    for field in filterset.form.fields.values():
        if getattr(field, "empty_label", None) is not None:
            field.empty_label = ANY  # a record filter lists its choices (and this label) when the form renders
        widget = field.widget
        choices = getattr(widget, "choices", None)
        if choices is None or isinstance(choices, ModelChoiceIterator) or widget.allow_multiple_selected:
            continue
        # Fixed choices: the widget's list, or django-filter's iterator, which reads the label of the filter set
        # class's field (the form's field is a copy): listed here, with the empty choice renamed.
        empty = "unknown" if isinstance(widget, forms.NullBooleanSelect) else ""
        widget.choices = [(value, ANY if value == empty else label) for value, label in choices]
    return filterset


class AuditFilter(django_filters.FilterSet):
    action = django_filters.CharFilter(label=_("Action"), lookup_expr="istartswith")
    actor_name = FoldedFilter(label=_("Actor"))
    object_type = django_filters.CharFilter(label=_("Object type"), lookup_expr="iexact")
    object_id = django_filters.CharFilter(label=_("Object id"))
    request_id = django_filters.CharFilter(label=_("Request id"))
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=AuditEvent.CHANNELS)
    since = django_filters.DateFilter(
        label=_("From"),
        field_name="occurred_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        label=_("To"), field_name="occurred_at", lookup_expr="date__lte", widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = AuditEvent
        fields = [
            "action",
            "actor_name",
            "agency",
            "object_type",
            "object_id",
            "channel",
            "request_id",
            "since",
            "until",
        ]


class ReadEventFilter(django_filters.FilterSet):
    """Filters of the read log: who, what (kind, object type and id), when, which search terms."""

    user_name = django_filters.CharFilter(label=_("Who"), lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label=_("Kind of read"), choices=ReadEvent.KINDS)
    object_type = django_filters.CharFilter(label=_("Object type"), lookup_expr="iexact")
    object_id = django_filters.CharFilter(label=_("Object id"))
    terms = django_filters.CharFilter(label=_("Search terms contain"), field_name="terms_text", lookup_expr="icontains")
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=AuditEvent.CHANNELS)
    request_id = django_filters.CharFilter(label=_("Request id"))
    since = django_filters.DateFilter(
        label=_("From"),
        field_name="occurred_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        label=_("To"), field_name="occurred_at", lookup_expr="date__lte", widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = ReadEvent
        fields = [
            "user_name",
            "agency",
            "kind",
            "object_type",
            "object_id",
            "terms",
            "channel",
            "request_id",
            "since",
            "until",
        ]
