"""RSS and Atom feeds of new tools and new reviews; only public pages ever appear in them."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from wagtail.models import Page

from core.access import Reader, readable_cooperative_ids, readable_pages
from tooling.models.pages import ReviewPage, ToolPage

FEED_LENGTH = 30


class ToolWatchFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, scope):
        super().__init__()
        self.scope = scope

    def title(self):
        return _("CoopKB, veille outils : %(scope)s") % {"scope": self.scope.title}

    def description(self):
        return _("Nouveaux outils et nouveaux avis des coopératives.")

    def link(self):
        return self.scope.url

    def items(self):
        # Feed readers are anonymous, whoever asks: only what the public may read goes out, and a
        # review only when its cooperative's page is public too (its title names it).
        public = Reader.anonymous()
        pages = readable_pages(public, Page.objects.type(ToolPage, ReviewPage).descendant_of(self.scope))
        hidden_reviews = ReviewPage.objects.exclude(cooperative__in=readable_cooperative_ids(public))
        pages = pages.exclude(pk__in=hidden_reviews.values("pk"))
        return list(pages.order_by("-first_published_at", "-pk")[:FEED_LENGTH].specific())

    def item_title(self, item):
        if isinstance(item, ReviewPage):
            return _("Avis sur %(tool)s : %(ring)s (%(cooperative)s)") % {
                "tool": item.get_parent().title,
                "ring": item.get_ring_display(),
                "cooperative": item.cooperative.title,
            }
        return _("Nouvel outil : %(tool)s") % {"tool": item.title}

    def item_description(self, item):
        return item.recommendation if isinstance(item, ReviewPage) else item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class ToolWatchAtomFeed(ToolWatchFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()


FEEDS = {"rss": ToolWatchFeed, "atom": ToolWatchAtomFeed}


def serve_feed(request, scope, kind):
    if kind not in FEEDS:
        raise Http404(_("Flux inconnu : choisissez rss ou atom."))
    return FEEDS[kind](scope)(request)
