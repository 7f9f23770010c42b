"""The dossier's documents (audited; see dossier.py): an original or the certified translation of one, added while
the request is open; checked by content and size before anything is stored, and removed from storage again when
the transaction does not commit."""

from __future__ import annotations

import datetime
import os
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from liaison.core import actions, audit
from liaison.legal import workflow
from liaison.legal.access import MANAGE_PERMISSION
from liaison.legal.actions.requests import add_event, user_or_none
from liaison.legal.choices import DocumentKind, EventKind
from liaison.legal.dossier import check_upload
from liaison.legal.models import LegalDocument, LegalRequest


def do_add_legal_document(
    request: LegalRequest,
    uploaded_file: Any,
    *,
    kind: str = DocumentKind.OTHER,
    language: str,
    title: str = "",
    translation_of: LegalDocument | None = None,
    translator: str = "",
    translated_on: datetime.date | None = None,
    certification: str = "",
    actor: Any,
) -> LegalDocument:
    """Add a document to the request's dossier (see the module); the timeline notes it."""
    actions.require(actor, MANAGE_PERMISSION)
    actions.require_owner(request, actor, MANAGE_PERMISSION)
    if request.status in workflow.FINAL:
        raise ValidationError(_("The request is closed: its dossier no longer changes."))
    content_type, sha256, size = check_upload(uploaded_file)
    name = os.path.basename(str(getattr(uploaded_file, "name", "") or "document")).strip()[:255] or "document"
    document = LegalDocument(
        request=request, kind=kind, language=(language or "").strip().lower(), translation_of=translation_of,
        translator=translator.strip(), translated_on=translated_on, certification=certification.strip(),
        title=(title or "").strip() or name, original_name=name, content_type=content_type, size=size,
        sha256=sha256, added_by=user_or_none(actor),
    )  # fmt: skip
    document.full_clean(exclude=["file", "request", "added_by"])
    document.file.save(name, uploaded_file, save=False)  # written to storage before the transaction …
    try:
        with transaction.atomic():
            document.save()
            add_event(request, EventKind.NOTE, actor=actor, note=document.title, document=document.pk, sha256=sha256)
            audit.record("legal_document.create", actor=actor, obj=document, after=audit.snapshot(document))
    except BaseException:
        document.file.storage.delete(document.file.name)  # … and removed again if it does not commit
        raise
    return document
