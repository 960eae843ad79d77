"""What a member is shown of their follows and notifications: only pages they may read now."""

from django.db.models import Q

from wagtail.models import Page

from client_requests.access import visible_requests
from core.access import readable_cooperative_ids, unrestricted_for
from practices.models import Comment
from tooling.models import ReviewPage

from .models import Follow, Notification

HIDDEN_COMMENTS = [Comment.Status.HIDDEN, Comment.Status.REMOVED]


def readable(request):
    """The live pages this request's reader may read, as a subquery (restricted subtrees dropped)."""
    return unrestricted_for(request, Page.objects.live()).values("pk")


def hidden_reviews(who):
    """Reviews whose cooperative this reader may not read: a review's title names its cooperative,
    so it is shown only where the cooperative may be (as everywhere else on the site)."""
    return ReviewPage.objects.exclude(cooperative_id__in=readable_cooperative_ids(who)).values("pk")


def notifications(request):
    """Newest first; one about a comment only while the comment is visible; one about a client's
    request only while the member may see the request."""
    about = Q(page__in=readable(request)) | Q(
        page=None, client_request__in=visible_requests(request).values("pk")
    )
    return (
        Notification.objects.filter(about, recipient=request.user)
        .exclude(page__in=hidden_reviews(request))
        .exclude(comment__isnull=False, comment__status__in=HIDDEN_COMMENTS)
        .select_related("page", "search", "client_request")
        .order_by("-created_at", "-pk")
    )


def unread_count(request) -> int:
    """One query (the view restrictions and the readable cooperatives are the request's, loaded once
    for every listing of the page)."""
    return notifications(request).unread().count()


def follows(request):
    return Follow.objects.filter(user=request.user, page__in=readable(request)).select_related("page")
