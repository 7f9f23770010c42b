"""The API documentation page carries no inline style or script (the CSP refuses them; the browser test
tests/e2e/test_api_docs.py watches for violations) and leads back to the application."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_api_docs_page_has_no_inline_style_or_script_and_a_way_back(officer: Any, page_client: Any) -> None:
    response = page_client(officer).get(reverse("api_docs"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<style" not in html and " style=" not in html
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    assert len(scripts) == 3 and all('src="' in attrs and not body.strip() for attrs, body in scripts), scripts
    assert re.search(r'<a class="back-to-app" href="/">', html)
    assert 'data-schema-url="/api/schema/"' in html
    assert "unsafe-inline" not in response["Content-Security-Policy"]
