"""Full-text search (core.fulltext, issue 17 item 4; docs/decisions/0039): documents in the six languages are
found by a word typed without diacritics, by Korean and Chinese words inside longer runs, by all the words of a
query and by quoted phrases; hostile queries never raise. Runs on SQLite (FTS5) and PostgreSQL (tsvector), with
the same expectations."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from liaison.agencies.models import Agency
from liaison.core import fulltext, registry
from liaison.core.fulltext import sources
from liaison.core.fulltext.models import FulltextEntry
from liaison.core.fulltext.text import parse_query, tokens
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

KIND = "tests.document"
DOCUMENTS = {
    1: ["Đối tượng Nguyễn Văn Đức bị bắt tại Hà Nội", "Lừa đảo qua mạng, chuyển tiền sang Campuchia"],
    2: ["서울에서 마약 밀수 조직 검거", "경찰청은 부산항을 통해 필로폰을 들여온 일당을 체포했다"],
    3: ["北京市公安局通报跨境电信诈骗案", "嫌疑人王小明在上海被抓获"],
    4: ["Ёлкин Андрей задержан в Москве", "Подозревается в отмывании денег через криптовалюту"],
    5: ["Élodie Lefèvre a été arrêtée à Marseille", "Trafic de stupéfiants, saisie de 40 kg"],
    6: ["Duc Van is the reverse order", "Money laundering through shell companies in Hanoi"],
    7: ["東京で国際会議", "ＡＢＣ１２３ full-width letters"],
}


@pytest.fixture
def indexed() -> dict[int, list[str]]:
    fulltext.index_many(KIND, DOCUMENTS.items())
    return DOCUMENTS


def found(query: str) -> list[int]:
    return sorted(fulltext.search_ids(KIND, query))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen", [1]),  # Vietnamese typed without diacritics
        ("NGUYEN DUC", [1]),  # every word, anywhere, case ignored
        ("van duc", [1, 6]),
        ("Nguyễn Văn Đức", [1]),
        ("lua dao campuchia", [1]),
        ("ha noi", [1]),
        ("서울", [2]),  # a Korean word inside a longer run (서울에서)
        ("부산항", [2]),
        ("필로폰 체포", [2]),
        ("대구", []),
        ("北京", [3]),  # a two-character Chinese word inside a run
        ("电信诈骗", [3]),
        ("上海", [3]),
        ("京", [3, 7]),  # a single character: any bigram that begins with it, or the run's last character
        ("海", [3]),
        ("广州", []),
        ("東京", [7]),  # Japanese
        ("елкин", [4]),  # ё folded to е, case ignored
        ("ЁЛКИН москве", [4]),
        ("Marseille elodie arretee", [5]),  # French without accents
        ("abc123", [7]),  # full-width letters and digits
        ("laundering", [6]),
        ("laundering nguyen", []),  # AND: both words must be found
    ],
)
def test_finds_in_every_language(indexed: object, query: str, expected: list[int]) -> None:
    assert found(query) == expected


def test_quoted_phrase_must_follow_in_order(indexed: object) -> None:
    assert found('"van duc"') == [1]
    assert found('"duc van"') == [6]
    assert found('"nguyen duc"') == []
    assert found('"đức bị bắt" hanoi') == []  # a phrase and a word: both must match
    assert found('"北京市公安局"') == [3] and found('"公安局北京"') == []


def test_an_unquoted_cjk_word_needs_its_bigrams_anywhere_a_quoted_one_in_order() -> None:
    fulltext.index(KIND, 1, ["北京人在京市"])  # 北京 and 京市, not next to each other
    fulltext.index(KIND, 2, ["北京市公安局"])
    assert found("北京市") == [1, 2] and found('"北京市"') == [2]
    assert [term.ordered for term in parse_query('北京市 "北京市" e-mail')] == [False, True, True]


def test_matching_is_a_subquery_for_pk_in() -> None:
    seoul, busan, hanoi = AgencyFactory(code="KR-A"), AgencyFactory(code="KR-B"), AgencyFactory(code="VN-A")
    fulltext.index("agencies.agency", seoul.pk, ["Cơ quan cảnh sát Seoul", "서울지방경찰청"])
    fulltext.index("agencies.agency", busan.pk, ["Busan police", "부산지방경찰청"])
    fulltext.index("agencies.agency", hanoi.pk, ["Công an thành phố Hà Nội"])
    fulltext.index(KIND, hanoi.pk, ["경찰청"])  # another kind with the same id: not mixed in

    def agencies(query: str, **filters: object) -> set[Agency]:
        return set(Agency.objects.filter(pk__in=fulltext.matching("agencies.agency", query), **filters))

    assert agencies("경찰청") == {seoul, busan}
    assert agencies("경찰청", code="KR-B") == {busan}
    assert agencies("co quan canh sat") == {seoul}
    assert agencies("cong an ha noi") == {hanoi}
    assert agencies("") == set() and agencies('" "') == set()
    assert list(Agency.objects.exclude(pk__in=fulltext.matching("agencies.agency", "police"))) != []


def test_ranked_orders_by_relevance_among_the_queryset_only() -> None:
    once, often, other, hidden = (AgencyFactory(code=c) for c in ("VN-A", "VN-B", "VN-C", "VN-D"))
    long = "Hà Nội, quận Ba Đình, phường Kim Mã, đường Nguyễn Thái Học, gần hồ Hoàn Kiếm, trụ sở chính của ma túy"
    fulltext.index("agencies.agency", once.pk, ["Cảnh sát giao thông", long])
    fulltext.index("agencies.agency", often.pk, ["Cục cảnh sát điều tra tội phạm về ma túy", "ma túy, ma túy"])
    fulltext.index("agencies.agency", other.pk, ["Cục cảnh sát hình sự"])
    fulltext.index("agencies.agency", hidden.pk, ["ma túy ma túy ma túy ma túy"])
    shown = Agency.objects.exclude(pk=hidden.pk)
    found = list(fulltext.ranked(shown, "agencies.agency", "ma tuy").order_by("-relevance", "pk"))
    assert found == [often, once]  # the best first; one the queryset leaves out is never ranked in
    assert found[0].relevance > found[1].relevance > 0  # type: ignore[attr-defined]
    assert fulltext.ranked(shown, "agencies.agency", "ma tuy").count() == 2
    assert list(fulltext.ranked(shown, "agencies.agency", "'; --")) == []
    assert list(fulltext.ranked(shown, "agencies.agency", "")) == []


def test_index_replaces_and_remove_removes() -> None:
    fulltext.index(KIND, 10, ["alpha bravo"])
    assert found("alpha") == [10]
    fulltext.index(KIND, 10, ["charlie", None, ""])
    assert found("alpha") == [] and found("charlie") == [10]
    assert FulltextEntry.objects.filter(kind=KIND, object_id=10).count() == 1
    fulltext.index(KIND, 10, ["", "  ", "!!!"])  # no word left: no entry
    assert found("charlie") == [] and not FulltextEntry.objects.filter(kind=KIND).exists()
    fulltext.index(KIND, 11, ["delta"])
    fulltext.remove(KIND, 11)
    assert found("delta") == [] and not FulltextEntry.objects.exists()
    fulltext.index_many(KIND, [(12, ["echo"]), (12, ["foxtrot"])])  # the same id twice: the last wins
    assert found("echo") == [] and found("foxtrot") == [12]


def test_ranked_best_first_with_a_limit() -> None:
    fulltext.index_many(
        KIND,
        [
            (1, ["A report on many things: transfers, accounts, vessels, and one fraud among them all"]),
            (2, ["fraud fraud fraud"]),
            (3, ["nothing relevant"]),
        ],
    )
    assert fulltext.search_ids(KIND, "fraud") == [2, 1]
    assert fulltext.search_ids(KIND, "fraud", limit=1) == [2]
    assert fulltext.search_ids(KIND, "fraud", limit=0) == []


HOSTILE = [
    '"',
    '""',
    '"unbalanced',
    "*",
    "nguyen*",
    "NEAR(nguyen duc)",
    "nguyen OR busan",
    "nguyen AND",
    "NOT nguyen",
    "-nguyen",
    "^nguyen",
    "body:nguyen",
    "{body}: nguyen",
    "(nguyen",
    "nguyen)",
    "'; DROP TABLE core_fulltextentry; --",
    "\\' \\\\ '",
    "nguyen\x00duc",
    "a & b | !c <-> d:*",
    "🙂 nguyen 🙂",
    "nguyen " * 500,
    "x" * 5000,
    "\u0301\u0301",
    "_ _ _",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(indexed: object, query: str) -> None:
    ids = fulltext.search_ids(KIND, query)
    assert list(FulltextEntry.objects.filter(pk__in=fulltext.matching(KIND, query))) is not None
    words = {token.text for term in parse_query(query) for token in term.tokens}
    if words and words <= {"nguyen"}:
        assert ids == [1]  # what the words find, the syntax characters being separators


def test_operators_are_words() -> None:
    fulltext.index(KIND, 1, ["to be or not to be"])
    fulltext.index(KIND, 2, ["near the border"])
    assert found("or not") == [1] and found("NEAR") == [2] and found("OR") == [1]


def test_tokens() -> None:
    assert tokens(["Nguyễn Đức", "北京市", "서울에서", "Ёлка", "e-mail_x"]) == [
        "nguyen", "duc", "北京", "京市", "市", "서울", "울에", "에서", "서", "елка", "e", "mail", "x",
    ]  # fmt: skip
    assert len(tokens(["w " * 20000])) == 16000


@pytest.fixture
def source() -> Iterator[list[tuple[int, list[str]]]]:
    records = [(1, ["Nguyễn Văn Đức"]), (2, ["서울에서"])]
    registry.register_fulltext_source(KIND, documents=lambda: iter(records))
    yield records
    sources._sources._items.pop(KIND)


def test_rebuild_command(source: list[tuple[int, list[str]]]) -> None:
    fulltext.index(KIND, 99, ["stale"])
    out = StringIO()
    call_command("fulltext", "rebuild", "--kind", KIND, stdout=out)
    assert f"{KIND}: 2 documents indexed" in out.getvalue()
    assert found("stale") == [] and found("nguyen") == [1] and found("서울") == [2]
    source.append((3, ["Москва"]))
    call_command("fulltext", "rebuild", stdout=StringIO())
    assert found("москва") == [3]
    out = StringIO()
    call_command("fulltext", "kinds", stdout=out)
    assert KIND in out.getvalue().split()
    with pytest.raises(CommandError, match=r"No app indexes documents of the kind 'nothing\.here'"):
        call_command("fulltext", "rebuild", "--kind", "nothing.here")


def test_a_source_registered_twice_is_refused(source: object) -> None:
    with pytest.raises(registry.AlreadyRegistered):
        registry.register_fulltext_source(KIND, documents=list)
