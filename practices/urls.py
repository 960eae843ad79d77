from django.urls import re_path

from wagtail import views as wagtail_views

# Wagtail's catch-all pattern only serves paths ending in "/". This one hands "<page-url>export.md"
# to the same serve view, so the practice page's RoutablePageMixin route answers it after Wagtail's
# privacy checks (view restrictions) have run. Include it before wagtail.urls.
urlpatterns = [
    re_path(r"^((?:[\w\-]+/)+export\.md)/?$", wagtail_views.serve, name="practice_export"),
]
