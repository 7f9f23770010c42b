from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from liaison.agencies.models import Agency, Role, Unit, User
from liaison.core import access


class ActorFormMixin:
    """Forms receive the acting user so choice lists show only what the actor may pick."""

    def __init__(self, *args: Any, actor: Any = None, **kwargs: Any) -> None:
        self.actor = actor
        super().__init__(*args, **kwargs)

    def _update_errors(self, errors: ValidationError) -> None:
        """A model form: the model's own checks (its clean()) see a field the form refused (too long, not a
        date) as empty, and would add a second, contradicting error to it ("A name cannot be empty" under "at
        most 300 characters"). A field keeps the form's error alone."""
        if hasattr(errors, "error_dict"):
            refused = set(getattr(self, "_errors", None) or ()) - {NON_FIELD_ERRORS}
            kept = {field: value for field, value in errors.error_dict.items() if field not in refused}
            if not kept:
                return
            errors = ValidationError(kept)
        super()._update_errors(errors)  # type: ignore[misc]


class AgencyForm(ActorFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    """An agency, with its official name in each interface language other than English (one field each, kept
    together in `name_translations`)."""

    class Meta:
        model = Agency
        fields = ["code", "country", "name_native", "name_en", "short_name", "kind", "is_home", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = (self.instance.name_translations or {}) if self.instance.pk else {}
        for code, language in translated_languages():
            self.fields[f"name_{code}"] = forms.CharField(
                label=_("Official name in %(language)s") % {"language": language},
                max_length=255,
                required=False,
                initial=names.get(code, ""),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        names = {}
        for code, _language in translated_languages():
            name = (data.pop(f"name_{code}", "") or "").strip()
            if name:
                names[code] = name
        data["name_translations"] = names
        return data


def translated_languages() -> list[tuple[str, Any]]:
    """The interface languages an agency's name can be given in besides English."""
    return [(code, language) for code, language in settings.LANGUAGES if code != "en"]


class UnitForm(ActorFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Unit
        fields = ["agency", "parent", "name", "name_en", "kind", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.all()
        units = access.restrict(Unit.objects.all(), self.actor, access.VIEW)
        if not self.actor.has_liaison_perm("agency.manage"):
            agencies = agencies.filter(pk=self.actor.agency_id)
            self.fields["agency"].initial = self.actor.agency_id
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
        self.fields["parent"].queryset = units  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parent, agency = data.get("parent"), data.get("agency")
        if parent is not None and agency is not None and parent.agency_id != agency.pk:
            self.add_error("parent", _("The parent unit must belong to the same agency."))
        return data


class UserForm(ActorFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    password = forms.CharField(
        label=_("Initial password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Leave empty to let the user set one later (the account cannot sign in until then)."),
    )

    class Meta:
        model = User
        fields = [
            "username",
            "first_name",
            "last_name",
            "email",
            "agency",
            "units",
            "roles",
            "preferred_language",
            "is_active",
        ]
        widgets = {"units": forms.CheckboxSelectMultiple, "roles": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["password"]
        self.fields["units"].queryset = Unit.objects.select_related("agency")  # type: ignore[attr-defined]
        self.fields["roles"].queryset = Role.objects.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        agency = data.get("agency")
        for unit in data.get("units") or []:
            if agency is not None and unit.agency_id != agency.pk:
                self.add_error("units", _("Unit %(unit)s belongs to another agency.") % {"unit": unit})
        password = data.get("password")
        if password:
            candidate = User(username=data.get("username", ""), email=data.get("email", ""))
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return data


class RoleForm(ActorFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Role
        fields = ["require_second_factor"]


class ApiTokenForm(ActorFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("What the client is, e.g. 'case import job'."))
    read_only = forms.BooleanField(label=_("Read only"), required=False)
    expires_at = forms.DateTimeField(
        label=_("Expires"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Leave empty for a token that lasts until revoked."),
    )


class TotpConfirmForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )
