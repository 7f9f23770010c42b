"""A screening run end to end (pages, API, CLI, the task): hits for planted variants across scripts, problems
by row and field while the other rows are screened, remembered decisions, live progress, failures, access and
the audit trail."""

from __future__ import annotations

import csv
import hashlib
from io import StringIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

import namematch
from liaison.core.models import AuditEvent
from liaison.core.permissions import ANALYST, LEGAL_OFFICER
from liaison.screening import engine
from liaison.screening.models import Decision, Hit, HitDecision, RunStatus, ScreeningList, ScreeningRun
from liaison.screening.tasks import screen_list
from tests.helpers import assert_audited
from tests.screening.factories import ARRIVALS, Desk, ScreeningListFactory, ScreeningRunFactory, csv_bytes

pytestmark = pytest.mark.django_db


def screen(client: Any, capture: Any, rows: list[list[str]] = ARRIVALS, **upload: Any) -> ScreeningRun:
    """Upload, keep the proposed mapping, press "Save and screen now"; the task runs on commit."""
    data = {"file": SimpleUploadedFile("arrivals.csv", csv_bytes(rows)), "kind": "arrivals", "encoding": "auto"}
    data.update(upload)
    response = client.post(reverse("screening_list_create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    screening_list = ScreeningList.objects.order_by("-pk").first()
    assert screening_list is not None
    map_url = reverse("screening_list_map", kwargs={"pk": screening_list.pk})
    form = client.get(map_url).context["form"]
    payload = {name: form[name].value() for name in form.fields if form[name].value()}
    payload["start"] = "1"
    with capture(execute=True):
        response = client.post(map_url, payload)
    run = ScreeningRun.objects.order_by("-pk").first()
    assert run is not None
    assert response.status_code == 302 and response["Location"] == reverse(
        "screening_run_detail", kwargs={"pk": run.pk}
    )
    run.refresh_from_db()
    return run


def hit_persons(run: ScreeningRun) -> dict[int, int]:
    return {hit.row_number: hit.person_id for hit in Hit.objects.filter(run=run).order_by("row_number", "-score")}


def test_planted_variants_are_found_across_scripts_and_problems_reported_by_row_and_field(
    desk: Desk, page_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = page_client(desk.officer)
    run = screen(client, django_capture_on_commit_callbacks)
    assert run.status == RunStatus.FINISHED, run.error
    assert run.algorithm == namematch.ALGORITHM and run.threshold == namematch.DEFAULT_THRESHOLD
    assert run.rows_total == run.rows_done == 9
    assert run.rows_skipped == 1
    assert run.references == 4  # vn, kr (shared with us), ru, cn; not the draft, not the partner's own
    found = hit_persons(run)
    assert found[2] == desk.vn.pk  # unaccented Vietnamese, birth date unreadable: still screened
    assert found[3] == desk.kr.pk  # Hangul against the passport spelling
    assert found[4] == desk.ru.pk  # Cyrillic against ICAO Latin
    assert found[5] == desk.cn.pk  # Chinese characters against pinyin
    assert set(found) == {2, 3, 4, 5}, found
    assert run.hit_count == Hit.objects.filter(run=run).count()
    problems = {(p["row"], p["field"]): p for p in run.bad_rows}
    assert set(problems) == {(2, "birth_date"), (7, "nationality"), (8, "name"), (9, "sex")}
    assert problems[(2, "birth_date")]["column"] == "Ngày sinh" and problems[(2, "birth_date")]["screened"]
    assert "31/02/1985 is not a date" in problems[(2, "birth_date")]["message"]
    assert "Atlantis is not a country" in problems[(7, "nationality")]["message"]
    assert problems[(8, "name")]["screened"] is False
    assert run.bad_row_count == 4

    kr_hit = Hit.objects.get(run=run, row_number=3)
    assert kr_hit.notice_id == desk.kr_notice.pk and kr_hit.row_id == "A2"
    assert kr_hit.row == {
        "names": ["김민준"],
        "id": "A2",
        "birth_date": "1990-11-02",
        "nationality": "대한민국",
        "sex": "남",
        "document_number": "M12345678",
    }
    assert kr_hit.algorithm == namematch.ALGORITHM and kr_hit.score >= 0.9
    features = {item["feature"] for item in kr_hit.explanation["evidence"]}
    assert {"name", "birth date", "document"} <= features

    page = client.get(reverse("screening_run_detail", kwargs={"pk": run.pk})).content.decode()
    for text in (
        "김민준",
        "KIM MIN JUN",
        "Иванов Сергей Петрович",
        "IVANOV SERGEI PETROVICH",
        "张晓明",
        "ZHANG XIAOMING",
    ):
        assert text in page
    assert "identity document number equal" in page and "Identity document" in page
    assert "31/02/1985 is not a date" in page and "Atlantis" in page
    assert "Lê Thị Mai" not in page and "박지훈" not in page.split("Problems found in rows")[0]
    # ranked best first
    scores = [
        item["hit"].score for item in client.get(reverse("screening_run_detail", kwargs={"pk": run.pk})).context["hits"]
    ]
    assert scores == sorted(scores, reverse=True)

    start = AuditEvent.objects.filter(action="screening_run.start", object_id=str(run.pk)).get()
    assert start.channel == "ui" and start.actor_id == desk.officer.pk
    finish = AuditEvent.objects.filter(action="screening_run.finish", object_id=str(run.pk)).get()
    assert finish.channel == "job" and finish.actor_id == desk.officer.pk and finish.agency_id == desk.home.pk
    assert finish.after["status"] == "finished" and finish.after["hit_count"] == run.hit_count


def test_a_pair_ruled_not_the_person_is_not_raised_again_and_earlier_decisions_show(
    desk: Desk, page_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = page_client(desk.officer)
    first = screen(client, django_capture_on_commit_callbacks)
    ru_hit = Hit.objects.get(run=first, person=desk.ru)
    cn_hit = Hit.objects.get(run=first, person=desk.cn)
    decide = reverse("screening_hit_decide", kwargs={"pk": ru_hit.pk})
    assert (
        client.post(
            decide, {"decision": "not_match", "reason": "Another man: different father's name on file"}
        ).status_code
        == 302
    )
    client.post(
        reverse("screening_hit_decide", kwargs={"pk": cn_hit.pk}), {"decision": "unsure", "reason": "Photo needed"}
    )
    assert HitDecision.objects.get(person=desk.ru).decision == Decision.NOT_MATCH

    second = screen(client, django_capture_on_commit_callbacks)
    assert second.suppressed_count == 1
    assert not Hit.objects.filter(run=second, person=desk.ru).exists()
    assert set(hit_persons(second).values()) == {desk.vn.pk, desk.kr.pk, desk.cn.pk}
    page = client.get(reverse("screening_run_detail", kwargs={"pk": second.pk}))
    earlier = {item["hit"].person_id: item["earlier"] for item in page.context["hits"]}
    assert earlier[desk.cn.pk] is not None and earlier[desk.cn.pk].decision == Decision.UNSURE
    assert earlier[desk.vn.pk] is None
    assert "Decided before for this person and listed identity: Unsure" in page.content.decode()
    assert "Photo needed" in page.content.decode()
    # the same person listed differently is another identity: not suppressed
    rows = [ARRIVALS[0], ["B1", "IVANOV SERGEI PETROVICH", "1979", "RU", "M", "751234567"]]
    third = screen(client, django_capture_on_commit_callbacks, rows)
    assert third.suppressed_count == 0 and hit_persons(third) == {2: desk.ru.pk}


def test_progress_is_polled_while_queued_and_the_page_reloads_when_done(
    desk: Desk, officer: Any, page_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = page_client(officer)
    client.post(
        reverse("screening_list_create"),
        {"file": SimpleUploadedFile("a.csv", csv_bytes(ARRIVALS)), "kind": "hotel", "encoding": "auto"},
    )
    screening_list = ScreeningList.objects.get()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("screening_list_run", kwargs={"pk": screening_list.pk}), {"threshold": "0.8"})
    run = ScreeningRun.objects.get()
    assert response["Location"] == reverse("screening_run_detail", kwargs={"pk": run.pk})
    assert run.status == RunStatus.QUEUED and run.threshold == 0.8
    page = client.get(reverse("screening_run_detail", kwargs={"pk": run.pk})).content.decode()
    progress_url = reverse("screening_run_progress", kwargs={"pk": run.pk})
    assert f'hx-get="{progress_url}?polling=1"' in page and 'hx-trigger="every 1s"' in page
    assert "0 of 9 rows screened" in page
    fragment = client.get(progress_url + "?polling=1", HTTP_HX_REQUEST="true")
    assert "HX-Refresh" not in fragment and 'hx-trigger="every 1s"' in fragment.content.decode()

    for callback in callbacks:
        callback()
    run.refresh_from_db()
    assert run.status == RunStatus.FINISHED and run.task_id
    fragment = client.get(progress_url + "?polling=1", HTTP_HX_REQUEST="true")
    assert fragment["HX-Refresh"] == "true"
    body = fragment.content.decode()
    assert "9 of 9 rows screened" in body and 'value="100"' in body and "hx-trigger" not in body
    assert "HX-Refresh" not in client.get(progress_url, HTTP_HX_REQUEST="true")


def test_progress_is_committed_every_few_hundred_rows(
    desk: Desk, monkeypatch: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from liaison.screening import actions

    rows = [ARRIVALS[0]] + [[f"R{i}", "TRAN THI HUONG", "1991", "VN", "Nữ", ""] for i in range(30)]
    screening_list = ScreeningListFactory(
        owner=desk.home, content=csv_bytes(rows), columns=rows[0], row_count=30, mapping={"name": ["Họ và tên"]}
    )
    seen: list[int] = []
    original = engine._Progress.flush

    def watch(self: Any, **extra: Any) -> None:
        original(self, **extra)
        seen.append(ScreeningRun.objects.get(pk=self.run.pk).rows_done)

    monkeypatch.setattr(engine, "FLUSH_ROWS", 7)
    monkeypatch.setattr(engine, "FLUSH_SECONDS", 3600.0)  # by rows only, however slow a loaded machine runs
    monkeypatch.setattr(engine._Progress, "flush", watch)
    run = actions.do_start_run(screening_list, actor=desk.officer, background=False)
    engine.execute_run(run)
    assert seen[:4] == [7, 14, 21, 28] and seen[-1] == 30


def test_a_list_altered_after_upload_fails_the_run_with_the_reason(
    desk: Desk, officer: Any, page_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    screening_list = ScreeningListFactory(
        owner=desk.home, content=csv_bytes(ARRIVALS), columns=ARRIVALS[0], row_count=9, mapping={"name": ["Họ và tên"]}
    )
    with open(screening_list.file.path, "ab") as handle:
        handle.write(b"X9,NGUYEN VAN HUNG,,,,\r\n")
    client = page_client(officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("screening_list_run", kwargs={"pk": screening_list.pk}), {"threshold": "0.7"})
    run = ScreeningRun.objects.get()
    assert run.status == RunStatus.FAILED and run.finished_at is not None
    assert "does not match the SHA-256 recorded on upload" in run.error
    finish = assert_audited("screening_run.finish", obj=run, actor=officer, channel="job")
    assert finish.after["status"] == "failed" and "SHA-256" in finish.after["error"]
    page = client.get(reverse("screening_run_detail", kwargs={"pk": run.pk})).content.decode()
    assert "Failed" in page and "SHA-256" in page


def test_a_failure_midway_keeps_the_hits_found_and_says_failed(desk: Desk, monkeypatch: Any) -> None:
    from liaison.screening import actions
    from liaison.screening.mapping import RowReader

    screening_list = ScreeningListFactory(
        owner=desk.home, content=csv_bytes(ARRIVALS), columns=ARRIVALS[0], row_count=9, mapping={"name": ["Họ và tên"]}
    )
    original = RowReader.read

    def breaks_at_row_6(self: Any, number: int, cells: list[str]) -> Any:
        if number == 6:
            raise RuntimeError("disk went away")
        return original(self, number, cells)

    monkeypatch.setattr(engine, "FLUSH_ROWS", 1)
    monkeypatch.setattr(RowReader, "read", breaks_at_row_6)
    run = engine.execute_run(actions.do_start_run(screening_list, actor=desk.officer, background=False))
    assert run.status == RunStatus.FAILED
    assert "RuntimeError: disk went away" in run.error
    assert set(hit_persons(run)) == {2, 3, 4, 5} and run.rows_done == 4


def test_the_officer_who_lost_the_role_fails_the_run(desk: Desk) -> None:
    from liaison.screening import actions

    screening_list = ScreeningListFactory(
        owner=desk.home, content=csv_bytes(ARRIVALS), columns=ARRIVALS[0], row_count=9, mapping={"name": ["Họ và tên"]}
    )
    run = actions.do_start_run(screening_list, actor=desk.officer, background=False)
    desk.officer.is_active = False
    desk.officer.save()
    run = engine.execute_run(run)
    assert run.status == RunStatus.FAILED and "may no longer screen" in run.error
    assert not Hit.objects.filter(run=run).exists()


def test_a_task_delivered_twice_screens_once(desk: Desk) -> None:
    from liaison.screening import actions

    screening_list = ScreeningListFactory(
        owner=desk.home, content=csv_bytes(ARRIVALS), columns=ARRIVALS[0], row_count=9, mapping={"name": ["Họ và tên"]}
    )
    run = actions.do_start_run(screening_list, actor=desk.officer, background=False)
    first = screen_list.call(run.pk)
    finishes = AuditEvent.objects.filter(action="screening_run.finish").count()
    second = screen_list.call(run.pk)
    assert first == second and first["status"] == "finished" and first["hit_count"] == 4
    assert Hit.objects.filter(run=run).count() == 4
    assert AuditEvent.objects.filter(action="screening_run.finish").count() == finishes


def test_parallel_workers_find_the_same_hits_in_the_same_order(desk: Desk, monkeypatch: Any) -> None:
    from liaison.screening import actions

    rows = [ARRIVALS[0]] + [row for _ in range(30) for row in ARRIVALS[1:]]
    screening_list = ScreeningListFactory(
        owner=desk.home,
        content=csv_bytes(rows),
        columns=rows[0],
        row_count=len(rows) - 1,
        mapping={"name": ["Họ và tên"], "birth_date": "Ngày sinh"},
    )
    monkeypatch.setattr(engine, "PARALLEL_MIN_ROWS", 10)
    single = engine.execute_run(actions.do_start_run(screening_list, actor=desk.officer, background=False), jobs=1)
    double = engine.execute_run(actions.do_start_run(screening_list, actor=desk.officer, background=False), jobs=2)
    key = ("row_number", "person_id", "score")
    assert list(Hit.objects.filter(run=single).order_by("pk").values_list(*key)) == list(
        Hit.objects.filter(run=double).order_by("pk").values_list(*key)
    )
    assert single.hit_count == double.hit_count == 120 and double.bad_row_count == single.bad_row_count == 60


# --- permissions, access -----------------------------------------------------------------------------------
def test_starting_a_run_needs_the_role_and_is_audited(desk: Desk, make_user: Any, page_client: Any) -> None:
    screening_list = ScreeningListFactory(owner=desk.home, mapping={"name": ["Họ và tên"]})
    url = reverse("screening_list_run", kwargs={"pk": screening_list.pk})
    legal = page_client(make_user(LEGAL_OFFICER))
    before = AuditEvent.objects.count()
    assert legal.post(url, {"threshold": "0.7"}).status_code == 404
    assert AuditEvent.objects.count() == before and not ScreeningRun.objects.exists()
    analyst = make_user(ANALYST)
    client = page_client(analyst)
    response = client.post(url, {"threshold": "0.3"}, follow=True)
    assert "Threshold" in response.content.decode() and not ScreeningRun.objects.exists()
    client.post(url, {"threshold": "0.75"})
    run = ScreeningRun.objects.get()
    event = assert_audited("screening_run.start", obj=run, actor=analyst, channel="ui")
    assert event.after["threshold"] == 0.75 and event.after["mapping"] == {"name": ["Họ và tên"]}


def test_a_list_without_a_name_column_cannot_be_screened(officer: Any, page_client: Any) -> None:
    screening_list = ScreeningListFactory(owner=officer.agency, mapping={"birth_date": "Ngày sinh"})
    response = page_client(officer).post(
        reverse("screening_list_run", kwargs={"pk": screening_list.pk}), {"threshold": "0.7"}, follow=True
    )
    assert "Map the column (or columns) holding the name" in response.content.decode()
    assert not ScreeningRun.objects.exists()


def test_another_agencys_runs_and_hits_are_like_missing_ones(
    desk: Desk, partner_officer: Any, page_client: Any, api_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    run = screen(page_client(desk.officer), django_capture_on_commit_callbacks)
    hit = Hit.objects.filter(run=run).first()
    assert hit is not None
    client = page_client(partner_officer)
    for name, pk in (
        ("screening_run_detail", run.pk),
        ("screening_run_progress", run.pk),
        ("screening_list_detail", run.screening_list_id),
    ):
        assert client.get(reverse(name, kwargs={"pk": pk})).status_code == 404
    before = AuditEvent.objects.count()
    assert (
        client.post(
            reverse("screening_hit_decide", kwargs={"pk": hit.pk}), {"decision": "confirmed", "reason": "x"}
        ).status_code
        == 404
    )
    api = api_client(partner_officer)
    assert api.get(reverse("screening-run-detail", kwargs={"pk": run.pk})).status_code == 404
    assert api.get(reverse("screening-hit-detail", kwargs={"pk": hit.pk})).status_code == 404
    assert (
        api.post(
            reverse("screening-hit-decide", kwargs={"pk": hit.pk}), {"decision": "confirmed", "reason": "x"}
        ).status_code
        == 404
    )
    assert api.get(reverse("screening-hit-list") + f"?run={run.pk}").json()["results"] == []
    assert api.get(reverse("screening-run-list")).json()["results"] == []
    assert api.post(reverse("screening-run-list"), {"screening_list": run.screening_list_id}).status_code == 400
    assert AuditEvent.objects.count() == before


# --- the API -----------------------------------------------------------------------------------------------
def test_api_starts_a_run_and_reports_progress_and_hits(
    desk: Desk, api_client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    screening_list = ScreeningListFactory(
        owner=desk.home,
        content=csv_bytes(ARRIVALS),
        columns=ARRIVALS[0],
        row_count=9,
        mapping={"id": "STT", "name": ["Họ và tên"], "birth_date": "Ngày sinh", "document_number": "Số hộ chiếu"},
    )
    client = api_client(desk.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("screening-run-list"), {"screening_list": screening_list.pk, "threshold": 0.72}, format="json"
        )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "queued" and response.json()["threshold"] == 0.72
    run_id = response.json()["id"]
    assert_audited("screening_run.finish", actor=desk.officer, channel="job")
    assert AuditEvent.objects.get(action="screening_run.start").channel == "api"
    body = client.get(reverse("screening-run-detail", kwargs={"pk": run_id})).json()
    assert body["status"] == "finished" and body["rows_done"] == body["rows_total"] == 9 and body["percent"] == 100
    assert body["hit_count"] == 4 and body["bad_row_count"] == 2 and body["algorithm"] == namematch.ALGORITHM
    hits = client.get(reverse("screening-hit-list") + f"?run={run_id}").json()["results"]
    assert len(hits) == 4 and [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert {h["person"] for h in hits} == {desk.vn.pk, desk.kr.pk, desk.ru.pk, desk.cn.pk}
    assert all(h["decision"] == "pending" and h["explanation"]["evidence"] for h in hits)
    assert client.get(reverse("screening-hit-list") + f"?run={run_id}&decision=confirmed").json()["results"] == []
    assert (
        client.post(
            reverse("screening-run-list"), {"screening_list": screening_list.pk, "threshold": 0.2}, format="json"
        ).status_code
        == 400
    )


def test_schema_documents_the_screening_endpoints(officer: Any, api_client: Any) -> None:
    schema = api_client(officer).get(reverse("api_schema") + "?format=json").json()
    for path in (
        "/api/screening-lists/",
        "/api/screening-lists/{id}/preview/",
        "/api/screening-runs/",
        "/api/screening-hits/",
        "/api/screening-hits/{id}/decide/",
        "/api/person-search/",
    ):
        assert path in schema["paths"], path
    assert "multipart/form-data" in schema["paths"]["/api/screening-lists/"]["post"]["requestBody"]["content"]


# --- the command line --------------------------------------------------------------------------------------
def test_cli_screens_a_file_with_a_summary_and_writes_the_hits(desk: Desk, tmp_path: Any) -> None:
    path = tmp_path / "arrivals.csv"
    path.write_bytes(csv_bytes(ARRIVALS))
    output = tmp_path / "hits.csv"
    out = StringIO()
    call_command(
        "screen",
        str(path),
        "--as",
        desk.officer.username,
        "--name",
        "CLI arrivals",
        "--output",
        str(output),
        stdout=out,
    )
    text = out.getvalue()
    run = ScreeningRun.objects.get()
    assert run.status == RunStatus.FINISHED and run.screening_list.name == "CLI arrivals"
    assert "9 of 9 rows (8 screened, 1 without a name) against 4 persons" in text
    assert "hits 4" in text and "rows/s" in text and "problems in rows 4" in text
    assert "row 2, birth_date (Ngày sinh): 31/02/1985 is not a date." in text
    assert "row 8, name (Họ và tên): No name: the row is not screened. — not screened" in text
    with open(output, encoding="utf-8-sig") as stream:
        rows = list(csv.DictReader(stream))
    assert {row["listed_names"] for row in rows} == {"NGUYEN VAN HUNG", "김민준", "Иванов Сергей Петрович", "张晓明"}
    assert all(float(row["score"]) >= 0.7 and row["explanation"] for row in rows)
    for action in ("screening_list.create", "screening_run.start", "screening_run.finish"):
        event = AuditEvent.objects.get(action=action)
        assert event.channel == "cli" and event.actor_id == desk.officer.pk


def test_cli_mapping_overrides_and_refusals(desk: Desk, tmp_path: Any) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(csv_bytes([["col A", "col B"], ["KIM", "MIN JUN"], ["IVANOV", "SERGEI PETROVICH"]]))
    out = StringIO()
    call_command(
        "screen", str(path), "--as", desk.officer.username, "--map", "family_name=col A", "--map", "given_names=col B",
        "--no-progress", stdout=out,
    )  # fmt: skip
    run = ScreeningRun.objects.get()
    assert set(hit_persons(run).values()) == {desk.kr.pk, desk.ru.pk}
    assert "family_name" in out.getvalue() and "col A" in out.getvalue()
    with pytest.raises(CommandError, match="no active user"):
        call_command("screen", str(path), "--as", "nobody")
    with pytest.raises(CommandError, match="FIELD=COLUMN"):
        call_command("screen", str(path), "--as", desk.officer.username, "--map", "height=col A")
    with pytest.raises(CommandError, match="The list has no column nope"):
        call_command("screen", str(path), "--as", desk.officer.username, "--map", "name=nope")
    legal = desk.officer.__class__.objects.create_user(username="legal-cli", agency=desk.home)
    with pytest.raises(CommandError, match="may not screen"):
        call_command("screen", str(path), "--as", legal.username)
    with pytest.raises(CommandError, match="no such file"):
        call_command("screen", str(tmp_path / "missing.csv"), "--as", desk.officer.username)


def test_the_fingerprint_survives_a_reupload_of_the_same_identity(desk: Desk) -> None:
    from liaison.screening.mapping import fingerprint

    a = fingerprint(["Nguyễn  Văn Hùng"], "1985-03-07", ["C 1234567"])
    b = fingerprint(["nguyễn văn hùng"], "1985-03-07", ["c1234567"])
    assert (
        a
        == b
        == hashlib.sha256(
            '{"birth_date": "1985-03-07", "documents": ["C1234567"], "names": ["nguyễn văn hùng"]}'.encode()
        ).hexdigest()
    )
    assert fingerprint(["Nguyễn Văn Hùng"], "1985", []) != a


def test_a_finished_run_of_a_factory_renders(officer: Any, page_client: Any) -> None:
    run = ScreeningRunFactory(screening_list=ScreeningListFactory(owner=officer.agency))
    assert page_client(officer).get(reverse("screening_run_detail", kwargs={"pk": run.pk})).status_code == 200


def test_a_run_left_running_by_a_stopped_worker_is_resumed_when_the_list_is_screened_again(
    desk: Desk, page_client: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """Its heartbeat is stale: the run goes on after its last committed row (3 rows, 3 hits), not from the top."""
    import datetime

    from django.utils import timezone

    settings.LIAISON_SCREENING_STALE_SECONDS = 120
    screening_list = ScreeningListFactory(
        owner=desk.home, content=csv_bytes(ARRIVALS), columns=ARRIVALS[0], row_count=9, mapping={"name": ["Họ và tên"]}
    )
    stalled = ScreeningRunFactory(
        screening_list=screening_list,
        status=RunStatus.RUNNING,
        requested_by=desk.officer,
        rows_total=9,
        rows_done=3,
        hit_count=3,
    )
    url = reverse("screening_list_run", kwargs={"pk": screening_list.pk})
    client = page_client(desk.officer)
    ScreeningRun.objects.filter(pk=stalled.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(seconds=100))
    refused = client.post(url, {"threshold": "0.7"}, follow=True)
    assert "already queued or running" in refused.content.decode()
    ScreeningRun.objects.filter(pk=stalled.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(seconds=121))
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(url, {"threshold": "0.7"}, follow=True)
    assert "it goes on from where it stopped" in answer.content.decode()
    stalled.refresh_from_db()
    assert stalled.status == RunStatus.FINISHED, stalled.error
    assert stalled.resumed == 1 and stalled.rows_done == 9
    # rows 2-4 were screened before the worker stopped: only the rows after them were screened again
    assert stalled.hit_count == 4 and [hit.person_id for hit in stalled.hits.all()] == [desk.cn.pk]
    event = AuditEvent.objects.get(action="screening_run.resume", object_id=str(stalled.pk))
    assert event.after == {"status": "queued", "resumed": 1, "from_row": 3}
    assert event.actor_id == stalled.requested_by_id
    assert ScreeningRun.objects.filter(screening_list=screening_list).count() == 1


def test_an_xlsx_list_uploaded_as_a_large_file_is_screened(
    desk: Desk, page_client: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    import datetime

    from tests.screening.factories import xlsx_bytes

    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 256  # the upload goes through a temporary file, as large ones do
    rows: list[list[Any]] = [["No", "Surname", "Given names", "Date of birth", "Passport number"]]
    rows += [[i, "TRAN", "THI HUONG", datetime.date(1991, 1, 1), f"C{i:07d}"] for i in range(1, 40)]
    rows += [[40, "KIM", "MIN JUN", datetime.datetime(1990, 11, 2), "M12345678"]]
    data = {"file": SimpleUploadedFile("arrivals.xlsx", xlsx_bytes(rows)), "kind": "arrivals", "encoding": "auto"}
    client = page_client(desk.officer)
    assert client.post(reverse("screening_list_create"), data).status_code == 302
    screening_list = ScreeningList.objects.get()
    assert screening_list.row_count == 40 and screening_list.encoding == ""
    assert screening_list.mapping == {
        "id": "No",
        "family_name": "Surname",
        "given_names": "Given names",
        "birth_date": "Date of birth",
        "document_number": "Passport number",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("screening_list_run", kwargs={"pk": screening_list.pk}), {"threshold": "0.7"})
    run = ScreeningRun.objects.get()
    assert run.status == RunStatus.FINISHED, run.error
    hit = Hit.objects.get(run=run, person=desk.kr)
    assert hit.row_number == 41 and hit.row_id == "40"
    assert hit.row["names"] == ["KIM MIN JUN"] and hit.row["birth_date"] == "1990-11-02"
    assert any(item["feature"] == "document" for item in hit.explanation["evidence"])
