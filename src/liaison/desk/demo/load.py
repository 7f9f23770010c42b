"""Loading the demo's desk records (data.py) through the desk actions, by the demo officer of the agency
concerned; a record already recorded is left as it is."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from liaison.agencies.models import Agency, User
from liaison.desk import actions
from liaison.desk.choices import CaseDirection, LegalBasisKind, NoticeStatus
from liaison.desk.demo import nodes
from liaison.desk.demo.data import CASES, DEADLINES, FICTIONAL, HOME, NOTICES
from liaison.desk.models import FugitiveCase, Notice, PartnerDeadlines, add_years
from liaison.people.demo import AGENCY_CODES, demo_officers, demo_owners, find_person, officer_username


def _notice(key: str, spec: dict[str, Any], officer: User, agencies: dict[str, Agency], today: datetime.date) -> bool:
    owner = officer.agency
    if Notice.objects.filter(owner=owner, reference=spec["reference"]).exists():
        return False
    person = find_person(key)
    if person is None:
        return False
    if "issued_years_ago" in spec:
        issued = add_years(today, -spec["issued_years_ago"]) + datetime.timedelta(days=spec["issued_extra_days"])
    else:
        issued = today - datetime.timedelta(days=spec["issued"])
    legal_kind, authority, legal_days, legal_reference = spec["legal"]
    legal_date = issued - datetime.timedelta(days=30)
    if legal_days is not None:
        legal_date = today - datetime.timedelta(days=legal_days)
    data: dict[str, Any] = {
        "person": person,
        "kind": spec["kind"],
        "issuing_agency": owner,
        "issuing_country": owner.country,
        "reference": spec["reference"],
        "legal_basis_kind": legal_kind,
        "legal_basis_authority": authority,
        "legal_basis_date": legal_date if legal_kind != LegalBasisKind.NONE else None,
        "legal_basis_reference": legal_reference,
        "summary": FICTIONAL + spec["summary"],
        "issued_on": issued,
    }
    if "valid_days" in spec:
        data["valid_until"] = issued + datetime.timedelta(days=spec["valid_days"])
    notice = actions.do_create_notice(data, offences=spec["offences"], actor=officer)
    actions.do_transition_notice(notice, NoticeStatus.ACTIVE, actor=officer)
    for code, handling_code, tlp, note in spec["share"]:
        actions.do_share_notice(notice, agencies[code], handling_code=handling_code, tlp=tlp, note=note, actor=officer)
    return True


def _case(spec: dict[str, Any], officers: dict[str, User], agencies: dict[str, Agency], today: datetime.date) -> bool:
    officer, partner_officers = officers[HOME], officers
    if FugitiveCase.objects.filter(owner=officer.agency, partner_reference=spec["ref"]).exists():
        return False
    person = find_person(spec["person"])
    notice_spec = NOTICES[spec["person"]]
    notice = Notice.objects.filter(reference=notice_spec["reference"], person=person).first()
    if person is None or notice is None:
        return False
    received = today - datetime.timedelta(days=spec["received"])
    case = actions.do_create_case(
        {
            "person": person,
            "notice": notice,
            "partner": agencies[spec["partner"]],
            "direction": spec["direction"],
            "partner_reference": spec["ref"],
            "priority": spec["priority"],
            "received_on": received,
            "crime_area": spec["crime_area"],
            "summary": FICTIONAL + spec["summary"],
            "assigned_to": officer,
        },
        note=FICTIONAL.strip(),
        actor=officer,
    )
    _timeline(case, spec, officer)
    if "partner_settles" in spec:  # the case's notice is the partner's: its officer cancels it
        reason = spec["partner_settles"] % spec["ref"]
        partner_officer = partner_officers[spec["partner"]]
        actions.do_transition_notice(notice, NoticeStatus.CANCELLED, note=reason, actor=partner_officer)
    return True


def _timeline(case: FugitiveCase, spec: dict[str, Any], officer: User) -> None:
    """The case's course, dated in the past (spec["events"]: to status, days ago, place, note and, for an ending
    that must say it, what becomes of the case's own notice), and its note."""
    now = timezone.localtime()
    for hour, (status, days, place, note, *outcome) in enumerate(spec["events"]):
        when = (now - datetime.timedelta(days=days)).replace(hour=9 + hour % 8, minute=30, second=0, microsecond=0)
        actions.do_transition_case(
            case, status, note=note, place=place, occurred_at=when, notice_outcome="".join(outcome), actor=officer
        )
    if "note" in spec:
        kind, text = spec["note"]
        actions.do_add_case_note(case, kind=kind, note=text, actor=officer)


