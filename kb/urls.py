from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from kb.views import LoginView, serve_image_file

MEDIA_PREFIX = settings.MEDIA_URL.strip("/")

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Images go through kb.access; nothing else in MEDIA_ROOT has a URL (documents: the route above).
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
    path("sitemap.xml", sitemap, name="sitemap"),
]

urlpatterns += [path("", include("practices.urls")), path("", include(wagtail_urls))]
