"""How common name parts are, so that agreement on common parts weighs little.

Weights are keyed by the coarse phonetic skeleton (see :mod:`namematch.phonetic`), so one entry covers
every romanisation of the part (Nguyen/Нгуен/응우옌, Lee/Yi/이/李 ...). 1.0 is a rare part."""

from __future__ import annotations

from functools import lru_cache

from namematch.phonetic import skeleton

# very common family names of the partner countries (weight 0.3)
_SURNAMES_VERY_COMMON = """
nguyen nguen nguien tran chan le pham fam hoang khoang hoang huynh phan vu vo dang bui do ho ngo duong ly
kim gim lee yi i ri rhee park bak choi choe jung jeong kang gang cho jo yoon yun jang chang lim im han oh o seo shin
kwon hwang ahn an song jeon hong yu ryu ko go moon mun yang son bae baek heo yoo nam sim noh roh ha
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang
ivanov ivanova smirnov smirnova kuznetsov kuznetsova popov popova petrov petrova sokolov
"""
# very common middle names / given-name parts (weight 0.2)
_MIDDLE = """
van thi tkhi ti
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
def _tables() -> tuple[dict[str, float], dict[str, float]]:
    exact: dict[str, float] = {}
    skel: dict[str, float] = {}
    for words, weight in ((_GIVEN_COMMON, 0.6), (_SURNAMES_VERY_COMMON, 0.3), (_MIDDLE, 0.2)):
        for w in words.split():
            exact[w] = min(weight, exact.get(w, 1.0))
            k = skeleton(w)
            if len(k) >= 3:
                skel[k] = min(weight, skel.get(k, 1.0))
    return exact, skel


def part_weight(romanised: str) -> float:
    """Weight of one romanised name part: 0.2 (Van, Thi) … 1.0 (rare), looked up by spelling (the
    usual transliterations of the common parts are listed)."""
    exact, _skel = _tables()
    w = exact.get(romanised)
    if w is not None:
        return w
    if len(skeleton(romanised)) <= 1:
        return 0.5
    return 1.0


PATRONYMIC_WEIGHT = 0.15  # a patronymic is often left out: its absence costs little
PATRONYMIC_SUFFIXES = ("ovich", "evich", "ovna", "evna", "ichna", "ovitch", "evitch", "ovic", "evic")
CYRILLIC_PATRONYMIC_SUFFIXES = ("ович", "евич", "овна", "евна", "ична", "инична", "ьич")


def is_patronymic(word: str) -> bool:
    w = word.lower()
    return w.endswith(PATRONYMIC_SUFFIXES) or w.endswith(CYRILLIC_PATRONYMIC_SUFFIXES)
