"""INTERPOL public notice import (desk/interpol.py) through its public surface: the `import-interpol` command
and the upload → preview → confirm pages. The files in data/interpol/ are fictional records in the published
layout (list pages and details, red and yellow)."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from liaison.core.models import AuditEvent
from liaison.core.permissions import ANALYST, DESK_OFFICER
from liaison.desk.models import Notice
from liaison.people.models import Person
from tests.factories import UserFactory
from tests.helpers import assert_audited

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data" / "interpol"
RED_LIST, RED_DETAIL = DATA / "red-list-page.json", DATA / "red-detail.json"
YELLOW_LIST, YELLOW_DETAIL = DATA / "yellow-list-page.json", DATA / "yellow-detail.json"


def run(*args: Any, user: Any, expect_ok: bool = True) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    command = ["import-interpol", *map(str, args), "--as", user.username, "--no-progress"]
    if expect_ok:
        call_command(*command, stdout=out, stderr=err)
    else:
        with pytest.raises(CommandError):
            call_command(*command, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path: Path, name: str, data: Any) -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def detail(path: Path = RED_DETAIL) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_a_red_detail_becomes_an_active_wanted_notice_about_a_new_person(officer: Any) -> None:
    out, _err = run(RED_DETAIL, user=officer)
    assert "1 created, 0 updated, 0 unchanged, 0 not imported" in out
    notice = Notice.objects.get(interpol_id="2099/10001")
    assert (notice.owner, notice.kind, notice.status, notice.source) == (officer.agency, "wanted", "active", "interpol")
    assert notice.legal_basis_kind == "warrant" and str(notice.issuing_country) == "VN"
    offences = list(notice.offences.order_by("pk"))
    assert [o.description_translation for o in offences] == ["", "Organising online gambling (fictional test record)"]
    assert offences[1].description.startswith("Tổ chức đánh bạc qua mạng") and str(offences[1].country) == "VN"
    person = notice.person
    assert person.owner == officer.agency and person.display_name == "VAN TOAN TRUONG"
    assert (person.birth_date, person.sex, person.height_cm, person.weight_kg) == ("1983-04-17", "M", 171, 68)
    assert (person.birth_place, str(person.birth_country), person.nationalities) == ("Hai Phong", "VN", ["VN"])
    assert (person.eye_colour, person.hair_colour, person.languages) == ("BRO", "BLA", ["vie", "eng"])
    assert person.distinguishing_marks == "Scar on the left forearm"
    name = person.names.get()
    assert (name.full_name, name.family_name, name.given_names) == ("VAN TOAN TRUONG", "TRUONG", "VAN TOAN")
    assert (name.kind, name.script, name.is_primary) == ("passport", "Latn", True)
    assert notice.extra["_links"]["self"]["href"].endswith("/notices/v1/red/2099-10001")
    # Every write went through the actions, as the officer on the command line; the run is audited too.
    actions = list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))
    assert actions == ["person.create", "notice.create", "notice.transition", "notice.interpol_import"]
    event = assert_audited("notice.interpol_import", actor=officer, channel="cli")
    assert event.after["created"] == 1 and event.after["created_ids"] == [notice.pk]


def test_a_yellow_notice_keeps_the_disappearance_and_partial_dates(officer: Any) -> None:
    run(YELLOW_LIST, YELLOW_DETAIL, user=officer)
    notice = Notice.objects.get(interpol_id="2099/20001")
    assert (notice.kind, notice.status, notice.legal_basis_kind) == ("missing", "active", "none")
    # Keys Liaison has no field for are kept as published.
    assert notice.extra["date_of_event"] == "2024/03/09" and notice.extra["place"] == "Busan"
    assert notice.extra["father_name"] == "VI" and notice.extra["mother_forename"] == "THI HUE"
    assert notice.person.sex == "F" and notice.person.weight_kg is None  # INTERPOL's 0 means unknown
    only_year = Notice.objects.get(interpol_id="2099/20002").person
    assert only_year.birth_date == "1998"


def test_importing_the_same_files_again_changes_nothing(officer: Any) -> None:
    files = [RED_DETAIL, YELLOW_LIST, YELLOW_DETAIL]
    out, _err = run(*files, user=officer)
    # The yellow detail completes the notice its list entry creates: part of the creation, counted once.
    assert "3 created, 0 updated, 0 unchanged, 0 not imported (4 records in 3 files)" in out
    before = AuditEvent.objects.count()
    people = Person.objects.count()
    out, _err = run(*files, user=officer)
    assert "0 created, 0 updated, 3 unchanged, 0 not imported" in out
    assert Person.objects.count() == people and Notice.objects.count() == 3
    # Only the run itself is recorded; nothing was written.
    assert list(AuditEvent.objects.filter(seq__gt=before).values_list("action", flat=True)) == [
        "notice.interpol_import"
    ]


def test_a_list_page_after_the_details_takes_nothing_away(officer: Any) -> None:
    run(RED_DETAIL, user=officer)
    out, _err = run(RED_LIST, user=officer)
    assert "2 created, 0 updated, 1 unchanged, 0 not imported" in out
    notice = Notice.objects.get(interpol_id="2099/10001")
    assert notice.offences.count() == 2 and notice.person.height_cm == 171
    # A list page publishes no charges: the notice it creates is active and names them once the detail comes.
    listed = Notice.objects.get(interpol_id="2099/10002")
    assert listed.status == "active" and listed.kind == "wanted" and not listed.offences.exists()
    assert Person.objects.filter(display_name="THI MAI DOAN").exists()


def test_a_changed_record_updates_the_person_name_and_notice_audited(officer: Any, tmp_path: Path) -> None:
    run(RED_DETAIL, user=officer)
    notice = Notice.objects.get(interpol_id="2099/10001")
    first = notice.offences.order_by("pk").first()
    assert first is not None
    # An officer completes the first charge; INTERPOL later adds a charge and corrects the height and the name.
    from liaison.desk.actions import do_update_offence

    do_update_offence(first, {"crime_area": "telecom_fraud", "law": "BLHS 2015, Điều 174"}, actor=officer)
    changed = detail()
    changed["height"] = 1.73
    changed["forename"] = "VAN TOAN ANH"
    changed["arrest_warrants"].append({"charge": "Money laundering", "issuing_country_id": "VN"})
    changed["new_published_field"] = {"anything": [1, 2]}
    path = write(tmp_path, "red-detail-2.json", changed)
    before = AuditEvent.objects.order_by("-seq").first()
    out, _err = run(path, user=officer)
    assert "0 created, 1 updated, 0 unchanged" in out
    notice.refresh_from_db()
    person = notice.person
    assert person.height_cm == 173 and person.display_name == "VAN TOAN ANH TRUONG"
    assert person.names.count() == 1
    assert [o.description for o in notice.offences.order_by("pk")][-1] == "Money laundering"
    kept = notice.offences.order_by("pk").first()
    assert kept is not None and (kept.crime_area, kept.law) == ("telecom_fraud", "BLHS 2015, Điều 174")
    assert notice.extra["new_published_field"] == {"anything": [1, 2]}
    written = AuditEvent.objects.filter(seq__gt=before.seq if before else 0).order_by("seq")
    by_action = {event.action: event for event in written}
    assert set(by_action) == {"person.update", "person_name.update", "notice.update", "notice.interpol_import"}
    assert by_action["person.update"].before["height_cm"] == 171
    assert by_action["person.update"].after["height_cm"] == 173
    assert "offences" in by_action["notice.update"].after and "extra" in by_action["notice.update"].after
    # Imported again: unchanged.
    out, _err = run(path, user=officer)
    assert "0 created, 0 updated, 1 unchanged" in out


def test_bad_input_is_reported_by_file_record_and_field_and_good_records_are_imported(
    officer: Any, tmp_path: Path
) -> None:
    not_json = write(tmp_path, "broken.json", '{"_embedded": {"notices": [')
    not_layout = write(tmp_path, "other.json", {"results": []})
    good = detail()
    no_id = {**detail(), "entity_id": None}
    no_name = {**copy.deepcopy(good), "entity_id": "2099/10008", "name": "", "forename": None}
    bad_date = {**copy.deepcopy(good), "entity_id": "2099/10009", "date_of_birth": "1983/13/40"}
    # A warrant without a charge is left out with a warning; the notice is still recorded (charges may follow).
    no_charge = {
        **copy.deepcopy(good),
        "entity_id": "2099/10010",
        "name": "NOCHARGE",
        "arrest_warrants": [{"charge": "", "issuing_country_id": "VN"}],
    }
    array = write(tmp_path, "details.json", [no_id, good, no_name, bad_date, no_charge, "text"])
    out, err = run(not_json, not_layout, array, user=officer, expect_ok=False)
    assert "2 created, 0 updated, 0 unchanged, 3 not imported" in out
    assert "broken.json: The file is not JSON (line 1, column" in err
    assert "other.json: Not the INTERPOL layout" in err
    assert "details.json, record 1, entity_id: Missing" in err
    assert "details.json, record 3 (2099/10008), name: Missing" in err
    assert "details.json, record 4 (2099/10009), date_of_birth: 1983/13/40 is not a date" in err
    assert "details.json, record 5 (2099/10010), arrest_warrants: Warrant 1 gives no charge: left out." in err
    assert "details.json, record 6: The record is not a JSON object." in err
    assert sorted(Notice.objects.values_list("interpol_id", flat=True)) == ["2099/10001", "2099/10010"]
    assert not Notice.objects.get(interpol_id="2099/10010").offences.exists()


def test_unknown_values_are_kept_and_never_fatal(officer: Any, tmp_path: Path) -> None:
    data = {
        **detail(YELLOW_DETAIL),
        "nationalities": ["VN", "XX"],
        "height": 171,
        "sex_id": "Q",
        "languages_spoken_ids": ["VIE", "??"],
        "some_future_key": "kept",
    }
    out, err = run(write(tmp_path, "odd.json", data), user=officer)
    assert "1 created" in out
    assert "warning: odd.json, record 1 (2099/20001), nationalities: Unknown country code XX" in err
    notice = Notice.objects.get()
    unused = notice.extra["liaison_import"]["unused"]
    assert unused == {"nationalities": ["XX"], "height": 171, "sex_id": "Q", "languages_spoken_ids": ["??"]}
    assert notice.extra["some_future_key"] == "kept"
    assert (notice.person.nationalities, notice.person.height_cm, notice.person.sex) == (["VN"], None, "U")
    # Corrected at the source: the values are used, and nothing stays set aside.
    out, err = run(write(tmp_path, "odd.json", {**data, "nationalities": ["VN", "LA"], "sex_id": "F"}), user=officer)
    assert "1 updated" in out
    notice.refresh_from_db()
    assert notice.person.nationalities == ["VN", "LA"] and notice.person.sex == "F"
    assert notice.extra["liaison_import"]["unused"] == {"height": 171, "languages_spoken_ids": ["??"]}


def test_a_person_who_may_already_be_recorded_is_pointed_out(officer: Any, partner: Any) -> None:
    from tests.people.factories import PersonFactory

    known = PersonFactory(
        owner=officer.agency, names=["Trương Văn Toàn"], birth_date="1983-04-17", nationalities=["VN"]
    )
    PersonFactory(owner=partner, names=["Trương Văn Toàn"], birth_date="1983-04-17")  # not ours to see
    out, err = run(RED_DETAIL, "--dry-run", user=officer)
    assert "would have 1 created" in out
    warnings = [line for line in err.splitlines() if "May already be recorded" in line]
    assert len(warnings) == 1, err
    assert f"as Trương Văn Toàn ({officer.agency}, person #{known.pk}, score" in warnings[0]
    assert warnings[0].startswith("warning: red-detail.json, record 1 (2099/10001), name:")


def test_the_kind_comes_from_the_files_or_the_officer(officer: Any, tmp_path: Path) -> None:
    bare = detail(YELLOW_DETAIL)
    for key in ("_links", "date_of_event", "father_name", "father_forename", "mother_name", "mother_forename"):
        bare.pop(key)
    path = write(tmp_path, "bare.json", bare)
    _out, err = run(path, user=officer, expect_ok=False)
    assert "bare.json, record 1 (2099/20001), kind: The file does not say whether" in err
    run(path, "--kind", "yellow", user=officer)
    assert Notice.objects.get().kind == "missing"
    _out, err = run(RED_DETAIL, "--kind", "yellow", user=officer, expect_ok=False)
    assert "kind: The record is a red notice, but yellow was chosen." in err


def test_dry_run_writes_nothing_and_says_what_would_happen(officer: Any) -> None:
    out, _err = run(RED_DETAIL, RED_LIST, "--dry-run", user=officer)
    # In one run, the list's first record sees the notice its detail would create: part of that creation.
    assert "would have 3 created, 0 updated, 0 unchanged, 0 not imported" in out
    assert not Notice.objects.exists() and not Person.objects.exists() and not AuditEvent.objects.exists()


def test_matching_is_per_agency(officer: Any, partner_officer: Any) -> None:
    run(RED_DETAIL, user=officer)
    run(RED_DETAIL, user=partner_officer)
    assert sorted(Notice.objects.values_list("owner__code", flat=True)) == ["KR-KNPA", "VN-MPS"]


def test_only_importers_may_import(make_user: Any) -> None:
    analyst = make_user(ANALYST)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="may not import"):
        call_command("import-interpol", str(RED_DETAIL), "--as", analyst.username, stdout=out, stderr=err)
    with pytest.raises(CommandError, match="no active user"):
        call_command("import-interpol", str(RED_DETAIL), "--as", "nobody", stdout=out, stderr=err)
    assert not Notice.objects.exists() and not AuditEvent.objects.exists()


# --- the pages -------------------------------------------------------------------------------------------
def desk_audit() -> Any:
    """Audit records of the import (signing in writes its own)."""
    return AuditEvent.objects.filter(action__regex=r"^(person|person_name|notice)\.")


def upload(client: Any, *paths: Path, kind: str = "") -> Any:
    files = [SimpleUploadedFile(p.name, p.read_bytes(), content_type="application/json") for p in paths]
    return client.post(reverse("interpol_import"), {"uploads": files, "kind": kind})


def test_upload_preview_confirm(officer: Any, page_client: Any) -> None:
    client = page_client(officer)
    assert client.get(reverse("interpol_import")).status_code == 200
    response = upload(client, RED_DETAIL, YELLOW_LIST, RED_LIST)
    assert response.status_code == 302 and response["Location"] == reverse("interpol_import_preview")
    preview = client.get(reverse("interpol_import_preview"))
    text = preview.content.decode()
    assert preview.status_code == 200
    # Six records of five notices: the red list repeats the red detail's notice, part of its creation.
    assert text.count("will be created") == 6 and "will be updated" not in text and "Confirm and import" in text
    assert not Notice.objects.exists() and not desk_audit().exists()  # the preview wrote nothing
    done = client.post(reverse("interpol_import_preview"))
    assert done.status_code == 200 and "INTERPOL import done" in done.content.decode()
    assert Notice.objects.filter(status="active").count() == 5
    assert_audited("notice.interpol_import", actor=officer, channel="ui")
    notice = Notice.objects.get(interpol_id="2099/10001")
    assert reverse("notice_detail", kwargs={"pk": notice.pk}) in done.content.decode()
    # The records leave the session with the import: confirming again sends back to the upload.
    assert client.post(reverse("interpol_import_preview"))["Location"] == reverse("interpol_import")
    upload(client, RED_DETAIL)
    again = client.get(reverse("interpol_import_preview")).content.decode()
    assert "unchanged" in again and "Confirm and import" not in again


def test_the_upload_page_reports_unreadable_files(officer: Any, page_client: Any, tmp_path: Path) -> None:
    client = page_client(officer)
    upload(client, write(tmp_path, "notes.json", "not json at all"))
    text = client.get(reverse("interpol_import_preview")).content.decode()
    assert "notes.json: The file is not JSON" in text and "Confirm and import" not in text


def test_the_import_pages_need_the_import_permission(make_user: Any, page_client: Any) -> None:
    analyst = make_user(ANALYST)
    client = page_client(analyst)
    assert client.get(reverse("interpol_import")).status_code == 404
    assert upload(client, RED_DETAIL).status_code == 404
    assert client.post(reverse("interpol_import_preview")).status_code == 404
    assert not Notice.objects.exists() and not desk_audit().exists()
    officer = UserFactory(agency=analyst.agency, roles=[DESK_OFFICER])
    assert page_client(officer).get(reverse("interpol_import")).status_code == 200
