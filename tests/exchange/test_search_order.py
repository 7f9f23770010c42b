"""Message search in the order of relevance (decision 0051): `?ordering=relevance` in the API, "Best match first"
on the page, newest first otherwise; in Vietnamese typed without diacritics, Korean and Chinese; a message the
user may not read is never in the results nor in their count, whatever the order. And the list's page read by
id first (core/paging.py) is the plain slice."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.models.query import QuerySet
from django.test.utils import CaptureQueriesContext

from liaison.exchange import actions
from liaison.exchange.models import Message
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

DATA = {"kind": "information", "language": "vi", "crime_areas": ["drugs"], "handling_code": "H2", "tlp": "AMBER",
        "source_reliability": "B", "information_accuracy": "2", "priority": "normal"}  # fmt: skip
LONG = "Hà Nội, quận Ba Đình, phường Kim Mã, đường Nguyễn Thái Học, gần hồ Hoàn Kiếm, trụ sở chính, báo cáo tuần"


def send(actor: Any, to: list[Any], subject: str, body: str, **extra: Any) -> Message:
    message = actions.do_create_message({**DATA, "subject": subject, "body": body, **extra}, recipients=to,
                                        actor=actor)  # fmt: skip
    return actions.do_submit_message(message, actor=actor)


def api(client: Any, q: str, **params: str) -> tuple[int, list[int]]:
    answer = client.get("/api/messages/", {"q": q, **params})
    assert answer.status_code == 200, answer.content
    body = answer.json()
    return body["count"], [m["id"] for m in body["results"]]


@pytest.mark.parametrize(
    ("language", "weak", "strong", "plain", "query"),
    [
        ("vi", f"Báo cáo định kỳ. {LONG}, ma túy", "Ma túy: đường dây ma túy", "Ma túy tổng hợp", "ma tuy"),
        ("ko", "정기 보고서 서울 부산 대구 인천 광주 대전 울산 마약", "마약 밀수 마약 조직", "마약 단속", "마약"),
        ("zh-hans", "定期报告：北京、上海、广州、深圳、成都、重庆的诈骗", "诈骗团伙诈骗案", "电信诈骗", "诈骗"),
    ],
)
def test_relevance_puts_the_best_match_first_date_order_the_newest(
    language: str, weak: str, strong: str, plain: str, query: str,
    home: Any, partner: Any, officer: Any, partner_officer: Any, api_client: Any, page_client: Any,
) -> None:  # fmt: skip
    first = send(officer, [partner], "Báo cáo", weak, language=language)  # one mention in a long text
    best = send(officer, [partner], strong, strong, language=language)  # the word again and again, close
    newest = send(officer, [partner], "Tin", plain, language=language)  # one mention in a short text
    stranger = AgencyFactory(code="CN-MPS", country="CN", short_name="MPS China")
    hidden = send(officer, [stranger], strong, strong + " " + strong, language=language)  # not for the partner
    theirs = api_client(partner_officer)
    assert api(theirs, query) == (3, [newest.pk, best.pk, first.pk])  # newest first by default
    assert api(theirs, query, ordering="relevance") == (3, [best.pk, newest.pk, first.pk])
    assert api(theirs, query, ordering="relevance", page_size="1", page="2") == (3, [newest.pk])
    assert api(api_client(officer), query, ordering="relevance")[1][:2] == [hidden.pk, best.pk]  # the sender's
    page = page_client(partner_officer)
    html = page.get("/messages/", {"q": query, "sort": "relevance"}).content.decode()
    assert hidden.reference not in html and "3 records" in html and "Best match first" in html
    assert html.index(best.reference) < html.index(newest.reference) < html.index(first.reference)
    html = page.get("/messages/", {"q": query}).content.decode()
    assert html.index(newest.reference) < html.index(best.reference) < html.index(first.reference)
    assert "?q=" in html and "sort=relevance" in html  # the choice is offered while searching


def test_relevance_without_a_search_is_the_default_order_and_hidden_messages_stay_out(
    home: Any, partner: Any, officer: Any, partner_officer: Any, api_client: Any, page_client: Any
) -> None:
    older = send(officer, [partner], "Cảnh báo sớm", "Thủ đoạn mới")
    newer = send(officer, [partner], "Cảnh báo", "Cảnh báo cảnh báo")
    recalled = send(officer, [partner], "Cảnh báo cảnh báo cảnh báo", "Cảnh báo cảnh báo")
    actions.do_recall_message(recalled, note="Sent in error.", actor=officer)
    theirs = api_client(partner_officer)
    assert api(theirs, "", ordering="relevance") == (2, [newer.pk, older.pk])
    assert api(theirs, "canh bao", ordering="relevance") == (2, [newer.pk, older.pk])
    assert api(theirs, "canh bao", ordering="-created_at") == (2, [newer.pk, older.pk])
    assert api(theirs, "canh bao", ordering="created_at") == (2, [older.pk, newer.pk])
    html = page_client(partner_officer).get("/messages/", {"sort": "relevance"}).content.decode()
    assert "Best match first" not in html and recalled.reference not in html  # no search: no choice
    assert html.index(newer.reference) < html.index(older.reference)


def test_the_schema_documents_ordering_by_relevance(home: Any, officer: Any, api_client: Any) -> None:
    schema = api_client(officer).get("/api/schema/", {"format": "json"}).json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/messages/"]["get"]["parameters"]}
    assert "relevance" in parameters["ordering"]["schema"]["enum"]
    assert "-sent_at" in parameters["ordering"]["schema"]["enum"]
    assert "best match first" in parameters["ordering"]["description"]


def test_a_page_read_by_id_first_is_the_plain_slice(home: Any, partner: Any, officer: Any) -> None:
    messages = [send(officer, [partner], f"Tin {n}", "Nội dung") for n in range(7)]
    base = Message.objects.select_related("owner").prefetch_related("recipients__agency")
    for ordering in (("-created_at", "pk"), ("subject", "-pk"), ()):
        queryset = base.order_by(*ordering) if ordering else base
        plain = list(QuerySet.__getitem__(queryset, slice(None)))  # Django's own slicing
        for start, stop in ((0, 3), (3, 6), (6, 25), (0, 0)):
            page = list(queryset[start:stop])
            assert [m.pk for m in page] == [m.pk for m in plain[start:stop]]
            assert all(m.owner.code == "VN-MPS" and m.recipients.all()[0].agency == partner for m in page)
    assert len(messages) == base.count() == 7
    with CaptureQueriesContext(connection) as queries:
        list(base.order_by("-created_at")[2:5])
    if connection.vendor == "postgresql":  # the ids of the page first, then its rows by id
        assert '"id" IN (SELECT' in queries[0]["sql"] and "LIMIT 3 OFFSET 2" in queries[0]["sql"]
