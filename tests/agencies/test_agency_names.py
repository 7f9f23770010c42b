"""Issue 20, languages: an agency's official name shows in the user's language (its translation, its own-language
name when the interface speaks it, else English), set on the agency's form and through the API."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from liaison.agencies.models import Agency
from tests.factories import AgencyFactory
from tests.helpers import assert_audited


def test_the_name_follows_the_interface_language(db: Any) -> None:
    knpa = AgencyFactory(
        code="KR-KNPA",
        country="KR",
        name_native="경찰청",
        name_en="Korean National Police Agency",
        name_translations={"ru": "Национальное полицейское агентство Республики Корея"},
    )
    assert knpa.name_for("ru") == "Национальное полицейское агентство Республики Корея"
    assert knpa.name_for("ko") == "경찰청"  # its own language: the native name
    assert knpa.name_for("fr") == "Korean National Police Agency"  # no translation: English
    with translation.override("ko"):
        assert knpa.display_name == "경찰청"
        assert knpa.other_names == ["Korean National Police Agency"]


def test_the_header_shows_the_home_agency_in_the_users_language(home: Agency, officer: Any, page_client: Any) -> None:
    home.name_translations = {"ko": "베트남 공안부"}
    home.save()  # test set-up
    client = page_client(officer)
    client.cookies["django_language"] = "ko"
    page = client.get("/").content.decode()
    assert '<span class="agency">베트남 공안부</span>' in page


def test_the_dashboard_lists_partners_by_their_name_in_the_users_language(
    officer: Any, partner: Agency, page_client: Any
) -> None:
    partner.name_native, partner.name_en = "경찰청", "Korean National Police Agency"
    partner.name_translations = {"ru": "Национальное полицейское агентство Республики Корея"}
    partner.save()  # test set-up
    client = page_client(officer)
    client.cookies["django_language"] = "ru"
    assert "Национальное полицейское агентство Республики Корея" in client.get("/").content.decode()
    client.cookies["django_language"] = "fr"
    assert "Korean National Police Agency" in client.get("/").content.decode()


def test_the_form_takes_a_name_per_language(admin_user: Any, page_client: Any) -> None:
    response = page_client(admin_user).post(
        "/agencies/new/",
        {
            "code": "RU-MVD",
            "country": "RU",
            "name_native": "Министерство внутренних дел Российской Федерации",
            "name_en": "Ministry of Internal Affairs of the Russian Federation",
            "short_name": "MVD Russia",
            "kind": "interior",
            "is_active": "on",
            "name_vi": " Bộ Nội vụ Liên bang Nga ",
            "name_ko": "",
        },
    )
    assert response.status_code == 302, response.content
    agency = Agency.objects.get(code="RU-MVD")
    assert agency.name_translations == {"vi": "Bộ Nội vụ Liên bang Nga"}
    assert_audited("agency.create", obj=agency)


def test_the_api_refuses_a_language_the_node_does_not_speak(admin_user: Any, api_client: Any, home: Agency) -> None:
    client = api_client(admin_user)
    refused = client.patch(f"/api/agencies/{home.pk}/", {"name_translations": {"xx": "?"}}, format="json")
    assert refused.status_code == 400
    assert "name_translations" in refused.json()["error"]["fields"]
    accepted = client.patch(f"/api/agencies/{home.pk}/", {"name_translations": {"ru": "МОБ Вьетнама"}}, format="json")
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["name_translations"] == {"ru": "МОБ Вьетнама"}
