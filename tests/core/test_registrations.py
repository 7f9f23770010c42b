"""What the installed apps registered gives exactly what the shell showed before the registries: each role's
permissions (docs/roles.md), each role's navigation, the dashboard's panels, a person's page's panels and the
person list's filters, all in the same order."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from liaison.core import registry
from liaison.core.context_processors import _navigation
from liaison.core.permissions import (
    ANALYST,
    DESK_OFFICER,
    LEGAL_OFFICER,
    NODE_ADMIN,
    PERMISSIONS,
    ROLE_PERMISSIONS,
    SUPERVISOR,
    permissions_for,
)

# Taken from core/permissions.py before the registries (the role table of docs/roles.md).
_EVERYONE = {
    "agency.view", "unit.view", "user.view", "token.own", "cooperation.view", "people.view", "desk.view",
    "exchange.view",  # issue 17
    "legal.view_linked",  # issue 18
}  # fmt: skip
_LEGAL = {"legal.view", "legal.manage", "legal.configure"}
_DESK = {"people.manage", "people.merge", "desk.manage", "desk.import", "screening.view", "screening.run"}
# Citizens abroad (issue 19, docs/decisions/0044): the family contact to the roles that run consular cases.
_CONSULAR = {"consular.view", "consular.manage", "consular.family_contact"}
PINNED_ROLES = {
    DESK_OFFICER: _EVERYONE | _DESK | _CONSULAR | {"screening.decide", "cooperation.manage", "exchange.write"},
    ANALYST: _EVERYONE | {"screening.view", "screening.run", "exchange.write", "legal.view", "consular.view"},
    LEGAL_OFFICER: _EVERYONE | {"cooperation.manage", "people.manage", "desk.manage", "consular.view"} | _LEGAL,
    SUPERVISOR: _EVERYONE
    | _DESK
    | _LEGAL
    | _CONSULAR
    | {"legal.approve"}
    | {"screening.decide", "unit.manage", "audit.view", "audit.export", "cooperation.manage", "desk.configure"}
    | {"exchange.write", "exchange.approve"}
    | {"consular.configure"},
}
PINNED_PERMISSIONS = [
    "agency.view",
    "agency.manage",
    "unit.view",
    "unit.manage",
    "user.view",
    "user.manage",
    "role.manage",
    "token.own",
    "token.manage",
    "audit.view",
    "audit.export",
    "audit.all",
    "federation.manage",
    "cooperation.view",
    "cooperation.manage",
    "people.view",
    "people.manage",
    "people.merge",
    "desk.view",
    "desk.manage",
    "desk.configure",
    "desk.import",
    "exchange.view",
    "exchange.write",
    "exchange.approve",
    "exchange.configure",
    "screening.view",
    "screening.run",
    "screening.decide",
    "legal.view",
    "legal.view_linked",
    "legal.manage",
    "legal.approve",
    "legal.configure",
    "consular.view",
    "consular.manage",
    "consular.family_contact",
    "consular.configure",
]

LABELS = {
    "dashboard": "Dashboard",
    "agency_list": "Agencies",
    "unit_list": "Units",
    "user_list": "Users",
    "partners": "Partners",
    "calendar": "Calendar",
    "import_upload": "Import",
    "person_search": "Search persons",
    "person_list": "Persons",
    "notice_list": "Notices",
    "fugitive_case_list": "Fugitive cases",
    "screening_list_list": "Screening",
    "interpol_import": "INTERPOL import",
    "partner_deadlines_list": "Partner deadlines",
    "agreement_list": "Agreements",
    "programme_list": "Programmes",
    "action_item_list": "Action items",
    "engagement_list": "Engagements",
    "training_list": "Training",
    "capacity_project_list": "Capacity projects",
    "role_list": "Roles and second factor",
    "api_token_list": "API tokens",
    "audit_list": "Audit trail",
    "read_list": "Reads of personal data",
    "api_docs": "API documentation",
    "federation_node": "Federation",
    "exchange:inbox": "Inbox",
    "exchange:sent": "Sent",
    "exchange:drafts": "Drafts",
    "exchange:approvals": "Approvals",
    "exchange:rules_list": "Exchange rules",
    "legal:request_list": "Legal requests",
    "legal:deadlines": "Legal deadlines",
    "legal:treaty_list": "Treaty terms",
    "consular:case_list": "Consular cases",
    "consular:calendar": "Consular deadlines",
    "consular:incident_list": "Protection incidents",
    "consular:facility_list": "Facilities",
    "consular:rule_list": "Notification rules",
}
_EXCHANGE = ("Information exchange", ["exchange:inbox", "exchange:sent", "exchange:drafts"])
_LEGAL_NAV = ("Legal requests", ["legal:request_list", "legal:deadlines", "legal:treaty_list"])
_LINKED_NAV = ("Legal requests", ["legal:request_list", "legal:deadlines"])
_CITIZENS_ABROAD = (
    "Citizens abroad",
    [
        "consular:case_list",
        "consular:calendar",
        "consular:incident_list",
        "consular:facility_list",
        "consular:rule_list",
    ],
)
_DIRECTORY = ("Directory", ["agency_list", "unit_list", "user_list"])
_COOPERATION = (
    "Cooperation",
    [
        "agreement_list",
        "programme_list",
        "action_item_list",
        "engagement_list",
        "training_list",
        "capacity_project_list",
    ],
)
_FULL_DESK = [
    "person_search",
    "person_list",
    "notice_list",
    "fugitive_case_list",
    "screening_list_list",
    "interpol_import",
    "partner_deadlines_list",
]
_RELATIONS = ("Relations", ["partners", "calendar", "import_upload"])
# Taken from core/context_processors.py before the registries, for a user holding the one role.
PINNED_NAVIGATION = {
    DESK_OFFICER: [
        _RELATIONS,
        ("Liaison desk", _FULL_DESK),
        _EXCHANGE,
        _LINKED_NAV,
        _CITIZENS_ABROAD,
        _COOPERATION,
        ("Administration", ["api_token_list", "api_docs"]),
    ],
    ANALYST: [
        ("Relations", ["partners", "calendar"]),
        ("Liaison desk", [name for name in _FULL_DESK if name != "interpol_import"]),
        _EXCHANGE,
        _LEGAL_NAV,
        _CITIZENS_ABROAD,
        _COOPERATION,
        ("Administration", ["api_token_list", "api_docs"]),
    ],
    LEGAL_OFFICER: [
        _RELATIONS,
        (
            "Liaison desk",
            ["person_search", "person_list", "notice_list", "fugitive_case_list", "partner_deadlines_list"],
        ),
        ("Information exchange", ["exchange:inbox", "exchange:sent"]),
        _LEGAL_NAV,
        _CITIZENS_ABROAD,
        _COOPERATION,
        ("Administration", ["api_token_list", "api_docs"]),
    ],
    SUPERVISOR: [
        _RELATIONS,
        ("Liaison desk", _FULL_DESK),
        ("Information exchange", [*_EXCHANGE[1], "exchange:approvals"]),
        _LEGAL_NAV,
        _CITIZENS_ABROAD,
        _COOPERATION,
        ("Administration", ["api_token_list", "audit_list", "read_list", "api_docs"]),  # read_list: issue 20
    ],
    NODE_ADMIN: [
        _RELATIONS,
        ("Liaison desk", _FULL_DESK),
        ("Information exchange", [*_EXCHANGE[1], "exchange:approvals", "exchange:rules_list"]),
        _LEGAL_NAV,
        _CITIZENS_ABROAD,
        _COOPERATION,
        ("Administration", ["role_list", "api_token_list", "audit_list", "read_list", "api_docs", "federation_node"]),
    ],
}


def test_each_role_grants_what_it_granted_before_the_registries() -> None:
    for role, expected in PINNED_ROLES.items():
        assert ROLE_PERMISSIONS[role] == expected, role
        assert permissions_for({role}) == expected
    assert ROLE_PERMISSIONS[NODE_ADMIN] == frozenset(PINNED_PERMISSIONS)
    assert permissions_for({ANALYST, LEGAL_OFFICER}) == PINNED_ROLES[ANALYST] | PINNED_ROLES[LEGAL_OFFICER]
    assert permissions_for({"retired_role"}) == frozenset()
    assert set(ROLE_PERMISSIONS) == {DESK_OFFICER, ANALYST, LEGAL_OFFICER, SUPERVISOR, NODE_ADMIN}


def test_the_permissions_keep_their_order_and_labels() -> None:
    assert list(PERMISSIONS) == PINNED_PERMISSIONS and len(PERMISSIONS) == len(PINNED_PERMISSIONS)
    assert str(PERMISSIONS["desk.import"]) == "Import INTERPOL public notices"
    assert str(PERMISSIONS["audit.all"]) == "Read the audit trail of every agency on the node"


@pytest.mark.django_db  # the inbox's unread count (a menu badge) reads the database
@pytest.mark.parametrize("role", sorted(PINNED_NAVIGATION))
def test_each_role_sees_the_navigation_it_saw_before_the_registries(role: str) -> None:
    user: Any = SimpleNamespace(
        is_authenticated=True, is_active=True, liaison_permissions=permissions_for({role}), agency_id=1, pk=1
    )
    nav = _navigation(user)
    expected = [("Overview", ["dashboard"]), _DIRECTORY, *PINNED_NAVIGATION[role]]
    assert [(str(section["title"]), [link["name"] for link in section["links"]]) for section in nav] == expected
    for section in nav:
        for link in section["links"]:
            assert str(link["label"]) == LABELS[link["name"]]
            assert link["url"].startswith("/")


def test_a_user_without_roles_sees_the_pages_open_to_everyone() -> None:
    user: Any = SimpleNamespace(is_authenticated=True, is_active=True, liaison_permissions=frozenset(), pk=1)
    nav = _navigation(user)
    assert [(str(s["title"]), [link["name"] for link in s["links"]]) for s in nav] == [
        ("Overview", ["dashboard"]),
        ("Relations", ["partners"]),
        ("Administration", ["api_docs"]),
    ]


def test_the_dashboard_person_page_and_person_list_take_the_apps_contributions_in_order() -> None:
    from liaison.people.filters import PersonFilter

    assert [panel.key for panel in registry.dashboard_panels()] == [
        "tiles",
        "overdue_action_items",
        "desk_alerts",
        "desk_partner_changes",
        "exchange_alerts",
        "legal_deadlines",
        "consular_overdue",
        "partner_agencies",
        "recent_activity",
    ]
    assert [panel.key for panel in registry.record_panels("people.person")] == [
        "origin",
        "notices",
        "fugitive_cases",
        "messages",
        "legal_requests",
        "consular_cases",
    ]
    assert list(PersonFilter.base_filters) == [
        "name",
        "nationality",
        "sex",
        "birth_year",
        "has_active_notice",
        "fictional",
    ]


def test_an_app_registers_once() -> None:
    from liaison.desk import registration

    with pytest.raises(registry.AlreadyRegistered):
        registration.register()
