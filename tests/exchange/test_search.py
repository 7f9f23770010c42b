"""Message search through core.fulltext (exchange/searching.py): the actions index what they write, the page and
the API find by a word in Vietnamese typed without diacritics, in Korean and in Chinese, only among the messages
the user may read; recalled, deleted and hostile cases."""

from __future__ import annotations

from typing import Any

import pytest

from liaison.core import fulltext
from liaison.exchange import actions, searching
from liaison.exchange.models import Message
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

DATA = {"kind": "information", "language": "vi", "crime_areas": ["telecom_fraud"], "handling_code": "H2",
        "tlp": "AMBER", "source_reliability": "B", "information_accuracy": "2", "priority": "normal"}  # fmt: skip


def send(actor: Any, to: list[Any], subject: str, body: str, **extra: Any) -> Message:
    message = actions.do_create_message({**DATA, "subject": subject, "body": body, **extra}, recipients=to,
                                        actor=actor)  # fmt: skip
    return actions.do_submit_message(message, actor=actor)


def api_found(client: Any, q: str) -> list[int]:
    answer = client.get("/api/messages/", {"q": q})
    assert answer.status_code == 200, answer.content
    return [m["id"] for m in answer.json()["results"]]


def test_found_in_three_scripts_on_the_page_and_the_api_by_the_recipient_only(
    home: Any, partner: Any, officer: Any, partner_officer: Any, make_user: Any, api_client: Any, page_client: Any
) -> None:
    vi = send(officer, [partner], "Đường dây lừa đảo viễn thông", "Đối tượng Nguyễn Văn Hùng ở Hà Nội.")
    ko = send(officer, [partner], "보이스피싱 조직", "서울 콜센터 정보", language="ko")
    zh = send(officer, [partner], "电信诈骗团伙", "位于河内的呼叫中心", language="zh-hans")
    stranger = AgencyFactory(code="CN-MPS", country="CN", short_name="MPS China")
    other = send(officer, [stranger], "Lừa đảo ở Hà Nội", "电信诈骗 콜센터")  # not addressed to the partner
    theirs = api_client(partner_officer)
    assert api_found(theirs, "nguyen van hung") == [vi.pk]
    assert api_found(theirs, "duong day lua dao") == [vi.pk]
    assert api_found(theirs, "콜센터") == [ko.pk]
    assert api_found(theirs, "诈骗") == [zh.pk]
    assert sorted(api_found(api_client(officer), "诈骗")) == sorted([zh.pk, other.pk])  # the sender sees both
    page = page_client(partner_officer).get("/messages/", {"q": "ha noi"})
    assert page.status_code == 200
    html = page.content.decode()
    assert vi.reference in html and other.reference not in html
    assert zh.reference in page_client(partner_officer).get("/messages/", {"q": "河内"}).content.decode()


def test_translations_and_indicators_are_found_and_the_draft_follows_its_changes(
    home: Any, partner: Any, officer: Any, api_client: Any
) -> None:
    draft = actions.do_create_message({**DATA, "subject": "Ví điện tử", "body": "Chiếm đoạt tài khoản."},
                                      recipients=[partner], indicators=[("phone", "+84 912 345 678")],
                                      actor=officer)  # fmt: skip
    client = api_client(officer)
    assert api_found(client, "+84 912 345 678") == [draft.pk]
    actions.do_add_translation(draft, {"language": "ru", "subject": "Электронный кошелёк", "body": "Хищение.",
                                       "translator": "Ivanova"}, actor=officer)  # fmt: skip
    assert api_found(client, "кошелек") == [draft.pk]  # ё typed as е
    actions.do_update_message(draft, {"subject": "Thẻ tín dụng"}, actor=officer)
    assert api_found(client, "vi dien tu") == [] and api_found(client, "the tin dung") == [draft.pk]
    assert api_found(client, draft.reference) == [draft.pk]
    actions.do_delete_message(draft, actor=officer)
    assert not fulltext.FulltextEntry.objects.filter(kind=searching.KIND, object_id=draft.pk).exists()


def test_a_recalled_message_is_not_found_by_the_recipient_and_deleted_content_by_nobody(
    home: Any, partner: Any, officer: Any, partner_officer: Any, api_client: Any
) -> None:
    message = send(officer, [partner], "Cảnh báo sớm", "Thủ đoạn mới chiếm đoạt ví điện tử.")
    ours, theirs = api_client(officer), api_client(partner_officer)
    assert api_found(theirs, "canh bao") == [message.pk]
    actions.do_recall_message(message, note="Sent in error.", actor=officer)
    assert api_found(theirs, "canh bao") == [] and api_found(ours, "canh bao") == [message.pk]
    actions.do_review_message(message, delete_content=True, note="No longer needed", actor=officer)
    assert api_found(ours, "canh bao") == [] and api_found(ours, "thu doan") == []


def test_hostile_queries_answer_200(home: Any, partner: Any, officer: Any, api_client: Any, page_client: Any) -> None:
    send(officer, [partner], "Đường dây", "Nội dung")
    client, page = api_client(officer), page_client(officer)
    for q in ['"', 'a" OR "b', "NEAR(a b)", "*", "^x", "body: x", "'; DROP TABLE x; --", "x" * 5000,
              "-", "()", "'':*", "a & | ! <->", "\\"]:  # fmt: skip
        assert client.get("/api/messages/", {"q": q}).status_code == 200, q
        assert page.get("/messages/all/", {"q": q}).status_code == 200, q
    refused = client.get("/api/messages/", {"q": "a\x00b"})  # a NUL character: the form says so
    assert refused.status_code == 400 and "q" in refused.json()["error"]["fields"]


def test_rebuild_indexes_every_message_with_content(home: Any, partner: Any, officer: Any) -> None:
    kept = send(officer, [partner], "Mạng lưới rửa tiền", "Chuyển khoản qua ví")
    gone = send(officer, [partner], "Tội phạm mạng", "Tấn công lừa đảo")
    actions.do_review_message(gone, delete_content=True, note="x", actor=officer)
    fulltext.FulltextEntry.objects.all().delete()
    assert fulltext.rebuild(searching.KIND) == {searching.KIND: 1}
    assert list(Message.objects.filter(pk__in=fulltext.matching(searching.KIND, "rua tien"))) == [kept]


def test_the_words_found_are_marked_in_the_list_and_on_the_message_reached_from_it(
    home: Any, partner: Any, officer: Any, partner_officer: Any, page_client: Any
) -> None:
    message = send(officer, [partner], "Đường dây lừa đảo <b>viễn thông</b>", "Đối tượng Nguyễn Văn Hùng ở Hà Nội.")
    client = page_client(partner_officer)
    html = client.get("/messages/", {"q": "lua dao nguyen"}).content.decode()
    assert "Đường dây <mark>lừa</mark> <mark>đảo</mark> &lt;b&gt;viễn thông&lt;/b&gt;" in html  # escaped, marked
    link = f'/messages/{message.pk}/?q=lua+dao+nguyen"'
    assert link in html  # the link carries the search to the message
    page = client.get(f"/messages/{message.pk}/", {"q": "lua dao nguyen"}).content.decode()
    assert "Đối tượng <mark>Nguyễn</mark> Văn Hùng ở Hà Nội." in page
    assert "are marked" in page
    plain = client.get(f"/messages/{message.pk}/").content.decode()
    assert "<mark>" not in plain and "are marked" not in plain
    unsearched = client.get("/messages/").content.decode()
    assert f'/messages/{message.pk}/"' in unsearched and "<mark>" not in unsearched
