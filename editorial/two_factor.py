"""Two-factor authentication for staff: a code from an authenticator app (TOTP, django-otp).

Optional for every staff member ("Two-factor authentication" in the admin's user links:
a QR code to scan, one code to confirm). Once a user has a confirmed device, each login
asks for a current code after the password, before any other admin page. With
LMEC_REQUIRE_2FA on, publishers, administrators and superusers must set one up: after the
password they are sent to the setup page. django-otp throttles wrong codes (each failure
doubles the wait), and records in the session which device verified it.
"""

import segno
from django import forms
from django.conf import settings
from django.contrib import admin
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

# The groups that must use two factors when LMEC_REQUIRE_2FA is on (bulletins/0002_roles.py).
REQUIRED_FOR_GROUPS = ("Publisher", "Administrator")
ADMIN_PREFIX = "/admin/"


def must_use_two_factors(user) -> bool:
    if not settings.LMEC_REQUIRE_2FA:
        return False
    return user.is_superuser or user.groups.filter(name__in=REQUIRED_FOR_GROUPS).exists()


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                _("Too many wrong codes. Wait a little, then try the current code.")
            )
        if not self.device.verify_token(code):
            raise forms.ValidationError(
                _("That code is not right, or no longer current. Try the code shown now.")
            )
        return code


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("admin:index")


def _page(request, template: str, title: str, **context):
    return render(
        request,
        template,
        admin.site.each_context(request)
        | {"title": title, "subtitle": None, "next": _next_url(request)}
        | context,
    )


def verify_view(request):
    """After the password: a current code from the user's confirmed device."""
    if not request.user.is_authenticated or not request.user.is_staff:
        return redirect("admin:login")
    device = TOTPDevice.objects.devices_for_user(request.user, confirmed=True).first()
    if device is None:
        return redirect("two_factor_setup")
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(_next_url(request))
    return _page(request, "admin/two_factor/verify.html", _("Two-factor authentication"), form=form)


def setup_view(request):
    """A QR code for the authenticator app, and one code from it to confirm."""
    if not request.user.is_authenticated or not request.user.is_staff:
        return redirect("admin:login")
    confirmed = TOTPDevice.objects.devices_for_user(request.user, confirmed=True).first()
    if confirmed is not None:
        return _page(
            request,
            "admin/two_factor/setup.html",
            _("Two-factor authentication"),
            device=confirmed,
        )
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": _("Authenticator app")}
    )
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        return redirect(_next_url(request))
    qr_code = segno.make(device.config_url, error="m")
    return _page(
        request,
        "admin/two_factor/setup.html",
        _("Set up two-factor authentication"),
        form=form,
        qr_code=mark_safe(qr_code.svg_inline(scale=5, title=_("QR code to scan"))),
        secret=_grouped(device.config_url),
    )


def _grouped(config_url: str) -> str:
    """The secret of an otpauth:// URL in groups of four, for typing it in."""
    secret = config_url.split("secret=", 1)[1].split("&", 1)[0]
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


# Pages a user who still owes the second factor may open.
OPEN_PATHS = ("login/", "logout/", "two-factor/", "password_reset/", "reset/", "jsi18n/")


class TwoFactorMiddleware:
    """Keep a staff member who owes a second factor on the pages that ask for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path_info = request.path_info
        user = getattr(request, "user", None)
        if (
            path_info.startswith(ADMIN_PREFIX)
            and not path_info.removeprefix(ADMIN_PREFIX).startswith(OPEN_PATHS)
            and user is not None
            and user.is_authenticated
            and user.is_staff
            and not user.is_verified()
        ):
            if user_has_device(user):
                return redirect(f"{reverse('two_factor_verify')}?next={request.get_full_path()}")
            if must_use_two_factors(user):
                return redirect(f"{reverse('two_factor_setup')}?next={request.get_full_path()}")
        return self.get_response(request)


urlpatterns = [
    path("admin/two-factor/", setup_view, name="two_factor_setup"),
    path("admin/two-factor/verify/", verify_view, name="two_factor_verify"),
]
