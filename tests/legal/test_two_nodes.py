"""An extradition walked on two real federated nodes (issue 18, "Done when"): separate processes, databases and
key directories, HTTP between them, through the API of each node.

VN-MPS (A) asks KR-KNPA (B) to trace a fugitive (the desk's case, mirrored on B), then drafts a provisional-arrest
request linked to the case: legal review, approval by the supervisor, sent. It arrives on B as an incoming request
at legal review under both references, linked to B's copy of the case. B acknowledges (A's request moves to
acknowledged), executes the arrest (both cases move to detained; A learns the day and the formal request's due
date), and A presents the formal extradition request within the treaty's 60 days. B receives it, linked to its
provisional arrest (whose deadline it meets), executes it: both cases move to extradited; each desk records the
handover. Every status change of each request is a timeline entry and an audit record on each node.
"""

from __future__ import annotations

import datetime
import json
import shutil
import urllib.error
from typing import Any

from tests.federation.test_two_nodes import (
    Node,
    both,
    nodes,  # noqa: F401 (the fixture)
    wait_for,
)

SETUP = """
import json
from liaison.agencies import actions
from liaison.agencies.models import Role
from liaison.agencies.system import system_actor
from liaison.core import context
spec = json.loads(SPEC)
actor = system_actor("test")
keys = {}
with context.channel(context.CHANNEL_CLI):
    home = actions.do_create_agency({"code": spec["home"], "country": spec["home"][:2], "name_native": spec["home"],
                                     "name_en": spec["home"], "short_name": spec["home"], "kind": "police",
                                     "is_home": True}, actor=actor)
    for role in ("desk_officer", "legal_officer", "supervisor"):
        Role.objects.get_or_create(code=role)
        user = actions.do_create_user({"username": f"{role}.{home.code}", "agency": home,
                                       "roles": list(Role.objects.filter(code=role))}, password=None, actor=actor)
        keys[role] = actions.do_create_api_token(user, name="test", actor=actor)[1]
print(json.dumps({"keys": keys}))
"""

# After the pairing (which records the partner's agency): the treaty with the partner, and on A the fugitive.
TREATY = """
import json
from liaison.agencies.models import Agency, User
from liaison.cooperation import actions as cooperation_actions
from liaison.core import context
from liaison.legal import actions as legal_actions
from liaison.people.actions import do_create_person
spec = json.loads(SPEC)
with context.channel(context.CHANNEL_CLI):
    home = Agency.objects.get(is_home=True)
    partner = Agency.objects.get(code=spec["partner"])
    legal = User.objects.get(username=f"legal_officer.{home.code}")
    agreement = cooperation_actions.do_create_agreement(
        {"kind": "treaty", "title_en": "Treaty on extradition (test)", "parties": [
            {"government_country": home.country.code, "name_text": home.country.name}, {"agency": partner}]},
        actor=legal)
    legal_actions.do_create_treaty_terms(
        {"partner": partner, "basis": "bilateral", "agreement": agreement, "title": "Extradition treaty (test)",
         "fictional": True, "kinds": ["extradition"], "languages": ["vi", "ko", "en"], "formal_request_days": 60,
         "acknowledge_days": 14, "answer_days": 120,
         "refusal_grounds": ["own_nationals", "political", "dual_criminality"],
         "mandatory_grounds": ["own_nationals", "political"]}, actor=legal)
    person = None
    if spec["person"]:
        person = do_create_person({"sex": "M", "fictional": True, "nationalities": ["VN"]},
                                  names=[{"full_name": spec["person"]}],
                                  documents=[{"kind": "passport", "number": "C7654321", "issuing_country": "VN"}],
                                  actor=User.objects.get(username=f"desk_officer.{home.code}")).pk
print(json.dumps({"person": person, "partner": partner.pk}))
"""

