"""Reading person lists (CSV, XLSX, JSONL) into records, reporting every bad row by file, row and field."""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from namematch.features import normalise_nationality, normalise_sex, parse_birth_date
from namematch.model import Record
from namematch.mrz import parse_mrz

FIELDS = ("id", "name", "birth_date", "nationality", "sex", "document_number", "mrz")
# extra name columns: name_2, name_3 ..., alias, aliases, alias_2 ..., native_name, latin_name, other_names
_EXTRA_NAME = re.compile(r"^(name_\d+|alias(es)?(_\d+)?|native_name|latin_name|other_names?)$")
_MULTI_SEP = re.compile(r"\s*[|;]\s*")


class FatalInputError(Exception):
    """The file cannot be read at all (missing, unknown format, no id/name column)."""


@dataclass(slots=True)
class RowProblem:
    file: str
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: row {self.row}, field {self.field}: {self.message}"


@dataclass(slots=True)
class LoadResult:
    records: list[Record] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    skipped: int = 0


def _rows(path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    ext = os.path.splitext(path)[1].lower()
    if ext in (".csv", ".tsv", ".txt"):
        with open(path, encoding="utf-8-sig", newline="") as f:
            sample = f.read(4096)
            f.seek(0)
            delim = "\t" if ext == ".tsv" or ("\t" in sample and "," not in sample.split("\n", 1)[0]) else ","
            reader = csv.DictReader(f, delimiter=delim)
            for i, row in enumerate(reader, start=2):
                yield i, {k: v for k, v in row.items() if k is not None}
    elif ext in (".jsonl", ".ndjson", ".json"):
        with open(path, encoding="utf-8-sig") as f:
            for i, line in enumerate(f, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield i, {"__error__": f"not valid JSON ({exc.msg})"}
                    continue
                yield i, obj if isinstance(obj, dict) else {"__error__": "not a JSON object"}
    elif ext in (".xlsx", ".xlsm"):
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            ws = wb.worksheets[0]
            it = ws.iter_rows(values_only=True)
            header = next(it, None)
            if header is None:
                return
            names = [str(h).strip() if h is not None else "" for h in header]
            for i, values in enumerate(it, start=2):
                if values is None or all(v is None or str(v).strip() == "" for v in values):
                    continue
                yield i, {names[j]: v for j, v in enumerate(values) if j < len(names) and names[j]}
        finally:
            wb.close()
    else:
        raise FatalInputError(f"{path}: unknown format {ext!r} (use .csv, .xlsx or .jsonl)")


def _text(v: Any) -> str:
    if v is None:
        return ""
    if hasattr(v, "isoformat"):
        return str(v.isoformat())[:10]
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _list(v: Any) -> list[str]:
    if isinstance(v, list):
        return [_text(x) for x in v if _text(x)]
    t = _text(v)
    return [x for x in _MULTI_SEP.split(t) if x] if t else []


def load_records(path: str, mapping: dict[str, str] | None = None) -> LoadResult:
    """Read a list file. ``mapping`` maps our field names to the file's column names
    (e.g. ``{"name": "full_name"}``); it applies when the file has that column. Rows with a bad
    optional field are reported and kept without that field; rows without an id or a name are
    reported and skipped."""
    out = LoadResult()
    out.records.extend(iter_records(path, mapping, out))
    return out


def iter_records(path: str, mapping: dict[str, str] | None, out: LoadResult) -> Iterator[Record]:
    """The records of a list file one by one, as :func:`load_records` reads them, its problems and skipped
    rows added to ``out`` as they are met (``out.records`` is left alone): a long list of queries is
    screened without holding it in memory. A file that cannot be read at all raises
    :class:`FatalInputError` when the first record is asked for."""
    if not os.path.exists(path):
        raise FatalInputError(f"{path}: no such file")
    mapping = mapping or {}
    fname = os.path.basename(path)
    checked_header = False
    col = {f: f for f in FIELDS}
    for rownum, raw in _rows(path):
        if "__error__" in raw:
            out.problems.append(RowProblem(fname, rownum, "-", str(raw["__error__"])))
            out.skipped += 1
            continue
        row = {str(k).strip().lower(): v for k, v in raw.items()}
        if not checked_header:
            checked_header = True
            # a mapping applies to the files that have the mapped column; others keep the standard names
            col = {f: (mapping[f].lower() if f in mapping and mapping[f].lower() in row else f) for f in FIELDS}
            missing = [f for f in ("id", "name") if col[f] not in row]
            if missing and path.lower().endswith((".csv", ".tsv", ".txt", ".xlsx", ".xlsm")):
                raise FatalInputError(
                    f"{path}: missing column(s) " + ", ".join(col[f] for f in missing) + " (use --map FIELD=COLUMN)"
                )
        rid = _text(row.get(col["id"]))
        names = _list(row.get(col["name"]))
        for k, v in row.items():
            if k != col["name"] and _EXTRA_NAME.match(k):
                names.extend(n for n in _list(v) if n not in names)
        if not rid:
            out.problems.append(RowProblem(fname, rownum, col["id"], "missing id"))
            out.skipped += 1
            continue
        bd = _text(row.get(col["birth_date"])) or None
        if bd is not None:
            try:
                parse_birth_date(bd)
            except ValueError:
                out.problems.append(RowProblem(fname, rownum, col["birth_date"], f"{bd!r} is not a date"))
                bd = None
        nats: list[str] = []
        for n in _list(row.get(col["nationality"])):
            try:
                nats.append(normalise_nationality(n))
            except ValueError as exc:
                out.problems.append(RowProblem(fname, rownum, col["nationality"], str(exc)))
        sex = _text(row.get(col["sex"])) or None
        try:
            sex = normalise_sex(sex)
        except ValueError as exc:
            out.problems.append(RowProblem(fname, rownum, col["sex"], str(exc)))
            sex = None
        mrz = _text(row.get(col["mrz"])) or None
        if mrz:
            try:
                m = parse_mrz(mrz.replace("\\n", "\n"))
                mrz = mrz.replace("\\n", "\n")
                failed = [k for k, ok in m.checks.items() if not ok]
                if failed:
                    out.problems.append(
                        RowProblem(fname, rownum, col["mrz"], "check digit failed: " + ", ".join(failed))
                    )
            except ValueError as exc:
                out.problems.append(RowProblem(fname, rownum, col["mrz"], str(exc)))
                mrz = None
        if not names and not mrz:
            out.problems.append(RowProblem(fname, rownum, col["name"], "missing name"))
            out.skipped += 1
            continue
        docs = _list(row.get(col["document_number"]))
        yield Record(id=rid, names=names, birth_date=bd, nationalities=nats, sex=sex, documents=docs, mrz=mrz)
