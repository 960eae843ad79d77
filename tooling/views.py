"""Public views of the tool watch: tool page context, review form, questions to the référents,
comparison, radars."""

import logging

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kb.access import Reader, readable_cooperative_ids, readable_pages, shows_contact
from kb.limits import retry_after, too_many_requests
from kb.models import CooperativePage
from tooling.forms import AskReferentsForm, CompareForm, ReviewForm
from tooling.models import ReviewPage, ToolCategoryPage, ToolIndexPage, ToolPage
from tooling.radar import Blip, Sector, layout
from tooling.referents import questions, reachable_referents, send_questions
from tooling.scoring import CRITERIA, summaries_for_tools, summarise, visible_reviews

logger = logging.getLogger(__name__)


def tool_context(request, tool):
    """Reviews, aggregates, usages and référents of a tool, as far as this reader may read them."""
    readable_cooperatives = readable_cooperative_ids(request)
    reviews = readable_pages(request, ReviewPage.objects.child_of(tool))
    reviews = list(
        reviews.filter(cooperative__in=readable_cooperatives).select_related("cooperative", "author")
    )
    summary = summarise(reviews)
    usages = [
        usage
        for usage in tool.usages.select_related("cooperative").order_by("cooperative__title")
        if usage.cooperative_id in readable_cooperatives
    ]
    rows = list(tool.referents.select_related("user__kb_profile", "cooperative"))
    referents = [
        (referent, shows_contact(request, getattr(referent.user, "kb_profile", None))) for referent in rows
    ]
    # « Écrire aux référents » for members: how many may receive it (None: not offered to this reader).
    reachable = None
    if rows and Reader.from_request(request).is_member:
        reachable = len(reachable_referents(tool, rows, request.user))
    cooperatives = {review.cooperative_id: review.cooperative for review in reviews}
    alternatives = ToolPage.objects.live().filter(listed_as_alternative__tool=tool)
    return {
        "summary": summary,
        "criteria": [(label, summary.averages.get(name)) for name, label in CRITERIA],
        "history": [(cooperatives[pk], rows) for pk, rows in summary.history.items()],
        "usages": usages,
        "user_count": len({usage.cooperative_id for usage in usages}),
        "referents": referents,
        "reachable_referents": reachable,
        "readable_cooperatives": readable_cooperatives,
        "alternatives": list(readable_pages(request, alternatives.order_by("title"))),
        "tags": list(tool.tags.all()),
    }


def unique_child_slug(parent, base):
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def write_review(request, tool):
    """ "Rédiger un avis": members only; the review is saved as a draft and sent to moderation."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    profile = getattr(request.user, "kb_profile", None)
    cooperative = profile.cooperative if profile else None
    if cooperative is None:
        return render(request, "tooling/review_forbidden.html", {"page": tool}, status=403)
    # Each draft e-mails the moderators: settings.KB_RATE_LIMITS["review"] caps them.
    if request.method == "POST" and (seconds := retry_after(request, "review")):
        return too_many_requests(request, "review", seconds)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        review = submit_review(form, tool, cooperative, request.user)
        messages.success(
            request,
            _("Merci ! Votre avis « %(title)s » est envoyé en modération : il sera publié après relecture.")
            % {"title": review.title},
        )
        return redirect(tool.url)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "tooling/review_form.html",
        {"page": tool, "form": form, "cooperative": cooperative},
        status=status,
    )


def ask_referents(request, tool):
    """« Écrire aux référents »: members only; one e-mail to each référent who may read the tool, a copy
    to the sender, then back to the tool with a message. Bad input keeps what was typed, sends nothing."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not Reader.from_request(request).is_member:
        return render(request, "tooling/ask_referents_forbidden.html", {"page": tool}, status=403)
    recipients = reachable_referents(tool, tool.referents.select_related("user"), request.user)
    form = AskReferentsForm(request.POST or None)
    context = {"page": tool, "form": form, "recipients": len(recipients), "send_failed": False}
    can_send = bool(recipients and request.user.email)
    if request.method == "POST" and can_send and form.is_valid():
        # Each message e-mails every référent: settings.KB_RATE_LIMITS["ask_referents"] caps them.
        if seconds := retry_after(request, "ask_referents"):
            return too_many_requests(request, "ask_referents", seconds)
        try:
            send_questions(questions(tool, request.user, recipients, **form.cleaned_data))
        except OSError:  # SMTP refused or unreachable: say so, keep the text for another try
            logger.exception("question to the référents of tool %s not sent", tool.pk)
            context["send_failed"] = True
            return render(request, "tooling/ask_referents.html", context, status=503)
        messages.success(
            request,
            ngettext(
                "Votre message est parti vers %(count)d référent ; une copie vous est envoyée par e-mail.",
                "Votre message est parti vers %(count)d référents ; une copie vous est envoyée par e-mail.",
                len(recipients),
            )
            % {"count": len(recipients)},
        )
        return redirect(tool.url)
    status = 400 if request.method == "POST" else 200
    return render(request, "tooling/ask_referents.html", context, status=status)


