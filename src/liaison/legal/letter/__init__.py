"""The request letter of an outgoing legal request, in vi, en, ko, zh or ru, as DOCX and PDF
(docs/decisions/0047-request-letter.md).

- `build_letter(request, language, signer=, signed_on=) -> Letter` (content.py): what it says, from texts.py.
- `render_pdf(letter)` (pdf.py, reportlab) and `render_docx(letter)` (word.py, python-docx): the bytes.
- `generate(request, language, fmt, actor=) -> (bytes, filename, content type)`: a preview for an officer who may
  read the request's letters (the owner's holders of `legal.view`); a draft, marked as such.
- Signing off is an action: `legal.actions.do_sign_off_letter`.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from liaison.core import reads
from liaison.core.models import ReadEvent
from liaison.core.permissions import has_perm
from liaison.legal.letter.content import Letter, build_letter, check_language, default_language
from liaison.legal.letter.pdf import render_pdf
from liaison.legal.letter.texts import LANGUAGES
from liaison.legal.letter.word import render_docx

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
VIEW_PERMISSION = "legal.view"


def check_format(fmt: str) -> str:
    code = (fmt or "").strip().lower()
    if code not in FORMATS:
        raise ValidationError({"format": _("The letter is made as %(formats)s; not as “%(format)s”.")
                               % {"formats": ", ".join(FORMATS), "format": fmt}})  # fmt: skip
    return code


def may_generate(request: Any, actor: Any) -> bool:
    return bool(has_perm(actor, VIEW_PERMISSION) and request.owner_id == getattr(actor, "agency_id", None))


def generate(request: Any, language: str | None, fmt: str, *, actor: Any) -> tuple[bytes, str, str]:
    """The draft letter of `request` (see the module): its bytes, a file name and the content type."""
    if not may_generate(request, actor):
        raise PermissionDenied(_("Only the owning agency's legal officers, supervisors and analysts make its letters."))
    fmt = check_format(fmt)
    language = check_language(language or default_language(request))
    built = build_letter(request, language)
    content = render_pdf(built) if fmt == "pdf" else render_docx(built)
    reads.record_read(actor, ReadEvent.DOWNLOAD, obj=request)  # the letter names the persons: a read of their data
    return content, f"{request.reference}-letter-{language}-draft.{fmt}", FORMATS[fmt]


__all__ = [
    "FORMATS",
    "LANGUAGES",
    "Letter",
    "build_letter",
    "check_format",
    "check_language",
    "default_language",
    "generate",
    "may_generate",
    "render_docx",
    "render_pdf",
]
