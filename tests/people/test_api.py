"""The API of the people register: the generic resource set for every endpoint, nested names and documents
on create, the ranked name search, sharing, the duplicates check and the MRZ check on documents."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from liaison.core.models import AuditEvent
from liaison.core.permissions import ANALYST, DESK_OFFICER, LEGAL_OFFICER
from liaison.people.models import Person
from tests.helpers import ApiResourceTests, assert_audited
from tests.people.factories import (
    AddressFactory,
    ContactFactory,
    IdentityDocumentFactory,
    PersonFactory,
    PersonNameFactory,
    PhotoFactory,
)

MRZ = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
MRZ_BAD_CHECK_DIGIT = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C35UTO7408122F1204159ZE184226B<<<<<10"


class _People(ApiResourceTests):
    allowed_roles = [DESK_OFFICER]
    denied_roles = [ANALYST]  # analysts read the register and change nothing


class TestPersonApi(_People):
    basename = "person"
    audit_prefix = "person"
    allowed_roles = [LEGAL_OFFICER]
    update_payload = {"birth_place": "Hải Phòng"}

    def make(self, agency: Any) -> Any:
        return PersonFactory(owner=agency)

    def create_payload(self, agency: Any) -> dict[str, Any]:
        return {
            "names": [
                {"full_name": "Nguyễn Văn Minh", "language": "vi"},
                {"full_name": "NGUYEN VAN MINH", "kind": "passport"},
                {"full_name": "응우옌 반 민", "kind": "transcription", "transcribed_by": agency.pk, "language": "ko"},
            ],
            "documents": [{"kind": "passport", "number": "C1234567", "issuing_country": "VN"}],
            "sex": "M",
            "birth_date": "1988-05",
            "nationalities": ["VN"],
            "languages": ["vi", "ko"],
        }


class TestPersonNameApi(_People):
    basename = "person-name"
    audit_prefix = "person_name"
    update_payload = {"language": "ru"}

    def make(self, agency: Any) -> Any:
        return PersonNameFactory(person=PersonFactory(owner=agency))

    def create_payload(self, agency: Any) -> dict[str, Any]:
        return {"person": PersonFactory(owner=agency).pk, "full_name": "Нгуен Ван Минь", "kind": "alias"}


class TestIdentityDocumentApi(_People):
    basename = "identity-document"
    audit_prefix = "identity_document"
    update_payload = {"notes": "Seen at the border"}

    def make(self, agency: Any) -> Any:
        return IdentityDocumentFactory(person=PersonFactory(owner=agency))

    def create_payload(self, agency: Any) -> dict[str, Any]:
        return {"person": PersonFactory(owner=agency).pk, "kind": "passport", "number": "L898902C3", "mrz": MRZ}


class TestAddressApi(_People):
    basename = "person-address"
    audit_prefix = "address"
    update_payload = {"city": "Đà Nẵng"}

    def make(self, agency: Any) -> Any:
        return AddressFactory(person=PersonFactory(owner=agency))

    def create_payload(self, agency: Any) -> dict[str, Any]:
        return {
            "person": PersonFactory(owner=agency).pk,
            "kind": "last_known",
            "address": "12 Phố Huế",
            "country": "VN",
        }


class TestContactApi(_People):
    basename = "person-contact"
    audit_prefix = "contact"
    update_payload = {"note": "Zalo"}

    def make(self, agency: Any) -> Any:
        return ContactFactory(person=PersonFactory(owner=agency))

    def create_payload(self, agency: Any) -> dict[str, Any]:
        return {"person": PersonFactory(owner=agency).pk, "kind": "phone", "value": "+84 912 345 678"}


class TestPhotoApi(_People):
    basename = "person-photo"
    audit_prefix = "photo"
    can_create = False  # multipart upload: tests/people/test_photos.py
    update_payload = {"caption": "Arrest photo, 2019"}

    def make(self, agency: Any) -> Any:
        return PhotoFactory(person=PersonFactory(owner=agency), with_file=True)


# --- specifics ----------------------------------------------------------------------------------------------
pytestmark = pytest.mark.django_db


def test_create_writes_names_and_documents_and_guesses_scripts(home: Any, officer: Any, api_client: Any) -> None:
    response = api_client(officer).post(reverse("person-list"), TestPersonApi().create_payload(home), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["display_name"] == "Nguyễn Văn Minh" and body["owner"] == home.pk
    assert [(n["full_name"], n["script"], n["is_primary"]) for n in body["names"]] == [
        ("Nguyễn Văn Minh", "Latn", True),
        ("NGUYEN VAN MINH", "Latn", False),
        ("응우옌 반 민", "Hang", False),
    ]
    assert body["documents"][0]["number"] == "C1234567" and body["documents"][0]["mrz_verified"] is False
    event = assert_audited("person.create", actor=officer, channel="api")
    assert [n["full_name"] for n in event.after["names"]] == [n["full_name"] for n in body["names"]]


def test_create_refuses_a_person_without_a_name(home: Any, officer: Any, api_client: Any) -> None:
    before = AuditEvent.objects.count()
    response = api_client(officer).post(reverse("person-list"), {"names": [], "sex": "M"}, format="json")
    assert response.status_code == 400
    assert "names" in response.json()["error"]["fields"]
    assert AuditEvent.objects.count() == before and not Person.objects.exists()


def test_a_transcription_names_the_partner_that_made_it(home: Any, officer: Any, api_client: Any) -> None:
    payload = {"names": [{"full_name": "Ким Мин Джун", "kind": "transcription"}]}
    response = api_client(officer).post(reverse("person-list"), payload, format="json")
    assert response.status_code == 400
    assert "partner agency" in str(response.json()["error"]["fields"])
    assert not Person.objects.exists()


def test_mrz_with_a_wrong_check_digit_is_refused_with_the_field_named(home: Any, officer: Any, api_client: Any) -> None:
    person = PersonFactory(owner=home)
    payload = {"person": person.pk, "kind": "passport", "number": "L898902C3", "mrz": MRZ_BAD_CHECK_DIGIT}
    response = api_client(officer).post(reverse("identity-document-list"), payload, format="json")
    assert response.status_code == 400
    message = " ".join(response.json()["error"]["fields"]["mrz"])
    assert "Check digit wrong for: document number, composite" in message
    assert not person.documents.exists()
    ok = api_client(officer).post(reverse("identity-document-list"), {**payload, "mrz": MRZ}, format="json")
    assert ok.status_code == 201 and ok.json()["mrz_verified"] is True
    other = {**payload, "number": "B7654321", "mrz": MRZ}
    mismatch = api_client(officer).post(reverse("identity-document-list"), other, format="json")
    assert "carries document number L898902C3" in " ".join(mismatch.json()["error"]["fields"]["mrz"])


def test_name_search_ranks_with_scores_and_respects_access(
    home: Any, partner: Any, officer: Any, api_client: Any
) -> None:
    an = PersonFactory(owner=home, names=["Nguyễn Văn An"], birth_date="1985-03-07")
    PersonFactory(owner=home, names=["Nguyễn Văn Anh"], birth_date="1990")
    foreign = PersonFactory(owner=partner, names=["NGUYEN VAN AN"])
    response = api_client(officer).get(reverse("person-list"), {"q": "Nguyen Van An", "birth_date": "1985"})
    assert response.status_code == 200
    results = response.json()["results"]
    assert results[0]["id"] == an.pk and results[0]["match"]["score"] >= 0.9
    assert results[0]["match"]["explanation"]["evidence"]
    assert foreign.pk not in [row["id"] for row in results]
    assert all(row["match"]["score"] >= 0.5 for row in results)
    plain = api_client(officer).get(reverse("person-list")).json()["results"]
    assert all(row["match"] is None for row in plain)


def test_search_combines_with_filters(home: Any, officer: Any, api_client: Any) -> None:
    PersonFactory(owner=home, names=["Lee Min Ho"], nationalities=["KR"])
    vn = PersonFactory(owner=home, names=["LEE MIN HO"], nationalities=["VN"])
    response = api_client(officer).get(reverse("person-list"), {"q": "Lee Min Ho", "nationality": "VN"})
    assert [row["id"] for row in response.json()["results"]] == [vn.pk]


def test_duplicates_endpoint(home: Any, officer: Any, api_client: Any, make_user: Any) -> None:
    an = PersonFactory(owner=home, names=["Nguyễn Văn An"], birth_date="1985-03-07")
    url = reverse("person-duplicates")
    found = api_client(officer).post(url, {"names": ["NGUYEN VAN AN"], "birth_date": "1985"}, format="json")
    assert found.status_code == 200, found.content
    assert [row["person"] for row in found.json()] == [an.pk]
    assert found.json()[0]["score"] >= 0.7 and found.json()[0]["explanation"]["evidence"]
    none = api_client(officer).post(url, {"names": ["Nguyen Van Bao"], "birth_date": "1985"}, format="json")
    assert none.json() == []
    refused = api_client(make_user(ANALYST)).post(url, {"names": ["NGUYEN VAN AN"]}, format="json")
    assert refused.status_code == 403


def test_share_and_unshare(home: Any, partner: Any, officer: Any, partner_officer: Any, api_client: Any) -> None:
    person = PersonFactory(owner=home, names=["Trần Văn Hùng"])
    url = reverse("person-share", kwargs={"pk": person.pk})
    assert api_client(partner_officer).get(reverse("person-detail", kwargs={"pk": person.pk})).status_code == 404
    h3 = api_client(officer).post(url, {"agency": partner.pk, "handling_code": "H3"}, format="json")
    assert h3.status_code == 400 and "H3" in str(h3.json()["error"]["fields"])
    response = api_client(officer).post(
        url, {"agency": partner.pk, "handling_code": "H2", "tlp": "AMBER"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert_audited("person.share", obj=person, actor=officer, channel="api")
    seen = api_client(partner_officer).get(reverse("person-detail", kwargs={"pk": person.pk}))
    assert seen.status_code == 200
    assert [(s["agency"], s["handling_code"]) for s in seen.json()["shares"]] == [(partner.pk, "H2")]
    # the partner reads, and changes nothing: its writes are refused as read only (decision 0031)
    assert (
        api_client(partner_officer)
        .patch(reverse("person-detail", kwargs={"pk": person.pk}), {"notes": "x"}, format="json")
        .status_code
        == 403
    )
    assert (
        api_client(partner_officer).post(url, {"agency": home.pk, "handling_code": "H0"}, format="json").status_code
        == 403
    )
    gone = api_client(officer).post(
        reverse("person-unshare", kwargs={"pk": person.pk}), {"agency": partner.pk}, format="json"
    )
    assert gone.status_code == 204
    assert_audited("person.unshare", obj=person, actor=officer, channel="api")
    assert api_client(partner_officer).get(reverse("person-detail", kwargs={"pk": person.pk})).status_code == 404


def test_share_denied_without_role(home: Any, partner: Any, make_user: Any, api_client: Any) -> None:
    person = PersonFactory(owner=home)
    before = AuditEvent.objects.count()
    response = api_client(make_user(ANALYST)).post(
        reverse("person-share", kwargs={"pk": person.pk}), {"agency": partner.pk, "handling_code": "H0"}, format="json"
    )
    assert response.status_code in (403, 404)
    assert AuditEvent.objects.count() == before


def test_a_person_referred_to_cannot_be_removed(home: Any, officer: Any, api_client: Any) -> None:
    from tests.desk.factories import NoticeFactory

    notice = NoticeFactory(owner=home)
    response = api_client(officer).delete(reverse("person-detail", kwargs={"pk": notice.person_id}))
    assert response.status_code == 400
    assert "Merge the record instead" in str(response.json()["error"])
    assert Person.objects.filter(pk=notice.person_id).exists()


def test_schema_documents_the_people_endpoints(officer: Any, api_client: Any) -> None:
    schema = api_client(officer).get(reverse("api_schema"), {"format": "json"}).json()
    paths = schema["paths"]
    for path in [
        "/api/persons/",
        "/api/persons/{id}/merge/",
        "/api/persons/{id}/share/",
        "/api/persons/duplicates/",
        "/api/person-names/",
        "/api/identity-documents/",
        "/api/person-addresses/",
        "/api/person-contacts/",
        "/api/person-photos/",
        "/api/person-photos/{id}/download/",
    ]:
        assert path in paths, path
    assert "q" in [p["name"] for p in paths["/api/persons/"]["get"]["parameters"]]


def test_a_read_only_token_may_look_for_duplicates(home: Any) -> None:
    """Looking for duplicates is a read (POST only because the query is a body): a read-only token may do it,
    and still may not create a person."""
    from rest_framework.test import APIClient

    from tests.factories import UserFactory, make_token

    PersonFactory(owner=home, names=["Nguyễn Văn An"], birth_date="1985-03-07")
    _, key = make_token(UserFactory(agency=home, roles=[DESK_OFFICER]), read_only=True)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    response = client.post("/api/persons/duplicates/", {"names": ["NGUYEN VAN AN"]}, format="json")
    assert response.status_code == 200 and response.json()[0]["person"]
    assert client.post("/api/persons/", {"names": []}, format="json").status_code == 403
