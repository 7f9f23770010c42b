"""A name longer than its field allows gets one error, the length's — never a second, contradicting "A name cannot
be empty" from the model's own checks, which see the refused field as empty (issue 20, item 15)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from liaison.people.models import Person
from tests.people.factories import PersonFactory
from tests.people.test_pages import create_form

pytestmark = pytest.mark.django_db

LONG = "N" * 3000


def test_the_create_page_names_the_length_alone(home: Any, officer: Any, page_client: Any) -> None:
    response = page_client(officer).post(reverse("person_create"), create_form(**{"names-0-full_name": LONG}))
    assert response.status_code == 200 and not Person.objects.exists()
    errors = response.context["names_formset"].forms[0].errors["full_name"]
    assert len(errors) == 1 and "300" in errors[0], errors
    assert "cannot be empty" not in response.content.decode()


def test_the_name_page_names_the_length_alone(home: Any, officer: Any, page_client: Any) -> None:
    person = PersonFactory(owner=home)
    data = {"full_name": LONG, "kind": "native"}
    response = page_client(officer).post(reverse("person_name_add", args=[person.pk]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["full_name"] and len(errors["full_name"]) == 1 and "300" in errors["full_name"][0]


def test_the_api_names_the_length_alone(home: Any, officer: Any, api_client: Any) -> None:
    person = PersonFactory(owner=home)
    payload = {"person": person.pk, "full_name": LONG, "kind": "native"}
    response = api_client(officer).post(reverse("person-name-list"), payload, format="json")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert list(fields) == ["full_name"] and len(fields["full_name"]) == 1 and "300" in fields["full_name"][0]
