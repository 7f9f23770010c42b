"""Writes of agreements (with their parties and titles), their documents and the links between agreements."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from liaison.cooperation import workflow
from liaison.cooperation.access import MANAGE_PERMISSION
from liaison.cooperation.actions.steps import refuse_protected, require_manager_owner, transition
from liaison.cooperation.models import Agreement, AgreementDocument, AgreementLink, AgreementParty, AgreementTitle
from liaison.core import access, actions, audit

# Set from the uploaded file when the document is stored; never changed afterwards.
DOCUMENT_STORED_FIELDS = ("original_name", "size", "sha256", "uploaded_by", "uploaded_at")


# --- agreements ------------------------------------------------------------------------------------------
def _agreement_state(agreement: Agreement) -> dict[str, Any]:
    state = audit.snapshot(agreement)
    state["parties"] = [
        {"agency": p.agency_id, "government_country": str(p.government_country or ""), "name_text": p.name_text}
        for p in agreement.parties.order_by("id")
    ]
    state["titles"] = [{"language": t.language, "title": t.title} for t in agreement.titles.order_by("id")]
    return state


def _replace_parties(agreement: Agreement, parties: list[Mapping[str, Any]]) -> None:
    if len(parties) < 2:
        raise ValidationError({"parties": _("An agreement has at least two parties.")})
    seen: set[tuple[Any, str]] = set()
    agreement.parties.all().delete()
    for row in parties:
        party = AgreementParty(agreement=agreement, **row)
        try:
            party.full_clean()
        except ValidationError as error:
            raise ValidationError({"parties": error.messages}) from None
        key = (party.agency_id, str(party.government_country or ""))
        if key in seen:
            raise ValidationError({"parties": _("The same party is listed twice.")})
        seen.add(key)
        party.save()


def _replace_titles(agreement: Agreement, titles: list[Mapping[str, Any]]) -> None:
    languages = [row.get("language") for row in titles]
    if len(set(languages)) != len(languages):
        raise ValidationError({"titles": _("Give one title per language.")})
    agreement.titles.all().delete()
    for row in titles:
        title = AgreementTitle(agreement=agreement, **row)
        try:
            title.full_clean()
        except ValidationError as error:
            raise ValidationError({"titles": error.messages}) from None
        title.save()


def do_create_agreement(data: Mapping[str, Any], *, actor: Any) -> Agreement:
    """Record an agreement with its parties (two or more) and its titles in the parties' languages."""
    actions.require(actor, MANAGE_PERMISSION)
    fields = dict(data)
    refuse_protected(fields)
    parties = fields.pop("parties", [])
    titles = fields.pop("titles", [])
    if getattr(actor, "agency", None) is None:
        raise ValidationError({"owner": _("The actor belongs to no agency.")})
    with transaction.atomic():
        agreement = Agreement(owner=actor.agency, **fields)
        agreement.full_clean()
        agreement.save()
        _replace_parties(agreement, parties)
        _replace_titles(agreement, titles)
        audit.record("agreement.create", actor=actor, obj=agreement, after=_agreement_state(agreement))
    return agreement


def do_update_agreement(agreement: Agreement, data: Mapping[str, Any], *, actor: Any) -> Agreement:
    """Change an agreement; `parties` or `titles`, when given, replace the whole list."""
    require_manager_owner(agreement, actor)
    fields = dict(data)
    refuse_protected(fields)
    parties = fields.pop("parties", None)
    titles = fields.pop("titles", None)
    with transaction.atomic():
        before = _agreement_state(Agreement.objects.select_for_update().get(pk=agreement.pk))
        for name, value in fields.items():
            setattr(agreement, name, value)
        agreement.full_clean()
        agreement.save()
        if parties is not None:
            _replace_parties(agreement, parties)
        if titles is not None:
            _replace_titles(agreement, titles)
        after = _agreement_state(agreement)
        changed = [key for key in after if after[key] != before.get(key)]
        audit.record(
            "agreement.update",
            actor=actor,
            obj=agreement,
            before={key: before.get(key) for key in changed},
            after={key: after[key] for key in changed},
        )
    return agreement


