"""namematch explanations in plain words for the pages: each piece of evidence with what it is about, whether
it speaks for or against the match, and how much (namematch writes the detail in English)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

FEATURES: dict[str, Any] = {
    "name": _("Names"),
    "name part": _("Name part"),
    "birth date": _("Date of birth"),
    "sex": _("Sex"),
    "nationality": _("Nationality"),
    "document": _("Identity document"),
    "mrz": _("Machine-readable zone"),
}


def evidence_items(explanation: Any) -> list[dict[str, Any]]:
    """[{label, direction ("for", "against" or "note"), direction_label, weight, text}] of a stored explanation."""
    items = []
    for item in (explanation or {}).get("evidence", []) if isinstance(explanation, dict) else []:
        delta = float(item.get("delta") or 0.0)
        feature = str(item.get("feature", ""))
        if delta > 0:
            direction, direction_label = "for", _("for the match")
        elif delta < 0:
            direction, direction_label = "against", _("against the match")
        else:
            direction, direction_label = "note", _("noted")
        items.append(
            {
                "label": FEATURES.get(feature, feature),
                "direction": direction,
                "direction_label": direction_label,
                "weight": f"{delta:+.2f}",
                "text": str(item.get("text", "")),
            }
        )
    return items


def score_words(score: float) -> Any:
    if score >= 0.95:
        return _("very strong")
    if score >= 0.85:
        return _("strong")
    if score >= 0.75:
        return _("fair")
    return _("weak")
