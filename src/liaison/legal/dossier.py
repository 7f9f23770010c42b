"""The dossier of a legal request: its documents, each an original or the certified translation of one, checked on
upload by content and size, and the checklist of what the request still needs (docs/decisions/0042-dossier.md).

- `check_upload(file) -> (content type, sha256, size)`: a PDF, JPEG, PNG, TIFF or DOCX (read by its first bytes
  and, for DOCX, its parts), at most `MAX_BYTES`; anything else is refused with a message that says why. Nothing
  is stored before the check passes, and a file stored for a document whose transaction does not commit is
  removed again (actions).
- `missing_documents(request) -> list[str]`: for each kind of document the request's kind needs
  (choices.REQUIRED_DOCUMENTS), the original if there is none, and a certified translation into one of the
  treaty's languages when no original or translation is in one.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from liaison.core import actions as core_actions
from liaison.legal.choices import REQUIRED_DOCUMENTS, DocumentKind

MAX_BYTES = 20 * 1024 * 1024
SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _head(file: Any, size: int) -> bytes:
    if isinstance(file, bytes | bytearray):
        return bytes(file[:size])
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return bytes(head)


def _is_docx(file: Any) -> bool:
    try:
        data = bytes(file) if isinstance(file, bytes | bytearray) else _head(file, MAX_BYTES + 1)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def check_upload(file: Any) -> tuple[str, str, int]:
    """The content type, SHA-256 and size of an acceptable document, or a ValidationError on `file` saying why."""
    if not file:
        raise ValidationError({"file": _("Choose a file to upload.")})
    sha256, size = core_actions.sha256_of(file)
    if size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    if size > MAX_BYTES:
        raise ValidationError(
            {"file": _("The file has %(size)s bytes; a document may have at most %(limit)s bytes.")
             % {"size": size, "limit": MAX_BYTES}}
        )  # fmt: skip
    head = _head(file, 16)
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type, sha256, size
    if head.startswith(b"PK\x03\x04") and _is_docx(file):
        return DOCX, sha256, size
    raise ValidationError(
        {"file": _("This file is not a PDF, JPEG, PNG, TIFF or Word (DOCX) document; its content says otherwise.")}
    )


def missing_documents(request: Any) -> list[str]:
    """What the request's dossier still lacks (see the module), each as a sentence."""
    labels = dict(DocumentKind.choices)
    accepted = set(request.treaty.languages or [])
    documents = list(request.documents.all())
    missing = []
    for kind in REQUIRED_DOCUMENTS.get(request.kind, ()):
        originals = [d for d in documents if d.kind == kind and d.translation_of_id is None]
        if not originals:
            missing.append(_("%(document)s: the original is missing.") % {"document": labels[kind]})
            continue
        in_language = [d for d in documents if d.kind == kind and d.language in accepted]
        if accepted and not in_language:
            missing.append(
                _("%(document)s: a certified translation into %(languages)s is missing.")
                % {"document": labels[kind], "languages": ", ".join(sorted(accepted))}
            )
    return missing