def do_delete_agreement(agreement: Agreement, *, actor: Any) -> None:
    require_manager_owner(agreement, actor)
    with actions.refuse_if_referenced(), transaction.atomic():
        before = _agreement_state(agreement)
        pk, text = str(agreement.pk), str(agreement)
        agreement.delete()
        audit.record(
            "agreement.delete",
            actor=actor,
            before=before,
            object_type=Agreement._meta.label_lower,
            object_id=pk,
            object_repr=text,
        )


def do_transition_agreement(agreement: Agreement, to: str, *, note: str = "", actor: Any) -> Agreement:
    """Move an agreement along its workflow (workflow.AGREEMENT); audited with from and to."""
    transition(agreement, workflow.AGREEMENT, to, note, actor=actor, action="agreement.transition", keep_reason=False)
    return agreement


# --- agreement documents ---------------------------------------------------------------------------------
def do_add_agreement_document(data: Mapping[str, Any], *, actor: Any) -> AgreementDocument:
    """Store a text of an agreement; its SHA-256 and size are computed from the uploaded bytes."""
    actions.require(actor, MANAGE_PERMISSION)
    actions.parent_for_new_child(data, "agreement", actor=actor, permission=MANAGE_PERMISSION)
    upload = data.get("file")
    if not upload:
        raise ValidationError({"file": _("Choose a file to upload.")})
    sha256, size = actions.sha256_of(upload)
    name = os.path.basename(str(upload.name))[:255]
    is_user = getattr(actor, "is_authenticated", False) and not getattr(actor, "is_system", False)
    document = AgreementDocument(
        **{k: v for k, v in data.items() if k != "file"},
        original_name=name,
        size=size,
        sha256=sha256,
        uploaded_by=actor if is_user else None,
    )
    document.full_clean(exclude=["file"])
    document.file.save(name, upload, save=False)  # written to storage before the transaction …
    try:
        with transaction.atomic():
            document.save()
            audit.record("agreement_document.create", actor=actor, obj=document, after=audit.snapshot(document))
    except BaseException:
        document.file.storage.delete(document.file.name)  # … and removed again if it does not commit
        raise
    return document


def do_update_agreement_document(
    document: AgreementDocument, data: Mapping[str, Any], *, actor: Any
) -> AgreementDocument:
    """Change a document's language, kind or authoritative flag (the file itself never changes)."""
    if "file" in data:
        raise ValidationError({"file": _("Upload a new document instead of replacing the file.")})
    return actions.update_child(
        document,
        data,
        parent="agreement",
        permission=MANAGE_PERMISSION,
        actor=actor,
        action="agreement_document.update",
        protected=DOCUMENT_STORED_FIELDS,
    )


def do_delete_agreement_document(document: AgreementDocument, *, actor: Any) -> None:
    storage, name = document.file.storage, document.file.name
    actions.delete_child(
        document, parent="agreement", permission=MANAGE_PERMISSION, actor=actor, action="agreement_document.delete"
    )
    transaction.on_commit(lambda: storage.delete(name))


# --- agreement links -------------------------------------------------------------------------------------
def _check_link_target(data: Mapping[str, Any], actor: Any) -> None:
    target = data.get("to_agreement")
    if target is not None and not access.restrict(Agreement.objects.filter(pk=target.pk), actor).exists():
        raise ValidationError({"to_agreement": _("No such agreement.")})


def do_create_agreement_link(data: Mapping[str, Any], *, actor: Any) -> AgreementLink:
    _check_link_target(data, actor)
    return actions.create_child(
        AgreementLink,
        data,
        parent="from_agreement",
        permission=MANAGE_PERMISSION,
        actor=actor,
        action="agreement_link.create",
    )


def do_update_agreement_link(link: AgreementLink, data: Mapping[str, Any], *, actor: Any) -> AgreementLink:
    _check_link_target(data, actor)
    return actions.update_child(
        link, data, parent="from_agreement", permission=MANAGE_PERMISSION, actor=actor, action="agreement_link.update"
    )


def do_delete_agreement_link(link: AgreementLink, *, actor: Any) -> None:
    actions.delete_child(
        link, parent="from_agreement", permission=MANAGE_PERMISSION, actor=actor, action="agreement_link.delete"
    )
