"""Who may read and answer a run, on top of core.access (the one access rule).

A run names a project of its cooperative: members of that cooperative read and answer it; once
shared, every network member reads it. Evidence files stay with the run's cooperative, shared or
not. A run is read only where its checklist and its cooperative's page may be read too.
"""

from django.db.models import Q

from core.access import Reader, can_read_page, readable_cooperative_ids, readable_pages, restrictions_for
from kb.models import MemberProfile
from practices.models import ChecklistPage


def member_profile(request) -> tuple[int | None, str | None]:
    """(cooperative id, role) of the request's member, (None, None) for others; once per request."""
    if not hasattr(request, "_runs_profile"):
        profile = None
        if Reader.from_request(request).is_member:
            profile = (
                MemberProfile.objects.filter(user_id=request.user.pk)
                .values_list("cooperative_id", "role")
                .first()
            )
        request._runs_profile = profile or (None, None)
    return request._runs_profile


def member_cooperative_id(request) -> int | None:
    return member_profile(request)[0]


def edits_cooperative(request, cooperative_id) -> bool:
    """An editor (or moderator) whose profile is in this cooperative."""
    own, role = member_profile(request)
    return own is not None and own == cooperative_id and role != MemberProfile.Role.MEMBER


def sees_usage(request, checklist) -> bool:
    """A checklist's usage figures: its authors (the author cooperative's editors) and moderators."""
    reader = Reader.from_request(request)
    if not can_read_page(request, checklist, restrictions_for(request)):
        return False
    if reader.is_moderator or reader.sees_everything:
        return True
    return checklist.author_cooperative_id is not None and edits_cooperative(
        request, checklist.author_cooperative_id
    )


def in_run_cooperative(request, run) -> bool:
    return run.cooperative_id is not None and run.cooperative_id == member_cooperative_id(request)


def can_read_run(request, run) -> bool:
    if not Reader.from_request(request).is_member:
        return False
    if run.cooperative_id not in readable_cooperative_ids(request):
        return False
    if not can_read_page(request, run.checklist, restrictions_for(request)):
        return False
    return run.shared or in_run_cooperative(request, run)


def can_answer(request, run) -> bool:
    """Answering, closing, sharing: the run's cooperative, while the run is open."""
    return not run.closed and in_run_cooperative(request, run) and can_read_run(request, run)


def can_read_evidence(request, run) -> bool:
    return in_run_cooperative(request, run) and can_read_run(request, run)


def readable_runs(request, runs):
    """The runs of a queryset this request may read: its cooperative's, and shared ones."""
    if not Reader.from_request(request).is_member:
        return runs.none()
    own = member_cooperative_id(request)
    checklists = readable_pages(request, ChecklistPage.objects.all()).values("pk")
    return runs.filter(
        Q(shared=True) | Q(cooperative_id=own) if own else Q(shared=True),
        cooperative_id__in=readable_cooperative_ids(request),
        checklist__in=checklists,
    )
