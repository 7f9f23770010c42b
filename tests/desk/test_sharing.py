"""Sharing a notice with a partner: the partner reads the notice and the person it is about, read-only, under
the handling code it sees on the page; a third agency sees nothing; withdrawing the share withdraws both."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType

from liaison.core.models import AuditEvent, Share
from liaison.core.permissions import ANALYST, DESK_OFFICER
from liaison.people.models import Person
from tests.conftest import ALL_AGENCY_ROLES
from tests.desk.factories import NoticeFactory
from tests.factories import AgencyFactory, UserFactory
from tests.helpers import assert_audited
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _share(client: Any, notice: Any, agency: Any, code: str = "H2", **extra: Any) -> Any:
    payload = {"agency": agency.pk, "handling_code": code, "tlp": "AMBER", **extra}
    return client.post(f"/api/notices/{notice.pk}/share/", payload, format="json")


def _person_shares(person: Any) -> Any:
    return Share.objects.filter(content_type=ContentType.objects.get_for_model(Person), object_id=str(person.pk))


def test_sharing_a_notice_shares_its_person_under_the_same_code(
    home: Any, partner: Any, officer: Any, api_client: Any
) -> None:
    notice = NoticeFactory(owner=home, person=PersonFactory(owner=home, names=["Phạm Quốc Bảo"]))
    response = _share(api_client(officer), notice, partner, note="")
    assert response.status_code == 200, response.content
    assert response.json()["handling_code"] == "H2"
    person_share = _person_shares(notice.person).get()
    assert (person_share.agency_id, person_share.handling_code, person_share.tlp) == (partner.pk, "H2", "AMBER")
    event = assert_audited("notice.share", obj=notice, actor=officer, channel="api")
    assert event.after["agency"] == partner.pk and event.after["person"] == notice.person_id
    person_event = AuditEvent.objects.get(seq=event.seq - 1)
    assert person_event.action == "person.share" and person_event.object_id == str(notice.person_id)
    # Sharing again changes the code of both.
    assert _share(api_client(officer), notice, partner, code="H0").status_code == 200
    assert _person_shares(notice.person).get().handling_code == "H0"


def test_the_partner_reads_the_notice_and_person_and_changes_nothing(
    home: Any, partner: Any, officer: Any, partner_officer: Any, api_client: Any, page_client: Any
) -> None:
    notice = NoticeFactory(owner=home, person=PersonFactory(owner=home, names=["Đỗ Minh Tuấn"]))
    assert _share(api_client(officer), notice, partner, code="H3", note="Not to be used in court").status_code == 200
    client = api_client(partner_officer)
    detail = client.get(f"/api/notices/{notice.pk}/")
    assert detail.status_code == 200
    assert detail.json()["shares"] == [
        {
            "agency": partner.pk,
            "agency_name": str(partner),
            "handling_code": "H3",
            "handling_note": "Not to be used in court",
            "tlp": "AMBER",
            "shared_at": detail.json()["shares"][0]["shared_at"],
        }
    ]
    assert notice.pk in [row["id"] for row in client.get("/api/notices/").json()["results"]]
    assert client.get(f"/api/notice-offences/?notice={notice.pk}").json()["count"] == 1
    person = notice.person
    assert Person.objects.filter(pk=person.pk).exists()
    from liaison.core import access

    assert access.restrict(Person.objects.filter(pk=person.pk), partner_officer).exists()

    before = AuditEvent.objects.count()
    offence = notice.offences.get()
    writes = [
        client.patch(f"/api/notices/{notice.pk}/", {"summary": "changed"}, format="json"),
        client.post(f"/api/notices/{notice.pk}/transition/", {"to": "suspended", "note": "x"}, format="json"),
        client.post(f"/api/notices/{notice.pk}/review/", {"note": "x"}, format="json"),
        client.post(
            f"/api/notices/{notice.pk}/share/", {"agency": AgencyFactory().pk, "handling_code": "H0"}, format="json"
        ),
        client.patch(f"/api/notice-offences/{offence.pk}/", {"law": "x"}, format="json"),
        client.post("/api/notice-offences/", {"notice": notice.pk, "description": "x"}, format="json"),
    ]
    # Read only for the partner: refused as such, naming the owner and the handling code (decision 0031); a
    # child added under the shared notice is refused by its parent field.
    assert [w.status_code for w in writes] == [403, 403, 403, 403, 403, 400], [w.content for w in writes]
    assert all("Read only: shared with your agency by MPS Vietnam under H3" in str(w.content) for w in writes[:5])
    assert AuditEvent.objects.count() == before

    pages = page_client(partner_officer)  # signing in is audited
    before = AuditEvent.objects.count()
    page = pages.get(f"/desk/notices/{notice.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "handling-banner" in html and "H3" in html and "Not to be used in court" in html
    assert f"/desk/notices/{notice.pk}/edit/" not in html and "notice_transition" not in html
    assert "Record a review" not in html and "Stop sharing" not in html
    for url in (f"/desk/notices/{notice.pk}/edit/", f"/desk/notices/{notice.pk}/share/"):
        assert pages.get(url).status_code == 404
    assert pages.post(f"/desk/notices/{notice.pk}/transition/", {"to": "suspended", "note": "x"}).status_code == 404
    assert AuditEvent.objects.count() == before


def test_a_third_agency_sees_nothing(home: Any, partner: Any, officer: Any, api_client: Any, page_client: Any) -> None:
    notice = NoticeFactory(owner=home)
    _share(api_client(officer), notice, partner)
    third = UserFactory(agency=AgencyFactory(code="RU-MVD", country="RU"), roles=ALL_AGENCY_ROLES)
    assert api_client(third).get(f"/api/notices/{notice.pk}/").status_code == 404
    assert notice.pk not in [row["id"] for row in api_client(third).get("/api/notices/").json()["results"]]
    assert page_client(third).get(f"/desk/notices/{notice.pk}/").status_code == 404
    from liaison.core import access

    assert not access.restrict(Person.objects.filter(pk=notice.person_id), third).exists()


def test_the_owner_sees_its_shares_on_the_notice_page(home: Any, partner: Any, officer: Any, page_client: Any) -> None:
    notice = NoticeFactory(owner=home)
    client = page_client(officer)
    response = client.post(
        f"/desk/notices/{notice.pk}/share/", {"agency": partner.pk, "handling_code": "H1", "tlp": "GREEN", "note": ""}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert_audited("notice.share", obj=notice, actor=officer, channel="ui")
    html = client.get(f"/desk/notices/{notice.pk}/").content.decode()
    assert "Shared with" in html and partner.short_name in html and "H1" in html and "TLP:GREEN" in html


def test_h3_needs_the_restrictions_and_a_draft_is_not_shared(
    home: Any, partner: Any, officer: Any, api_client: Any
) -> None:
    client = api_client(officer)
    notice = NoticeFactory(owner=home)
    response = _share(client, notice, partner, code="H3")
    assert response.status_code == 400 and "handling_note" in response.json()["error"]["fields"]
    draft = NoticeFactory(owner=home, status="draft")
    response = _share(client, draft, partner)
    assert response.status_code == 400 and "status" in response.json()["error"]["fields"]
    response = _share(client, notice, home)
    assert response.status_code == 400 and "agency" in response.json()["error"]["fields"]
    assert not Share.objects.exists()


def test_a_person_shared_with_us_is_not_passed_on(home: Any, partner: Any, officer: Any, api_client: Any) -> None:
    from tests.people.factories import share_with

    theirs = PersonFactory(owner=partner)
    share_with(theirs, home)
    notice = NoticeFactory(owner=home, person=theirs)
    third = AgencyFactory(code="CN-MPS", country="CN")
    response = _share(api_client(officer), notice, third)
    assert response.status_code == 400 and "agency" in response.json()["error"]["fields"]
    # … but the notice can go back to the person's owner.
    assert _share(api_client(officer), notice, partner).status_code == 200


def test_unsharing_withdraws_the_notice_and_its_person(home: Any, partner: Any, officer: Any, api_client: Any) -> None:
    client = api_client(officer)
    person = PersonFactory(owner=home)
    first, second = NoticeFactory(owner=home, person=person), NoticeFactory(owner=home, person=person, kind="locate")
    _share(client, first, partner)
    _share(client, second, partner)
    assert client.post(f"/api/notices/{first.pk}/unshare/", {"agency": partner.pk}, format="json").status_code == 204
    event = assert_audited("notice.unshare", obj=first, actor=officer)
    assert event.after == {"person_unshared": False}  # the second notice still shares the person
    assert _person_shares(person).exists()
    assert client.post(f"/api/notices/{second.pk}/unshare/", {"agency": partner.pk}, format="json").status_code == 204
    assert assert_audited("notice.unshare", obj=second).after == {"person_unshared": True}
    assert not _person_shares(person).exists()
    response = client.post(f"/api/notices/{second.pk}/unshare/", {"agency": partner.pk}, format="json")
    assert response.status_code == 400


def test_sharing_needs_the_manage_role(home: Any, partner: Any, page_client: Any) -> None:
    notice = NoticeFactory(owner=home)
    client = page_client(UserFactory(agency=home, roles=[ANALYST]))
    before = AuditEvent.objects.count()
    assert client.get(f"/desk/notices/{notice.pk}/share/").status_code == 404
    assert (
        client.post(f"/desk/notices/{notice.pk}/share/", {"agency": partner.pk, "handling_code": "H0"}).status_code
        == 404
    )
    assert client.post(f"/desk/notices/{notice.pk}/unshare/", {"agency": partner.pk}).status_code == 404
    assert AuditEvent.objects.count() == before
    officer_client = page_client(UserFactory(agency=home, roles=[DESK_OFFICER]))
    officer_client.post(
        f"/desk/notices/{notice.pk}/share/", {"agency": partner.pk, "handling_code": "H0", "tlp": "AMBER"}
    )
    response = officer_client.post(f"/desk/notices/{notice.pk}/unshare/", {"agency": partner.pk})
    assert response.status_code == 302
    assert_audited("notice.unshare", obj=notice, channel="ui")
