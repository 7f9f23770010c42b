"""The warning on create: when namematch finds persons that may be the same, the form shows them and nothing is
written until the officer confirms "create anyway"."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from liaison.core.models import AuditEvent
from liaison.people.models import Person
from tests.people.factories import PersonFactory
from tests.people.test_pages import create_form

pytestmark = pytest.mark.django_db


def _form(name: str, birth_date: str) -> dict[str, Any]:
    return create_form(**{"names-0-full_name": name, "names-0-language": "", "birth_date": birth_date, "sex": "M"})


def test_the_same_name_in_capitals_born_the_same_year_warns_and_waits(
    home: Any, officer: Any, page_client: Any
) -> None:
    an = PersonFactory(owner=home, names=["Nguyễn Văn An"], birth_date="1985-03-07", nationalities=["VN"])
    client = page_client(officer)
    before = AuditEvent.objects.count()
    response = client.post(reverse("person_create"), _form("NGUYEN VAN AN", "1985"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "This person may already be recorded" in body
    assert reverse("person_detail", kwargs={"pk": an.pk}) in body  # a link to the candidate
    assert "Nguyễn Văn An" in body and "birth year equal (1985)" in body  # its explanation
    assert f'name="confirmed_duplicates" value="{an.pk}"' in body
    assert "Create anyway" in body
    assert Person.objects.count() == 1 and AuditEvent.objects.count() == before
    # confirmed: created
    confirmed = client.post(
        reverse("person_create"), {**_form("NGUYEN VAN AN", "1985"), "confirmed_duplicates": str(an.pk)}
    )
    assert confirmed.status_code == 302
    assert Person.objects.count() == 2
    assert AuditEvent.objects.filter(action="person.create").count() == 1


def test_a_different_given_name_does_not_warn(home: Any, officer: Any, page_client: Any) -> None:
    PersonFactory(owner=home, names=["Nguyễn Văn An"], birth_date="1985-03-07")
    response = page_client(officer).post(reverse("person_create"), _form("Nguyen Van Bao", "1985"))
    assert response.status_code == 302
    assert Person.objects.filter(display_name="Nguyen Van Bao").exists()


def test_a_confirmation_covers_only_the_candidates_shown(home: Any, officer: Any, page_client: Any) -> None:
    first = PersonFactory(owner=home, names=["Nguyễn Văn An"], birth_date="1985")
    second = PersonFactory(owner=home, names=["NGUYEN VAN AN"], birth_date="1985-03")
    response = page_client(officer).post(
        reverse("person_create"), {**_form("Nguyen Van An", "1985"), "confirmed_duplicates": str(first.pk)}
    )
    assert response.status_code == 200
    assert "This person may already be recorded" in response.content.decode()
    assert Person.objects.count() == 2 and second.pk


def test_another_agencys_person_is_never_offered(home: Any, partner: Any, officer: Any, page_client: Any) -> None:
    PersonFactory(owner=partner, names=["Nguyễn Văn An"], birth_date="1985-03-07")
    response = page_client(officer).post(reverse("person_create"), _form("NGUYEN VAN AN", "1985"))
    assert response.status_code == 302


def test_the_detail_page_offers_likely_duplicates_for_merging(home: Any, officer: Any, page_client: Any) -> None:
    an = PersonFactory(owner=home, names=["Nguyễn Văn An"], birth_date="1985-03-07")
    twin = PersonFactory(owner=home, names=["NGUYEN VAN AN"], birth_date="1985")
    body = page_client(officer).get(reverse("person_detail", kwargs={"pk": an.pk})).content.decode()
    assert "Possible duplicates" in body
    assert f"{reverse('person_merge', kwargs={'pk': an.pk})}?duplicate={twin.pk}" in body