# A's legal officer adds the warrant in Vietnamese and its certified Korean translation to a request.
DOSSIER = """
import datetime, json
from django.core.files.base import ContentFile
from liaison.agencies.models import User
from liaison.core import context
from liaison.legal import actions
from liaison.legal.models import LegalRequest
spec = json.loads(SPEC)
officer = User.objects.get(username="legal_officer.VN-MPS")
request = LegalRequest.objects.get(pk=spec["request"])
with context.channel(context.CHANNEL_CLI):
    warrant = actions.do_add_legal_document(request, ContentFile(b"%PDF-1.4 lenh bat", name="lenh-bat.pdf"),
                                            kind="warrant_or_judgment", language="vi", title="Lệnh bắt",
                                            actor=officer)
    actions.do_add_legal_document(request, ContentFile(b"%PDF-1.4 warrant ko", name="warrant-ko.pdf"),
                                  kind="warrant_or_judgment", language="ko", title="체포영장 (번역)",
                                  translation_of=warrant, translator="Park", translated_on=datetime.date.today(),
                                  certification="Notarised in Hanoi", actor=officer)
print(json.dumps({"ok": True}))
"""

# On each node: every status change of a legal request is one timeline entry and one audit record (same from, same
# to), and every move of a fugitive case is audited.
AUDIT = """
import json
from liaison.core.models import AuditEvent
from liaison.desk.models import FugitiveCase
from liaison.legal.models import LegalRequest
found = {}
for request in LegalRequest.objects.all():
    steps = [(e.from_status, e.to_status) for e in request.events.filter(kind="status").order_by("pk")]
    audited = [(a.before["status"], a.after["status"]) for a in AuditEvent.objects.filter(
        action="legal_request.transition", object_id=str(request.pk)).order_by("pk")]
    found[request.reference] = {"steps": steps, "audited": audited, "arrest": AuditEvent.objects.filter(
        action="legal_request.arrest", object_id=str(request.pk)).count()}
for case in FugitiveCase.objects.all():
    moves = AuditEvent.objects.filter(action="fugitive_case.transition", object_id=str(case.pk)).order_by("pk")
    found[case.reference] = {"status": case.status, "audited": [a.after.get("status") for a in moves]}
print(json.dumps(found))
"""

OFFENCE = {
    "description": "Fraud (appropriation of property), organised", "law": "Penal Code", "article": "174",
    "max_penalty": "", "max_penalty_life": True, "partner_law": "Criminal Act", "partner_article": "347",
}  # fmt: skip


def pair(a: Node, b: Node) -> tuple[dict[str, str], dict[str, str]]:
    """Migrate, set up each home agency with its officers (their API keys returned), init and pair the nodes."""
    a.cli("migrate", "--no-input", "-v0")
    shutil.copy(a.var / "db.sqlite3", b.var / "db.sqlite3")  # the same empty schema: one migration run for both
    keys = both(lambda: script(a, SETUP, home=a.agency)["keys"], lambda: script(b, SETUP, home=b.agency)["keys"])
    both(lambda: a.cli("node", "init", "--url", a.url), lambda: b.cli("node", "init", "--url", b.url))
    cards = both(
        lambda: a.cli("node", "card", "-o", str(a.var / "card.json")),
        lambda: b.cli("node", "card", "-o", str(b.var / "card.json")),
    )
    fingerprint_a, fingerprint_b = (out.strip().splitlines()[-1] for out in cards)
    both(
        lambda: a.cli("node", "pair", str(b.var / "card.json"), "--fingerprint", fingerprint_b),
        lambda: b.cli("node", "pair", str(a.var / "card.json"), "--fingerprint", fingerprint_a),
    )
    return keys


def script(node: Node, code: str, **spec: Any) -> Any:
    return json.loads(node.cli("shell", "-c", code.replace("SPEC", repr(json.dumps(spec)))).splitlines()[-1])


class Desk:
    """One node's API, as its desk officer, legal officer and supervisor."""

    def __init__(self, node: Node, keys: dict[str, str]) -> None:
        self.node, self.keys = node, keys

    def get(self, path: str, role: str = "legal_officer") -> Any:
        return self.node.api(self.keys[role], path)

    def post(self, path: str, data: dict[str, Any], role: str = "legal_officer") -> Any:
        try:
            return self.node.api(self.keys[role], path, data)
        except urllib.error.HTTPError as refused:
            raise AssertionError(f"{self.node.name} POST {path}: {refused.code} {refused.read().decode()}") from None

    def move(self, request: dict[str, Any], to: str, role: str = "legal_officer", note: str = "") -> Any:
        return self.post(f"/api/legal-requests/{request['id']}/transition/", {"to": to, "note": note}, role)

    def move_case(self, case_id: int, to: str) -> Any:
        return self.post(f"/api/fugitive-cases/{case_id}/transition/", {"to": to, "note": ""}, "desk_officer")

    def request(self, reference: str, *, partner_reference: bool = False) -> Any:
        field = "partner_reference" if partner_reference else "reference"
        rows = self.get("/api/legal-requests/?page_size=100")["results"]
        return next((row for row in rows if row[field] == reference), None)

    def case(self, case_id: int) -> Any:
        return self.get(f"/api/fugitive-cases/{case_id}/", "desk_officer")


