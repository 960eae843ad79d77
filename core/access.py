"""Who may read what: the one access rule every surface asks.

A page's *audience* is a set of tokens; a reader may read it when they hold one of them (or see
everything). Tokens: "public" (everyone), "login" (any signed-in user), "group:<id>" (members of
that Django group), "password:<id>" (whoever typed that restriction's password this session),
"password:collection:<id>" (the same for a collection's restriction).
Wagtail's view restrictions on the page and its ancestors make the audience; several restrictions
on the way down are all required, which `narrowest` keeps as one set that is never wider.

Pages and their older versions, listings, tool aggregates, the cooperatives an item names,
search documents, excerpts, suggestions, feeds, e-mails, the admin, and downloads of documents and
images all ask here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property

from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest

from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
)

from core.page_types import pages_of
from core.roles import MEMBERS, MODERATORS, PUBLIC_COLLECTION
from kb.models.audience import PublishedAudience

PUBLIC = "public"
LOGGED_IN = "login"
PUBLIC_AUDIENCE = frozenset({PUBLIC})


def group_token(group_id: int) -> str:
    return f"group:{group_id}"


def password_token(restriction_id: int) -> str:
    return f"password:{restriction_id}"


def collection_password_token(restriction_id: int) -> str:
    return f"password:collection:{restriction_id}"


def _implied(token: str) -> set[str]:
    """The tokens a holder of `token` also holds: group members are signed in; everyone is public."""
    if token.startswith("group:"):
        return {token, LOGGED_IN, PUBLIC}
    return {token, PUBLIC}


def narrowest(first: Iterable[str], second: Iterable[str]) -> frozenset[str]:
    """One audience whose readers may read both: the holders of a token that satisfies each."""
    first, second = set(first), set(second)
    return frozenset(
        token for token in first | second if _implied(token) & first and _implied(token) & second
    )


def covers(wide: Iterable[str], narrow: Iterable[str]) -> bool:
    """Whether every reader of `narrow` may also read `wide` (showing `wide` content there is safe)."""
    wide = set(wide)
    return all(_implied(token) & wide for token in narrow)


def indexable(audience: Iterable[str]) -> bool:
    """Search indexes only what a known audience may read: nobody-but-admins and password pages stay out."""
    audience = set(audience)
    return bool(audience) and not any(token.startswith("password:") for token in audience)


@dataclass(frozen=True)
class Reader:
    """A reader reduced to the tokens they hold."""

    tokens: frozenset[str] = frozenset({PUBLIC})
    sees_everything: bool = False
    user_id: int | None = None
    is_member: bool = False
    is_moderator: bool = False

    @classmethod
    def anonymous(cls) -> Reader:
        return cls()

    @classmethod
    def for_user(
        cls, user, passed_restrictions: Iterable[int] = (), passed_collection_restrictions: Iterable[int] = ()
    ) -> Reader:
        passwords = {password_token(pk) for pk in passed_restrictions}
        passwords |= {collection_password_token(pk) for pk in passed_collection_restrictions}
        if user is None or not user.is_authenticated or not user.is_active:
            return cls(tokens=frozenset({PUBLIC, *passwords}))
        groups = list(user.groups.values_list("pk", "name"))
        tokens = {PUBLIC, LOGGED_IN, *passwords, *(group_token(pk) for pk, _name in groups)}
        return cls(
            tokens=frozenset(tokens),
            sees_everything=user.is_superuser,
            user_id=user.pk,
            is_member=user.is_superuser or any(name == MEMBERS for _pk, name in groups),
            is_moderator=any(name == MODERATORS for _pk, name in groups),
        )

    @classmethod
    def from_request(cls, request) -> Reader:
        """The request's reader, computed once per request."""
        if request is None:
            return cls.anonymous()
        cached = getattr(request, "_kb_reader", None)
        if cached is None:
            session = getattr(request, "session", None) or {}
            cached = cls.for_user(
                getattr(request, "user", None),
                session.get(PageViewRestriction.passed_view_restrictions_session_key, []),
                session.get(CollectionViewRestriction.passed_view_restrictions_session_key, []),
            )
            request._kb_reader = cached
        return cached

    def can_read(self, audience: Iterable[str] | None) -> bool:
        if self.sees_everything:
            return True
        return audience is not None and not self.tokens.isdisjoint(audience)


def reader_of(who) -> Reader:
    """A Reader from a Reader, a request or a user."""
    if isinstance(who, Reader):
        return who
    if isinstance(who, HttpRequest):
        return Reader.from_request(who)
    return Reader.for_user(who)


def is_member(user) -> bool:
    """Members read members-only content, comment and write reviews."""
    return Reader.for_user(user).is_member


def members_audience() -> frozenset[str]:
    """The audience of members-only content (the Membres group)."""
    return frozenset({group_token(Group.objects.get_or_create(name=MEMBERS)[0].pk)})


