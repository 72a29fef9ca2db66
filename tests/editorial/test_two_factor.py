"""Two-factor authentication: staff set up an authenticator app; logins then ask for a code."""

import re

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory

PASSWORD = "the right passphrase 2026"


def log_in(client, username):
    return client.post(
        "/admin/login/?next=/admin/", {"username": username, "password": PASSWORD}, follow=True
    )


def current_code(device, offset=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time += offset
    return f"{totp.token():0{device.digits}d}"


def set_up(client):
    """Open the setup page, read the QR code's app, and confirm with its code."""
    page = client.get("/admin/two-factor/")
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post("/admin/two-factor/", {"code": current_code(device)})
    device.refresh_from_db()
    return page, response, device


@pytest.mark.django_db
def test_an_editor_sets_up_an_app_and_each_login_then_asks_for_a_code(client, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the right code may follow a wrong one at once
    UserFactory(username="editor", password=PASSWORD, role="Editor")
    log_in(client, "editor")

    page, confirmed, device = set_up(client)

    assert "Scan this QR code" in page.content.decode()
    assert re.search(r"<code>([A-Z2-7]{4} ){3,}", page.content.decode())  # the key, typeable
    assert confirmed.status_code == 302 and device.confirmed
    client.post("/admin/logout/")

    asked = log_in(client, "editor")
    assert asked.redirect_chain[-1][0].startswith("/admin/two-factor/verify/?next=/admin/")
    assert client.get("/admin/bulletins/bulletin/").status_code == 302  # nothing else yet
    wrong = client.post("/admin/two-factor/verify/?next=/admin/", {"code": "000000"})
    assert "That code is not right" in wrong.content.decode()
    right = client.post(
        "/admin/two-factor/verify/?next=/admin/", {"code": current_code(device, offset=30)}
    )
    assert right["Location"] == "/admin/"
    assert client.get("/admin/bulletins/bulletin/").status_code == 200


@pytest.mark.django_db
def test_wrong_codes_are_throttled(client):
    UserFactory(username="editor", password=PASSWORD, role="Editor")
    log_in(client, "editor")
    _page, _confirmed, device = set_up(client)
    client.post("/admin/logout/")
    log_in(client, "editor")

    for _attempt in range(3):
        client.post("/admin/two-factor/verify/", {"code": "000000"})
    throttled = client.post("/admin/two-factor/verify/", {"code": current_code(device)})

    assert "Too many wrong codes" in throttled.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "required", "lands_on"),
    [
        ("Publisher", True, "/admin/two-factor/?next=/admin/"),
        ("Administrator", True, "/admin/two-factor/?next=/admin/"),
        ("Editor", True, "/admin/"),
        ("Publisher", False, "/admin/"),
    ],
)
def test_publishers_and_administrators_must_set_one_up_when_required(
    client, settings, role, required, lands_on
):
    settings.LMEC_REQUIRE_2FA = required
    UserFactory(username="staff", password=PASSWORD, role=role)

    response = log_in(client, "staff")

    assert response.redirect_chain[-1][0] == lands_on
    if lands_on != "/admin/":
        assert client.get("/admin/bulletins/bulletin/").status_code == 302
        _page, confirmed, _device = set_up(client)
        assert confirmed["Location"] == "/admin/"
        assert client.get("/admin/bulletins/bulletin/").status_code == 200
