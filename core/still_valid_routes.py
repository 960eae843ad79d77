"""« Toujours valable » on the site: the button near a page's review date, a route of the page."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wagtail.contrib.routable_page.models import path

from core.still_valid import confirm, refusal


def announce_confirmed(request, page, today):
    """The message after a confirmation, on the site and in the admin (core.still_valid_views)."""
    messages.success(
        request,
        _("« %(title)s » est toujours valable : relecture confirmée le %(date)s.")
        % {"title": page.title, "date": date_format(today, "DATE_FORMAT")},
    )


class StillValidRouteMixin:
    """For a RoutablePageMixin page with a `reviewed_field`: the button's POST, « toujours-valable/ »."""

    @path("toujours-valable/", name="still_valid")
    def still_valid(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.is_authenticated:
            return redirect_to_login(self.url)
        problem = refusal(request.user, self)
        if problem:
            return HttpResponse(problem, status=403, content_type="text/plain; charset=utf-8")
        announce_confirmed(request, self, confirm(self, request.user))
        return redirect(self.url)
