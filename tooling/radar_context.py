"""The radars of the index (the network, or one cooperative) and of a category: sectors of blips
from the live reviews this reader may see. It works from the page it is given (the index or a
category, whose routes call it) and the tool and review models below them."""

from django.http import Http404
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from wagtail.models import Page

from core.access import readable_pages
from kb.models import CooperativePage
from tooling.models.pages import ReviewPage, ToolPage
from tooling.radar import Blip, Sector, layout
from tooling.scoring import summarise


def radar_data(request, scope, cooperative=None):
    """Sectors of blips for a category (by licence), the federation or a cooperative (by category)."""
    reviews = list(ReviewPage.visible_below(request, scope))
    federation = {}
    for review in reviews:
        federation.setdefault(review.path[: -ToolPage.steplen], []).append(review)
    tools = readable_pages(request, ToolPage.objects.live().filter(path__in=list(federation)))
    tools = list(tools.only("id", "path", "depth", "title", "slug", "url_path", "licence_kind"))

    sectors = {}
    disagreements = []
    for tool in tools:
        everyone = summarise(federation[tool.path])
        if everyone.disagreement:
            disagreements.append((tool, everyone))
        own = federation[tool.path]
        if cooperative is not None:
            own = [review for review in own if review.cooperative_id == cooperative.pk]
        summary = summarise(own) if cooperative is not None else everyone
        if summary.ring is None:
            continue
        key = (
            tool.path[: -ToolPage.steplen] if scope.radar_covers_network else tool.get_licence_kind_display()
        )
        sectors.setdefault(key, []).append(
            Blip(
                tool=tool,
                ring=summary.ring,
                url=tool.get_url(request=request),
                is_new=summary.is_new,
                has_moved=summary.has_moved,
                disagreement=everyone.disagreement,
            )
        )
    if scope.radar_covers_network:  # sectors are the categories, the tools' parents
        titles = dict(Page.objects.filter(path__in=list(sectors)).values_list("path", "title"))
        sectors = {titles.get(path, path): blips for path, blips in sectors.items()}
    radar = layout([Sector(label=label, blips=blips) for label, blips in sorted(sectors.items())])
    disagreements.sort(key=lambda pair: pair[0].title.lower())
    return radar, disagreements


def radar_cooperative(request, cooperative_slug):
    cooperative = None
    if cooperative_slug is not None:
        cooperative = readable_pages(request, CooperativePage.objects.filter(slug=cooperative_slug)).first()
        if cooperative is None:
            raise Http404(_("Coopérative introuvable."))
    return cooperative


def radar_title(scope, cooperative):
    if cooperative is not None:
        return _("Radar de %(cooperative)s") % {"cooperative": cooperative.title}
    if scope.radar_covers_network:
        return _("Radar du réseau")
    return _("Radar : %(category)s") % {"category": scope.title}


def radar_page_context(request, scope, cooperative_slug=None):
    """The radar page's: the radar, its table's disagreements and the cooperatives that have one."""
    cooperative = radar_cooperative(request, cooperative_slug)
    radar, disagreements = radar_data(request, scope, cooperative)
    # Only cooperatives with a review this reader may read: never one whose review is a draft.
    reviewers = ReviewPage.visible_below(request, scope).values("cooperative")
    cooperatives = CooperativePage.objects.filter(pk__in=reviewers)
    return {
        "radar": radar,
        "disagreements": disagreements,
        "cooperative": cooperative,
        "radar_title": radar_title(scope, cooperative),
        "cooperatives": cooperatives.order_by("title"),
        "is_index": scope.radar_covers_network,
    }


def radar_svg(request, scope):
    """The network's or the category's radar alone, as an SVG document."""
    radar, _disagreements = radar_data(request, scope)
    return render_to_string(
        "tooling/includes/radar.svg",
        {"radar": radar, "radar_title": radar_title(scope, None), "standalone": True},
        request=request,
    )
