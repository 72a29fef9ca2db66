from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import index, sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from editorial import accounts, two_factor
from lmec import views
from lmec.page_cache import cacheable_page
from reading.sitemaps import SITEMAPS
from reading.views.home import robots_txt

admin.site.site_header = _("LMEC Bulletins · editors' desk")
admin.site.site_title = _("LMEC Bulletins")
admin.site.index_title = _("Editors' desk")
handler500 = views.server_error

# "/" has no language: lmec.languages.ReaderLanguageMiddleware redirects it to /<lang>/ by
# the browser's languages (English for any other language, zh-hans when it names none).
urlpatterns = [
    *accounts.urlpatterns,  # the password reset, under /admin/ beside the login
    *two_factor.urlpatterns,
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # An e-mail service's tracking webhooks (bounces, complaints): publishing/mail/bounces.py.
    path("anymail/", include("anymail.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", views.favicon, name="favicon"),
    # An index of the sections' sitemaps, each in pages of at most 500 addresses (?p=2):
    # at 400 issues a single sitemap took over 30 s to build.
    path(
        "sitemap.xml",
        cacheable_page(index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        cacheable_page(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]

urlpatterns += i18n_patterns(path("", include("reading.urls")), prefix_default_language=True)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
