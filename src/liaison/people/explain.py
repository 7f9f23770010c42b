"""namematch explanations in plain words for the pages: each piece of evidence with what it is about, whether
it speaks for or against the match, and how much, in the officer's language.

namematch gives every piece of evidence a stable code and its parameters (docs/namematch.md, "Explanations");
the sentences for officers are written here, translatable. namematch's own English text stays as the technical
detail (shown under a toggle and in the API), and is what an explanation stored before namematch 2.0 shows.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

FEATURES: dict[str, Any] = {
    "name": _("Names"),
    "name part": _("Name part"),
    "birth date": _("Date of birth"),
    "sex": _("Sex"),
    "nationality": _("Nationality"),
    "document": _("Identity document"),
    "mrz": _("Machine-readable zone"),
}


# How two names relate (namematch.scoring.how_names_agree): the rendering side's script, then what it renders
# (Latin always renders, then Cyrillic, then Hangul: no code ends in _of_latin or hangul_of_cyrillic).
HOW: dict[str, Any] = {
    "same_script": _("written in the same script"),
    "latin_of_vietnamese": _("Latin spelling of the Vietnamese name"),
    "latin_of_korean": _("Latin spelling of the Korean name"),
    "latin_of_chinese": _("pinyin of the Chinese name"),
    "latin_of_cyrillic": _("Latin spelling of the Cyrillic name"),
    "latin_of_hangul_transcription": _("Latin spelling of a name transcribed in Hangul"),
    "latin_of_korean_reading_of_characters": _("Latin spelling of the Korean reading of the Chinese characters"),
    "latin_of_cantonese_reading_of_characters": _("Cantonese spelling of the Chinese characters"),
    "latin_of_sino_vietnamese_reading_of_characters": _("Sino-Vietnamese reading of the Chinese characters"),
    "vietnamese_spelling_of_sino_vietnamese_reading_of_characters": _("Vietnamese reading of the Chinese characters"),
    "cyrillic_of_korean": _("Cyrillic transcription of the Korean name"),
    "cyrillic_of_chinese": _("Cyrillic transcription of the Chinese name"),
    "cyrillic_of_vietnamese": _("Cyrillic transcription of the Vietnamese name"),
    "hangul_of_chinese": _("Hangul transcription of the Chinese name"),
    "hangul_of_korean_reading_of_characters": _("Hangul reading of the Chinese characters (Hanja)"),
    "hangul_of_vietnamese": _("Hangul transcription of the Vietnamese name"),
}

# The sentence for each evidence code; named parameters as namematch gives them.
SENTENCES: dict[str, Any] = {
    "names_agree": _("names agree (%(how)s)"),
    "names_similar": _("names similar (%(how)s)"),
    "names_differ": _("names differ (%(how)s)"),
    "patronymics_differ": _("patronymics differ (%(a)s / %(b)s): different fathers"),
    "middle_names_differ": _("middle names differ (%(a)s / %(b)s): different persons"),
    "written_forms_differ": _("the names sound alike but are written differently (%(written_a)s / %(written_b)s)"),
    "dob_equal": _("born the same day (%(a)s)"),
    "dob_day_month_swapped": _("dates of birth with day and month swapped (%(a)s / %(b)s)"),
    "dob_one_digit": _("dates of birth one keying error apart (%(a)s / %(b)s)"),
    "dob_year_off_by_one": _("born one year apart (%(a)s / %(b)s)"),
    "dob_year_equal": _("born the same year (%(a)s / %(b)s)"),
    "dob_year_equal_placeholder": _("born the same year (%(a)s / %(b)s)"),
    "dob_months_differ": _("born the same year, in another month (%(a)s / %(b)s)"),
    "dob_same_year_other_day": _("born the same year on different days (%(a)s / %(b)s)"),
    "dob_ignored": _("date of birth %(value)s left aside: not a date"),
    "sex_equal": _("same sex (%(sex)s)"),
    "sex_differs": _("sex differs (%(a)s / %(b)s)"),
    "nationality_equal": _("same nationality (%(nationality)s)"),
    "nationalities_differ": _("nationalities differ (%(a)s / %(b)s)"),
    "document_equal": _("identity document number equal (%(number)s)"),
    "document_near": _("identity document numbers nearly equal (%(numbers)s)"),
    "documents_differ": _("identity document numbers differ (they may be other documents)"),
    "mrz_ignored": _("machine-readable zone left aside: it could not be read"),
    "mrz_check_failed": _("machine-readable zone check digit failed (%(fields)s)"),
}


def officer_text(code: str, params: dict[str, Any]) -> str | None:
    """The evidence in the officer's language, or None for a code without a sentence (the English text is shown)."""
    values = {key: "" if value is None else value for key, value in (params or {}).items()}
    if code == "dob_apart":
        years = int(values.get("years") or 0)
        text = ngettext(
            "born %(years)d year apart (%(a)s / %(b)s)", "born %(years)d years apart (%(a)s / %(b)s)", years
        )
        sentence = text % {"years": years, "a": values.get("a", ""), "b": values.get("b", "")}
        if values.get("policy") == "unreliable":
            sentence = _("%(sentence)s — kept: dates of birth may be false on this list") % {"sentence": sentence}
        return str(sentence)
    template = SENTENCES.get(code)
    if template is None:
        return None
    if "how" in values:
        values["how"] = HOW.get(str(values["how"]), _("written in another script"))
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):
        return None  # parameters of another version of namematch: the English text says it


def evidence_items(explanation: Any) -> list[dict[str, Any]]:
    """[{label, direction ("for", "against" or "note"), direction_label, weight, text, detail}] of a stored
    explanation, for officers: `text` in their language where namematch gave a code, `detail` namematch's English
    text. The per-part detail of a name (feature "name part") is technical: it is left to `technical_items`."""
    items = []
    for item in (explanation or {}).get("evidence", []) if isinstance(explanation, dict) else []:
        delta = float(item.get("delta") or 0.0)
        feature = str(item.get("feature", ""))
        if feature == "name part" and item.get("code"):
            continue
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
                "text": officer_text(str(item.get("code") or ""), item.get("params") or {})
                or str(item.get("text", "")),
                "detail": str(item.get("text", "")),
            }
        )
    return items


def technical_items(explanation: Any) -> list[str]:
    """namematch's own account of every piece of evidence, name parts included (English, for the toggle)."""
    evidence = (explanation or {}).get("evidence", []) if isinstance(explanation, dict) else []
    return [
        f"{float(item.get('delta') or 0.0):+.2f} {item.get('feature', '')}: {item.get('text', '')}" for item in evidence
    ]


def score_words(score: float) -> Any:
    if score >= 0.95:
        return _("very strong")
    if score >= 0.85:
        return _("strong")
    if score >= 0.75:
        return _("fair")
    return _("weak")
