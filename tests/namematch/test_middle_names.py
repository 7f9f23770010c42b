"""Two Vietnamese names in Latin whose middle names differ (issue 15, a held-out false alarm read as a class,
decision 0057): the surname and the given name agree, the middle names find no partner on either side and are
not alike — Tôn Văn Thắng is not Tôn Đức Thắng. Like two patronymics, two middle names name two persons; a
middle name left out on one side, or misspelt, is no such conflict. Public names."""

from __future__ import annotations

import pytest

from namematch import DEFAULT_THRESHOLD, Record, compare


def score(listed: str, query: str, nationality: str = "VN") -> float:
    return compare(Record(id="a", names=[listed], nationalities=[nationality]), Record(id="b", names=[query])).score


CASES = [
    # (listed, real renderings, the same surname and given name with another middle name)
    ("Nông Đức Mạnh", ["Nong Duc Manh", "NONG DUC MANH"], "Nong Van Manh"),  # 0.71 before the rule
    ("Phạm Văn Đồng", ["Pham Van Dong", "PHAM VAN DONG"], "Phạm Minh Đồng"),
    ("Trần Đức Lương", ["Tran Duc Luong", "TRAN DUC LUONG"], "TRAN VAN LUONG"),
    ("Nguyễn Minh Triết", ["Nguyen Minh Triet", "NGUYEN MINH TRIET"], "Nguyen Huu Triet"),
]


@pytest.mark.parametrize(("listed", "renderings", "other"), CASES)
def test_another_middle_name_does_not_alert(listed: str, renderings: list[str], other: str) -> None:
    for r in renderings:
        assert score(listed, r) >= DEFAULT_THRESHOLD, r
    assert score(listed, other) < DEFAULT_THRESHOLD


def test_a_middle_name_left_out_or_misspelt_is_no_conflict() -> None:
    from namematch.names import prepare
    from namematch.scoring import _middles_differ

    def differ(a: str, b: str, used_a: int, used_b: int) -> bool:
        return _middles_differ(prepare(a).readings[0], prepare(b).readings[0], used_a, used_b)

    # first and last parts paired (bits 0 and 2), the middles not: a conflict, unless they are alike
    assert differ("Phạm Văn Đồng", "Phạm Minh Đồng", 0b101, 0b101)
    assert not differ("Phạm Văn Đồng", "PHAM VAM DONG", 0b101, 0b101)  # misspelt
    assert not differ("Phạm Văn Đồng", "Pham Dong", 0b101, 0b11)  # left out on one side
    assert not differ("Phạm Văn Đồng", "Phạm Minh Đồng", 0b011, 0b101)  # the given names did not pair
    # a middle name left out keeps its alert
    assert score("Nguyễn Thị Kim Ngân", "Nguyen Kim Ngan") >= DEFAULT_THRESHOLD