def _own_request(spec: dict[str, Any], officer: User, partner: Agency) -> bool:
    """One of a node demo's requests to the MPS of Vietnam (nodes.py); one already recorded is left as it is."""
    person = find_person(spec["person"])
    if person is None or FugitiveCase.objects.filter(owner=officer.agency, person=person, partner=partner).exists():
        return False
    case = actions.do_create_case(
        {
            "person": person,
            "notice": Notice.objects.filter(owner=officer.agency, person=person).first(),
            "partner": partner,
            "direction": CaseDirection.OUTGOING,
            "priority": spec["priority"],
            "received_on": timezone.localdate() - datetime.timedelta(days=spec["received"]),
            "crime_area": spec["crime_area"],
            "summary": FICTIONAL + spec["summary"],
            "assigned_to": officer,
        },
        note=FICTIONAL.strip(),
        actor=officer,
    )
    _timeline(case, spec, officer)
    return True


def load_node(home: str, write: Any) -> None:
    """The desk demo of a node of another demo agency than the MPS of Vietnam (nodes.py): its own notices, not
    shared, and its own requests to the MPS."""
    officers = demo_officers((home,))
    partner = Agency.objects.filter(code=nodes.PARTNER).first()
    if officers is None or partner is None:
        write(f"Desk demo data skipped: the demo officer of {home} (agencies/demo.py) is missing.")
        return
    officer, today = officers[home], timezone.localdate()
    notices = 0
    for key in nodes.SUBJECTS_OF.get(home, ()):
        spec = NOTICES[key] | {"share": []}
        if key in nodes.KR_SUMMARIES and home == "KR-KNPA":
            spec["summary"] = nodes.KR_SUMMARIES[key]
        notices += _notice(key, spec, officer, {}, today)
    cases = sum(_own_request(spec, officer, partner) for spec in nodes.own_requests(home))
    write(
        f"Desk demo records of {home} (fictional): {notices} notices, {cases} requests to {nodes.PARTNER} added "
        f"(as {officer_username(home)}; share the notices from their pages)."
    )


def load(actor: Any, write: Any) -> None:
    owners = demo_owners()
    if owners != AGENCY_CODES:
        if owners:
            load_node(owners[0], write)
        else:
            write("Desk demo data skipped: this node's home agency is not one of the demo agencies.")
        return
    officers = demo_officers()
    agencies = {a.code: a for a in Agency.objects.filter(code__in=AGENCY_CODES)}
    supervisor = User.objects.filter(username="supervisor.vn-mps", is_active=True).first()
    if officers is None or len(agencies) < len(AGENCY_CODES):
        write("Desk demo data skipped: the demo agencies and officers (agencies/demo.py) are missing.")
        return
    today = timezone.localdate()
    deadlines = 0
    if supervisor is not None:
        for code, acknowledge, report in DEADLINES:
            if not PartnerDeadlines.objects.filter(owner=supervisor.agency, partner=agencies[code]).exists():
                actions.do_create_partner_deadlines(
                    {"partner": agencies[code], "acknowledge_days": acknowledge, "report_every_days": report},
                    actor=supervisor,
                )
                deadlines += 1
    notices = sum(_notice(key, spec, officers[_owner(key)], agencies, today) for key, spec in NOTICES.items())
    cases = sum(_case(spec, officers, agencies, today) for spec in CASES)
    write(
        f"Desk demo records (fictional): {notices} notices, {cases} fugitive cases, {deadlines} partner deadlines "
        f"added (as {officer_username(HOME)} and the partners' demo officers)."
    )


def _owner(key: str) -> str:
    from liaison.people.demo import PERSONS

    return str(PERSONS[key]["owner"])
