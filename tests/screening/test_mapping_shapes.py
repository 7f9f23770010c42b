"""A column mapping is an object naming columns; any other shape is refused with 400 naming `mapping`, never a
server error (found by schemathesis: PATCH /api/screening-lists/{id}/ with mapping=null, issue 20 item 3)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.screening.factories import ScreeningListFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "mapping",
    [None, [], ["Họ và tên"], "Họ và tên", 5, True, {"name": 5}, {"name": {"a": 1}}, {"name": [None]}, {"sex": 1.5}],
)
def test_a_mapping_of_another_shape_is_refused(mapping: Any, home: Any, officer: Any, api_client: Any) -> None:
    screening_list = ScreeningListFactory(owner=home)
    response = api_client(officer).patch(
        f"/api/screening-lists/{screening_list.pk}/", {"mapping": mapping}, format="json"
    )
    assert response.status_code == 400, response.content
    assert "mapping" in response.json()["error"]["fields"]
    screening_list.refresh_from_db()
    assert screening_list.mapping == {"name": ["Họ và tên"], "birth_date": "Ngày sinh"}


def test_a_mapping_sent_as_a_form_field_is_read_as_json(home: Any, officer: Any, api_client: Any) -> None:
    screening_list = ScreeningListFactory(owner=home)
    client = api_client(officer)
    url = f"/api/screening-lists/{screening_list.pk}/"
    response = client.patch(url, {"name": "0", "kind": "arrivals", "mapping": "null"}, format="multipart")
    assert response.status_code == 400 and "mapping" in response.json()["error"]["fields"]
    response = client.patch(url, {"mapping": '{"name": "Họ và tên"}'}, format="multipart")
    assert response.status_code == 200, response.content
    assert response.json()["mapping"] == {"name": ["Họ và tên"]}
