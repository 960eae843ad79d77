"""The Atom feed of a followed search: its newest results, read as the member who follows it."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from . import searches


class FollowedSearchFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, _request, token):
        followed = searches.from_feed_token(token)
        if followed is None:
            raise Http404(_("Ce flux n'existe plus : la recherche n'est plus suivie."))
        return followed

    def title(self, followed):
        if followed.text:
            return _("CoopKB, recherche « %(text)s »") % {"text": followed.text}
        return _("CoopKB, recherche suivie")

    def subtitle(self, followed):
        return _("Les résultats les plus récents de cette recherche, tels que %(user)s peut les lire.") % {
            "user": followed.user.get_username()
        }

    def link(self, followed):
        return searches.search_url(followed)

    def items(self, followed):
        return searches.newest(followed, searches.FEED_RESULTS).hits

    def item_title(self, hit):
        return hit.title

    def item_description(self, hit):
        return strip_tags(hit.excerpt)

    def item_link(self, hit):
        return hit.url

    def item_pubdate(self, hit):
        return hit.date

    def item_author_name(self, hit):
        return ", ".join(hit.cooperatives) or None

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # The address is the only key: never kept by a shared cache, never indexed.
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return response
