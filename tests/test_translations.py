"""Every message catalogue is complete: no untranslated and no fuzzy message in any language (issue 20). Run
`make messages` after changing a user-visible string, then translate what it adds in every catalogue."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[1] / "src" / "liaison" / "locale"
LANGUAGES = ["vi", "ko", "zh_Hans", "ru", "fr"]


def entries(path: Path) -> list[dict[str, object]]:
    """The entries of a .po file: msgid, whether it is fuzzy, and its msgstr values (one per plural form)."""
    found: list[dict[str, object]] = []
    entry: dict[str, object] = {}
    field = ""

    def close() -> None:
        nonlocal entry
        if "msgid" in entry:
            found.append(entry)
        entry = {}

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            close()
            continue
        if line.startswith("#~"):
            continue  # obsolete
        if line.startswith("#,"):
            entry["fuzzy"] = "fuzzy" in line
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            value = ast.literal_eval(line)
            if field == "msgid":
                entry["msgid"] = str(entry["msgid"]) + value
            elif field:
                strings = entry["msgstr"]
                assert isinstance(strings, dict)
                strings[field] += value
            continue
        keyword, _, rest = line.partition(" ")
        value = ast.literal_eval(rest)
        if keyword == "msgid":
            field, entry["msgid"] = "msgid", value
            entry.setdefault("msgstr", {})
        elif keyword.startswith("msgstr"):
            field = keyword
            strings = entry.setdefault("msgstr", {})
            assert isinstance(strings, dict)
            strings[keyword] = value
        else:
            field = ""  # msgctxt, msgid_plural: not checked
    close()
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_is_complete(language: str) -> None:
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    problems = []
    for entry in entries(path):
        if entry["msgid"] == "":
            continue  # the header
        strings = entry["msgstr"]
        assert isinstance(strings, dict)
        if entry.get("fuzzy"):
            problems.append(f"fuzzy: {entry['msgid']!r}")
        elif not strings or any(not value for value in strings.values()):
            problems.append(f"untranslated: {entry['msgid']!r}")
    assert problems == [], f"{path}: {len(problems)} messages to translate, e.g. {problems[:5]}"


def test_the_check_sees_what_is_missing(tmp_path: Path) -> None:
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, fuzzy\nmsgid "Cases"\nmsgstr "Vụ việc"\n\n'
        'msgid "Notices"\nmsgstr ""\n\n'
        'msgid "Person"\nmsgstr ""\n"Đối tượng"\n',
        encoding="utf-8",
    )
    found = {str(entry["msgid"]): entry for entry in entries(po)}
    assert found["Cases"]["fuzzy"] is True
    assert found["Notices"]["msgstr"] == {"msgstr": ""}
    assert found["Person"]["msgstr"] == {"msgstr": "Đối tượng"}