# --- pages ---------------------------------------------------------------------------------------


def restriction_audience(restriction: BaseViewRestriction) -> frozenset[str]:
    """The audience of one view restriction, on a page or on a collection."""
    kind = restriction.restriction_type
    if kind == BaseViewRestriction.LOGIN:
        return frozenset({LOGGED_IN})
    if kind == BaseViewRestriction.GROUPS:
        return frozenset(group_token(group.pk) for group in restriction.groups.all())
    if kind == BaseViewRestriction.PASSWORD:
        if isinstance(restriction, CollectionViewRestriction):
            return frozenset({collection_password_token(restriction.pk)})
        return frozenset({password_token(restriction.pk)})
    return frozenset({PUBLIC})


@dataclass
class Restrictions:
    """Every view restriction, loaded once (there are few), keyed by its page's tree path."""

    by_path: dict[str, list[PageViewRestriction]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Restrictions:
        by_path = {}
        for restriction in PageViewRestriction.objects.select_related("page").prefetch_related("groups"):
            by_path.setdefault(restriction.page.path, []).append(restriction)
        return cls(by_path)

    def audience(self, page: Page) -> frozenset[str]:
        """Who may read `page` once it is live, from the restrictions on it and its ancestors."""
        return self.audience_at(page.path)

    def audience_at(self, path: str) -> frozenset[str]:
        steps = Page.steplen
        audience = frozenset({PUBLIC})
        for depth in range(1, len(path) // steps + 1):
            for restriction in self.by_path.get(path[: depth * steps], ()):
                audience = narrowest(audience, restriction_audience(restriction))
        return audience

    def shown_with(self, audience: Iterable[str], path: str, live: bool) -> bool:
        """Whether a page at `path` may be named (or counted) in content read by `audience`:
        it is live and every one of those readers may read it."""
        return live and covers(self.audience_at(path), audience)

    @cached_property
    def all(self) -> list[PageViewRestriction]:
        return [restriction for group in self.by_path.values() for restriction in group]


def restrictions_for(who) -> Restrictions:
    """The view restrictions, loaded once per request (a Reader or a user: loaded now)."""
    if not isinstance(who, HttpRequest):
        return Restrictions.load()
    cached = getattr(who, "_kb_restrictions", None)
    if cached is None:
        cached = who._kb_restrictions = Restrictions.load()
    return cached


def page_audience(page: Page, restrictions: Restrictions | None = None) -> frozenset[str]:
    return (restrictions or Restrictions.load()).audience(page)


def can_read_page(who, page: Page, restrictions: Restrictions | None = None) -> bool:
    """Whether this reader (a Reader, request or user) may read this page: live and within its audience."""
    return bool(page.live) and reader_of(who).can_read(page_audience(page, restrictions))


def readable_pages(who, pages, restrictions: Restrictions | None = None):
    """The live pages of a queryset this reader may read (restricted subtrees dropped in SQL)."""
    return unrestricted_for(who, pages.live(), restrictions)


def unrestricted_for(who, pages, restrictions: Restrictions | None = None):
    """The pages of a queryset, drafts included, outside every restriction this reader does not
    satisfy (restricted subtrees dropped in SQL): what the admin may name to them."""
    reader = reader_of(who)
    if reader.sees_everything:
        return pages
    for restriction in (restrictions or restrictions_for(who)).all:
        if not reader.can_read(restriction_audience(restriction)):
            pages = pages.not_descendant_of(restriction.page, inclusive=True)
    return pages


def admin_reader(user) -> Reader:
    """The reader the admin lists pages for: moderators (who approve and publish anywhere) and
    superusers see every page; an editor sees the restricted pages of the groups they are in.
    Kept on the user object, as Wagtail keeps its permission caches, for the request's duration."""
    cached = getattr(user, "_kb_admin_reader", None)
    if cached is None:
        reader = Reader.for_user(user)
        if reader.is_moderator:
            reader = replace(reader, sees_everything=True)
        cached = reader
        if user is not None:
            user._kb_admin_reader = cached
    return cached


def users_who_may_read(page: Page, users: Iterable) -> list:
    """The users among these who may read `page` now (e-mails go only to them): each one's tokens
    as Reader.for_user gives them, their groups read in one query for all (a fan-out asks for
    a thousand followers at once)."""
    users = list(users)
    if not page.live or not users:
        return []
    audience = page_audience(page)
    groups: dict[int, list[int]] = {}
    active = [user.pk for user in users if user.is_active]
    for user_id, group_id in Group.user_set.through.objects.filter(user_id__in=active).values_list(
        "user_id", "group_id"
    ):
        groups.setdefault(user_id, []).append(group_id)

    def reader(user) -> Reader:
        if not user.is_active:
            return Reader.anonymous()
        tokens = {PUBLIC, LOGGED_IN, *(group_token(pk) for pk in groups.get(user.pk, ()))}
        return Reader(tokens=frozenset(tokens), sees_everything=user.is_superuser, user_id=user.pk)

    return [user for user in users if reader(user).can_read(audience)]


def members_among(users: Iterable) -> list:
    """The active members among these users (members-only words go to them only), in one query."""
    users = list(users)
    members = set(
        Group.user_set.through.objects.filter(
            group__name=MEMBERS, user_id__in=[user.pk for user in users if user.is_active]
        ).values_list("user_id", flat=True)
    )
    return [user for user in users if user.pk in members or (user.is_active and user.is_superuser)]


# --- older versions ------------------------------------------------------------------------------


def record_published_audience(page: Page, revision) -> None:
    """Remember who could read this revision when it went live (older versions keep that audience)."""
    PublishedAudience.objects.update_or_create(
        revision=revision, defaults={"audience": sorted(page_audience(page))}
    )


def narrow_live_versions(root: Page) -> None:
    """A restriction changed under `root`: the live versions there become no wider than it now is.
    Lifting a restriction never widens them: what was written while restricted stays restricted."""
    restrictions = Restrictions.load()
    pages = Page.objects.descendant_of(root, inclusive=True).filter(live_revision__isnull=False)
    recorded = PublishedAudience.objects.in_bulk(
        pages.values_list("live_revision_id", flat=True), field_name="revision_id"
    )
    for page in pages.only("path", "live_revision_id"):
        entry = recorded.get(page.live_revision_id)
        if entry is not None:
            narrowed = sorted(narrowest(entry.audience, restrictions.audience(page)))
            if narrowed != sorted(entry.audience):
                entry.audience = narrowed
                entry.save(update_fields=["audience"])


def can_read_version(who, page: Page, revision) -> bool:
    """An older version shows to readers who may read the page now *and* could read that version
    when it was live. A version with no recorded audience shows to nobody but administrators."""
    reader = reader_of(who)
    if not can_read_page(reader, page):
        return False
    audience = PublishedAudience.objects.filter(revision=revision).values_list("audience", flat=True).first()
    return reader.can_read(audience)


# --- cooperatives ----------------------------------------------------------------------------------


def readable_cooperative_ids(who) -> frozenset[int]:
    """The cooperatives this reader may read: only those are ever named (once per request)."""
    cached = getattr(who, "_kb_readable_cooperatives", None)
    if cached is not None:
        return cached
    # By name: the page models read this module (kb.models.pages → kb.activity → core.access).
    cooperatives = pages_of(apps.get_model("kb", "CooperativePage"))
    # pages_of: on SQLite, without the content type the planner scanned all 21,000 pages (22 ms, 0.7 with it).
    ids = frozenset(readable_pages(who, cooperatives).values_list("pk", flat=True))
    if isinstance(who, HttpRequest):
        who._kb_readable_cooperatives = ids
    return ids


def shows_contact(who, profile) -> bool:
    """A member's e-mail shows to other members, and only when that member opted in."""
    return reader_of(who).is_member and profile is not None and profile.public_contact


# --- documents and images ------------------------------------------------------------------------


def collection_audience(collection: Collection) -> frozenset[str]:
    """Who may download what a collection holds. Private by default: Wagtail's view restrictions on
    the collection and its ancestors make the audience; a collection with none is members-only
    unless it is the public collection (« Documents publics ») or inside it."""
    ancestors = list(collection.get_ancestors(inclusive=True))
    restrictions = CollectionViewRestriction.objects.filter(collection__in=ancestors)
    restrictions = restrictions.prefetch_related("groups")
    audience = PUBLIC_AUDIENCE
    for restriction in restrictions:
        audience = narrowest(audience, restriction_audience(restriction))
    if not restrictions and not any(c.depth == 2 and c.name == PUBLIC_COLLECTION for c in ancestors):
        audience = members_audience()
    return audience


def referencing_pages(obj):
    """The live pages whose content links or shows `obj` (a document or an image), from Wagtail's
    reference index: rich text and StreamField links and embeds, choosers, inline children."""
    references = ReferenceIndex.get_references_to(obj).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    # object_id is text: compare integers, not a text subquery (PostgreSQL would refuse it).
    page_ids = {int(pk) for pk in references.values_list("object_id", flat=True)}
    return Page.objects.live().filter(pk__in=page_ids)


def media_audience(obj, restrictions: Restrictions | None = None) -> frozenset[str]:
    """Who may download a document or image: its collection's audience, narrowed by the audience of
    every live page that references it. A file linked from a restricted page is never wider than it."""
    restrictions = restrictions or Restrictions.load()
    audience = collection_audience(obj.collection)
    for path in referencing_pages(obj).values_list("path", flat=True):
        audience = narrowest(audience, restrictions.audience_at(path))
    return audience
