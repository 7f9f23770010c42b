"""How common name parts are, so that agreement on common parts weighs little.

Weights are keyed by the coarse phonetic skeleton (see :mod:`namematch.phonetic`), so one entry covers
every romanisation of the part (Nguyen/Нгуен/응우옌, Lee/Yi/이/李 ...). 1.0 is a rare part."""

from __future__ import annotations

from functools import lru_cache

from namematch.phonetic import skeleton

# very common family names of the partner countries (weight 0.3)
_SURNAMES_VERY_COMMON = """
nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly
kim lee yi i park bak choi choe jung jeong kang gang cho jo yoon yun jang chang lim im han oh o seo shin
kwon hwang ahn an song jeon hong yu ryu ko go moon mun yang son bae baek heo yoo nam sim noh roh ha
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang
ivanov ivanova smirnov smirnova kuznetsov kuznetsova popov popova petrov petrova sokolov
"""
# very common middle names / given-name parts (weight 0.2)
_MIDDLE = """
van thi
"""
# common given names and given-name syllables (weight 0.6)
_GIVEN_COMMON = """
anh minh hung tuan thanh hoa linh huong lan duc quang hai nam long ngoc hong
min jun jin young yong jae hyun seung sung ji soo eun hee ho seok won
wei jie hui ming jun hong ping hua ying yan ling jing xin yu
ivan alexander aleksandr sergey sergei vladimir dmitry dmitri andrey andrei alexey aleksei mikhail
nikolai nikolay yuri yury igor oleg pavel elena olga tatiana tatyana natalia natalya irina anna maria
svetlana ekaterina yekaterina anastasia
"""


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    table: dict[str, float] = {}
    for words, weight in ((_GIVEN_COMMON, 0.6), (_SURNAMES_VERY_COMMON, 0.3), (_MIDDLE, 0.2)):
        for w in words.split():
            table[skeleton(w)] = min(weight, table.get(skeleton(w), 1.0))
    return table


def part_weight(skel: str) -> float:
    """Weight of a name part given its skeleton: 0.2 (Van, Thi) … 1.0 (rare)."""
    w = _table().get(skel)
    if w is not None:
        return w
    if len(skel) <= 1:
        return 0.5
    return 1.0


PATRONYMIC_SUFFIXES = ("ovich", "evich", "ovna", "evna", "ichna", "ovitch", "evitch", "ovic", "evic")
CYRILLIC_PATRONYMIC_SUFFIXES = ("ович", "евич", "овна", "евна", "ична", "инична", "ьич")


def is_patronymic(word: str) -> bool:
    w = word.lower()
    return w.endswith(PATRONYMIC_SUFFIXES) or w.endswith(CYRILLIC_PATRONYMIC_SUFFIXES)
