"""Every write of legal requests (audited; see core/actions.py and docs/decisions/0041-legal-requests.md), one module
per aggregate: treaties.py (treaty terms and their central authorities), requests.py (the request, its offences,
its workflow and deadlines), documents.py (the dossier), letters.py (the request letter signed off).
`from liaison.legal import actions; actions.do_x` reaches them all."""

from liaison.legal.actions.documents import do_add_legal_document
from liaison.legal.actions.letters import do_sign_off_letter
from liaison.legal.actions.requests import (
    REQUEST_EDITABLE,
    do_acknowledge_request,
    do_add_legal_offence,
    do_add_request_note,
    do_create_request,
    do_record_arrest,
    do_remove_legal_offence,
    do_start_transfer_request,
    do_transition_request,
    do_update_legal_offence,
    do_update_request,
)
from liaison.legal.actions.treaties import (
    do_create_central_authority,
    do_create_treaty_terms,
    do_delete_central_authority,
    do_delete_treaty_terms,
    do_update_treaty_terms,
)

__all__ = [
    "REQUEST_EDITABLE",
    "do_acknowledge_request",
    "do_add_legal_document",
    "do_add_legal_offence",
    "do_add_request_note",
    "do_create_central_authority",
    "do_create_request",
    "do_create_treaty_terms",
    "do_delete_central_authority",
    "do_delete_treaty_terms",
    "do_record_arrest",
    "do_remove_legal_offence",
    "do_sign_off_letter",
    "do_start_transfer_request",
    "do_transition_request",
    "do_update_legal_offence",
    "do_update_request",
    "do_update_treaty_terms",
]
