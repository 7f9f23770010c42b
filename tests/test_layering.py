"""Dependencies point down: core, agencies and people import no domain app (docs/architecture.md).

Every `import` and `from … import` in their source is read (module level or inside a function, relative or
absolute). The domain apps are every package of `liaison` that is not a base app, found on disk and among the
installed apps, so a new domain is covered the day it is added. A domain plugs itself in through the registries
of core/registry/ instead.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.apps import apps

import liaison

SOURCE = Path(liaison.__file__).parent
BASE_APPS = {"core", "agencies", "people"}

# Known imports of a domain that other work of issue 14 removes. Each entry names the file, the module it imports
# and why; the lead removes the entry when the import goes. Nothing else may be added here.
TEMPORARY_EXCEPTIONS: dict[tuple[str, str], str] = {}


def domain_apps() -> set[str]:
    on_disk = {path.parent.name for path in SOURCE.glob("*/__init__.py")}
    installed = {config.name.split(".")[1] for config in apps.get_app_configs() if config.name.startswith("liaison.")}
    return (on_disk | installed) - BASE_APPS


def imported_modules(source: str, module: str) -> list[str]:
    """Every module `source` (the text of the module `module`) imports; `from x import y` counts as x and x.y."""
    package = module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[: len(parent) - (node.level - 1)]
                base = ".".join([*parent, base] if base else parent)
            found.append(base)
            found += [f"{base}.{alias.name}" for alias in node.names]
    return found


def domain_imports(source: str, module: str, domains: set[str]) -> set[str]:
    """The imported modules that belong to one of `domains`, as the import names them."""
    wanted = {f"liaison.{domain}" for domain in domains}
    hits = set()
    for name in imported_modules(source, module):
        parts = name.split(".")
        if ".".join(parts[:2]) in wanted:
            hits.add(name)
    # `from liaison.desk import models` is reported once, as liaison.desk.
    return {name for name in hits if not any(name.startswith(other + ".") for other in hits if other != name)}


def _module_name(path: Path) -> str:
    """liaison.people.views.persons; a package's own module keeps "__init__", so that its relative imports start
    from the package itself."""
    return ".".join(path.relative_to(SOURCE.parent).with_suffix("").parts)


def violations(app: str, domains: set[str]) -> list[str]:
    found = []
    for path in sorted((SOURCE / app).rglob("*.py")):
        relative = path.relative_to(SOURCE).as_posix()
        for name in sorted(domain_imports(path.read_text(encoding="utf-8"), _module_name(path), domains)):
            if (relative, name) not in TEMPORARY_EXCEPTIONS:
                found.append(f"{relative} imports {name}")
    return found


def test_the_domain_apps_are_found_on_disk_and_among_the_installed_apps() -> None:
    domains = domain_apps()
    assert {"cooperation", "desk", "screening"} <= domains
    assert not domains & BASE_APPS


def test_core_imports_no_domain() -> None:
    assert violations("core", domain_apps()) == []


def test_people_imports_no_domain() -> None:
    assert violations("people", domain_apps()) == []


def test_agencies_imports_no_domain() -> None:
    assert violations("agencies", domain_apps()) == []


def test_each_temporary_exception_is_still_needed() -> None:
    """An exception whose import is gone must leave the list."""
    domains = domain_apps()
    for relative, name in TEMPORARY_EXCEPTIONS:
        path = SOURCE / relative
        assert name in domain_imports(path.read_text(encoding="utf-8"), _module_name(path), domains), relative


def test_every_form_of_import_is_seen() -> None:
    source = """
import liaison.desk.models
from liaison.cooperation import links
from liaison import screening
from ..desk.models import Notice
from liaison.core import access
import liaison.people.search as search

def later():
    from liaison.exchange.actions import do_send_message
"""
    found = domain_imports(source, "liaison.people.views.persons", {"desk", "cooperation", "screening", "exchange"})
    # `from ..desk.models` in people/views/ is people/desk/: not a domain.
    assert found == {"liaison.desk.models", "liaison.cooperation", "liaison.screening", "liaison.exchange.actions"}


def test_a_relative_import_of_a_domain_is_seen() -> None:
    assert domain_imports("from ...desk import models", "liaison.people.views.persons", {"desk"}) == {"liaison.desk"}
