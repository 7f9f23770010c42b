from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View, generic

from liaison.agencies import actions
from liaison.agencies.authentication import session_verified
from liaison.agencies.filters import AgencyFilter, ApiTokenFilter, UnitFilter, UserFilter
from liaison.agencies.forms import AgencyForm, ApiTokenForm, RoleForm, UnitForm, UserForm
from liaison.agencies.models import Agency, ApiToken, Role, Unit, User
from liaison.agencies.tables import AGENCY_TABLE, ROLE_TABLE, TOKEN_TABLE, UNIT_TABLE, USER_TABLE
from liaison.core import access, registry
from liaison.core.permissions import PERMISSIONS, ROLE_PERMISSIONS
from liaison.core.views import (
    ActionDeleteView,
    ActionFormView,
    RestrictedDetailView,
    RestrictedListView,
    RestrictedMixin,
    add_errors,
)


def _actor(request: HttpRequest) -> User:
    """The signed-in user (the views below all require sign-in)."""
    return cast(User, request.user)


# --- agencies ------------------------------------------------------------------------------------------
class AgencyList(RestrictedListView):
    model = Agency
    table = AGENCY_TABLE
    filterset_class = AgencyFilter
    url_prefix = "agency"


class AgencyDetail(RestrictedDetailView):
    model = Agency
    url_prefix = "agency"
    template_name = "agencies/agency_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        agency = self.object
        context["units"] = access.restrict(Unit.objects.filter(agency=agency), _actor(self.request))
        context["users"] = access.restrict(User.objects.filter(agency=agency), _actor(self.request))
        context["record_panels"] = registry.shown_record_panels(self.request, agency)  # e.g. exchange statistics
        return context


class AgencyCreate(ActionFormView):
    model = Agency
    access_action = access.ADD
    form_class = AgencyForm
    url_prefix = "agency"
    action = staticmethod(actions.do_create_agency)


class AgencyUpdate(ActionFormView):
    model = Agency
    access_action = access.CHANGE
    form_class = AgencyForm
    url_prefix = "agency"
    action = staticmethod(actions.do_update_agency)


# --- units ---------------------------------------------------------------------------------------------
class UnitList(RestrictedListView):
    model = Unit
    table = UNIT_TABLE
    filterset_class = UnitFilter
    url_prefix = "unit"

    def base_queryset(self) -> Any:
        return Unit.objects.select_related("agency", "parent")


class UnitDetail(RestrictedDetailView):
    model = Unit
    url_prefix = "unit"
    template_name = "agencies/unit_detail.html"


class UnitCreate(ActionFormView):
    model = Unit
    access_action = access.ADD
    form_class = UnitForm
    url_prefix = "unit"
    action = staticmethod(actions.do_create_unit)


class UnitUpdate(ActionFormView):
    model = Unit
    access_action = access.CHANGE
    form_class = UnitForm
    url_prefix = "unit"
    action = staticmethod(actions.do_update_unit)


class UnitDelete(ActionDeleteView):
    model = Unit
    url_prefix = "unit"
    action = staticmethod(actions.do_delete_unit)


# --- users ---------------------------------------------------------------------------------------------
class UserList(RestrictedListView):
    model = User
    table = USER_TABLE
    filterset_class = UserFilter
    url_prefix = "user"

    def base_queryset(self) -> Any:
        return User.objects.select_related("agency").prefetch_related("roles")


class UserDetail(RestrictedDetailView):
    model = User
    url_prefix = "user"
    template_name = "agencies/user_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        from django_otp.plugins.otp_totp.models import TOTPDevice

        context["has_totp"] = TOTPDevice.objects.filter(user=self.object, confirmed=True).exists()
        return context


class UserCreate(ActionFormView):
    model = User
    access_action = access.ADD
    form_class = UserForm
    url_prefix = "user"

    def run_action(self, form: Any) -> Any:
        data = dict(form.cleaned_data)
        password = data.pop("password", "") or None
        return actions.do_create_user(data, password=password, actor=_actor(self.request))


class UserUpdate(ActionFormView):
    model = User
    access_action = access.CHANGE
    form_class = UserForm
    url_prefix = "user"
    action = staticmethod(actions.do_update_user)


