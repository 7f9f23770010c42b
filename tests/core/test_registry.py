"""The registries of core/registry/: unique keys, a deterministic order, clear errors, and federation's envelope
handlers. Each test that registers works on fresh registries, never on those the apps filled."""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import django_filters
import pytest
from django.core.exceptions import ImproperlyConfigured

from liaison.core import registry
from liaison.core.permissions import ANALYST, SUPERVISOR
from liaison.core.registry import federation, filters, navigation, panels, roles


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # each registry lives in its module of the package (core/registry/)
    for module, name, what in [
        (navigation, "_menu_sections", "menu section"),
        (navigation, "_menu_entries", "menu entry"),
        (panels, "_dashboard_panels", "dashboard panel"),
        (panels, "_record_panels", "record-page panel"),
        (roles, "_permissions", "permission"),
        (filters, "_list_filters", "list filter"),
        (federation, "_envelope_kinds", "envelope kind"),
    ]:
        monkeypatch.setattr(module, name, registry.Registry(what))
    monkeypatch.setattr(filters, "_filter_sets_built", set())
    yield


def test_a_key_is_registered_once() -> None:
    items: registry.Registry[int] = registry.Registry("thing")
    items.add("a", 1)
    with pytest.raises(registry.AlreadyRegistered, match="The thing 'a' is already registered"):
        items.add("a", 2)
    assert items.get("a") == 1 and "a" in items and len(items) == 1
    with pytest.raises(registry.NotRegistered, match="No thing 'b' is registered"):
        items.get("b")
    with pytest.raises(ImproperlyConfigured, match="needs a key"):
        items.add("", 3)


def test_menu_sections_and_entries_come_by_order_then_registration(fresh: None) -> None:
    registry.register_menu_section("late", "Late", order=20)
    registry.register_menu_section("early", "Early", order=10)
    registry.register_menu_entry("late", "b", "B", order=5)
    registry.register_menu_entry("late", "a", "A", order=5)
    registry.register_menu_entry("late", "c", "C", order=1)
    registry.register_menu_entry("early", "d", "D", order=1, permission="desk.view")
    shown = [(section.key, [entry.url_name for entry in entries]) for section, entries in registry.menu()]
    assert shown == [("early", ["d"]), ("late", ["c", "b", "a"])]


def test_a_menu_entry_is_checked(fresh: None) -> None:
    registry.register_menu_section("s", "S", order=1)
    registry.register_menu_entry("s", "page", "Page", order=1)
    with pytest.raises(registry.AlreadyRegistered, match="menu entry 'page'"):
        registry.register_menu_entry("s", "page", "Again", order=2)
    with pytest.raises(ImproperlyConfigured, match="both a permission and a model"):
        registry.register_menu_entry("s", "other", "Other", order=1, permission="desk.view", model=object)
    with pytest.raises(ImproperlyConfigured, match="access action without a model"):
        registry.register_menu_entry("s", "other", "Other", order=1, action="add")
    registry.register_menu_entry("nowhere", "lost", "Lost", order=1)
    with pytest.raises(ImproperlyConfigured, match="'lost' names the section 'nowhere', which no app registered"):
        registry.menu()


def test_dashboard_panels_leave_out_what_returns_none(fresh: None) -> None:
    registry.register_dashboard_panel("second", template="b.html", context=lambda request: {"n": 2}, order=20)
    registry.register_dashboard_panel("hidden", template="h.html", context=lambda request: None, order=5)
    registry.register_dashboard_panel("first", template="a.html", context=lambda request: {"n": 1}, order=10)
    with pytest.raises(registry.AlreadyRegistered):
        registry.register_dashboard_panel("first", template="c.html", context=lambda request: {}, order=1)
    shown = registry.shown_dashboard_panels(SimpleNamespace())  # type: ignore[arg-type]
    assert [(panel.key, panel.template, panel.context) for panel in shown] == [
        ("first", "a.html", {"n": 1}),
        ("second", "b.html", {"n": 2}),
    ]


