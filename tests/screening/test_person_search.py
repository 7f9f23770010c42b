"""The person search box: a name in any script (page and API), explanations, and access."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.people.factories import PersonFactory, share_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def persons(home: Any, partner: Any) -> dict[str, Any]:
    return {
        "kr": PersonFactory(
            owner=home,
            names=[{"full_name": "KIM MIN JUN", "kind": "passport"}, "김민준"],
            birth_date="1990-11-02",
            nationalities=["KR"],
        ),
        "vn": PersonFactory(owner=home, names=["Nguyễn Văn Hùng"], birth_date="1985-03-07", nationalities=["VN"]),
        "theirs": PersonFactory(owner=partner, names=["ZHANG XIAOMING"], nationalities=["CN"]),
        "shared": PersonFactory(owner=partner, names=["IVANOV SERGEI PETROVICH"], nationalities=["RU"]),
    }


def search(client: Any, **params: Any) -> Any:
    return client.get(reverse("person_search"), params)


def test_a_name_in_another_script_finds_the_person_with_the_explanation(
    persons: dict[str, Any], officer: Any, page_client: Any
) -> None:
    response = search(page_client(officer), q="KIM MINJUN", birth_date="1990")
    assert response.status_code == 200
    results = response.context["results"]
    assert results and results[0]["person"] == persons["kr"]
    page = response.content.decode()
    assert reverse("person_detail", kwargs={"pk": persons["kr"].pk}) in page
    assert "김민준" in page and "Hangul" in page and "Passport spelling" in page
    assert "Date of birth" in page and "birth year equal" in page
    hangul = search(page_client(officer), q="응우옌 반 훙")
    assert persons["vn"] in [result["person"] for result in hangul.context["results"]]


def test_search_shows_only_persons_the_agency_may_see(
    persons: dict[str, Any], officer: Any, partner: Any, page_client: Any
) -> None:
    client = page_client(officer)
    assert search(client, q="张晓明").context["results"] == []
    assert search(client, q="Иванов Сергей Петрович").context["results"] == []
    share_with(persons["shared"], officer.agency, by=UserFactory(agency=partner))
    found = search(client, q="Иванов Сергей Петрович").context["results"]
    assert [result["person"] for result in found] == [persons["shared"]]


def test_an_empty_or_invalid_query(persons: dict[str, Any], officer: Any, page_client: Any) -> None:
    client = page_client(officer)
    empty = search(client)
    assert empty.status_code == 200 and empty.context["searched"] is False
    bad = search(client, q="Kim", birth_date="03/1990x")
    assert "Enter the date as YYYY-MM-DD" in bad.content.decode() and bad.context["results"] == []


def test_api_person_search(persons: dict[str, Any], officer: Any, api_client: Any) -> None:
    client = api_client(officer)
    response = client.get(reverse("person-search-list"), {"q": "Nguyen Van Hung", "nationality": "vn", "limit": 5})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] >= 1 and body["results"][0]["person"] == persons["vn"].pk
    first = body["results"][0]
    assert first["names"] == [{"full_name": "Nguyễn Văn Hùng", "script": "Latn", "kind": "native"}]
    assert first["explanation"]["evidence"] and first["algorithm"]
    assert client.get(reverse("person-search-list")).json() == {"count": 0, "results": []}
    bad = client.get(reverse("person-search-list"), {"q": "x", "limit": 0, "birth_date": "soon", "nationality": "VNM"})
    assert bad.status_code == 400 and set(bad.json()["error"]["fields"]) == {"limit", "birth_date", "nationality"}
    assert client.get(reverse("person-search-list"), {"q": "张晓明"}).json()["count"] == 0


def test_person_search_needs_sign_in_and_a_role(home: Any, client: Any, api_client: Any, page_client: Any) -> None:
    assert search(client, q="Kim").status_code == 302
    nobody = UserFactory(agency=home, roles=[])
    assert search(page_client(nobody), q="Kim").status_code == 404
    assert api_client(nobody).get(reverse("person-search-list"), {"q": "Kim"}).status_code == 403
