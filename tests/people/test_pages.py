"""Pages of the people register: the generic page set for persons, the child pages, the list's filters and
export, the detail page (names, documents, notices, sharing banner) and the tombstone of a merged record."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from liaison.core.models import AuditEvent
from liaison.core.permissions import ANALYST, DESK_OFFICER
from liaison.people.models import Person
from tests.helpers import PageResourceTests, assert_audited
from tests.people.factories import (
    AddressFactory,
    ContactFactory,
    IdentityDocumentFactory,
    PersonFactory,
    PersonNameFactory,
    share_with,
)
from tests.people.test_api import MRZ, MRZ_BAD_CHECK_DIGIT


def create_form(**person: Any) -> dict[str, Any]:
    """A valid create form: one name row filled, two left empty, no document."""
    data = {
        "names-TOTAL_FORMS": "3",
        "names-INITIAL_FORMS": "0",
        "names-MIN_NUM_FORMS": "0",
        "names-MAX_NUM_FORMS": "20",
        "names-0-full_name": "Hoàng Thị Lan",
        "names-0-kind": "native",
        "names-0-language": "vi",
        "names-1-kind": "native",
        "names-2-kind": "native",
        "sex": "F",
        "birth_date": "1992",
        "document-kind": "passport",
    }
    data.update(person)
    return data


class TestPersonPages(PageResourceTests):
    url_prefix = "person"
    allowed_roles = [DESK_OFFICER]
    denied_roles = [ANALYST]
    audit_prefix = "person"
    changed_field = "birth_place"

    def url(self, kind: str, obj: Any = None) -> str:
        return super().url("edit" if kind == "update" else kind, obj)

    def make(self, agency: Any) -> Any:
        return PersonFactory(owner=agency)

    def form_data(self, agency: Any) -> dict[str, Any]:
        return create_form()


pytestmark = pytest.mark.django_db


def test_create_with_names_and_a_document(home: Any, officer: Any, page_client: Any) -> None:
    data = create_form(
        **{
            "names-1-full_name": "HOANG THI LAN",
            "names-1-kind": "passport",
            "names-2-full_name": "호앙 티 란",
            "names-2-kind": "transcription",
            "names-2-transcribed_by": str(home.pk),
            "document-number": "L898902C3",
            "document-mrz": MRZ,
            "nationalities": ["VN"],
        }
    )
    response = page_client(officer).post(reverse("person_create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    person = Person.objects.get()
    assert response["Location"] == reverse("person_detail", kwargs={"pk": person.pk})
    assert [(n.full_name, n.kind, n.script, n.is_primary) for n in person.names.order_by("pk")] == [
        ("Hoàng Thị Lan", "native", "Latn", True),
        ("HOANG THI LAN", "passport", "Latn", False),
        ("호앙 티 란", "transcription", "Hang", False),
    ]
    assert person.documents.get().mrz == MRZ and person.nationalities == ["VN"]
    assert_audited("person.create", obj=person, actor=officer, channel="ui")


def test_create_shows_what_is_wrong_and_writes_nothing(home: Any, officer: Any, page_client: Any) -> None:
    data = create_form(
        **{"names-0-full_name": "", "names-0-language": "", "birth_date": "1992-13", "document-number": "L898902C3"}
    )
    data["document-mrz"] = MRZ_BAD_CHECK_DIGIT
    client = page_client(officer)
    before = AuditEvent.objects.count()
    response = client.post(reverse("person_create"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter at least one name." in body
    assert "Enter the date as YYYY-MM-DD" in body
    assert "Check digit wrong for: document number, composite" in body
    assert not Person.objects.exists() and AuditEvent.objects.count() == before


def test_detail_shows_every_name_document_and_related_record(home: Any, officer: Any, page_client: Any) -> None:
    from tests.desk.factories import NoticeFactory

    person = PersonFactory(
        owner=home,
        names=[
            {"full_name": "Nguyễn Văn An", "language": "vi"},
            {"full_name": "응우옌 반 안", "kind": "transcription", "transcribed_by": home, "language": "ko"},
        ],
    )
    IdentityDocumentFactory(person=person, number="L898902C3", mrz=MRZ)
    AddressFactory(person=person, address="15 Trần Hưng Đạo")
    ContactFactory(person=person, value="+84 988 111 222")
    notice = NoticeFactory(owner=home, person=person)
    body = page_client(officer).get(reverse("person_detail", kwargs={"pk": person.pk})).content.decode()
    for text in ["Nguyễn Văn An", "응우옌 반 안", "Hangul", "MPS Vietnam", "L898902C3", "MRZ verified"]:
        assert text in body, text
    assert "15 Trần Hưng Đạo" in body and "+84 988 111 222" in body
    assert notice.get_absolute_url() in body


def test_list_filters_sort_and_export(home: Any, officer: Any, page_client: Any) -> None:
    from tests.desk.factories import NoticeFactory

    kim = PersonFactory(owner=home, names=["Kim Min Jun", "김민준"], nationalities=["KR"], birth_date="1990-01-02")
    PersonFactory(owner=home, names=["Ivanov Sergei"], nationalities=["RU"], birth_date="1975", fictional=True)
    wanted = NoticeFactory(owner=home, person=PersonFactory(owner=home, names=["Trần Văn Bình"]))
    from liaison.desk.models import Notice

    Notice.objects.filter(pk=wanted.pk).update(status="active")
    client = page_client(officer)
    url = reverse("person_list")

    def shown(**params: Any) -> set[str]:
        body = client.get(url, params).content.decode()
        return {name for name in ("Kim Min Jun", "Ivanov Sergei", "Trần Văn Bình") if name in body}

    assert shown() == {"Kim Min Jun", "Ivanov Sergei", "Trần Văn Bình"}
    assert shown(name="민준") == {"Kim Min Jun"}
    assert shown(nationality="RU") == {"Ivanov Sergei"}
    assert shown(birth_year="1990") == {"Kim Min Jun"}
    assert shown(fictional="true") == {"Ivanov Sergei"}
    assert shown(has_active_notice="true") == {"Trần Văn Bình"}
    assert shown(sex="F") == set()
    body = client.get(url, {"sort": "-birth_date"}).content.decode()
    assert body.index("Kim Min Jun") < body.index("Ivanov Sergei")
    csv = b"".join(client.get(url, {"export": "csv", "nationality": "KR"}).streaming_content).decode("utf-8-sig")
    assert "Kim Min Jun" in csv and "김민준" in csv and "Ivanov" not in csv
    xlsx = client.get(url, {"export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert kim.pk


def test_child_pages_add_change_and_remove_a_name(home: Any, officer: Any, page_client: Any) -> None:
    person = PersonFactory(owner=home, names=["Park Ji Sung"])
    client = page_client(officer)
    response = client.post(
        reverse("person_name_add", kwargs={"pk": person.pk}),
        {"full_name": "박지성", "kind": "native", "language": "ko", "is_primary": "on"},
    )
    assert response.status_code == 302
    name = person.names.get(full_name="박지성")
    assert name.is_primary and name.script == "Hang"
    person.refresh_from_db()
    assert person.display_name == "박지성"
    assert_audited("person_name.create", obj=name, actor=officer, channel="ui")
    response = client.post(
        reverse("person_name_edit", kwargs={"pk": name.pk}),
        {"full_name": "朴智星", "kind": "native", "script": "Hani", "language": "ko", "is_primary": "on"},
    )
    assert response.status_code == 302
    assert_audited("person_name.update", obj=name, actor=officer, channel="ui")
    assert client.get(reverse("person_name_delete", kwargs={"pk": name.pk})).status_code == 200
    assert client.post(reverse("person_name_delete", kwargs={"pk": name.pk})).status_code == 302
    assert list(person.names.values_list("full_name", flat=True)) == ["Park Ji Sung"]
    assert_audited("person_name.delete", actor=officer, channel="ui")
    # the last name stays, with the reason
    last = person.names.get()
    response = client.post(reverse("person_name_delete", kwargs={"pk": last.pk}), follow=True)
    assert "A person needs at least one name." in response.content.decode()


def test_document_page_says_which_check_digit_is_wrong(home: Any, officer: Any, page_client: Any) -> None:
    person = PersonFactory(owner=home)
    response = page_client(officer).post(
        reverse("person_document_add", kwargs={"pk": person.pk}),
        {"kind": "passport", "number": "L898902C3", "mrz": MRZ_BAD_CHECK_DIGIT},
    )
    assert response.status_code == 200
    assert "Check digit wrong for: document number, composite. Compare with the document." in response.content.decode()
    assert not person.documents.exists()


def test_address_and_contact_pages(home: Any, officer: Any, page_client: Any) -> None:
    person = PersonFactory(owner=home)
    client = page_client(officer)
    assert (
        client.post(
            reverse("person_address_add", kwargs={"pk": person.pk}),
            {"kind": "hotel", "address": "Khách sạn Sao Mai, 3 Lý Thường Kiệt", "country": "VN"},
        ).status_code
        == 302
    )
    assert_audited("address.create", actor=officer, channel="ui")
    assert (
        client.post(
            reverse("person_contact_add", kwargs={"pk": person.pk}), {"kind": "messenger", "value": "zalo:0912345678"}
        ).status_code
        == 302
    )
    assert_audited("contact.create", actor=officer, channel="ui")
    contact = person.contacts.get()
    client.post(reverse("person_contact_edit", kwargs={"pk": contact.pk}), {"kind": "phone", "value": "0912345678"})
    contact.refresh_from_db()
    assert contact.kind == "phone"


def test_child_pages_are_refused_without_role_and_for_other_agencies(
    home: Any, partner: Any, make_user: Any, page_client: Any
) -> None:
    person = PersonFactory(owner=home)
    name = PersonNameFactory(person=person)
    analyst = page_client(make_user(ANALYST))
    foreign_officer = page_client(make_user(DESK_OFFICER, agency=partner))
    share_with(person, partner)
    before = AuditEvent.objects.count()
    for client in (analyst, foreign_officer):
        assert client.get(reverse("person_name_add", kwargs={"pk": person.pk})).status_code == 404
        assert client.post(reverse("person_name_edit", kwargs={"pk": name.pk}), {"full_name": "x"}).status_code == 404
        assert client.post(reverse("person_name_delete", kwargs={"pk": name.pk})).status_code == 404
        assert client.get(reverse("person_share", kwargs={"pk": person.pk})).status_code == 404
    assert AuditEvent.objects.count() == before


def test_share_page_and_partner_banner(
    home: Any, partner: Any, officer: Any, partner_officer: Any, page_client: Any
) -> None:
    person = PersonFactory(owner=home, names=["Đỗ Văn Toàn"])
    client = page_client(officer)
    url = reverse("person_share", kwargs={"pk": person.pk})
    missing_note = client.post(url, {"agency": partner.pk, "handling_code": "H3", "tlp": "AMBER"})
    assert "H3 needs the restrictions written out." in missing_note.content.decode()
    assert client.post(url, {"agency": partner.pk, "handling_code": "H1", "tlp": "GREEN"}).status_code == 302
    assert_audited("person.share", obj=person, actor=officer, channel="ui")
    page = page_client(partner_officer).get(reverse("person_detail", kwargs={"pk": person.pk})).content.decode()
    assert "Shared with your agency by" in page and "H1" in page and "TLP:GREEN" in page
    assert reverse("person_edit", kwargs={"pk": person.pk}) not in page
    share = person_share(person)
    assert client.post(reverse("person_unshare", kwargs={"pk": person.pk}), {"share": share.pk}).status_code == 302
    assert_audited("person.unshare", obj=person, actor=officer, channel="ui")
    assert page_client(partner_officer).get(reverse("person_detail", kwargs={"pk": person.pk})).status_code == 404


def person_share(person: Any) -> Any:
    from liaison.people.actions import shares_of

    return shares_of(person).get()


def test_a_person_with_a_notice_cannot_be_removed(home: Any, officer: Any, page_client: Any) -> None:
    from tests.desk.factories import NoticeFactory

    notice = NoticeFactory(owner=home)
    response = page_client(officer).post(reverse("person_delete", kwargs={"pk": notice.person_id}), follow=True)
    assert "Merge the record instead" in response.content.decode()
    assert Person.objects.filter(pk=notice.person_id).exists()
