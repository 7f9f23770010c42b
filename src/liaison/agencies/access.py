"""Access policies of agencies, units, users and API tokens (see core/access.py)."""

from liaison.agencies.models import Agency, ApiToken, Role, Unit, User
from liaison.core import access

# Agencies are never deleted (every record points at one); they are marked inactive instead.
access.register(Agency, access.Directory(view="agency.view", manage="agency.manage", delete=access.NOBODY))
# The five roles are fixed (core/permissions.py); only their settings change.
access.register(
    Role, access.Directory(view="role.manage", manage="role.manage", add=access.NOBODY, delete=access.NOBODY)
)
access.register(
    Unit, access.AgencyScoped("agency", view="unit.view", manage="unit.manage", all_permission="agency.manage")
)
access.register(
    User, access.AgencyScoped("agency", view="user.view", manage="user.manage", all_permission="user.manage")
)


class TokenPolicy(access.Policy):
    """A user sees and revokes their own tokens; holders of token.manage see every token of the node."""

    permissions = {
        access.VIEW: "token.own",
        access.ADD: "token.own",
        access.CHANGE: "token.own",
        access.DELETE: "token.own",
    }

    def scope(self, queryset, actor, action):  # type: ignore[no-untyped-def]
        from liaison.core.permissions import has_perm

        if has_perm(actor, "token.manage"):
            return queryset
        return queryset.filter(user_id=actor.pk)


access.register(ApiToken, TokenPolicy())
