"""What an attached file is, by its content and never by its name (docs/decisions/0036-exchange-model.md).

Accepted: PDF documents, images (JPEG, PNG, GIF, TIFF, WebP, read by Pillow), office documents (Word, Excel,
PowerPoint, OpenDocument: their zip structure is read and measured), ZIP archives and plain UTF-8 text; each at
most `LIAISON_EXCHANGE_MAX_ATTACHMENT_BYTES`. A refused file raises a ValidationError saying why."""

from __future__ import annotations

import io
import os
import zipfile
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "TIFF": "image/tiff", "WEBP": "image/webp"}
OFFICE_PARTS = (
    ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
)
UNZIP_RATIO = 100  # an archive unpacking to more than this many times its size is refused (a zip bomb)


def max_bytes() -> int:
    return int(settings.LIAISON_EXCHANGE_MAX_ATTACHMENT_BYTES)


def _refuse(message: str) -> ValidationError:
    return ValidationError({"attachments": message})


def _image(content: bytes) -> str | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(content)) as image:
            kind = image.format or ""
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return None
    return IMAGE_TYPES.get(kind)


def _zip(content: bytes, name: str) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(_("%(name)s looks like a ZIP archive but its structure is damaged.") % {"name": name}) from None
    unpacked = sum(info.file_size for info in infos)
    if unpacked > max(len(content), 1) * UNZIP_RATIO or unpacked > max_bytes() * UNZIP_RATIO:
        raise _refuse(_("%(name)s unpacks to far more than its size; such archives are refused.") % {"name": name})
    names = {info.filename for info in infos}
    for part, content_type in OFFICE_PARTS:
        if part in names and "[Content_Types].xml" in names:
            return content_type
    if "mimetype" in names:
        declared = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
        if declared.startswith("application/vnd.oasis.opendocument."):
            return declared
    return "application/zip"


def _text(content: bytes) -> str | None:
    if b"\x00" in content:
        return None
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text/plain"


def check_file(uploaded_file: Any) -> tuple[bytes, str, str]:
    """(content, content type from the content, file name) of an acceptable attachment; a ValidationError naming
    the file and what is wrong otherwise."""
    name = os.path.basename(str(getattr(uploaded_file, "name", "") or "")).strip()[:255] or _("the file")
    limit = max_bytes()
    size = getattr(uploaded_file, "size", None)
    too_large = _("%(name)s is %(size)s MB; an attachment may be at most %(limit)s MB.")
    if size is not None and size > limit:
        raise _refuse(too_large % {"name": name, "size": f"{size / 1048576:.1f}", "limit": f"{limit / 1048576:.0f}"})
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    content = uploaded_file.read(limit + 1) if hasattr(uploaded_file, "read") else bytes(uploaded_file)
    if len(content) > limit:
        raise _refuse(
            too_large % {"name": name, "size": f"{len(content) / 1048576:.1f}", "limit": f"{limit / 1048576:.0f}"}
        )
    if not content:
        raise _refuse(_("%(name)s is empty.") % {"name": name})
    if content.startswith(b"%PDF-"):
        if b"%%EOF" not in content[-2048:]:
            raise _refuse(_("%(name)s starts as a PDF but is cut short or damaged.") % {"name": name})
        return content, "application/pdf", name
    if content.startswith(b"PK\x03\x04"):
        return content, _zip(content, name), name
    found = _image(content) or _text(content)
    if found is None:
        raise _refuse(
            _("%(name)s is not a kind of file the exchange accepts (by its content): send a PDF, an image, an office "
              "document, a ZIP archive or plain text.") % {"name": name}
        )  # fmt: skip
    return content, found, name
