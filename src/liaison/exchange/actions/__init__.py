"""Every write of the information exchange (audited; see core/actions.py and docs/decisions/0036-exchange-model.md):
messages.py (drafts, attachments, submission, approval, sending), receiving.py (receipts, replies, permission
requests, forwarding, recall), retention.py (translations, the review, the /transition/ entry point),
exporting.py (MISP / STIX)."""

from liaison.exchange.actions.exporting import do_export_message
from liaison.exchange.actions.messages import (
    MESSAGE_FIELDS,
    approval_needed,
    do_add_attachment,
    do_approve_message,
    do_create_message,
    do_delete_message,
    do_reject_message,
    do_remove_attachment,
    do_submit_message,
    do_update_message,
    rules_for,
)
from liaison.exchange.actions.receiving import (
    court_use_granted,
    do_acknowledge_message,
    do_answer_permission,
    do_forward_message,
    do_recall_message,
    do_reply_message,
    do_request_permission,
    forward_refusal,
    record_read,
)
from liaison.exchange.actions.retention import (
    REVIEW_WARNING_DAYS,
    do_add_translation,
    do_review_message,
    do_transition_message,
    review_due,
)
from liaison.exchange.actions.rules import do_create_rules, do_update_rules

__all__ = [
    "MESSAGE_FIELDS",
    "REVIEW_WARNING_DAYS",
    "approval_needed",
    "court_use_granted",
    "do_acknowledge_message",
    "do_add_attachment",
    "do_add_translation",
    "do_answer_permission",
    "do_approve_message",
    "do_create_message",
    "do_create_rules",
    "do_delete_message",
    "do_export_message",
    "do_forward_message",
    "do_recall_message",
    "do_reject_message",
    "do_remove_attachment",
    "do_reply_message",
    "do_request_permission",
    "do_review_message",
    "do_submit_message",
    "do_transition_message",
    "do_update_message",
    "do_update_rules",
    "forward_refusal",
    "record_read",
    "review_due",
    "rules_for",
]
