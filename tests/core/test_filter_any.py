"""Every list filter offers "Any" for "no filter": not "---------" (Django's empty choice) nor "Unknown" (a yes/no
filter's empty choice), whichever app the filter set comes from (issue 20, item 15). Walks every list page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import translation

from liaison.core.permissions import NODE_ADMIN, SUPERVISOR
from liaison.core.views import RestrictedListView
from tests.factories import UserFactory
from tests.test_access_enumeration import ALL, _url

LISTS = sorted(
    name
    for name, pattern in ALL.items()
    if isinstance(getattr(pattern.callback, "view_class", None), type)
    and issubclass(pattern.callback.view_class, RestrictedListView)  # type: ignore[attr-defined]
    and pattern.callback.view_class.filterset_class is not None  # type: ignore[attr-defined]
    and "pk" not in pattern.pattern.regex.groupindex
)


def test_the_walk_finds_the_lists_with_yes_no_filters() -> None:
    assert {"person_list", "notice_list", "fugitive_case_list", "action_item_list", "audit_list"} <= set(LISTS)


@pytest.mark.django_db
@pytest.mark.parametrize("name", LISTS)
def test_every_choice_filter_says_any_for_no_filter(name: str, home: Any, page_client: Any) -> None:
    admin = UserFactory(agency=home, roles=[NODE_ADMIN, SUPERVISOR])
    response = page_client(admin).get(_url(name))
    assert response.status_code == 200
    form = response.context["filter"].form
    html = str(form)
    assert "---------" not in html and not re.search(r'value="unknown"[^>]*>Unknown<', html), name
    for field_name, field in form.fields.items():
        choices = getattr(field.widget, "choices", None)
        if choices is None or getattr(field.widget, "allow_multiple_selected", False):
            continue
        options = re.findall(r"<option value=\"([^\"]*)\"[^>]*>([^<]*)</option>", str(form[field_name]))
        assert options and options[0][1] == "Any", (name, field_name, options[:2])


@pytest.mark.django_db
def test_any_is_translated(home: Any, page_client: Any) -> None:
    admin = UserFactory(agency=home, roles=[NODE_ADMIN, SUPERVISOR])
    client = page_client(admin)
    with translation.override("vi"):
        form = client.get(_url("person_list"), HTTP_ACCEPT_LANGUAGE="vi").context["filter"].form
        first = re.findall(r"<option value=\"[^\"]*\"[^>]*>([^<]*)</option>", str(form["fictional"]))[0]
        assert first == str(translation.gettext("Any"))