def test_an_extradition_from_provisional_arrest_to_handover_on_two_nodes(
    nodes: tuple[Node, Node],  # noqa: F811
) -> None:
    a_node, b_node = nodes
    keys_a, keys_b = pair(a_node, b_node)
    set_a, _set_b = both(
        lambda: script(a_node, TREATY, partner="KR-KNPA", person="Đặng Văn Hùng"),
        lambda: script(b_node, TREATY, partner="VN-MPS", person=""),
    )
    both(a_node.start, b_node.start)
    a, b = Desk(a_node, keys_a), Desk(b_node, keys_b)
    today = datetime.date.today()

    # The desk's fugitive case, mirrored on B; both desks follow it to "located".
    case_a = a.post(
        "/api/fugitive-cases/",
        {"person": set_a["person"], "partner": set_a["partner"], "direction": "outgoing", "summary": "In Busan."},
        "desk_officer",
    )
    case_b = wait_for(lambda: b.get("/api/fugitive-cases/", "desk_officer")["results"], "the case on B")[0]
    wait_for(lambda: a.case(case_a["id"])["partner_reference"] == case_b["reference"], "B's case reference on A")
    for desk, case_id in ((a, case_a["id"]), (b, case_b["id"])):
        if desk.case(case_id)["status"] == "received":  # A's own request is accepted once B links it
            desk.move_case(case_id, "accepted")
        desk.move_case(case_id, "located")

    # A drafts the provisional-arrest request; the legal officer reviews, the supervisor approves, it is sent.
    arrest_a = a.post(
        "/api/legal-requests/",
        {"direction": "outgoing", "kind": "extradition", "subkind": "provisional_arrest",
         "partner": set_a["partner"], "person": set_a["person"], "fugitive_case": case_a["id"],
         "facts": "Organised a fraud ring; located in Busan.", "offences": [OFFENCE]},
    )  # fmt: skip
    assert arrest_a["status"] == "drafting" and arrest_a["treaty"] is not None
    a.move(arrest_a, "legal_review")
    a.move(arrest_a, "approved", "supervisor")
    a.move(arrest_a, "sent")

    # On B: an incoming request at legal review, under both references, linked to B's copy of the case.
    arrest_b = wait_for(lambda: b.request(arrest_a["reference"], partner_reference=True), "the request on B")
    assert (arrest_b["direction"], arrest_b["status"], arrest_b["subkind"]) == (
        "incoming", "legal_review", "provisional_arrest"
    )  # fmt: skip
    assert arrest_b["fugitive_case"] == case_b["id"] and arrest_b["person"] is not None
    assert arrest_b["offences"][0]["max_penalty_life"] is True
    wait_for(lambda: a.request(arrest_a["reference"])["partner_reference"] == arrest_b["reference"], "B's reference")

    # B acknowledges: A's request moves to acknowledged.
    b.post(f"/api/legal-requests/{arrest_b['id']}/acknowledge/", {"note": "Received by the Ministry of Justice."})
    wait_for(lambda: a.request(arrest_a["reference"])["status"] == "acknowledged", "the acknowledgement on A")

    # B approves and executes the arrest: A learns the day; both cases move to detained.
    b.move(arrest_b, "approved", "supervisor")
    b.move(arrest_b, "under_execution")
    b.post(f"/api/legal-requests/{arrest_b['id']}/arrest/", {"arrested_on": today.isoformat()})
    due = (today + datetime.timedelta(days=60)).isoformat()
    arrested = wait_for(
        lambda: (row := a.request(arrest_a["reference"]))["formal_request_due"] == due and row, "the arrest on A"
    )
    assert arrested["status"] == "under_execution" and arrested["arrested_on"] == today.isoformat()
    assert b.case(case_b["id"])["status"] == "detained"
    assert a.case(case_a["id"])["status"] == "detained"

    # A presents the formal request within the 60 days, following its provisional arrest.
    formal_a = a.post(
        "/api/legal-requests/",
        {"direction": "outgoing", "kind": "extradition", "subkind": "formal_request", "partner": set_a["partner"],
         "person": set_a["person"], "fugitive_case": case_a["id"], "follows": arrest_a["id"],
         "facts": "Formal request: judgment and warrant attached.", "offences": [OFFENCE]},
    )  # fmt: skip
    script(a_node, DOSSIER, request=formal_a["id"])
    a.move(formal_a, "legal_review")
    a.move(formal_a, "approved", "supervisor")
    a.move(formal_a, "sent")
    assert a.request(arrest_a["reference"])["formal_request_made"] is True
    sent = a.get(f"/api/legal-request-events/?request={formal_a['id']}")["results"]
    assert [e["data"].get("formal_request_in_time") for e in sent if e["to_status"] == "sent"] == [True]

    formal_b = wait_for(lambda: b.request(formal_a["reference"], partner_reference=True), "the formal request on B")
    assert formal_b["follows"] == arrest_b["id"] and formal_b["fugitive_case"] == case_b["id"]
    assert b.request(arrest_b["reference"])["formal_request_made"] is True
    dossier = b.get(f"/api/legal-documents/?request={formal_b['id']}")["results"]  # travelled with it
    assert sorted((d["language"], d["title"], d["translation_of"] is not None) for d in dossier) == [
        ("ko", "체포영장 (번역)", True), ("vi", "Lệnh bắt", False)
    ]  # fmt: skip
    opened = b.get(f"/api/legal-request-events/?request={formal_b['id']}")["results"][0]
    assert opened["data"]["formal_request_in_time"] is True

    # B acknowledges, approves, executes: the extradition is executed on both nodes, both cases are extradited.
    b.post(f"/api/legal-requests/{formal_b['id']}/acknowledge/", {"note": ""})
    b.move(formal_b, "approved", "supervisor")
    b.move(formal_b, "under_execution")
    b.move(formal_b, "executed", note="Surrendered at Incheon airport.")
    b.move(arrest_b, "executed", note="The arrest ends with the surrender.")
    assert b.case(case_b["id"])["status"] == "extradited"
    wait_for(lambda: a.request(formal_a["reference"])["status"] == "executed", "the execution on A")
    wait_for(lambda: a.request(arrest_a["reference"])["status"] == "executed", "the arrest's end on A")
    assert a.case(case_a["id"])["status"] == "extradited"

    # Each desk records the handover.
    b.move_case(case_b["id"], "handed_over")
    a.move_case(case_a["id"], "handed_over")

    audit_a, audit_b = (json.loads(n.cli("shell", "-c", AUDIT).splitlines()[-1]) for n in (a_node, b_node))
    walk = {
        arrest_a["reference"]: ["legal_review", "approved", "sent", "acknowledged", "under_execution", "executed"],
        formal_a["reference"]: ["legal_review", "approved", "sent", "acknowledged", "under_execution", "executed"],
        arrest_b["reference"]: ["approved", "under_execution", "executed"],
        formal_b["reference"]: ["approved", "under_execution", "executed"],
    }
    for audits in (audit_a, audit_b):
        for reference, found in audits.items():
            if reference in walk:
                assert [to for _from, to in found["steps"]] == walk[reference], (reference, found)
                assert found["audited"] == found["steps"], (reference, found)
    assert audit_a[arrest_a["reference"]]["arrest"] == 1 and audit_b[arrest_b["reference"]]["arrest"] == 1
    cases = ["accepted", "located", "detained", "extradited", "handed_over"]
    # A's own request was accepted when B linked it (an update, not a move of A's desk officer)
    assert audit_a[case_a["reference"]] == {"status": "handed_over", "audited": cases[1:]}
    assert audit_b[case_b["reference"]] == {"status": "handed_over", "audited": cases}
    assert "No refused or failed message" in a_node.cli("federation", "problems")
    assert "No refused or failed message" in b_node.cli("federation", "problems")
