"""Template filters for namematch explanations (people/explain.py): the evidence in the officer's language and
namematch's technical account."""

from __future__ import annotations

from typing import Any

from django import template

from liaison.people import explain

register = template.Library()


@register.filter
def officer_evidence(explanation: Any) -> list[dict[str, Any]]:
    return explain.evidence_items(explanation)


@register.filter
def technical_evidence(explanation: Any) -> list[str]:
    return explain.technical_items(explanation)