def test_record_panels_belong_to_their_target_and_compare_side_by_side(fresh: None) -> None:
    person = SimpleNamespace(_meta=SimpleNamespace(label_lower="people.person"), pk=1)
    other = SimpleNamespace(_meta=SimpleNamespace(label_lower="people.person"), pk=2)
    registry.register_record_panel(
        "people.Person",
        "notes",
        template="n.html",
        compare_template="n_row.html",
        context=lambda request, record: {"pk": record.pk},
        order=10,
    )
    registry.register_record_panel(
        "people.person", "only_one", template="o.html", compare_template="o_row.html", order=20,
        context=lambda request, record: {} if record.pk == 1 else None,
    )  # fmt: skip
    registry.register_record_panel(
        "people.person", "no_row", template="r.html", context=lambda request, record: {}, order=5
    )
    registry.register_record_panel("desk.notice", "notes", template="x.html", context=lambda r, o: {}, order=1)
    with pytest.raises(registry.AlreadyRegistered, match=re.escape("'people.person:notes'")):
        registry.register_record_panel("people.person", "notes", template="y.html", context=lambda r, o: {}, order=1)
    request: Any = SimpleNamespace()
    assert [panel.key for panel in registry.shown_record_panels(request, person)] == ["no_row", "notes", "only_one"]
    assert [panel.key for panel in registry.shown_record_panels(request, other)] == ["no_row", "notes"]
    rows = registry.compared_record_panels(request, [person, other])
    assert [(row.key, row.template, row.context) for row in rows] == [
        ("notes", "n_row.html", {"sides": [{"pk": 1}, {"pk": 2}]})
    ]


def test_permissions_name_known_roles_and_come_in_registration_order(fresh: None) -> None:
    registry.register_permission("thing.view", "See things", roles=[ANALYST, SUPERVISOR])
    registry.register_permission("thing.manage", "Change things")
    assert [(p.code, p.roles) for p in registry.permissions()] == [
        ("thing.view", frozenset({ANALYST, SUPERVISOR})),
        ("thing.manage", frozenset()),
    ]
    with pytest.raises(registry.AlreadyRegistered, match=re.escape("'thing.view'")):
        registry.register_permission("thing.view", "Again")
    with pytest.raises(ImproperlyConfigured, match="unknown roles: janitor"):
        registry.register_permission("thing.sweep", "Sweep", roles=["janitor"])
    with pytest.raises(ImproperlyConfigured, match=re.escape("'<noun>.<verb>'")):
        registry.register_permission("Thing", "Bad")


def test_list_filters_go_where_they_are_placed_and_only_before_the_set_is_built(fresh: None) -> None:
    first, last = django_filters.CharFilter(), django_filters.CharFilter()
    registry.register_list_filter("people.Person", "added", first, before="b")
    registry.register_list_filter("people.person", "appended", last)
    own = {"a": 1, "b": 2}
    assert list(registry.with_list_filters("people.person", own)) == ["a", "added", "b", "appended"]
    assert own == {"a": 1, "b": 2}
    with pytest.raises(ImproperlyConfigured, match="was built before the filter 'late' was added"):
        registry.register_list_filter("people.person", "late", django_filters.CharFilter())
    registry.register_list_filter("desk.notice", "misplaced", first, before="nothing")
    with pytest.raises(ImproperlyConfigured, match="has no filter 'nothing'"):
        registry.with_list_filters("desk.notice", {"a": 1})
    registry.register_list_filter("desk.case", "a", first)
    with pytest.raises(registry.AlreadyRegistered, match="already has a filter 'a'"):
        registry.with_list_filters("desk.case", {"a": 1})


def test_an_envelope_kind_finds_its_handler(fresh: None) -> None:
    applied: list[Any] = []
    registry.register_envelope_kind("desk.notice.share", handler=applied.append, label="Notice shared")
    registry.envelope_handler("desk.notice.share")("envelope")
    assert applied == ["envelope"]
    assert [(kind.kind, kind.label) for kind in registry.envelope_kinds()] == [("desk.notice.share", "Notice shared")]
    with pytest.raises(registry.NotRegistered, match=re.escape("No envelope kind 'legal.request.send' is registered")):
        registry.envelope_handler("legal.request.send")
    with pytest.raises(registry.AlreadyRegistered, match=re.escape("'desk.notice.share'")):
        registry.register_envelope_kind("desk.notice.share", handler=applied.append)


@pytest.mark.parametrize("kind", ["", "desk", "Desk.Notice", "desk.notice share", ".notice"])
def test_an_envelope_kind_is_named_app_noun_verb(fresh: None, kind: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=re.escape("'<app>.<noun>.<verb>'")):
        registry.register_envelope_kind(kind, handler=print)


def test_an_envelope_handler_is_callable(fresh: None) -> None:
    with pytest.raises(ImproperlyConfigured, match="not callable"):
        registry.register_envelope_kind("desk.notice.share", handler="apply")  # type: ignore[arg-type]
