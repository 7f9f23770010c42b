from django.utils.translation import gettext_lazy as _

from liaison.core.tables import Column, Table

AGENCY_TABLE = Table(
    columns=[
        Column("short_name", _("Short name"), sort="short_name", link=True),
        Column("name_en", _("Name (English)"), sort="name_en"),
        Column("name_native", _("Official name")),
        Column(
            "country", _("Country"), sort="country", value=lambda a: a.country.name if a.country else _("multilateral")
        ),
        Column("kind", _("Kind"), sort="kind"),
        Column("is_home", _("Home"), value=lambda a: _("home") if a.is_home else ""),
    ],
    default_sort="short_name",
)

UNIT_TABLE = Table(
    columns=[
        Column("name", _("Name"), sort="name", link=True),
        Column("name_en", _("Name (English)"), sort="name_en"),
        Column("agency", _("Agency"), sort="agency__short_name"),
        Column("parent", _("Part of")),
        Column("kind", _("Kind"), sort="kind"),
    ],
    default_sort="name",
)

USER_TABLE = Table(
    columns=[
        Column("username", _("User name"), sort="username", link=True),
        Column("full_name", _("Name"), sort="last_name", value=lambda u: u.get_full_name()),
        Column("agency", _("Agency"), sort="agency__short_name"),
        Column("roles", _("Roles")),
        Column(
            "is_active", _("Status"), sort="is_active", value=lambda u: _("active") if u.is_active else _("deactivated")
        ),
        Column("last_login", _("Last sign-in"), sort="last_login"),
    ],
    default_sort="username",
)

ROLE_TABLE = Table(
    columns=[
        Column("code", _("Role"), link=True),
        Column(
            "require_second_factor",
            _("Second factor"),
            value=lambda r: _("required") if r.require_second_factor else _("optional"),
        ),
    ],
    default_sort="id",
)

TOKEN_TABLE = Table(
    columns=[
        Column("name", _("Name"), sort="name", link=True),
        Column("prefix", _("Prefix"), value=lambda t: f"lia_{t.prefix}…"),
        Column("user", _("User"), sort="user__username"),
        Column("read_only", _("Access"), value=lambda t: _("read only") if t.read_only else _("read and write")),
        Column("status", _("Status"), value=lambda t: t.status()),
        Column("created_at", _("Created"), sort="created_at"),
        Column("last_used_at", _("Last used"), sort="last_used_at"),
    ],
    default_sort="-created_at",
)
