"""Filter values out of the 64-bit range never reach the database (where they raise OverflowError, a 500).

Walks every API list endpoint of the router and every filter it offers, so a new endpoint or filter is covered
without being listed here. A filter on a whole number or a record (primary key) answers 400 naming the filter;
any other filter answers as for any value (200 or 400), never 500. The list pages use the same filter sets.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.settings import api_settings

from liaison.core.filters import INT64_MAX, INT64_MIN, is_integer_filter
from liaison.core.permissions import NODE_ADMIN
from tests.conftest import ALL_AGENCY_ROLES
from tests.factories import UserFactory

OUT_OF_RANGE = [str(2**64 - 1), str(INT64_MIN - 1)]


def _list_endpoints() -> Iterator[tuple[str, Any]]:
    from liaison.api_urls import router

    for prefix, viewset, _basename in router.registry:
        if hasattr(viewset, "list"):
            yield prefix, viewset


def _filters() -> list[tuple[str, str, bool]]:
    """(URL prefix, filter name, filters a whole number or a record) of every filter of every list endpoint."""
    cases = []
    for prefix, viewset in _list_endpoints():
        view = viewset()
        backends = getattr(viewset, "filter_backends", api_settings.DEFAULT_FILTER_BACKENDS)
        backend = next((b() for b in backends if issubclass(b, DjangoFilterBackend)), None)
        if backend is None:
            continue
        model = viewset.access_model
        filterset_class = backend.get_filterset_class(view, model._default_manager.all())
        if filterset_class is None:
            continue
        for name, filter_ in filterset_class.base_filters.items():
            cases.append((prefix, name, is_integer_filter(filter_, filterset_class._meta.model)))
    return cases


FILTERS = _filters()


def test_the_walk_finds_the_filters_the_probe_named() -> None:
    integer = {(prefix, name) for prefix, name, numeric in FILTERS if numeric}
    named = {
        ("screening-hits", "person"),
        ("screening-hits", "run"),
        ("screening-runs", "screening_list"),
        ("notices", "person"),
        ("fugitive-cases", "person"),
        ("fugitive-cases", "notice"),
        ("notice-offences", "notice"),
        ("case-events", "case"),
        ("case-documents", "case"),
        ("agreement-links", "agreement"),
        ("units", "agency"),
    }
    assert named <= integer, named - integer


@pytest.fixture
def everyone(home: Any) -> Any:
    return UserFactory(agency=home, roles=[NODE_ADMIN, *ALL_AGENCY_ROLES])


@pytest.mark.parametrize(("prefix", "name", "numeric"), FILTERS, ids=[f"{p}?{n}" for p, n, _ in FILTERS])
def test_every_api_filter_refuses_a_value_out_of_range(
    everyone: Any, api_client: Any, prefix: str, name: str, numeric: bool
) -> None:
    client = api_client(everyone)
    for value in OUT_OF_RANGE:
        response = client.get(f"/api/{prefix}/", {name: value})
        assert response.status_code != 500, (prefix, name, value)
        if numeric:
            assert response.status_code == 400, (prefix, name, value, response.status_code)
            assert name in response.json()["error"]["fields"], response.json()


def test_a_value_in_range_still_filters(everyone: Any, api_client: Any, home: Any) -> None:
    client = api_client(everyone)
    assert client.get("/api/units/", {"agency": home.pk}).status_code == 200
    assert client.get("/api/screening-hits/", {"person": INT64_MAX}).json()["count"] == 0
    assert client.get("/api/screening-hits/", {"person": INT64_MIN}).json()["count"] == 0
    assert client.get("/api/screening-hits/", {"min_score": "1e30"}).status_code == 200  # a score, not a number id


def test_list_pages_refuse_a_value_out_of_range(everyone: Any) -> None:
    client = Client()
    client.force_login(everyone)
    response = client.get("/units/", {"agency": OUT_OF_RANGE[0]})
    assert response.status_code == 200 and "Out of range" in response.content.decode()
    assert client.get("/audit/", {"agency": OUT_OF_RANGE[1]}).status_code == 200
