"""Runs where members meet them: on a checklist (start one, find their cooperative's) and on
their cooperative's page."""

from django import template

from core.access import Reader
from runs import access
from runs.models import Run

register = template.Library()

COOPERATIVE_PAGE_RUNS = 10  # a member sees the latest; the cooperative's editors see them all


@register.inclusion_tag("runs/includes/checklist_runs.html", takes_context=True)
def checklist_runs(context, checklist):
    request = context["request"]
    reader = Reader.from_request(request)
    if not reader.is_member:
        return {"member": False}
    own = access.member_cooperative_id(request)
    runs = Run.objects.filter(checklist=checklist, cooperative_id=own) if own else Run.objects.none()
    return {
        "member": True,
        "checklist": checklist,
        "has_cooperative": own is not None,
        "runs": list(access.readable_runs(request, runs)[:COOPERATIVE_PAGE_RUNS]),
        "sees_usage": access.sees_usage(request, checklist),
    }


@register.inclusion_tag("runs/includes/cooperative_runs.html", takes_context=True)
def cooperative_runs(context, cooperative):
    """Only to the cooperative's own members: a run names its project."""
    request = context["request"]
    if access.member_cooperative_id(request) != cooperative.pk:
        return {"shown": False}
    runs = access.readable_runs(request, Run.objects.filter(cooperative=cooperative)).select_related(
        "checklist"
    )
    every = access.edits_cooperative(request, cooperative.pk)
    return {
        "shown": True,
        "runs": list(runs if every else runs[:COOPERATIVE_PAGE_RUNS]),
        "every": every,
        "total": runs.count(),
    }
