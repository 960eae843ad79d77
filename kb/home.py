"""What the home page shows beside the network (HomePage.get_context), as the apps contribute it.

Two Wagtail hooks, registered in the apps' wagtail_hooks.py (practices, tooling):
- "kb_home_sections": functions taking the request and returning a dict of the home page's context
  (practices' "new_practices", tooling's "new_reviews" and "radar_moves");
- "kb_member_desk_sections": functions taking the request and the signed-in member's cooperative and
  returning a dict of that member's desk (tooling's "due_tools" and "due_tool_count", practices'
  "practice_reviews").
Each shows only what the reader may read (core.access), in a fixed number of queries whatever the
corpus' size, with the sizes below.
"""

from wagtail import hooks

from core.access import readable_cooperative_ids

LATEST = 6  # cards per "what's new" list
SHOWN_DUE = 8  # due tools and practice reviews listed for a member (the count says the rest)
PAGE_FIELDS = ("id", "title", "path", "depth", "url_path", "last_published_at")


def home_sections(request):
    """The home page's context that the apps contribute ("kb_home_sections")."""
    context = {}
    for section in hooks.get_hooks("kb_home_sections"):
        context.update(section(request))
    return context


def member_desk(request):
    """The signed-in member's cooperative and what it has to look at again ("kb_member_desk_sections"):
    {"cooperative": …, plus the apps' entries}; None for other readers."""
    if not request.user.is_authenticated:
        return None
    profile = getattr(request.user, "kb_profile", None)
    if profile is None or profile.cooperative_id not in readable_cooperative_ids(request):
        return None
    desk = {"cooperative": profile.cooperative}
    for section in hooks.get_hooks("kb_member_desk_sections"):
        desk.update(section(request, desk["cooperative"]))
    return desk
