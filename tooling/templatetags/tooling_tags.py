from django import template

from tooling.views import cooperative_tools

register = template.Library()


@register.inclusion_tag("tooling/includes/cooperative_tools.html")
def tools_of_cooperative(cooperative):
    return {"usages": cooperative_tools(cooperative), "cooperative": cooperative}
