"""The page of a cooperation record, by its model (the record pages are named `<noun>_detail`)."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse

URL_NAMES = {
    "Agreement": "agreement_detail",
    "ActionItem": "action_item_detail",
    "Engagement": "engagement_detail",
    "TrainingCourse": "training_detail",
    "CapacityProject": "capacity_project_detail",
    "Programme": "programme_detail",
}


def record_url(record: Any) -> str | None:
    """The record's page, or None when the page does not exist (no link rather than a broken page)."""
    name = URL_NAMES.get(type(record).__name__)
    if name is None:
        return None
    try:
        return reverse(name, kwargs={"pk": record.pk})
    except NoReverseMatch:
        return None


def linked(records: Any) -> list[dict[str, Any]]:
    return [{"record": record, "url": record_url(record)} for record in records]