@transaction.atomic
def submit_review(form, tool, cooperative, user):
    review = form.save(commit=False)
    today = timezone.localdate()
    review.cooperative = cooperative
    review.author = user
    review.review_date = today
    review.title = _("Avis de %(cooperative)s (%(date)s)") % {"cooperative": cooperative.title, "date": today}
    review.slug = unique_child_slug(tool, slugify(f"avis-{cooperative.slug}-{today.isoformat()}"))
    review.live = False
    review.owner = user
    tool.add_child(instance=review)
    review.save_revision(user=user, log_action=True)
    workflow = review.get_workflow()
    if workflow is not None:
        workflow.start(review, user)
    return review


def compare_tools(request, index):
    tools_queryset = readable_pages(request, ToolPage.objects.live().descendant_of(index))
    form = CompareForm(request.GET, tools_queryset)
    context = {"page": index, "form": form, "tools": [], "rows": []}
    if "tools" in request.GET and form.is_valid():
        tools = form.cleaned_data["tools"]
        summaries = summaries_for_tools(request, tools, index)
        context["tools"] = [(tool, summaries[tool.pk]) for tool in tools]
        context["criteria"] = CRITERIA
        readable_cooperatives = readable_cooperative_ids(request)
        context["usages"] = {
            tool.pk: sorted(
                {
                    usage.cooperative.title
                    for usage in tool.usages.select_related("cooperative")
                    if usage.cooperative_id in readable_cooperatives
                }
            )
            for tool in tools
        }
    status = 400 if "tools" in request.GET and not form.is_valid() else 200
    return render(request, "tooling/compare.html", context, status=status)


def radar_data(request, scope, cooperative=None):
    """Sectors of blips for a category (by licence), the federation or a cooperative (by category)."""
    reviews = list(visible_reviews(request, scope))
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
            tool.get_licence_kind_display()
            if isinstance(scope, ToolCategoryPage)
            else tool.path[: -ToolPage.steplen]
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
    if not isinstance(scope, ToolCategoryPage):
        titles = dict(ToolCategoryPage.objects.filter(path__in=list(sectors)).values_list("path", "title"))
        sectors = {titles.get(path, path): blips for path, blips in sectors.items()}
    radar = layout([Sector(label=label, blips=blips) for label, blips in sorted(sectors.items())])
    disagreements.sort(key=lambda pair: pair[0].title.lower())
    return radar, disagreements


def radar_scope(request, cooperative_slug):
    cooperative = None
    if cooperative_slug is not None:
        cooperative = readable_pages(request, CooperativePage.objects.filter(slug=cooperative_slug)).first()
        if cooperative is None:
            raise Http404(_("Coopérative introuvable."))
    return cooperative


def radar_title(scope, cooperative):
    if cooperative is not None:
        return _("Radar de %(cooperative)s") % {"cooperative": cooperative.title}
    if isinstance(scope, ToolIndexPage):
        return _("Radar du réseau")
    return _("Radar : %(category)s") % {"category": scope.title}


def radar_page(request, scope, cooperative_slug=None):
    cooperative = radar_scope(request, cooperative_slug)
    radar, disagreements = radar_data(request, scope, cooperative)
    # Only cooperatives with a review this reader may read: never one whose review is a draft.
    reviewers = visible_reviews(request, scope).values("cooperative")
    cooperatives = CooperativePage.objects.filter(pk__in=reviewers)
    return render(
        request,
        "tooling/radar_page.html",
        {
            "page": scope,
            "radar": radar,
            "disagreements": disagreements,
            "cooperative": cooperative,
            "radar_title": radar_title(scope, cooperative),
            "cooperatives": cooperatives.order_by("title"),
            "is_index": isinstance(scope, ToolIndexPage),
        },
    )


def radar_svg(request, scope):
    radar, _disagreements = radar_data(request, scope)
    svg = render_to_string(
        "tooling/includes/radar.svg",
        {"radar": radar, "radar_title": radar_title(scope, None), "standalone": True},
        request=request,
    )
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


def cooperative_tools(cooperative):
    """Tools a cooperative declared it uses, with its relationship (for its page)."""
    from tooling.models import ToolUsage

    public_tools = ToolPage.objects.live().public().values("pk")
    return list(
        ToolUsage.objects.filter(cooperative=cooperative, tool__in=public_tools)
        .select_related("tool")
        .order_by("tool__title")
    )
