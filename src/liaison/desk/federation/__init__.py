"""The desk's messages between nodes (federation; core.registry envelope kinds): a notice shared with an agency
served by a partner node travels there, and so does the withdrawal of the share.

- `desk.notice.share`: the notice with its offences, the person it is about with their names, identity documents
  and releasable photos (attachments, by SHA-256) — what a partner reads of a shared notice here
  (docs/decisions/0010-desk-model.md; addresses, contacts and notes stay with the owner). The receiving node writes
  (or updates) its copy through the desk's and the people register's actions, as the sending agency, and shares it
  with the recipient agency under the handling code and TLP the envelope carries. The copy is owned by the sending
  agency, so it is read-only there, and its origin (federation.origin) says which node it came from.
- a shared notice of ours that changes — its fields, offences or status (suspended, cancelled, expired, active
  again), its person's fields, names, identity documents or photos — is sent again as it now is, in the action's
  transaction (a receiver of the action's audit record), and the copy follows: names, documents and photos are
  made those the message carries (a photo no longer releasable leaves the copy). A message older than the one
  that last wrote the copy changes nothing.
- `desk.notice.unshare`: the recipient's share of the copy is withdrawn, so it leaves every list, search and
  screening of the recipient agency (they all read through access, which follows the share).
- `desk.case.request`: our outgoing fugitive case with a remote partner opens the mirrored case on the partner's
  node — an incoming case of theirs, about their copy of the person (shared with them), with our reference as the
  partner's reference; their node answers `desk.case.event` "linked" with its own reference, which becomes our
  case's partner reference: the two cases are linked by both numbers.
- `desk.case.opened`: our incoming case about the partner's own person (the copy of its notice's person, found
  here, e.g. by a confirmed screening hit) opens on the partner's node its outgoing case about its person — or
  links its open request about the person — and its node answers "linked" with its reference.
- `desk.case.event`: every later entry of either case's timeline (transitions, notes, acknowledgements, progress
  reports, confirmed screening hits: "hit confirmed at <list, row>, <date>") reaches the other case's timeline as
  a note saying what the partner recorded; an entry of a case the partner's node does not hold is not sent. The
  desk's actions are not touched: a receiver of CaseEvent's post_save (inside the action's transaction) writes the
  envelope; entries written while a partner's message is applied are not sent back.
"""

from __future__ import annotations

from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

from liaison.core import registry
from liaison.core.models import AuditEvent
from liaison.desk.federation import cases, notices
from liaison.desk.models import CaseEvent
from liaison.federation import origin


def register() -> None:
    registry.register_envelope_kind(
        notices.SHARE_KIND,
        handler=notices.apply_share,
        validate=notices.check_share_payload,
        label=_("A notice shared with us"),
    )
    registry.register_envelope_kind(
        notices.UNSHARE_KIND,
        handler=notices.apply_unshare,
        validate=notices.check_unshare_payload,
        label=_("A notice's share withdrawn"),
    )
    registry.register_shared_record_kinds(
        "desk.notice", share=notices.SHARE_KIND, unshare=notices.UNSHARE_KIND, content=notices.notice_content
    )
    registry.register_envelope_kind(
        cases.CASE_REQUEST_KIND,
        handler=cases.apply_case_request,
        validate=cases.check_case_request_payload,
        label=_("A partner's fugitive case request"),
    )
    registry.register_envelope_kind(
        cases.CASE_OPENED_KIND,
        handler=cases.apply_case_opened,
        validate=cases.check_case_opened_payload,
        label=_("A partner's case opened on our person"),
    )
    registry.register_envelope_kind(
        cases.CASE_EVENT_KIND,
        handler=cases.apply_case_event,
        validate=cases.check_case_event_payload,
        group=cases.case_event_group,
        handle_group=cases.apply_case_events,
        label=_("An entry of a partner's fugitive case"),
    )
    post_save.connect(notices.on_audit_event, sender=AuditEvent, dispatch_uid="desk.federation.notice_changed")
    post_save.connect(cases.on_case_event, sender=CaseEvent, dispatch_uid="desk.federation.case_event")
    for target in ("desk.notice", "people.person"):
        registry.register_record_panel(
            target, "origin", template="federation/_origin.html", context=origin.panel_context, order=0
        )
