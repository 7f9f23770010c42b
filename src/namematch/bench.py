"""Quick self-benchmark: synthetic multi-script records, queries/s and peak memory."""

from __future__ import annotations

import random
import resource
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from namematch.hangul import romanize_syllable
from namematch.model import DEFAULT_THRESHOLD, Record

_VN_SUR = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
_VN_MID = ["Văn", "Thị", "Đức", "Minh", "Hữu", "Quang", "Ngọc", "Thanh", "Xuân", "Công"]
_VN_GIV = [
    "An",
    "Anh",
    "Bảo",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hòa",
    "Hùng",
    "Hương",
    "Khải",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Ngọc",
    "Nhung",
    "Phong",
    "Phúc",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Thắng",
    "Thảo",
    "Thủy",
    "Tiến",
    "Trang",
    "Trung",
    "Tú",
    "Tuấn",
    "Vân",
    "Việt",
    "Vinh",
    "Yến",
    "Đạt",
    "Điệp",
    "Định",
    "Đông",
    "Lộc",
    "Lợi",
    "Mạnh",
    "Nghĩa",
    "Nhân",
]
_KO_SUR = [
    "김",
    "이",
    "박",
    "최",
    "정",
    "강",
    "조",
    "윤",
    "장",
    "임",
    "한",
    "오",
    "서",
    "신",
    "권",
    "황",
    "안",
    "송",
    "류",
    "홍",
]
_KO_SYL = [
    "민",
    "준",
    "서",
    "연",
    "지",
    "현",
    "우",
    "은",
    "수",
    "영",
    "진",
    "호",
    "성",
    "혜",
    "경",
    "재",
    "훈",
    "정",
    "희",
    "석",
    "태",
    "동",
    "상",
    "용",
    "철",
    "미",
    "아",
    "윤",
    "하",
    "유",
    "승",
    "주",
    "원",
    "선",
    "규",
    "세",
    "찬",
    "범",
    "빈",
    "솔",
    "나",
    "다",
    "라",
    "람",
    "별",
    "봄",
    "혁",
    "환",
    "기",
]
_ZH_SUR = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐")
_ZH_GIV = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志文辉红梅鹏飞宇浩然")
_RU_SUR = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Воробьёв",
    "Сергеев",
    "Кузьмин",
    "Фролов",
]
_RU_GIV = [
    "Александр",
    "Сергей",
    "Дмитрий",
    "Андрей",
    "Алексей",
    "Максим",
    "Евгений",
    "Иван",
    "Михаил",
    "Артём",
    "Николай",
    "Владимир",
    "Юрий",
    "Олег",
    "Павел",
    "Роман",
    "Виктор",
    "Игорь",
    "Константин",
    "Денис",
    "Анна",
    "Мария",
    "Елена",
    "Ольга",
    "Наталья",
    "Татьяна",
    "Ирина",
    "Светлана",
    "Екатерина",
    "Юлия",
]


@dataclass(slots=True)
class BenchResult:
    records: int
    queries: int
    build_s: float
    query_s: float
    queries_per_s: float
    peak_mib: float
    hits: int
    jobs: int = 1
    generate_s: float = 0.0
    elapsed_s: float = 0.0  # index build + screening (with jobs > 1 query generation overlaps it)
    parent_peak_mib: float = 0.0
    worker_peak_mib: float = 0.0


def _maxrss_mib(who: int) -> float:
    peak = resource.getrusage(who).ru_maxrss  # KiB on Linux, bytes on macOS
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def synthetic_name(rng: random.Random) -> tuple[str, str]:
    kind = rng.random()
    if kind < 0.3:
        return "VN", f"{rng.choice(_VN_SUR)} {rng.choice(_VN_MID)} {rng.choice(_VN_GIV)}"
    if kind < 0.55:
        return "KR", rng.choice(_KO_SUR) + rng.choice(_KO_SYL) + rng.choice(_KO_SYL)
    if kind < 0.8:
        n = 1 if rng.random() < 0.3 else 2
        return "CN", rng.choice(_ZH_SUR) + "".join(rng.choice(_ZH_GIV) for _ in range(n))
    sur = rng.choice(_RU_SUR)
    giv = rng.choice(_RU_GIV)
    if giv[-1] in "ая":
        sur += "а"
    return "RU", f"{sur} {giv}"


