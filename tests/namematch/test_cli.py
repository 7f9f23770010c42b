"""The namematch command: compare, explain, screen (CSV/XLSX/JSONL, bad rows), bench."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl

from namematch.cli import main

TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    rc = main(list(argv), stdout=out, stderr=err)
    return rc, out.getvalue(), err.getvalue()


def test_compare_prints_score_and_explanation() -> None:
    rc, out, _ = run(
        "compare",
        "Trần Văn Thanh",
        "陈文清",
        "--birth-date-a",
        "1961-10-12",
        "--birth-date-b",
        "1961",
        "--nationality-a",
        "VN",
        "--nationality-b",
        "VN",
    )
    assert rc == 0
    assert out.startswith("score 1.000 (possible match")
    assert "Sino-Vietnamese" in out and "birth year equal" in out and "nationality equal" in out


def test_compare_json_and_negative() -> None:
    rc, out, _ = run("compare", "김정은", "김정일", "--json")
    d = json.loads(out)
    assert rc == 0 and d["score"] < 0.7 and d["algorithm"].startswith("namematch-xs/")


def test_explain_shows_readings_by_script() -> None:
    rc, out, _ = run("explain", "胡耀邦", "김영삼", "Чжу Жунцзи")
    assert rc == 0
    assert "[script: han]" in out and "pinyin: hu yao bang" in out and "Sino-Vietnamese" in out
    assert "Korean RR/passport: gim/kim yeong sam" in out and "Palladius" in out
    rc, out, _ = run("explain", "--json", "Yuri Gagarin")
    assert json.loads(out)["readings"][0]["label"] == "Latin"


def test_python_dash_m_entry_point() -> None:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"))
    p = subprocess.run(
        [sys.executable, "-m", "namematch", "compare", "Kim Young-sam", "김영삼"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert p.returncode == 0 and "score 1.000" in p.stdout


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


WANTED = [
    {
        "id": "w1",
        "name": "김영삼",
        "alias": "金泳三",
        "birth_date": "1927-12-20",
        "nationality": "KR",
        "sex": "M",
        "document_number": "",
        "mrz": "",
    },
    {
        "id": "w2",
        "name": "Trần Văn Thanh",
        "alias": "",
        "birth_date": "1961-10-12",
        "nationality": "VN",
        "sex": "M",
        "document_number": "C1234567",
        "mrz": "",
    },
    {
        "id": "w3",
        "name": "Гагарин Юрий Алексеевич",
        "alias": "",
        "birth_date": "1934",
        "nationality": "RU",
        "sex": "M",
        "document_number": "",
        "mrz": "",
    },
    {
        "id": "w4",
        "name": "Anna Maria Eriksson",
        "alias": "",
        "birth_date": "",
        "nationality": "",
        "sex": "F",
        "document_number": "",
        "mrz": "",
    },
]


def test_screen_csv_reports_bad_rows_and_screens_good_ones(tmp_path: Path) -> None:
    _write_csv(tmp_path / "wanted.csv", WANTED)
    arrivals = [
        {
            "id": "a1",
            "full_name": "KIM YOUNGSAM",
            "birth_date": "1927-12-20",
            "nationality": "KR",
            "sex": "M",
            "mrz": "",
        },
        {
            "id": "a2",
            "full_name": "Tran Van Thanh",
            "birth_date": "1990-13-45",
            "nationality": "VN",
            "sex": "M",
            "mrz": "",
        },
        {"id": "a3", "full_name": "Nguyen Van Bao", "birth_date": "1980", "nationality": "VNM", "sex": "X", "mrz": ""},
        {"id": "", "full_name": "Nobody", "birth_date": "", "nationality": "", "sex": "", "mrz": ""},
        {
            "id": "a5",
            "full_name": "Yuri Gagarin",
            "birth_date": "1934-03-09",
            "nationality": "Russia",
            "sex": "male",
            "mrz": "",
        },
        {"id": "a6", "full_name": "", "birth_date": "", "nationality": "", "sex": "", "mrz": TD3},
        {"id": "a7", "full_name": "", "birth_date": "", "nationality": "", "sex": "", "mrz": ""},
    ]
    _write_csv(tmp_path / "arrivals.csv", arrivals)
    out = tmp_path / "hits.csv"
    rc, _, err = run(
        "screen",
        str(tmp_path / "arrivals.csv"),
        "--against",
        str(tmp_path / "wanted.csv"),
        "--output",
        str(out),
        "--map",
        "name=full_name",
    )
    assert rc == 0, err
    assert "arrivals.csv: row 3, field birth_date: '1990-13-45' is not a date" in err
    assert "arrivals.csv: row 5, field id: missing id" in err
    assert "arrivals.csv: row 6, field nationality:" in err
    assert "arrivals.csv: row 8, field full_name: missing name" in err
    with out.open(encoding="utf-8") as f:
        hits = list(csv.DictReader(f))
    pairs = {(h["query_id"], h["candidate_id"]) for h in hits}
    assert pairs == {("a1", "w1"), ("a2", "w2"), ("a5", "w3"), ("a6", "w4")}
    assert all(h["algorithm"].startswith("namematch-xs/") and h["explanation"] for h in hits)
    assert all(float(h["score"]) >= 0.7 for h in hits)


def test_screen_jsonl_and_xlsx(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["id", "name", "name_2", "birth_date", "nationality"])
    ws.append(["w1", "胡耀邦", "Hu Yaobang", "1915-11-20", "CN"])
    ws.append(["w2", "Phạm Văn Đồng", None, "1906", "VN"])
    wb.save(tmp_path / "list.xlsx")
    with (tmp_path / "q.jsonl").open("w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "q1", "name": "후야오방"}, ensure_ascii=False) + "\n")
        f.write(json.dumps({"id": "q2", "name": "Фам Ван Донг", "birth_date": "1906-03-01"}, ensure_ascii=False) + "\n")
        f.write("{not json\n")
        f.write(json.dumps({"id": "q4", "name": "Park Ji-sung"}) + "\n")
    out = tmp_path / "hits.jsonl"
    rc, _, err = run(
        "screen",
        str(tmp_path / "q.jsonl"),
        "--against",
        str(tmp_path / "list.xlsx"),
        "--output",
        str(out),
        "--top",
        "1",
    )
    assert rc == 0, err
    assert "q.jsonl: row 3" in err
    hits = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {(h["query_id"], h["candidate_id"]) for h in hits} == {("q1", "w1"), ("q2", "w2")}
    assert hits[0]["explanation"]["evidence"][0]["feature"] == "name"


def test_screen_parallel_jobs(tmp_path: Path) -> None:
    _write_csv(tmp_path / "wanted.csv", WANTED)
    rows = [{"id": f"q{i}", "name": n} for i, n in enumerate(["Kim Young-sam", "Tran Van Thanh", "Ivan Petrov"] * 100)]
    _write_csv(tmp_path / "q.csv", rows)
    out = tmp_path / "hits.csv"
    rc, _, err = run(
        "screen",
        str(tmp_path / "q.csv"),
        "--against",
        str(tmp_path / "wanted.csv"),
        "--output",
        str(out),
        "--jobs",
        "2",
    )
    assert rc == 0, err
    with out.open(encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == 200


def test_screen_fatal_errors_exit_non_zero(tmp_path: Path) -> None:
    rc, _, err = run(
        "screen",
        str(tmp_path / "missing.csv"),
        "--against",
        str(tmp_path / "x.csv"),
        "--output",
        str(tmp_path / "o.csv"),
    )
    assert rc == 2 and "no such file" in err
    _write_csv(tmp_path / "bad.csv", [{"ident": "1", "nom": "x"}])
    rc, _, err = run(
        "screen", str(tmp_path / "bad.csv"), "--against", str(tmp_path / "bad.csv"), "--output", str(tmp_path / "o.csv")
    )
    assert rc == 2 and "missing column" in err


def test_bench_runs_small() -> None:
    rc, out, _ = run("bench", "--records", "300", "--queries", "50")
    assert rc == 0 and "queries/s" in out and "peak memory" in out


class _ClosedPipe(io.StringIO):
    def write(self, s: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_reader_that_goes_away_stops_the_command_quietly() -> None:
    err = io.StringIO()
    assert main(["compare", "Kim Young-sam", "김영삼"], stdout=_ClosedPipe(), stderr=err) == 141
    assert err.getvalue() == ""


def test_screen_streams_a_long_queries_file(tmp_path: Path) -> None:
    """The queries are read as they are screened (decision 0053): rows past the first chunk are screened and
    their problems reported, every query is counted, and the records are the ones load_records reads."""
    from namematch.io import LoadResult, iter_records, load_records

    _write_csv(tmp_path / "wanted.csv", WANTED)
    rows = [{"id": f"q{i}", "name": n, "birth_date": ""} for i, n in enumerate(["Kim Young-sam", "Ivan Petrov"] * 200)]
    rows[300]["birth_date"] = "1990-13-45"  # row 302 of the file: read long after the index was built
    rows[350]["name"] = ""
    _write_csv(tmp_path / "q.csv", rows)
    loaded = load_records(str(tmp_path / "q.csv"))
    streamed = LoadResult()
    assert list(iter_records(str(tmp_path / "q.csv"), None, streamed)) == loaded.records
    assert [str(p) for p in streamed.problems] == [str(p) for p in loaded.problems] and streamed.skipped == 1
    out = tmp_path / "hits.csv"
    rc, _, err = run("screen", str(tmp_path / "q.csv"), "--against", str(tmp_path / "wanted.csv"), "-o", str(out))
    assert rc == 0, err
    assert "q.csv: row 302, field birth_date: '1990-13-45' is not a date" in err
    assert "q.csv: row 352, field name: missing name" in err
    assert "screened 399 queries against" in err and "2 problem(s) reported, 1 row(s) skipped" in err
    with out.open(encoding="utf-8") as f:
        assert {h["query_id"] for h in csv.DictReader(f)} >= {"q0", "q398"}
    # a queries file that cannot be screened still stops the command before the output is written
    _write_csv(tmp_path / "bad.csv", [{"ident": "1", "nom": "x"}])
    rc, _, err = run("screen", str(tmp_path / "bad.csv"), "--against", str(tmp_path / "wanted.csv"), "-o", str(out))
    assert rc == 2 and "missing column" in err
    out.unlink()
    rc, _, err = run("screen", str(tmp_path / "bad.csv"), "--against", str(tmp_path / "wanted.csv"), "-o", str(out))
    assert rc == 2 and not out.exists()
