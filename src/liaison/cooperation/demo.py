"""Demo cooperation records, true to the public record in shared/seeds/ (see its README for the dates).

Only what the reports state is recorded: where a report gives no place, exact date or participant, the field
stays empty and the pages say "not recorded". Every record names its source report. Idempotent: a record
that already exists (same owner and title) is left as it is.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from liaison.agencies.models import Agency
from liaison.cooperation import actions
from liaison.cooperation.choices import (
    AgreementKind,
    AgreementStatus,
    CapacityProjectKind,
    Direction,
    EngagementKind,
    Side,
    TrainingTopic,
)
from liaison.cooperation.models import (
    ActionItem,
    Agreement,
    CapacityProject,
    Engagement,
    Programme,
    TrainingCourse,
)

S000 = "Source: shared/seeds/000_c00a00b97fb99116.txt, public report (VNA), talks in Seoul on 8 July 2019."
S001 = "Source: shared/seeds/001_8e9ceaa0d2dab588.txt, public report (MPS portal), talks in Hanoi on 29 January 2019."
S002 = "Source: shared/seeds/002_5024c0895d4a9bae.txt, public report (VNA/CVN, French), 2024 (date not stated)."
S003 = "Source: shared/seeds/003_aebcca7f72621cea.txt, public report (VOV), talks in Hanoi on 31 October 2022."
S004 = "Source: shared/seeds/004_a7a9d14b8d7068d0.txt, public report (VNA), meetings in Beijing on 14 September 2023."


def _agreement(actor: Any, owner: Agency, spec: dict[str, Any], status_path: Sequence[str]) -> Agreement:
    existing = Agreement.objects.filter(owner=owner, title_en=spec["title_en"]).first()
    if existing is not None:
        return existing
    agreement = actions.do_create_agreement(spec, actor=actor)
    for status in status_path:
        actions.do_transition_agreement(agreement, status, note=spec.get("notes", "")[:200], actor=actor)
    return agreement


def _programme(actor: Any, owner: Agency, spec: dict[str, Any]) -> Programme:
    existing = Programme.objects.filter(owner=owner, title=spec["title"]).first()
    return existing or actions.do_create_programme(spec, actor=actor)


def _engagement(
    actor: Any, owner: Agency, spec: dict[str, Any], participants: list[dict[str, Any]], outcomes: list[str]
) -> Engagement:
    existing = Engagement.objects.filter(owner=owner, title=spec["title"]).first()
    if existing is not None:
        return existing
    engagement = actions.do_create_engagement(spec, actor=actor)
    for order, person in enumerate(participants):
        actions.do_create_participant({**person, "engagement": engagement, "order": order}, actor=actor)
    for order, text in enumerate(outcomes):
        actions.do_create_outcome({"engagement": engagement, "text": text, "order": order}, actor=actor)
    return engagement


def _action_item(actor: Any, owner: Agency, spec: dict[str, Any]) -> ActionItem:
    existing = ActionItem.objects.filter(owner=owner, title=spec["title"]).first()
    return existing or actions.do_create_action_item(spec, actor=actor)


def _training(actor: Any, owner: Agency, spec: dict[str, Any]) -> TrainingCourse:
    existing = TrainingCourse.objects.filter(owner=owner, title=spec["title"]).first()
    return existing or actions.do_create_training_course(spec, actor=actor)


def _capacity(actor: Any, owner: Agency, spec: dict[str, Any]) -> CapacityProject:
    existing = CapacityProject.objects.filter(owner=owner, title=spec["title"], phase=spec.get("phase", "")).first()
    return existing or actions.do_create_capacity_project(spec, actor=actor)


def load(actor: Any, write: Any) -> None:
    from liaison.agencies.demo import full_demo, home_code

    if not full_demo():  # the public record below is the MPS of Vietnam's own
        write(f"Cooperation demo data: the MPS of Vietnam's records; not loaded on the node of {home_code()}.")
        return
    codes = ["VN-MPS", "KR-KNPA", "KR-SPO", "RU-MVD", "CN-MPS", "CN-MOJ"]
    agencies = {a.code: a for a in Agency.objects.filter(code__in=codes)}
    owner = getattr(actor, "agency", None)
    if owner is None or any(code not in agencies for code in codes):
        write("Cooperation demo data skipped: the demo agencies (agencies/demo.py) are missing.")
        return
    mps, knpa, spo, mvd, cn_moj = (agencies[c] for c in ("VN-MPS", "KR-KNPA", "KR-SPO", "RU-MVD", "CN-MOJ"))
    before = sum(m.objects.count() for m in (Agreement, Programme, ActionItem, Engagement, TrainingCourse))
    signed_in_force = [AgreementStatus.SIGNED, AgreementStatus.IN_FORCE]

    # --- Vietnam – Korea -------------------------------------------------------------------------------
    _agreement(
        actor,
        owner,
        {
            "kind": AgreementKind.AGREEMENT,
            "title_en": "Cooperation agreement between the MPS of Vietnam and the Korean National Police Agency",
            "notes": "The MPS and the KNPA set up their official relationship in 2004 and signed this cooperation "
            "agreement in 2005 (exact date and place not recorded), creating a legal corridor for coordination in "
            "fighting crime and protecting each other's citizens. Status as described in 2019. " + S000,
            "parties": [{"agency": mps}, {"agency": knpa}],
        },
        signed_in_force,
    )
    _agreement(
        actor,
        owner,
        {
            "kind": AgreementKind.MOU,
            "title_en": "Memorandum of understanding on cooperation in the prevention and fight against "
            "cross-border crimes (MPS of Vietnam – Supreme Prosecutors' Office of the Republic of Korea)",
            "signed_date": datetime.date(2019, 1, 29),
            "signed_place": "Hanoi",
            "crime_areas": [],
            "notes": "Signed by Minister To Lam and Prosecutor General Moon Moo-il at their talks. Entry into force "
            "not recorded; described as in effect at the talks of 8 July 2019. " + S001 + " " + S000,
            "parties": [{"agency": mps}, {"agency": spo}],
        },
        signed_in_force,
    )
    _engagement(
        actor,
        owner,
        {
            "kind": EngagementKind.TALKS,
            "title": "Talks with Prosecutor General Moon Moo-il (Supreme Prosecutors' Office of the RoK)",
            "direction": Direction.INCOMING,
            "start_date": datetime.date(2019, 1, 29),
            "place": "Hanoi",
            "country": "VN",
            "partners": [spo],
            "notes": S001,
        },
        [
            {"name": "To Lam", "position": "Minister of Public Security", "agency": mps, "side": Side.HOME},
            {"name": "Moon Moo-il", "position": "Prosecutor General", "agency": spo, "side": Side.PARTNER},
        ],
        [
            "MoU on cooperation in the prevention and fight against cross-border crimes signed.",
            "Maintain exchange of delegations at all levels to share information on drug crime, hi-tech crime, "
            "economic crime, corruption and money laundering.",
            "The MPS asked the RoK side to connect RoK manufacturers of security equipment with Vietnamese firms "
            "and to support the MPS with specialised equipment.",
        ],
    )
    _engagement(
        actor,
        owner,
        {
            "kind": EngagementKind.TALKS,
            "title": "Talks with KNPA Commissioner General Min Gap-ryong (official visit to the RoK)",
            "direction": Direction.OUTGOING,
            "start_date": datetime.date(2019, 7, 8),
            "place": "Seoul",
            "country": "KR",
            "partners": [knpa],
            "notes": "The same day Minister To Lam met Prime Minister Lee Nak-yeon. " + S000,
        },
        [
            {"name": "To Lam", "position": "Minister of Public Security", "agency": mps, "side": Side.HOME},
            {"name": "Min Gap-ryong", "position": "Commissioner General", "agency": knpa, "side": Side.PARTNER},
            {"name": "Lee Nak-yeon", "position": "Prime Minister of the Republic of Korea", "side": Side.PARTNER},
        ],
        [
            "Build concrete plans to increase collaboration in drug crime combat, information and experience "
            "sharing, delegation exchange and personnel training.",
            "Keep working together to investigate cases involving hi-tech crime; train officers in combating "
            "hi-tech, drug and human trafficking crimes.",
        ],
    )
    _engagement(
        actor,
        owner,
        {
            "kind": EngagementKind.TALKS,
            "title": "Meeting of Minister Luong Tam Quang with KNPA Commissioner General Cho Ji Ho (2024)",
            "partners": [knpa],
            "notes": "Held in 2024; date and place not stated in the report. " + S002,
        },
        [
            {"name": "Luong Tam Quang", "position": "Minister of Public Security", "agency": mps, "side": Side.HOME},
            {"name": "Cho Ji Ho", "position": "Commissioner General", "agency": knpa, "side": Side.PARTNER},
        ],
        [
            "Continue to support each other in regional and international forums and maintain delegation "
            "exchanges at various levels.",
            "Strengthen cooperation against transnational, hi-tech and drug crime, intellectual property violations "
            "and e-commerce crime, including through the Korea Desk – Vietnam Desk.",
            "Implement the criminal-science capacity-building project (phase 3) and the traffic-police capacity "
            "project 2025–2028.",
        ],
    )
    _engagement(
        actor,
        owner,
        {
            "kind": EngagementKind.CONFERENCE,
            "title": "6th Vietnam – Republic of Korea Police Cooperation Conference",
            "edition": 6,
            "partners": [knpa],
            "notes": "The KNPA invited the MPS; the minister confirmed that representatives would be sent. Date "
            "and place not stated in the report. " + S002,
        },
        [],
        [],
    )
    _engagement(
        actor,
        owner,
        {
            "kind": EngagementKind.CULTURAL_EXCHANGE,
            "title": "Second cultural and sports exchange programme between the police of Vietnam and the RoK",
            "edition": 2,
            "partners": [knpa],
            "notes": "Described as a success in 2024; date and place not stated in the report. " + S002,
        },
        [],
        [],
    )
    _action_item(
        actor,
        owner,
        {
            "title": "Send representatives to the 6th Vietnam – RoK Police Cooperation Conference",
            "partner_agency": knpa,
            "description": S002,
        },
    )
    _capacity(
        actor,
        owner,
        {
            "title": "Capacity building in criminal science",
            "kind": CapacityProjectKind.PROJECT,
            "phase": "phase 3",
            "partner_agency": knpa,
            "notes": S002,
        },
    )
    _capacity(
        actor,
        owner,
        {
            "title": "Capacity improvement of traffic police officers of the MPS",
            "kind": CapacityProjectKind.PROJECT,
            "start_year": 2025,
            "end_year": 2028,
            "partner_agency": knpa,
            "notes": S002,
        },
    )
    courses = [
        ("Language skills course in the RoK for Vietnamese police officers", TrainingTopic.LANGUAGE),
        ("Law enforcement course in the RoK for Vietnamese police officers", TrainingTopic.LAW_ENFORCEMENT),
        ("Hi-tech crime investigation course in the RoK", TrainingTopic.HI_TECH_CRIME),
        ("Telecom fraud investigation course in the RoK", TrainingTopic.TELECOM_FRAUD),
        ("Internet crime investigation course in the RoK", TrainingTopic.INTERNET_CRIME),
        ("Analysis and recovery of data and electronic evidence course in the RoK", TrainingTopic.ELECTRONIC_EVIDENCE),
    ]
    for title, topic in courses:
        _training(
            actor,
            owner,
            {
                "title": title,
                "topic": topic,
                "country": "KR",
                "partners": [knpa],
                "notes": "Courses the sides agreed to continue organising; dates not recorded. " + S002,
            },
        )

    # --- Vietnam – Russia ------------------------------------------------------------------------------
    program_2022 = _agreement(
        actor,
        owner,
        {
            "kind": AgreementKind.ACTION_PROGRAMME,
            "title_en": "Coordinated Action Program between the MPS of Vietnam and the Ministry of Internal Affairs "
            "of the Russian Federation for 2022–2024",
            "notes": "Signed in May 2022 (day and place not recorded). " + S003,
            "parties": [{"agency": mps}, {"agency": mvd}],
        },
        signed_in_force,
    )
    _agreement(
        actor,
        owner,
        {
            "kind": AgreementKind.ACTION_PROGRAMME,
            "title_en": "Coordination Program between the MPS of Vietnam and the Ministry of Internal Affairs "
            "of the Russian Federation for 2025–2027",
            "notes": "In preparation: the sides agreed to research and add urgent cooperation contents. " + S003,
            "parties": [{"agency": mps}, {"agency": mvd}],
        },
        [],
    )
    _programme(
        actor,
        owner,
        {
            "title": "Coordinated Action Program 2022–2024 (MPS – MVD Russia)",
            "agreement": program_2022,
            "start_year": 2022,
            "end_year": 2024,
            "partners": [mvd],
            "notes": S003,
        },
    )
    programme_2025 = _programme(
        actor,
        owner,
        {
            "title": "Coordination Program 2025–2027 (MPS – MVD Russia), in preparation",
            "start_year": 2025,
            "end_year": 2027,
            "partners": [mvd],
            "notes": S003,
        },
    )
    _engagement(
        actor,
        owner,
        {
            "kind": EngagementKind.TALKS,
            "title": "Talks with Russian Minister of Internal Affairs Vladimir Kolokoltsev (working visit)",
            "direction": Direction.INCOMING,
            "start_date": datetime.date(2022, 10, 31),
            "place": "Hanoi",
            "country": "VN",
            "partners": [mvd],
            "notes": S003,
        },
        [
            {"name": "To Lam", "position": "Minister of Public Security", "agency": mps, "side": Side.HOME},
            {
                "name": "Kolokoltsev Vladimir Alexandrovich",
                "position": "Minister of Internal Affairs",
                "agency": mvd,
                "side": Side.PARTNER,
            },
        ],
        [
            "Effectively carry out the Coordinated Action Program 2022–2024 signed in May.",
            "Research and add urgent cooperation contents into the Coordination Program for 2025–2027.",
            "Study the possibility of a coordination mechanism to protect businessmen, students and citizens in the "
            "other country.",
        ],
    )
    _action_item(
        actor,
        owner,
        {
            "title": "Research and add urgent cooperation contents to the Coordination Program 2025–2027",
            "programme": programme_2025,
            "partner_agency": mvd,
            "description": S003,
        },
    )

    # --- Vietnam – China -------------------------------------------------------------------------------
    _agreement(
        actor,
        owner,
        {
            "kind": AgreementKind.AGREEMENT,
            "title_en": "Agreement on the transfer of sentenced persons between Vietnam and China",
            "notes": "Under negotiation; the sides vowed to accelerate negotiations and signing. " + S004,
            "parties": [
                {"government_country": "VN", "name_text": "Socialist Republic of Vietnam"},
                {"government_country": "CN", "name_text": "People's Republic of China"},
            ],
        },
        [],
    )
    _engagement(
        actor,
        owner,
        {
            "kind": EngagementKind.TALKS,
            "title": "Meeting with Chen Wenqing, Secretary of the Political and Legal Affairs Commission of the "
            "CPC Central Committee",
            "direction": Direction.OUTGOING,
            "start_date": datetime.date(2023, 9, 14),
            "place": "Beijing",
            "country": "CN",
            "notes": S004,
        },
        [
            {"name": "To Lam", "position": "Minister of Public Security", "agency": mps, "side": Side.HOME},
            {
                "name": "Chen Wenqing",
                "position": "Secretary of the Political and Legal Affairs Commission of the CPC Central Committee",
                "side": Side.PARTNER,
            },
        ],
        [
            "The MPS asked the Chinese side to assist in personnel training and capacity building in law enforcement.",
        ],
    )
    _engagement(
        actor,
        owner,
        {
            "kind": EngagementKind.TALKS,
            "title": "Meeting with Chinese Minister of Justice He Rong",
            "direction": Direction.OUTGOING,
            "start_date": datetime.date(2023, 9, 14),
            "place": "Beijing",
            "country": "CN",
            "partners": [cn_moj],
            "notes": S004,
        },
        [
            {"name": "To Lam", "position": "Minister of Public Security", "agency": mps, "side": Side.HOME},
            {"name": "He Rong", "position": "Minister of Justice", "agency": cn_moj, "side": Side.PARTNER},
        ],
        [
            "Facilitate the exchange of delegations at all levels, personnel training and sharing of experience in "
            "the management of detention facilities and law building.",
            "Accelerate negotiations and signing of an agreement on the transfer of sentenced persons.",
        ],
    )
    _action_item(
        actor,
        owner,
        {
            "title": "Accelerate negotiations on the agreement on the transfer of sentenced persons (Vietnam – China)",
            "partner_agency": cn_moj,
            "description": S004,
        },
    )
    after = sum(m.objects.count() for m in (Agreement, Programme, ActionItem, Engagement, TrainingCourse))
    write(f"Cooperation demo records: {after - before} added.")
