from django import template

from tooling.models import ToolPage, ToolUsage

register = template.Library()


@register.inclusion_tag("tooling/includes/cooperative_tools.html")
def tools_of_cooperative(cooperative):
    """The public tools a cooperative declared it uses, with its relationship (for its page)."""
    public_tools = ToolPage.objects.live().public().values("pk")
    usages = (
        ToolUsage.objects.filter(cooperative=cooperative, tool__in=public_tools)
        .select_related("tool")
        .order_by("tool__title")
    )
    return {"usages": list(usages), "cooperative": cooperative}
