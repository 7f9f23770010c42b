"""List-page (and CSV / XLSX export) columns of the people register."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from django_countries import countries

from liaison.core.tables import Column, Table

NOT_RECORDED = _("not recorded")


def _other_names(person: Any) -> str:
    return " · ".join(name.full_name for name in person.names.all() if not name.is_primary)


def _nationalities(person: Any) -> str:
    return ", ".join(str(dict(countries).get(code, code)) for code in person.nationalities or [])


def _documents(person: Any) -> str:
    return ", ".join(document.number for document in person.documents.all())


def _birth_date(person: Any) -> Any:
    return person.birth_date or NOT_RECORDED


def _fictional(person: Any) -> Any:
    return _("fictional") if person.fictional else ""


PERSON_TABLE = Table(
    columns=[
        Column("display_name", _("Name"), sort="display_name", link=True),
        Column("other_names", _("Other names"), value=_other_names),
        Column("sex", _("Sex"), sort="sex"),
        Column("birth_date", _("Date of birth"), sort="birth_date", value=_birth_date),
        Column("nationalities", _("Nationalities"), value=_nationalities),
        Column("documents", _("Identity documents"), value=_documents),
        Column("owner", _("Recorded by"), sort="owner__short_name", value=lambda p: p.owner.short_name or p.owner),
        Column("fictional", _("Fictional"), sort="fictional", value=_fictional),
        Column("updated_at", _("Updated"), sort="updated_at"),
    ],
    default_sort="display_name",
)
