"""What a file is: CSV or XLSX (refusing what is neither, by name), and how to read it (`sniff`: the
encoding and delimiter of a CSV; an XLSX measured from its zip directory before it is parsed). No Django."""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Callable
from typing import IO, Final

from liaison.core.tabular.base import (
    BAD_XLSX,
    CSV,
    DEFAULT_LIMITS,
    EMPTY,
    MB,
    OLD_EXCEL,
    TOO_LARGE,
    UNKNOWN_ENCODING,
    WRONG_ENCODING,
    XLSX,
    Layout,
    Limits,
    TabularError,
    _,
    not_tabular,
)
from liaison.core.tabular.encoding import binary_share, decode_sample, detect_encoding

SAMPLE_BYTES: Final = 256 * 1024
DELIMITERS: Final = ",;\t|"

# Signatures of files that are plainly not spreadsheets: (offset, bytes, format name).
SIGNATURES: Final = (
    (0, b"\x89PNG\r\n\x1a\n", "PNG"),
    (0, b"\xff\xd8\xff", "JPEG"),
    (0, b"GIF87a", "GIF"),
    (0, b"GIF89a", "GIF"),
    (0, b"%PDF-", "PDF"),
    (0, b"II*\x00", "TIFF"),
    (0, b"MM\x00*", "TIFF"),
    (0, b"\x1f\x8b", "gzip"),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (0, b"Rar!\x1a\x07", "RAR"),
    (0, b"\x7fELF", "ELF"),
    (0, b"SQLite format 3\x00", "SQLite"),
    (0, b"PK\x05\x06", "ZIP"),
    (8, b"WEBP", "WebP"),
    (4, b"ftyp", "MP4"),
)
ZIP_SIGNATURE: Final = b"PK\x03\x04"
OLE_SIGNATURE: Final = b"\xd0\xcf\x11\xe0"  # Office 97-2003 (.xls, .doc)
WORKBOOK_PARTS: Final = ("[Content_Types].xml", "xl/workbook.xml")


def sniff_format(head: bytes, name: str) -> str:
    """CSV or XLSX from the first bytes (and the name); a TabularError for what is neither."""
    lower = name.lower()
    if head.startswith(ZIP_SIGNATURE):
        return XLSX
    if head.startswith(OLE_SIGNATURE) and lower.endswith((".doc", ".ppt", ".msg")):
        raise not_tabular(name, "Microsoft Office 97-2003")
    if head.startswith(OLE_SIGNATURE) or lower.endswith(".xls"):
        raise TabularError(
            _("The old Excel format (.xls) is not read: save the list as XLSX or CSV."), code=OLD_EXCEL, file=name
        )
    for offset, signature, format_name in SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            raise not_tabular(name, format_name)
    if lower.endswith((".xlsx", ".xlsm")):
        raise TabularError(_("The file is named .xlsx but is not an XLSX workbook."), code=BAD_XLSX, file=name)
    return CSV


def _delimiter(text_sample: str) -> str:
    lines = [line for line in text_sample.splitlines()[:20] if line.strip()]
    if not lines:
        return ","
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: lines[0].count(d) for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def _check_encoding_name(encoding: str, file: str) -> None:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise TabularError(
            _("Unknown text encoding %(encoding)s."), {"encoding": encoding}, code=UNKNOWN_ENCODING, file=file
        ) from None


def sniff(
    handle: IO[bytes],
    name: str,
    *,
    encoding: str = "auto",
    header_score: Callable[[str], int] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Layout:
    """How to read the file: its format, and for a CSV its encoding ("auto": detected) and delimiter. An
    XLSX is measured against `limits` here, before it is parsed."""
    handle.seek(0)
    sample = handle.read(SAMPLE_BYTES)
    complete = len(sample) < SAMPLE_BYTES
    if not sample.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise TabularError(_("The file is empty."), code=EMPTY, file=name)
    layout = Layout(format=sniff_format(sample[:16], name))
    if layout.format == XLSX:
        check_workbook(handle, name, limits)
        return layout
    named = bool(encoding) and encoding != "auto"
    if named:
        _check_encoding_name(encoding, name)
        layout.encoding = encoding
    else:
        layout.encoding = detect_encoding(sample, complete=complete, header_score=header_score)
    text = decode_sample(sample, layout.encoding, complete)
    if text is None:
        if named:
            raise TabularError(
                _("The file is not written in %(encoding)s: choose another encoding, or automatic detection."),
                {"encoding": layout.encoding},
                code=WRONG_ENCODING,
                file=name,
            )
        raise not_tabular(name)
    if binary_share(text) > 0.005:
        raise not_tabular(name)
    layout.delimiter = _delimiter(text.lstrip("\ufeff"))
    return layout


# --- XLSX --------------------------------------------------------------------------------------------------
def check_workbook(handle: IO[bytes], name: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse a zip that is no workbook, or one that would unpack past the limits, from its directory alone."""
    handle.seek(0)
    try:
        with zipfile.ZipFile(handle) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise TabularError(
            _("The file is not a readable XLSX workbook: %(error)s"), {"error": error}, code=BAD_XLSX, file=name
        ) from error
    names = {part.filename for part in parts}
    if not all(part in names for part in WORKBOOK_PARTS):
        raise not_tabular(name, "ZIP")
    unpacked = sum(part.file_size for part in parts)
    packed = sum(part.compress_size for part in parts)
    too_large = limits.xlsx_bytes is not None and unpacked > limits.xlsx_bytes
    too_packed = limits.xlsx_ratio is not None and unpacked > 10 * MB and unpacked > limits.xlsx_ratio * max(packed, 1)
    if too_large or too_packed:
        raise TabularError(
            _("%(file)s unpacks to %(size)d MB, more than a workbook may: save it as CSV or split it."),
            {"file": name, "size": round(unpacked / MB)},
            code=TOO_LARGE,
            file=name,
        )
