from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from coopkb.views import LoginView, not_found, site_plan
from core.admin_privacy import ShownPageTypesUsageReportView
from core.sitemap_xml import sitemap_sections
from core.views import serve_image_file

MEDIA_PREFIX = settings.MEDIA_URL.strip("/")
SITEMAP_SECTIONS = sitemap_sections()  # from every app's wagtail_hooks.py

# Wagtail's page types usage report names each type's last edited page, whatever its restrictions,
# and takes no hook: ours answers at its URLs, ahead of the admin's (see core.admin_privacy).
page_types_usage = [
    path(
        "admin/reports/page-types-usage/",
        require_admin_access(ShownPageTypesUsageReportView.as_view()),
    ),
    path(
        "admin/reports/page-types-usage/results/",
        require_admin_access(ShownPageTypesUsageReportView.as_view(results_only=True)),
    ),
]

urlpatterns = [
    path("django-admin/", admin.site.urls),
    *page_types_usage,
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document URLs read the id with (\d+): 4,301 digits and more make int() fail (a 500).
    # No id has 20 digits (the largest fits in 19): answer those 404 before Wagtail sees them.
    re_path(r"^documents/\d{20,}/", not_found),
    path("documents/", include(wagtaildocs_urls)),
    # Images go through core.access; nothing else in MEDIA_ROOT has a URL (documents: the route above).
    path(f"{MEDIA_PREFIX}/images/<path:path>", serve_image_file, name="image_file"),
    path(
        f"{MEDIA_PREFIX}/original_images/<path:path>",
        serve_image_file,
        {"original": True},
        name="original_image_file",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("compte/connexion/", LoginView.as_view(), name="login"),
    path("compte/deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("search.urls")),
    path("", include("following.urls")),
    path("", include("client_requests.urls")),
    path("", include("runs.urls")),
    path("plan-du-site/", site_plan, name="site_plan"),
    # For crawlers: an index of sections (core.sitemap_xml), each paginated with ?p=.
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAP_SECTIONS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAP_SECTIONS},
        name="sitemap_section",
    ),
]

urlpatterns += [path("", include("practices.urls")), path("", include(wagtail_urls))]
