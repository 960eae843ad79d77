"""What a tool's page shows: reviews, aggregates, usages and référents, as far as this reader may read
them. It works from the tool it is given (tooling.models.pages imports this module)."""

from core.access import Reader, readable_cooperative_ids, readable_pages, shows_contact
from tooling.models.vocabulary import CRITERIA
from tooling.referents import reachable_referents
from tooling.scoring import summarise


def tool_context(request, tool):
    readable_cooperatives = readable_cooperative_ids(request)
    reviews = readable_pages(request, tool.reviews())
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
    return {
        "summary": summary,
        "criteria": [(label, summary.averages.get(name)) for name, label in CRITERIA],
        "history": [(cooperatives[pk], rows) for pk, rows in summary.history.items()],
        "usages": usages,
        "user_count": len({usage.cooperative_id for usage in usages}),
        "referents": referents,
        "reachable_referents": reachable,
        "readable_cooperatives": readable_cooperatives,
        "alternatives": list(readable_pages(request, tool.alternatives().order_by("title"))),
        "tags": list(tool.tags.all()),
    }
