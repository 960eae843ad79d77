"""Who hears of a publish: the members following the page or a page above it (its category, its
cooperative, its region…) who may read it now, and not the person whose version it is."""

from wagtail.models import Page, PageLogEntry, Revision

from core.access import members_among, users_who_may_read
from tooling.models import ReviewPage

from .mail import mail_at_once
from .models import Follow, Notification


def ancestor_paths(path: str) -> list[str]:
    """The tree paths of a page and of every page above it."""
    steps = Page.steplen
    return [path[:end] for end in range(steps, len(path) + 1, steps)]


def has_followers(page) -> bool:
    """One query, in the request that publishes: most publishes concern nobody and need no task."""
    return Follow.objects.filter(page__path__in=ancestor_paths(page.path)).exists()


def kind_of(page) -> str:
    first = PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() <= 1
    if isinstance(page.specific_deferred, ReviewPage):
        return Notification.Kind.NEW_REVIEW if first else Notification.Kind.NEW_VERSION
    return Notification.Kind.NEW_PAGE if first else Notification.Kind.NEW_VERSION


def followers(page) -> dict[int, Follow]:
    """Each follower of this page or of a page above it, with their deepest follow: what the
    notification says brought it."""
    nearest = {}
    follows = Follow.objects.filter(page__path__in=ancestor_paths(page.path)).select_related("user", "page")
    for follow in follows:
        if follow.user_id not in nearest or follow.page.depth > nearest[follow.user_id].page.depth:
            nearest[follow.user_id] = follow
    return nearest


def notify_of_comment(comment, mentioned, edited: bool) -> int:
    """A mention tells the member named; a new comment tells the page's followers and, for a reply,
    the author of the comment answered — those who may read the page, never its author."""
    page = comment.page
    made = [
        Notification(recipient=user, kind=Notification.Kind.MENTION, page=page, comment=comment)
        for user in users_who_may_read(page, [user for user in mentioned if user.pk != comment.author_id])
    ]
    if not edited:
        told = {comment.author_id, *(user.pk for user in mentioned)}
        nearest = followers(page)
        concerned = [follow.user for pk, follow in nearest.items() if pk not in told]
        if comment.parent_id and comment.parent.author_id not in told | set(nearest):
            concerned.append(comment.parent.author)
        made += [
            Notification(
                recipient=user,
                kind=Notification.Kind.COMMENT,
                page=page,
                comment=comment,
                followed=nearest[user.pk].page if user.pk in nearest else None,
            )
            for user in users_who_may_read(page, concerned)
        ]
    if comment.members_only:  # feedback from a checklist run: members only, whoever follows the page
        allowed = {user.pk for user in members_among(notification.recipient for notification in made)}
        made = [notification for notification in made if notification.recipient.pk in allowed]
    made = Notification.objects.bulk_create(made)
    for kind in (Notification.Kind.MENTION, Notification.Kind.COMMENT):
        mail_at_once([notification for notification in made if notification.kind == kind])
    return len(made)


def notify_followers(page_id: int, revision_id: int | None) -> int:
    """Notifications for this publish (once per revision and member, however often it runs)."""
    page = Page.objects.filter(pk=page_id, live=True).first()
    if page is None:
        return 0
    revision = Revision.objects.filter(pk=revision_id).first() if revision_id else None
    nearest = followers(page)
    author = revision.user_id if revision else None
    told = set(
        Notification.objects.filter(page=page, revision=revision).values_list("recipient_id", flat=True)
    )
    users = [follow.user for pk, follow in nearest.items() if pk != author and pk not in told]
    readers = users_who_may_read(page, users)
    review = page.specific_deferred
    if isinstance(review, ReviewPage):  # named with its cooperative: only for who may read that too
        readers = users_who_may_read(review.cooperative, readers)
    kind = kind_of(page)
    note = str((revision.content if revision else {}).get("change_note") or "")[:255]
    made = Notification.objects.bulk_create(
        [
            Notification(
                recipient=user,
                kind=kind,
                page=page,
                revision=revision,
                followed=nearest[user.pk].page,
                note=note,
            )
            for user in readers
        ],
        batch_size=500,
    )
    mail_at_once(made)
    return len(readers)
