"""Search ignores diacritics and case, in every list (issue 20, item 14; docs/decisions/0023): each list page's
search box and its API (`?search=`, `?q=`, `?name=`) find "Đàm Quang Thịnh" for "Dam Quang Thinh", and text in
Korean, Russian and Chinese still finds itself. The database folds exactly as Python does (SQLite and
PostgreSQL alike)."""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction

from liaison.core import audit
from liaison.core.permissions import NODE_ADMIN
from liaison.core.search import Fold, fold
from liaison.people.models import PersonName
from tests.conftest import ALL_AGENCY_ROLES
from tests.cooperation import factories as coop
from tests.desk.factories import FugitiveCaseFactory, NoticeFactory
from tests.factories import AgencyFactory, UnitFactory, UserFactory, make_token
from tests.people.factories import PersonFactory
from tests.screening.factories import ScreeningListFactory

pytestmark = pytest.mark.django_db

VIETNAMESE = "Đàm Quang Thịnh"
OTHERS = ["김철수", "Ёлкин Андрей Петрович", "王小明"]


def test_fold() -> None:
    assert fold(VIETNAMESE) == fold("DAM QUANG THINH") == "dam quang thinh"
    assert fold("Łukasz Żółć") == "lukasz zolc" and fold("Øyvind Straße") == "oyvind strasse"
    assert fold("Ærø Œuvre Þór") == "aero oeuvre thor" and fold("ΟΔΟΣ") == fold("οδος")
    assert fold("김철수") == "김철수" and fold("王小明") == "王小明" and fold("АНДРЕЙ") == "андреи"
    assert fold("ＡＢＣ") == "abc" and fold(None) is None


CORPUS = [
    VIETNAMESE, "NGUYỄN THỊ MINH KHAI", "Trần Hưng Đạo", "Phùng Đức Long", "Ǆ Ǉ ǈ ﬁ", "Straße ẞ", "İstanbul Iğdır",
    "ŁÓDŹ Ørsted Ærø Œ Þ ð ħ ŧ", "ΟΔΟΣ Ἀθῆναι", "Ёлкин АНДРЕЙ", "Қазақ Ўзбек", "김철수 金哲洙", "がぎぐ ガギグ",
    "王小明 王小明", "Ā́ḁ̃", "ＦＵＬＬ－ＷＩＤＴＨ", "x\u0301\u0327y", "",
]  # fmt: skip


def test_the_database_folds_as_python_does() -> None:
    """On SQLite the database calls fold() itself; on PostgreSQL it runs the same steps in SQL (run the suite on
    PostgreSQL to compare them)."""
    person = PersonFactory(names=["seed"])
    names = [PersonName.objects.create(person=person, full_name=text or "-", script="latn") for text in CORPUS]
    folded = dict(
        PersonName.objects.filter(pk__in=[n.pk for n in names]).annotate(f=Fold("full_name")).values_list("pk", "f")
    )
    assert {name.pk: fold(name.full_name) for name in names} == folded


def _person(home: Any, text: str) -> Any:
    return PersonFactory(owner=home, names=[text])


# list name → (page URL with its search parameter, API URL with its, how to record a record named `text`)
LISTS: dict[str, tuple[str, str, Callable[[Any, str], Any]]] = {
    "persons": ("/people/?name=", "/api/persons/?name=", _person),
    "notices": (
        "/desk/notices/?q=",
        "/api/notices/?search=",
        lambda h, t: NoticeFactory(owner=h, person=_person(h, t)),
    ),
    "cases": (
        "/desk/cases/?q=",
        "/api/fugitive-cases/?search=",
        lambda h, t: FugitiveCaseFactory(owner=h, person=_person(h, t)),
    ),
    "screening lists": (
        "/screening/?q=",
        "/api/screening-lists/?search=",
        lambda h, t: ScreeningListFactory(owner=h, name=t),
    ),
    "agreements": (
        "/cooperation/agreements/?q=",
        "/api/agreements/?search=",
        lambda h, t: coop.AgreementFactory(owner=h, title_en=t),
    ),
    "programmes": (
        "/cooperation/programmes/?q=",
        "/api/programmes/?search=",
        lambda h, t: coop.ProgrammeFactory(owner=h, title=t),
    ),
    "action items": (
        "/cooperation/action-items/?q=",
        "/api/action-items/?search=",
        lambda h, t: coop.ActionItemFactory(owner=h, title=t),
    ),
    "engagements": (
        "/cooperation/engagements/?q=",
        "/api/engagements/?search=",
        lambda h, t: coop.EngagementFactory(owner=h, title=t),
    ),
    "training": (
        "/cooperation/training/?q=",
        "/api/training-courses/?search=",
        lambda h, t: coop.TrainingCourseFactory(owner=h, title=t),
    ),
    "capacity projects": (
        "/cooperation/capacity-projects/?q=",
        "/api/capacity-projects/?search=",
        lambda h, t: coop.CapacityProjectFactory(owner=h, title=t),
    ),
    "agencies": ("/agencies/?q=", "/api/agencies/?search=", lambda h, t: AgencyFactory(name_en=t)),
    "units": ("/units/?q=", "/api/units/?search=", lambda h, t: UnitFactory(agency=h, name=t)),
    "users": ("/users/?q=", "/api/users/?search=", lambda h, t: UserFactory(agency=h, first_name=t)),
}


@pytest.fixture
def everyone(make_user: Any) -> Any:
    return make_user(*ALL_AGENCY_ROLES, NODE_ADMIN)


def _found(client: Any, url: str, text: str, marker: str) -> bool:
    response = client.get(url + urllib.parse.quote(text))
    assert response.status_code == 200, (url, response.status_code)
    if url.startswith("/api/"):
        return bool(response.json()["results"])
    return marker in response.content.decode()


@pytest.mark.parametrize("name", list(LISTS))
def test_every_list_finds_a_name_without_its_diacritics(
    name: str, home: Any, everyone: Any, page_client: Any, api_client: Any
) -> None:
    page_url, api_url, make = LISTS[name]
    records = {text: make(home, text) for text in [VIETNAMESE, *OTHERS]}
    page, api = page_client(everyone), api_client(everyone)
    for query in ("Dam Quang Thinh", "dam quang THINH", "Đàm Quang Thịnh", "ĐÀM QUANG"):
        assert _found(page, page_url, query, VIETNAMESE), (name, "page", query)
        assert _found(api, api_url, query, VIETNAMESE), (name, "api", query)
    for text in OTHERS:  # Korean, Russian and Chinese text finds itself (and only itself)
        html = page.get(page_url + urllib.parse.quote(text)).content.decode()
        assert text in html and VIETNAMESE not in html, (name, text)
        assert _found(api, api_url, text, text), (name, "api", text)
    assert not _found(api, api_url, "Dam Quang Thinh Z", VIETNAMESE)
    assert records


def test_the_token_list_and_the_audit_trail_fold_too(
    home: Any, everyone: Any, page_client: Any, api_client: Any
) -> None:
    make_token(everyone, name=VIETNAMESE)
    page, api = page_client(everyone), api_client(everyone)
    assert _found(page, "/api-tokens/?q=", "dam quang thinh", VIETNAMESE)
    assert _found(api, "/api/api-tokens/?search=", "Dam Quang", VIETNAMESE)
    officer = UserFactory(agency=home, username="đàm.thịnh")
    with transaction.atomic():
        audit.record("test.fold", actor=officer, obj=officer)
    assert _found(page, "/audit/?actor_name=", "DAM.THINH", "test.fold")
    assert _found(api, "/api/audit/?actor_name=", "Dam.Thinh", "test.fold")
