"""« Comparer des outils », the index's route: two to four tools side by side, with their aggregates
and users, as far as this reader may read them."""

from core.access import readable_cooperative_ids, readable_pages
from tooling.forms import CompareForm
from tooling.models.pages import ReviewPage, ToolPage
from tooling.models.vocabulary import CRITERIA
from tooling.scoring import summaries_for_tools


def compared_tools(request, index):
    """The compare page's context, and its status: 400 when the tools asked for are not valid."""
    tools_queryset = readable_pages(request, ToolPage.objects.live().descendant_of(index))
    form = CompareForm(request.GET, tools_queryset)
    context = {"form": form, "tools": [], "rows": []}
    if "tools" in request.GET and form.is_valid():
        tools = form.cleaned_data["tools"]
        summaries = summaries_for_tools(tools, ReviewPage.visible_below(request, index))
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
    return context, status
