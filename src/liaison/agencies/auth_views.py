"""Sign-in, second factor (verify or enrol), sign-out."""

from __future__ import annotations

from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from liaison.agencies import actions
from liaison.agencies.forms import TotpConfirmForm


def next_url(request: HttpRequest, fallback: str = "dashboard") -> str:
    """Where to go after this step: the request's `next` when it is an address on this node (same host; https
    when the request is), else `fallback` (a URL name). Django's sign-in and language switch apply the same rule."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


class SignInView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


class SecondFactorView(LoginRequiredMixin, View):
    """Verify the signed-in user's authenticator code, or enrol an authenticator first if they have none."""

    template_name = "registration/second_factor.html"

    def _confirmed(self, request: HttpRequest) -> TOTPDevice | None:
        return TOTPDevice.objects.filter(user=request.user, confirmed=True).first()

    def _pending(self, request: HttpRequest) -> TOTPDevice:
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        return device or actions.do_start_totp_enrolment(request.user, actor=request.user)  # type: ignore[arg-type]

    def _render(self, request: HttpRequest, form: TotpConfirmForm, device: TOTPDevice, enrolling: bool) -> HttpResponse:
        context: dict[str, Any] = {"form": form, "enrolling": enrolling}
        if enrolling:
            context["qr_svg"] = segno.make(device.config_url, error="m").svg_inline(scale=4)
            context["secret"] = device.config_url.split("secret=")[1].split("&")[0]
        return render(request, self.template_name, context)

    def get(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_verified():  # type: ignore[union-attr]
            return redirect(next_url(request))
        device = self._confirmed(request)
        enrolling = device is None
        return self._render(request, TotpConfirmForm(), device or self._pending(request), enrolling)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = TotpConfirmForm(request.POST)
        device = self._confirmed(request)
        enrolling = device is None
        device = device or self._pending(request)
        if form.is_valid():
            token = form.cleaned_data["token"].strip()
            ok = actions.do_confirm_totp(device, token, actor=request.user) if enrolling else device.verify_token(token)
            if ok:
                otp_login(request, device)
                if enrolling:
                    messages.success(request, _("Your authenticator is set up."))
                return redirect(next_url(request))
            form.add_error("token", _("That code is not right. Check your device's clock and try the newest code."))
        return self._render(request, form, device, enrolling)
