"""Staff accounts: the password reset by e-mail, in the admin's look.

"Forgotten your password?" on the admin login page (and on the lock-out page) leads here:
Django's own views and templates, with the admin's header, and a new password lifts a
lock-out of the user name (django-axes), so that failures an attacker causes cannot keep
an editor out for longer than it takes to read a mail.
"""

from axes.utils import reset as axes_reset
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path


class AdminLookMixin:
    def get_context_data(self, **kwargs):
        return admin.site.each_context(self.request) | super().get_context_data(**kwargs)


class PasswordResetView(AdminLookMixin, auth_views.PasswordResetView):
    pass


class PasswordResetDoneView(AdminLookMixin, auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(AdminLookMixin, auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        axes_reset(username=form.user.get_username())
        return response


class PasswordResetCompleteView(AdminLookMixin, auth_views.PasswordResetCompleteView):
    pass


# Before admin.site.urls (lmec/urls.py): the admin login links "admin_password_reset".
urlpatterns = [
    path("admin/password_reset/", PasswordResetView.as_view(), name="admin_password_reset"),
    path(
        "admin/password_reset/done/",
        PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "admin/reset/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("admin/reset/done/", PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
