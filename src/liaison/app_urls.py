"""Finds each Liaison app's URL modules, so the project's URL files include apps without naming them.

An app is a Liaison app when its module is under `liaison.`; its pages are in `<app>/urls.py` and its API in
`<app>/api/urls.py` (a `router` and `urlpatterns`), each optional. Apps come in INSTALLED_APPS order.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import import_module
from types import ModuleType

from django.apps import AppConfig, apps
from django.utils.module_loading import module_has_submodule


def _submodule(package: ModuleType, dotted: str) -> ModuleType | None:
    """`package.<dotted>` imported, or None when one of its parts does not exist (an error raised while
    importing a module that does exist is not hidden)."""
    module = package
    for part in dotted.split("."):
        if not module_has_submodule(module, part):
            return None
        module = import_module(f"{module.__name__}.{part}")
    return module


def liaison_apps(configs: Iterable[AppConfig] | None = None) -> list[AppConfig]:
    """The installed apps whose module is under `liaison.`, in INSTALLED_APPS order."""
    return [
        config
        for config in (apps.get_app_configs() if configs is None else configs)
        if config.name.startswith("liaison.")
    ]


def app_url_modules(dotted: str, configs: Iterable[AppConfig] | None = None) -> list[ModuleType]:
    """Each Liaison app's `<app>.<dotted>` module (e.g. "urls", "api.urls") that exists, in INSTALLED_APPS order."""
    found = (_submodule(config.module, dotted) for config in liaison_apps(configs) if config.module is not None)
    return [module for module in found if module is not None]
