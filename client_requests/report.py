"""The moderators' figures on requests: where and what clients ask, how fast and how often the
network answers, and the skills asked that no cooperative offers (the next members to recruit)."""

import statistics

from django.db.models import Count, Min

from kb.models import CooperativePage, Skill

from .models import ClientRequest


def requests_report():
    filed = ClientRequest.objects.exclude(status=ClientRequest.Status.SPAM)
    by_region = list(
        filed.values("region__title").annotate(count=Count("pk")).order_by("-count", "region__title")
    )
    by_skill = list(Skill.objects.filter(pk__in=filed.values("skills")).values("pk", "name"))
    asked = {
        row["skills"]: row["count"] for row in filed.values("skills").annotate(count=Count("pk")).order_by()
    }
    offered = set(CooperativePage.objects.live().values_list("skills", flat=True))
    skills = sorted(
        (
            {"name": skill["name"], "count": asked.get(skill["pk"], 0), "offered": skill["pk"] in offered}
            for skill in by_skill
        ),
        key=lambda row: (-row["count"], row["name"]),
    )
    routed = filed.filter(routed_at__isnull=False).annotate(first=Min("interests__created_at"))
    delays = [
        (row.first - row.routed_at).total_seconds() / 86400 for row in routed.only("routed_at") if row.first
    ]
    total = routed.count()
    return {
        "by_region": by_region,
        "by_skill": skills,
        "unmet": [row for row in skills if not row["offered"]],
        "routed": total,
        "answered": len(delays),
        "share_answered": len(delays) / total if total else None,
        "median_days_to_answer": statistics.median(delays) if delays else None,
    }
