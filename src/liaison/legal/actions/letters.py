"""The request letter signed off (audited; docs/decisions/0047-request-letter.md).

A legal officer or supervisor of the owning agency (`legal.manage`) signs off the letter of an outgoing request that
is approved and not yet sent: the letter is generated with their signature block, its PDF and DOCX are stored as
documents of the dossier (kind *request letter*, with their SHA-256), and a `RequestLetter` row records the version,
language and what the letter says (its digest). Signing off again after a change (the request, its person, offences,
dossier, or another language) makes the next version; the earlier ones stay. Signing off an unchanged letter again is
refused, naming the version that already says it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core import actions, audit
from liaison.legal import letter
from liaison.legal.access import MANAGE_PERMISSION
from liaison.legal.actions.requests import add_event, user_or_none
from liaison.legal.choices import Direction, DocumentKind, EventKind, RequestStatus
from liaison.legal.dossier import check_upload
from liaison.legal.models import LegalDocument, LegalRequest, RequestLetter

SIGN_OFF_STATUSES = (RequestStatus.APPROVED,)
"""A letter is signed off once the request is approved, and before it is sent."""


def _document(request: LegalRequest, content: bytes, filename: str, title: str, language: str, actor: Any) -> Any:
    upload = ContentFile(content, name=filename)
    content_type, sha256, size = check_upload(upload)
    document = LegalDocument(
        request=request, kind=DocumentKind.REQUEST_LETTER, language=language, title=title, original_name=filename,
        content_type=content_type, size=size, sha256=sha256, added_by=user_or_none(actor),
    )  # fmt: skip
    document.file.save(filename, upload, save=False)
    return document


def do_sign_off_letter(request: LegalRequest, language: str | None = None, *, actor: Any) -> RequestLetter:
    """Sign off the request's letter in `language` (the treaty's first by default): see the module."""
    actions.require(actor, MANAGE_PERMISSION)
    actions.require_owner(request, actor, MANAGE_PERMISSION)
    signer = user_or_none(actor)
    if signer is None:
        raise ValidationError(_("A request letter is signed off by an officer, not by a command or a job."))
    if request.direction != Direction.OUTGOING:
        raise ValidationError(_("Only an outgoing request has a request letter: this one came from the partner."))
    if request.status not in SIGN_OFF_STATUSES:
        raise ValidationError(
            _("The letter is signed off once the request is approved and before it is sent; this request is "
              "%(status)s.") % {"status": request.get_status_display()}
        )  # fmt: skip
    language = letter.check_language(language or letter.default_language(request))
    today = timezone.localdate()
    built = letter.build_letter(request, language, signer=signer, signed_on=today)
    previous = request.letters.order_by("-version").first()
    if previous is not None and previous.digest == built.digest:
        raise ValidationError(
            _("Version %(version)s of the letter, signed off by %(officer)s, already says this: nothing changed.")
            % {"version": previous.version, "officer": previous.signed_by}
        )  # fmt: skip
    version = previous.version + 1 if previous is not None else 1
    pdf, docx = letter.render_pdf(built), letter.render_docx(built)
    stem = f"{request.reference}-letter-v{version}-{language}"
    title = _("Request letter, version %(version)s (%(language)s)") % {"version": version, "language": language}
    documents = [
        _document(request, pdf, f"{stem}.pdf", f"{title} — PDF", language, actor),
        _document(request, docx, f"{stem}.docx", f"{title} — DOCX", language, actor),
    ]
    try:
        with transaction.atomic():
            for document in documents:
                document.save()
            signed = RequestLetter.objects.create(
                request=request, version=version, language=language, digest=built.digest, pdf=documents[0],
                docx=documents[1], signed_by=signer,
            )  # fmt: skip
            add_event(request, EventKind.NOTE, actor=actor, note=str(title), letter=signed.pk, version=version,
                      pdf_sha256=documents[0].sha256, docx_sha256=documents[1].sha256)  # fmt: skip
            audit.record("legal_request.letter_sign_off", actor=actor, obj=request,
                         after={"version": version, "language": language, "digest": built.digest,
                                "pdf_sha256": documents[0].sha256, "docx_sha256": documents[1].sha256})  # fmt: skip
    except BaseException:
        for document in documents:
            document.file.storage.delete(document.file.name)
        raise
    return signed
