"""Each app owns its URLs (docs/decisions/0017-per-app-urls-without-namespaces.md).

URL names have no namespace, so two patterns sharing a name would silently shadow each other in `reverse()`:
these tests refuse that, and check that the project's URL files only include the apps' own modules.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from django.apps import AppConfig
from django.conf.urls import i18n
from django.urls import URLPattern, URLResolver, get_resolver, include, path
from django.views.generic import View

from liaison import api_urls
from liaison.app_urls import app_url_modules, liaison_apps

# Named views that belong to the project itself, not to an app.
PROJECT_NAMES = {"javascript-catalog", "set_language"}

# DRF's format-suffix twin of a route ("^agencies\.(?P<format>[a-z0-9]+)/?$" beside "^agencies/$") is the same
# route under the same name.
_FORMAT_SUFFIX = re.compile(r"\\\.\(\?P<format>\[a-z0-9\]\+\)/\?\$$|<drf_format_suffix:format>$")


def _canonical(route: str) -> str:
    if _FORMAT_SUFFIX.search(route):
        return _FORMAT_SUFFIX.sub("", route)
    return route.removesuffix("$").rstrip("/") if route.endswith("$") else route


def _walk(
    patterns: list[Any], prefix: str = "", origin: str = "", namespace: str = ""
) -> Iterator[tuple[str, URLPattern, str, str]]:
    """(route, pattern, the first module included from the project's urls.py, name with its namespaces)"""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            module = entry.urlconf_name
            name = module.__name__ if isinstance(module, ModuleType) else str(module)
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), origin or name, inner)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry, origin, f"{namespace}{entry.name}" if entry.name else ""


def _view_module(pattern: URLPattern) -> str:
    callback = pattern.callback
    view = getattr(callback, "view_class", None) or getattr(callback, "cls", None) or callback
    return str(view.__module__)


def _shared(patterns: list[Any]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Names given to more than one route, and routes declared more than once."""
    routes_by_name: dict[str, set[str]] = defaultdict(set)
    names_by_route: dict[str, set[str]] = defaultdict(set)
    for route, _pattern, _origin, name in _walk(patterns):
        names_by_route[route].add(name)
        if name:
            routes_by_name[name].add(_canonical(route))
    shared_names = {name: sorted(routes) for name, routes in routes_by_name.items() if len(routes) > 1}
    shared_routes = {route: sorted(names) for route, names in names_by_route.items() if len(names) > 1}
    return shared_names, shared_routes


def test_no_two_url_patterns_share_a_name_or_a_route() -> None:
    shared_names, shared_routes = _shared(get_resolver().url_patterns)
    assert not shared_names, f"URL names used by more than one route: {shared_names}"
    assert not shared_routes, f"routes declared more than once: {shared_routes}"


def test_the_check_sees_a_name_or_a_route_declared_twice() -> None:
    view = View.as_view()
    patterns = [
        path("", include([path("a/", view, name="same"), path("c/", view, name="c")])),
        path("", include([path("b/", view, name="same"), path("c/", view, name="other"), path("d.json", view)])),
        path("x/", include(([path("a/", view, name="same")], "new_app"))),  # a namespaced twin is no duplicate
    ]
    assert _shared(patterns) == ({"same": ["a/", "b/"]}, {"c/": ["c", "other"]})


def test_each_app_page_url_comes_from_its_own_urls_module() -> None:
    apps = [config.name for config in liaison_apps()]
    problems = []
    for route, pattern, origin, _name in _walk(get_resolver().url_patterns):
        if route.startswith("api/") or pattern.name in PROJECT_NAMES:
            continue
        app = next((name for name in apps if origin == f"{name}.urls"), None)
        if app is None:
            problems.append(f"{route} ({pattern.name}): declared in {origin or 'liaison.urls'}, not in an app's urls")
        elif not _view_module(pattern).startswith(f"{app}."):
            problems.append(f"{route} ({pattern.name}): {origin} routes to {_view_module(pattern)}")
    assert not problems, "\n".join(problems)


def test_the_project_includes_every_app_and_nothing_else() -> None:
    included = []
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and isinstance(entry.urlconf_name, ModuleType):
            included.append(entry.urlconf_name)
    assert included == [api_urls, i18n, *app_url_modules("urls")]
    assert {module.__name__ for module in included} >= {"liaison.core.urls", "liaison.cooperation.urls"}


def test_the_api_root_lists_every_app_route_and_each_app_registers_its_own_viewsets() -> None:
    expected = []
    for module in app_url_modules("api.urls"):
        app = module.__name__.removesuffix(".api.urls")
        for prefix, viewset, basename in module.router.registry:
            assert viewset.__module__.startswith(f"{app}."), (prefix, viewset)
            expected.append((prefix, viewset, basename))
    assert api_urls.router.registry == expected
    assert ("agencies", "agency") in {(prefix, basename) for prefix, _v, basename in expected}
    assert "person-search" in {prefix for prefix, _v, _b in expected}


@pytest.fixture
def fake_packages(tmp_path: Path) -> Iterator[Path]:
    """Two importable packages standing for apps: one with pages and no API, one whose urls.py is broken."""
    (tmp_path / "fake_pages_app" / "api").mkdir(parents=True)
    (tmp_path / "fake_pages_app" / "__init__.py").write_text("")
    (tmp_path / "fake_pages_app" / "api" / "__init__.py").write_text("")
    (tmp_path / "fake_pages_app" / "urls.py").write_text("urlpatterns = []\n")
    (tmp_path / "fake_broken_app").mkdir()
    (tmp_path / "fake_broken_app" / "__init__.py").write_text("")
    (tmp_path / "fake_broken_app" / "urls.py").write_text("import fake_module_that_is_missing  # noqa\n")
    sys.path.insert(0, str(tmp_path))
    yield tmp_path
    sys.path.remove(str(tmp_path))
    for name in [name for name in sys.modules if name.startswith(("fake_pages_app", "fake_broken_app"))]:
        del sys.modules[name]


def _config(name: str, package: str) -> AppConfig:
    return AppConfig(name, importlib.import_module(package))


def test_discovery_takes_liaison_apps_and_skips_the_modules_they_lack(fake_packages: Path) -> None:
    pages = _config("liaison.fake_pages", "fake_pages_app")
    outside = _config("fake_outside", "fake_pages_app")
    assert [m.__name__ for m in app_url_modules("urls", [outside, pages])] == ["fake_pages_app.urls"]
    assert app_url_modules("api.urls", [pages]) == []
    assert app_url_modules("nothing.urls", [pages]) == []


def test_discovery_does_not_hide_an_error_inside_an_app_urls_module(fake_packages: Path) -> None:
    broken = _config("liaison.fake_broken", "fake_broken_app")
    with pytest.raises(ModuleNotFoundError, match="fake_module_that_is_missing"):
        app_url_modules("urls", [broken])
