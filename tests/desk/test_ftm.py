"""FollowTheMoney export (desk/ftm.py) through the `export-ftm` command, the API (/api/ftm/) and the download page.

The structural tests run in the main suite. The tests marked `ftm` validate the export with the
`followthemoney` library itself, which lives in the benchmark environment only (.venv-bench, built by
`make test-ftm`; see docs/decisions/0012-ftm-validation.md): they run tests/desk/ftm_validate.py there.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse

from liaison.core.models import Share
from liaison.desk.models import Notice
from tests.desk.factories import NoticeFactory, OffenceFactory
from tests.factories import UserFactory
from tests.helpers import assert_audited
from tests.people.factories import IdentityDocumentFactory, PersonFactory, share_with

ROOT = Path(__file__).resolve().parents[2]
BENCH_PYTHON = ROOT / ".venv-bench" / "bin" / "python"
VALIDATOR = Path(__file__).resolve().parent / "ftm_validate.py"
INTERPOL = Path(__file__).resolve().parent / "data" / "interpol"


def export(user: Any, output: Path | None = None) -> list[dict[str, Any]]:
    out, err = io.StringIO(), io.StringIO()
    args = ["export-ftm", "--as", user.username]
    if output is not None:
        args += ["--output", str(output)]
    call_command(*args, stdout=out, stderr=err)
    text = output.read_text(encoding="utf-8") if output is not None else out.getvalue()
    return [json.loads(line) for line in text.splitlines()]


def by_id(entities: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {entity["id"]: entity for entity in entities}


def full_person(owner: Any) -> Any:
    person = PersonFactory(
        owner=owner,
        sex="F",
        birth_date="1985-03",
        birth_place="Nam Định",
        birth_country="VN",
        nationalities=["VN", "KR"],
        languages=["vi", "ko", "zh-Hans"],
        height_cm=158,
        distinguishing_marks="Mole above the left eyebrow",
        names=[
            {"full_name": "Lã Thị Hoa", "family_name": "Lã", "given_names": "Thị Hoa", "language": "vi"},
            {"full_name": "LA THI HOA", "kind": "passport"},
            {"full_name": "라 티 호아", "kind": "transcription", "transcribed_by": owner},
            {"full_name": "Hoa Nhỏ", "kind": "nickname"},
            {"full_name": "Lã Thị Hồng", "kind": "former"},
            {"full_name": "Ла Тхи Хоа", "family_name": "Ла", "given_names": "Тхи Хоа", "patronymic": "Ивановна"},
        ],
    )
    IdentityDocumentFactory(person=person, number="C1234567", issuing_country="VN", valid_until="2030-01-31")
    IdentityDocumentFactory(person=person, kind="national_id", number="001185000111", issuing_country="VN")
    notice = NoticeFactory(owner=owner, person=person, summary="Fictional summary", offences=0)
    OffenceFactory(notice=notice, description="Lừa đảo", description_translation="Fraud")
    return person


@pytest.mark.django_db
def test_persons_documents_and_notices_become_ftm_entities(home: Any, officer: Any) -> None:
    person = full_person(home)
    entities = by_id(export(officer))
    node = "liaison-vn-mps"
    p = entities[f"{node}-person-{person.pk}"]
    assert p["schema"] == "Person"
    props = p["properties"]
    assert props["name"] == ["Lã Thị Hoa"]
    assert props["alias"] == ["LA THI HOA", "라 티 호아", "Ла Тхи Хоа"]
    assert props["weakAlias"] == ["Hoa Nhỏ"] and props["previousName"] == ["Lã Thị Hồng"]
    assert props["lastName"] == ["Lã", "Ла"] and props["firstName"] == ["Thị Hoa", "Тхи Хоа"]
    assert props["fatherName"] == ["Ивановна"]
    assert props["birthDate"] == ["1985-03"]  # partial dates stay partial
    assert props["nationality"] == ["vn", "kr"] and props["birthCountry"] == ["vn"]
    assert props["gender"] == ["female"] and props["height"] == ["158"]
    assert props["spokenLanguage"] == ["vie", "kor", "zho"]
    assert props["passportNumber"] == ["C1234567"] and props["idNumber"] == ["001185000111"]
    assert props["topics"] == ["wanted"]
    documents = [e for e in entities.values() if e["schema"] in ("Passport", "Identification")]
    assert sorted(e["schema"] for e in documents) == ["Identification", "Passport"]
    passport = next(e for e in documents if e["schema"] == "Passport")["properties"]
    assert passport["holder"] == [p["id"]] and passport["country"] == ["vn"] and passport["endDate"] == ["2030-01-31"]
    assert passport["type"] == ["Passport"]
    notice = Notice.objects.get(person=person)
    sanction = entities[f"{node}-notice-{notice.pk}"]
    assert sanction["schema"] == "Sanction"
    s = sanction["properties"]
    assert s["entity"] == [p["id"]] and s["reason"] == ["Lừa đảo (Fraud)"]
    assert s["authority"] == [home.name_en] and s["status"] == ["Active"]
    assert s["listingDate"] == [notice.issued_on.isoformat()] and s["summary"] == ["Fictional summary"]


@pytest.mark.django_db
def test_ids_are_stable_and_the_same_data_gives_the_same_export(home: Any, officer: Any, tmp_path: Path) -> None:
    full_person(home)
    first = (tmp_path / "a.jsonl", tmp_path / "b.jsonl")
    export(officer, first[0])
    export(officer, first[1])
    assert first[0].read_bytes() == first[1].read_bytes()
    for entity in export(officer):
        assert re.fullmatch(r"liaison-vn-mps-(person|document|notice)-\d+", entity["id"]), entity["id"]


@pytest.mark.django_db
def test_only_what_the_user_may_see_is_exported(home: Any, partner: Any, officer: Any) -> None:
    mine = PersonFactory(owner=home, names=["Nguyễn Văn Mình"])
    NoticeFactory(owner=home, person=mine, status="draft")  # a draft is not an issued notice
    hidden = PersonFactory(owner=partner, names=["SECRET PARTNER PERSON"], documents=["M99999999"])
    NoticeFactory(owner=partner, person=hidden)
    shared = PersonFactory(owner=partner, names=["박공유"])
    share_with(shared, home)
    shared_notice = NoticeFactory(owner=partner, person=shared)
    Share.objects.create(
        content_type=ContentType.objects.get_for_model(Notice),
        object_id=str(shared_notice.pk),
        agency=home,
        handling_code="H1",
        shared_by=UserFactory(agency=partner),
    )
    merged = PersonFactory(owner=home, names=["Merged Away"])
    merged.merged_into = mine
    merged.save()
    entities = export(officer)
    text = json.dumps(entities, ensure_ascii=False)
    assert "SECRET PARTNER PERSON" not in text and "M99999999" not in text and "Merged Away" not in text
    names = sorted(e["properties"]["name"][0] for e in entities if e["schema"] == "Person")
    assert names == ["Nguyễn Văn Mình", "박공유"]
    sanctions = [e for e in entities if e["schema"] == "Sanction"]
    assert [s["id"] for s in sanctions] == [f"liaison-vn-mps-notice-{shared_notice.pk}"]


@pytest.mark.django_db
def test_the_api_streams_json_lines_audited(home: Any, partner: Any, officer: Any, api_client: Any) -> None:
    PersonFactory(owner=home, names=["Trần Thị Bé"], birth_date="1990")
    PersonFactory(owner=partner, names=["SECRET OTHER"])
    response = api_client(officer).get("/api/ftm/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/x-ndjson")
    body = b"".join(response.streaming_content).decode()
    entities = [json.loads(line) for line in body.splitlines()]
    assert [e["properties"]["name"] for e in entities] == [["Trần Thị Bé"]]
    assert entities[0]["properties"]["birthDate"] == ["1990"]
    assert_audited("ftm.export", actor=officer, channel="api")


@pytest.mark.django_db
def test_the_export_needs_a_signed_in_user_with_desk_access(home: Any, api_client: Any, client: Any) -> None:
    PersonFactory(owner=home, names=["Trần Thị Bé"])
    assert client.get("/api/ftm/").status_code in (401, 403)
    nobody = UserFactory(agency=home, roles=[])
    refused = api_client(nobody).get("/api/ftm/")
    assert refused.status_code == 403 and "error" in refused.json()
    as_lines = api_client(nobody).get("/api/ftm/", HTTP_ACCEPT="application/x-ndjson")
    assert as_lines.status_code == 403 and "error" in json.loads(as_lines.content.decode().splitlines()[0])
    out = io.StringIO()
    with pytest.raises(Exception, match="may not see notices"):
        call_command("export-ftm", "--as", nobody.username, stdout=out, stderr=io.StringIO())
    assert out.getvalue() == ""


@pytest.mark.django_db
def test_the_download_page(home: Any, officer: Any, page_client: Any) -> None:
    PersonFactory(owner=home, names=["Trần Thị Bé"])
    response = page_client(officer).get(reverse("ftm_export"))
    assert response.status_code == 200
    assert re.search(
        r'attachment; filename="liaison-vn-mps-ftm-\d{4}-\d{2}-\d{2}\.jsonl"', response["Content-Disposition"]
    )
    assert b"Tr\xe1\xba\xa7n Th\xe1\xbb\x8b B\xc3\xa9" in b"".join(response.streaming_content)
    assert_audited("ftm.export", actor=officer, channel="ui")


@pytest.mark.django_db
def test_the_api_route_is_in_the_schema(home: Any, api_client: Any) -> None:
    from liaison.core.permissions import NODE_ADMIN

    admin = UserFactory(agency=home, roles=[NODE_ADMIN])
    assert "/api/ftm/" in api_client(admin).get("/api/schema/?format=json").json()["paths"]


# --- validation with the followthemoney library (make test-ftm) -----------------------------------------
def validate(path: Path) -> subprocess.CompletedProcess[str]:
    if not BENCH_PYTHON.exists():
        pytest.fail("The benchmark environment is missing: run `make test-ftm` (it builds .venv-bench).")
    return subprocess.run(
        [str(BENCH_PYTHON), str(VALIDATOR), str(path)], capture_output=True, text=True, timeout=300, check=False
    )


@pytest.mark.ftm
@pytest.mark.django_db
def test_followthemoney_validates_every_exported_entity(settings: Any, tmp_path: Path) -> None:
    from liaison.agencies.models import User

    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", stdout=io.StringIO())
    officer = User.objects.get(username="officer.vn-mps")
    call_command(
        "import-interpol",
        *(str(p) for p in sorted(INTERPOL.glob("*detail.json"))),
        str(INTERPOL / "yellow-list-page.json"),
        "--as",
        officer.username,
        "--no-progress",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    full_person(officer.agency)
    output = tmp_path / "export.jsonl"
    entities = export(officer, output)
    schemas = {e["schema"] for e in entities}
    assert schemas == {"Person", "Passport", "Identification", "Sanction"}
    assert len(entities) > 40
    result = validate(output)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith(": valid")


@pytest.mark.ftm
def test_the_validator_rejects_what_followthemoney_would_not_take(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    lines = [
        {"id": "x-1", "schema": "Person", "properties": {"name": ["A"], "birthDate": ["1985-13"], "colour": ["red"]}},
        {"id": "x-2", "schema": "Sanction", "properties": {"entity": ["x-9"]}},
        {"id": "x-3", "schema": "Passport", "properties": {"number": ["1"], "country": ["VN"]}},
        {"id": "x 4", "schema": "Thing", "properties": {"name": ["B"]}},
    ]
    bad.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = validate(bad)
    assert result.returncode == 1
    for expected in (
        "birthDate value '1985-13' is not a valid date",
        "Person has no property 'colour'",
        "refers to x-9, which is not in the file",
        "required properties missing: holder",
        "country value 'VN' cleans to 'vn'",
        "invalid entity id 'x 4'",
        "abstract schema Thing",
    ):
        assert expected in result.stdout, (expected, result.stdout)