class UserAdminAction(RestrictedMixin, View):
    """POST-only administrative actions on a user: deactivate, reactivate, sign out everywhere, reset 2FA."""

    model = User
    access_action = access.CHANGE

    def post(self, request: HttpRequest, pk: int, operation: str) -> HttpResponse:
        user = self.get_object()
        if operation == "deactivate":
            actions.do_set_user_active(user, False, actor=_actor(request))
            messages.success(request, _("The account is deactivated and signed out everywhere."))
        elif operation == "activate":
            actions.do_set_user_active(user, True, actor=_actor(request))
            messages.success(request, _("The account is active again."))
        elif operation == "sign-out-everywhere":
            actions.do_sign_out_everywhere(user, actor=_actor(request))
            messages.success(request, _("The user is signed out of every session."))
        elif operation == "reset-second-factor":
            actions.do_reset_second_factor(user, actor=_actor(request))
            messages.success(request, _("The user's authenticator is removed; they enrol again at next sign-in."))
        else:
            from django.http import Http404

            raise Http404
        return redirect("user_detail", pk=user.pk)


# --- roles ---------------------------------------------------------------------------------------------
class RoleList(RestrictedListView):
    model = Role
    table = ROLE_TABLE
    url_prefix = "role"
    template_name = "agencies/role_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        roles = list(Role.objects.all())
        context["matrix"] = [
            (code, label, [code in ROLE_PERMISSIONS.get(role.code, ()) for role in roles])
            for code, label in PERMISSIONS.items()
        ]
        context["roles"] = roles
        return context


class RoleDetail(RestrictedDetailView):
    model = Role
    url_prefix = "role"
    template_name = "agencies/role_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        granted = ROLE_PERMISSIONS.get(self.object.code, frozenset())
        context["permissions"] = [(code, label) for code, label in PERMISSIONS.items() if code in granted]
        return context


class RoleUpdate(ActionFormView):
    model = Role
    access_action = access.CHANGE
    form_class = RoleForm
    url_prefix = "role"

    def run_action(self, form: Any) -> Any:
        return actions.do_update_role(
            self.object, require_second_factor=form.cleaned_data["require_second_factor"], actor=_actor(self.request)
        )


# --- API tokens ----------------------------------------------------------------------------------------
class ApiTokenList(RestrictedListView):
    model = ApiToken
    table = TOKEN_TABLE
    filterset_class = ApiTokenFilter
    url_prefix = "api_token"

    def base_queryset(self) -> Any:
        return ApiToken.objects.select_related("user")


class ApiTokenDetail(RestrictedDetailView):
    model = ApiToken
    url_prefix = "api_token"
    template_name = "agencies/api_token_detail.html"


class ApiTokenCreate(ActionFormView):
    """Issues a token for the signed-in user and shows its key once."""

    model = ApiToken
    access_action = access.ADD
    form_class = ApiTokenForm
    url_prefix = "api_token"

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            token, key = actions.do_create_api_token(
                _actor(self.request),
                name=form.cleaned_data["name"],
                read_only=form.cleaned_data["read_only"],
                expires_at=form.cleaned_data["expires_at"],
                second_factor=session_verified(self.request.user),
                actor=_actor(self.request),
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        except actions.SecondFactorRequired as refusal:
            form.add_error(None, str(refusal))
            return self.form_invalid(form)
        return render(self.request, "agencies/api_token_created.html", {"token": token, "key": key})


class ApiTokenRevoke(RestrictedMixin, View):
    model = ApiToken
    access_action = access.CHANGE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        token = self.get_object()
        actions.do_revoke_api_token(token, actor=_actor(request))
        messages.success(request, _("The token is revoked; clients using it are refused from now on."))
        return HttpResponseRedirect(reverse("api_token_detail", kwargs={"pk": token.pk}))


# --- own account ---------------------------------------------------------------------------------------
class AccountView(LoginRequiredMixin, generic.TemplateView):
    template_name = "agencies/account.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        context = super().get_context_data(**kwargs)
        user = _actor(self.request)
        context["has_totp"] = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        context["tokens"] = ApiToken.objects.filter(user=user)[:20]
        context["password_form"] = kwargs.get("password_form") or PasswordChangeForm(user)
        return context


class PasswordChange(LoginRequiredMixin, View):
    def post(self, request: HttpRequest) -> HttpResponse:
        form = PasswordChangeForm(_actor(request), request.POST)
        if not form.is_valid():
            view = AccountView(request=request)
            return render(request, view.template_name, view.get_context_data(password_form=form), status=400)
        actions.do_set_password(_actor(request), form.cleaned_data["new_password1"], actor=_actor(request))
        _actor(request).refresh_from_db()
        update_session_auth_hash(request, _actor(request))
        messages.success(request, _("Your password is changed; your other sessions are signed out."))
        return redirect("account")


class SignOutEverywhere(LoginRequiredMixin, View):
    def post(self, request: HttpRequest) -> HttpResponse:
        actions.do_sign_out_everywhere(_actor(request), actor=_actor(request))
        messages.success(request, _("You are signed out of every session, this one included."))
        return redirect("login")
