from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from lmec import views

admin.site.site_header = _("LMEC Bulletins · editors' desk")
admin.site.site_title = _("LMEC Bulletins")
admin.site.index_title = _("Editors' desk")

# "/" has no language: LocaleMiddleware redirects it to /<lang>/ by the browser's
# languages, defaulting to zh-hans.
urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("", include("bulletins.urls")),
    path("partners/", include("partners.urls")),
    path("events/", include("events.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
