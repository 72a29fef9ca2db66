"""The libraries' admins (accounts, groups, login attempts, two-factor devices), with the
project's checked lists.

Registered by django.contrib.auth, django-axes and django-otp, whose admin modules Django imports
before this one (INSTALLED_APPS order): each is registered again with
CheckedListAdminMixin, so that no list of the site answers a query string with a 500.
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django_otp.plugins.otp_totp.models import TOTPDevice

from editorial.admin.lists import CheckedListAdminMixin

for model in [User, Group, AccessAttempt, AccessLog, AccessFailureLog, TOTPDevice]:
    library_admin = type(admin.site._registry[model])
    admin.site.unregister(model)
    admin.site.register(
        model, type(library_admin.__name__, (CheckedListAdminMixin, library_admin), {})
    )