def render(name: str, nat: str) -> str:
    """Another writing of the same name (romanised, passport style) for queries."""
    from namematch.phonetic import fold_latin

    if nat == "VN":
        return " ".join(fold_latin(w).upper() for w in name.split())
    if nat == "KR":
        return (romanize_syllable(name[0]) + " " + "".join(romanize_syllable(c) for c in name[1:])).title()
    if nat == "CN":
        from pypinyin import lazy_pinyin

        p = lazy_pinyin(name)
        return (p[0] + " " + "".join(p[1:])).title()
    import iuliia

    return str(iuliia.ICAO_DOC_9303.translate(name)).upper()


def synthetic_records(n: int, seed: int = 1) -> list[Record]:
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    out = []
    for i in range(n):
        nat, name = synthetic_name(rng)
        year = rng.randint(1950, 2005)
        out.append(
            Record(
                id=f"r{i}",
                names=[name],
                birth_date=f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                nationalities=[nat],
                sex=rng.choice("MF"),
            )
        )
    return out


def iter_queries(records: list[Record], n_queries: int, seed: int = 1) -> Iterator[Record]:
    """Half renderings of listed persons (with the birth year), half unrelated synthetic persons,
    generated lazily (a million queries need not be held in memory)."""
    rng = random.Random(seed + 1)  # noqa: S311 - synthetic data, not security
    for i in range(n_queries):
        if i % 2 == 0:
            r = rng.choice(records)
            yield Record(
                id=f"q{i}",
                names=[render(r.names[0], r.nationalities[0])],
                birth_date=r.birth_date[:4] if r.birth_date else None,
            )
        else:
            nat, name = synthetic_name(rng)
            yield Record(id=f"q{i}", names=[render(name, nat)])


def synthetic_queries(records: list[Record], n_queries: int, seed: int = 1) -> list[Record]:
    return list(iter_queries(records, n_queries, seed))


def run_bench(
    n_records: int = 100_000,
    n_queries: int = 10_000,
    seed: int = 1,
    threshold: float = DEFAULT_THRESHOLD,
    jobs: int = 1,
    top: int = 5,
) -> BenchResult:
    """Build an index of ``n_records`` synthetic records and screen ``n_queries`` queries against it
    through :func:`namematch.parallel.screen_records` with ``jobs`` processes (the screening path of
    ``namematch screen``). Peak memory is the peak RSS of this process plus ``jobs`` times the largest
    worker's peak RSS (an upper bound: pages shared copy-on-write are counted in every process)."""
    from namematch.index import Index
    from namematch.parallel import screen_records

    records = synthetic_records(n_records, seed)
    t0 = time.perf_counter()
    index = Index(records)
    build = time.perf_counter() - t0
    # queries are generated lazily in this process while the workers screen (jobs > 1) or before
    # the timed loop (one process); generation time is measured and reported apart
    gen = 0.0
    if jobs > 1:
        tg = time.perf_counter()
        for _q in iter_queries(records, min(n_queries, 10_000), seed):
            pass
        gen = (time.perf_counter() - tg) * n_queries / max(1, min(n_queries, 10_000))
        queries: Iterable[Record] = iter_queries(records, n_queries, seed)
    else:
        tg = time.perf_counter()
        queries = synthetic_queries(records, n_queries, seed)
        gen = time.perf_counter() - tg
    t1 = time.perf_counter()
    hits = 0
    for _qid, cands in screen_records(index, queries, top=top, threshold=threshold, jobs=jobs):
        hits += len(cands)
    qs = time.perf_counter() - t1
    parent = _maxrss_mib(resource.RUSAGE_SELF)
    worker = _maxrss_mib(resource.RUSAGE_CHILDREN)
    n_workers = jobs if jobs > 0 else 1
    peak = parent + (n_workers * worker if worker else 0.0)
    return BenchResult(
        n_records,
        n_queries,
        build,
        qs,
        n_queries / qs if qs else 0.0,
        peak,
        hits,
        jobs=jobs,
        generate_s=gen,
        elapsed_s=build + qs,
        parent_peak_mib=parent,
        worker_peak_mib=worker,
    )
