"""Canaries: a unique word in every kind of content, in every state some reader may not see,
and the crawl of every route of the site that must never show them to such a reader.

Used by tests/privacy/test_canaries.py and, at scale on the loaded corpus, by bench/privacy_probe.py.
Routes come from the URL configuration and from each RoutablePage's own routes, so a new route is
crawled too (or the crawl fails until it knows how to fill the route's parameters).
"""

import re
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, User
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Revision

from client_requests.models import ClientRequest, Interest, Routing
from core.sitemap_xml import sitemap_sections
from following.mail import unsubscribe_token
from following.models import FollowedSearch, Notification
from following.searches import feed_token
from kb.factories import CooperativePageFactory, UserFactory
from kb.models import CooperativePage, RegionPage
from practices.factories import CommentFactory, PracticeCategoryPageFactory
from practices.models import ChecklistPage, Comment, PracticeIndexPage, ProcedurePage
from runs.models import Answer, Run, checklist_items
from tests.factories import PASSWORD
from tests.practices.conftest import make_checklist, make_procedure
from tests.tooling.conftest import make_category, make_review, make_tool
from tooling.factories import ToolUsageFactory
from tooling.models import ToolIndexPage

# Prefixes the public crawl leaves to other suites: the admins (tests/privacy/test_admin.py),
# documents and image files (test_documents.py), the language switch (a POST-only redirect).
NOT_PUBLIC = ("admin/", "django-admin/", "documents/", "media/", "i18n/")


INSIDER = "canary_insider"  # in the committee: reads the committee's canaries
SECOND_INSIDER = "canary_second"
MEMBER = "canary_member"  # a member outside the committee
EDITOR = "canary_editor"  # an editor outside the committee
CONTACT = "contact@canary-coop.example.org"  # the author cooperative's public address


def canary(name):
    return f"zq{name}canari"


@dataclass
class Seeded:
    """Each canary with the reader allowed to see it and where they see it."""

    canaries: dict[str, str] = field(default_factory=dict)  # canary -> URL where its allowed reader sees it
    allowed: dict[str, str] = field(
        default_factory=dict
    )  # canary -> username (or "admin" for the editor view)
    committee: Group | None = None
    thread: Comment | None = None
    client_request: ClientRequest | None = None


def restrict(page, kind, groups=()):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind)
    if groups:
        restriction.groups.set(groups)
    return restriction


def seed_canaries(editor) -> Seeded:
    """Seed every canary on a site that has the sections, a region and two public cooperatives
    (the tests' small tree or the loaded corpus), as `editor` would write them. Index updates run
    after each commit: callers in a test wrap this in django_capture_on_commit_callbacks."""
    practices = PracticeIndexPage.objects.live().first()
    tools_index = ToolIndexPage.objects.live().first()
    region = RegionPage.objects.live().first()
    author_coop, other_coop = CooperativePage.objects.live().public().order_by("pk")[:2]
    committee = Group.objects.create(name="Comité qualité des canaris")
    insider = UserFactory(username=INSIDER, role="member", cooperative=author_coop, password=PASSWORD)
    insider.groups.add(committee)
    UserFactory(username=MEMBER, role="member", cooperative=other_coop, password=PASSWORD)
    UserFactory(username=EDITOR, role="editor", cooperative=other_coop, password=PASSWORD)
    second = UserFactory(username=SECOND_INSIDER, role="member", cooperative=None, password=PASSWORD)
    second.groups.add(committee)
    seed = Seeded(committee=committee)

    def note(word, url, who):
        seed.canaries[word] = url
        seed.allowed[word] = who

    category = PracticeCategoryPageFactory(
        parent=practices, title="Qualité des canaris", slug="canaris-qualite"
    )
    public = make_procedure(category, title="Procédure publique", slug="publique")

    # Procedures and checklists behind each kind of restriction.
    login_only = make_procedure(category, title="Interne " + canary("login"), slug="interne-login")
    restrict(login_only, PageViewRestriction.LOGIN)
    note(canary("login"), login_only.url, MEMBER)

    grouped = make_procedure(
        category,
        title="Comité",
        slug="comite",
        summary="Réservé au comité " + canary("group"),
    )
    restrict(grouped, PageViewRestriction.GROUPS, [committee])
    note(canary("group"), grouped.url, INSIDER)

    checklist = make_checklist(category, title="Contrôle " + canary("checklist"), slug="controle")
    restrict(checklist, PageViewRestriction.GROUPS, [committee])
    note(canary("checklist"), checklist.url, INSIDER)

    # Never published, in moderation, unpublished, deleted.
    draft = ProcedurePage(
        title="Brouillon " + canary("draft"), slug="brouillon", summary="À venir", live=False
    )
    category.add_child(instance=draft)
    draft.save_revision(user=editor)
    note(canary("draft"), f"/admin/pages/{draft.pk}/edit/", "admin")

    moderated = ProcedurePage(
        title="En relecture " + canary("moderation"), slug="relecture", summary="Bientôt", live=False
    )
    category.add_child(instance=moderated)
    moderated.save_revision(user=editor)
    moderated.get_workflow().start(moderated, editor)
    note(canary("moderation"), f"/admin/pages/{moderated.pk}/edit/", "admin")

    gone = make_procedure(category, title="Retirée " + canary("unpublished"), slug="retiree")
    gone.unpublish()
    note(canary("unpublished"), f"/admin/pages/{gone.pk}/edit/", "admin")

    deleted = make_procedure(category, title="Supprimée " + canary("deleted"), slug="supprimee")
    deleted.delete()

    # An older version written while restricted to the committee; the page is public now.
    opened = make_procedure(
        category,
        title="Ouverte",
        slug="ouverte",
        summary="Version du comité " + canary("oldversion"),
    )
    restriction = restrict(opened, PageViewRestriction.GROUPS, [committee])
    old_revision = opened.live_revision
    opened = ProcedurePage.objects.get(pk=opened.pk)
    restriction.delete()
    opened.summary = "Version publique, sans secret."
    opened.save_revision().publish()
    opened.refresh_from_db()
    note(canary("oldversion"), f"{opened.url}versions/{old_revision.pk}/", INSIDER)

    # Tools and reviews: a restricted tool; a review public then restricted; a draft review.
    tools = make_category(tools_index, title="Sauvegarde des canaris", slug="canaris-sauvegarde")
    hidden_tool = make_tool(tools, "Outil " + canary("tool"), slug="outil-secret", licence_kind="free")
    restrict(hidden_tool, PageViewRestriction.GROUPS, [committee])
    note(canary("tool"), hidden_tool.url, INSIDER)

    borg = make_tool(
        tools, "Borg des canaris", slug="canari-borg", summary="Sauvegardes dédupliquées", licence_kind="free"
    )
    make_review(borg, author_coop, "adopt", "2026-01-10", recommendation="Adopté partout")
    restricted_review = make_review(
        borg,
        other_coop,
        "hold",
        "2026-02-10",
        recommendation="Avis du comité " + canary("review"),
        score_features=1,
    )
    restrict(restricted_review, PageViewRestriction.GROUPS, [committee])
    note(canary("review"), restricted_review.url, INSIDER)

    # Cooperatives: one unpublished, one restricted to the committee; both named by public content.
    unpublished_coop = CooperativePageFactory(
        parent=region, title="Coop " + canary("coopunpub"), slug="canari-coop-retiree"
    )
    unpublished_coop.unpublish()
    grouped_coop = CooperativePageFactory(
        parent=region, title="Coop " + canary("coopgroup"), slug="canari-coop-comite"
    )
    restrict(grouped_coop, PageViewRestriction.GROUPS, [committee])
    note(canary("coopgroup"), grouped_coop.url, INSIDER)
    note(canary("coopunpub"), f"/admin/pages/{unpublished_coop.pk}/edit/", "admin")
    for coop in (unpublished_coop, grouped_coop):
        ToolUsageFactory(tool=borg, cooperative=coop, relationship="user")
        make_review(borg, CooperativePage.objects.get(pk=coop.pk), "trial", "2026-03-01")
    public = ProcedurePage.objects.get(pk=public.pk)
    public.adopting_cooperatives.set([unpublished_coop, grouped_coop])
    public.author_cooperative = grouped_coop
    public.save_revision().publish()
    borg = borg.specific_class.objects.get(pk=borg.pk)
    borg.save_revision().publish()  # its page and document read the usages just declared

    # A comment on the committee's page (e-mailed to whom?), and a reply.
    thread = CommentFactory(page=grouped, author=insider, body="Remarque " + canary("comment"))
    note(canary("comment"), grouped.url, INSIDER)
    author_coop = CooperativePage.objects.get(pk=author_coop.pk)
    author_coop.contact_email = CONTACT
    author_coop.save_revision().publish()
    ProcedurePage.objects.filter(pk=grouped.pk).update(author_cooperative=author_coop)
    seed.thread = thread

    # A checklist run of the author cooperative, private to it: its project and an answer's note.
    checked = make_checklist(category, title="Contrôle public", slug="controle-public")
    run = Run.objects.create(
        checklist=checked,
        revision=checked.live_revision,
        items=checklist_items(checked),
        cooperative=author_coop,
        project="Projet " + canary("run"),
        client="Client " + canary("runclient"),
        started_by=insider,
    )
    Answer.objects.create(run=run, item_id=run.items[0]["id"], status="ko", note="Note " + canary("runnote"))
    for word in ("run", "runclient", "runnote"):
        note(canary(word), reverse("run", args=[run.pk]), INSIDER)

    # Notifications about every page, made before their restrictions for the readers outside the
    # committee (followers who lost access): their list, their count and the link may say nothing.
    outsiders = User.objects.filter(username__in=[MEMBER, EDITOR])
    Notification.objects.bulk_create(
        Notification(recipient=user, kind=Notification.Kind.NEW_VERSION, page=page, note=page.title)
        for user in outsiders
        for page in Page.objects.filter(depth__gt=2)
    )
    # A client's request routed to the insider's cooperative only, which answered: the need and the
    # client's name for its members alone. The outsiders were told of it (when they were elsewhere, say).
    client_request = ClientRequest.objects.create(
        title="Demande " + canary("request"),
        description="Besoin du client",
        region=region,
        organisation=ClientRequest.Organisation.ASSOCIATION,
        contact_name="Client " + canary("client"),
        contact_email="client@example.net",
        consented_at=timezone.now(),
        status=ClientRequest.Status.OPEN,
        routed_at=timezone.now(),
    )
    Routing.objects.create(request=client_request, cooperative=author_coop)
    Interest.objects.create(request=client_request, cooperative=author_coop, member=insider, role="web")
    note(canary("request"), client_request.url, INSIDER)
    note(canary("client"), client_request.url, INSIDER)
    seed.client_request = client_request
    Notification.objects.bulk_create(
        Notification(recipient=user, kind=Notification.Kind.NEW_REQUEST, client_request=client_request)
        for user in outsiders
    )

    # The same readers follow searches that find the canaries (their own words show to them, so
    # never a canary's): the feeds and the new results told (before the restrictions) say nothing.
    for user in outsiders:
        followed = [FollowedSearch.objects.create(user=user, text=word) for word in FOLLOWED_WORDS]
        Notification.objects.bulk_create(
            Notification(recipient=user, kind=Notification.Kind.NEW_RESULT, page=page, search=followed[0])
            for page in Page.objects.filter(depth__gt=2)
        )
    return seed


def body_of(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", errors="replace").lower()


# --- the crawl -----------------------------------------------------------------------------------


def static_routes():
    """Every URL pattern without parameters outside the admins, and the names of those with some."""
    found, parametrised = [], []

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(NOT_PUBLIC):
                continue
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                if re.search(r"<|\(|\[", route.lstrip("^")):
                    parametrised.append(pattern.name or route)
                else:
                    found.append("/" + route.lstrip("^").rstrip("$").replace("\\", ""))

    walk(get_resolver().url_patterns, "")
    return found, parametrised


def page_routes(page, seed):
    """URLs of a page and of each of its RoutablePage routes, parameters filled from the seed."""
    url = page.url
    if not url:
        return []
    urls = [url]
    specific = page.specific
    if not isinstance(specific, RoutablePageMixin):
        return urls
    fillers = {
        "revision_id": [
            str(pk)
            for pk in Revision.page_revisions.filter(object_id=str(page.pk)).values_list("pk", flat=True)
        ],
        "comment_id": [str(pk) for pk in Comment.objects.filter(page=page).values_list("pk", flat=True)],
        "cooperative_slug": list(CooperativePage.objects.values_list("slug", flat=True)),
        "kind": ["rss", "atom"],
    }
    for route in specific.get_subpage_urls():
        pattern = str(route.pattern)
        names = re.findall(r"<(?:\w+:)?(\w+)>", pattern)
        assert all(name in fillers for name in names), f"the crawler does not know how to fill {pattern}"
        values = [{}]
        for name in names:
            values = [{**v, name: choice} for v in values for choice in fillers[name]]
        for value in values:
            subpath = re.sub(r"<(?:\w+:)?(\w+)>", lambda m, v=value: v[m.group(1)], pattern)
            urls.append(url + subpath.rstrip("/") + ("" if subpath.endswith(".md/") else "/"))
            if subpath.endswith(".md/"):
                urls[-1] = url + subpath.rstrip("/")
    if hasattr(specific, "reverse_subpage") and "compare" in [r.name for r in specific.get_subpage_urls()]:
        ids = ",".join(str(pk) for pk in Page.objects.filter(depth__gt=3).values_list("pk", flat=True)[:4])
        urls.append(f"{url}comparer/?tools={ids}")
    return urls


# Words of the canaries' pages, not canaries: what readers search for, and follow.
FOLLOWED_WORDS = ("comité", "avis", "coop", "borg", "version", "remarque", "procédure", "outil", "contrôle")


def search_urls(seed):
    """Searches that would surface each canary. The search page writes back what was typed, so it
    is asked for a typo of each canary ("did you mean" would then name it) and for its neighbours;
    the JSON API, which echoes nothing, is asked for the canary itself too."""
    urls = ["/recherche/?q=", "/api/search/?q=&per_page=50"]
    for word in seed.canaries:
        typo = word[:-1] + "x"
        urls += [
            f"/api/search/?q={word}",
            f"/api/search/?q={typo}",
            f"/recherche/?q={typo}",
            f"/api/search/suggest/?q={word[:7]}",
            f"/api/search/suggest/?q={word}",
        ]
    for word in FOLLOWED_WORDS:
        urls += [
            f"/recherche/?q={word}",
            f"/api/search/?q={word}&per_page=50",
            f"/api/search/suggest/?q={word}",
        ]
    return urls


def site_urls(seed, pages=None, viewer_id=None):
    """Every public URL to probe: static routes, searches, password forms, and each page of `pages`
    (default: the whole tree) with its RoutablePage routes, and the feeds `viewer_id` follows."""
    static, parametrised = static_routes()
    # Patterns with parameters outside the page tree must be known here, or the crawl is incomplete.
    known = {
        "practice_export",
        "wagtail_serve",
        "wagtailcore_authenticate_with_password",
        "sitemap_section",
        "notification",
        "unsubscribe",
        "search_feed",
        # A request's pages, filled below; its status page's signed link is the client's key, as a
        # feed's is its member's: tests/client_requests/ checks it.
        "client_request",
        "client_request_interest",
        "client_request_message",
        "client_request_lead",
        "client_request_progress",
        "client_request_status",
        "run_start",
        "run_usage",
        "run",
        "run_answer",
        "run_feedback",
        "run_evidence",
        "run_close",
        "run_share",
        "run_report",
        "run_export",
    }
    assert set(parametrised) <= known, f"routes the crawler does not fill: {set(parametrised) - known}"
    urls = {*static, *search_urls(seed)}
    urls.update(reverse("sitemap_section", kwargs={"section": section}) for section in sitemap_sections())
    for restriction in PageViewRestriction.objects.all():
        urls.add(
            reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, restriction.page_id])
        )
    urls.update(
        reverse("notification", args=[pk]) for pk in Notification.objects.values_list("pk", flat=True)
    )
    for user in User.objects.all():
        urls.update(
            reverse("unsubscribe", args=[unsubscribe_token(user, kind)]) for kind in Notification.Kind
        )
    for name in ("interest", "message", "lead", "progress"):
        urls.add(reverse(f"client_request_{name}", args=[seed.client_request.pk]))
    urls.add(seed.client_request.url)
    # A feed's signed address is its member's key (feed readers do not sign in): each reader is
    # given their own feeds, as they would find them on « Ce que je suis ».
    urls.update(
        reverse("search_feed", args=[feed_token(followed)])
        for followed in FollowedSearch.objects.filter(user_id=viewer_id)
    )
    for checklist in ChecklistPage.objects.values_list("pk", flat=True):
        urls.update(reverse(name, args=[checklist]) for name in ("run_start", "run_usage"))
    for run in Run.objects.all():
        urls.update(reverse(name, args=[run.pk]) for name in ("run", "run_report", "run_export"))
        urls.update(reverse("run_evidence", args=[run.pk, item["id"]]) for item in run.items)
    for page in Page.objects.filter(depth__gt=1) if pages is None else pages:
        urls.update(page_routes(page, seed))
    return urls


def fetch(client, url):
    """(status, body) of a GET, with the body of a local redirect's target appended."""
    response = client.get(url)
    body = body_of(response)
    if response.status_code in (301, 302) and response.get("Location", "").startswith("/"):
        body += body_of(client.get(response["Location"]))
    return response.status_code, body


def crawl(client, seed):
    """Every response body of the public site for this client, by URL; no route may answer 5xx."""
    bodies = {}
    viewer_id = client.session.get("_auth_user_id")
    for url in sorted(site_urls(seed, viewer_id=int(viewer_id) if viewer_id else None)):
        status, bodies[url] = fetch(client, url)
        assert status < 500, url
        assert status != 429, url  # a throttled answer would hide a leak
    return bodies


def leaks(bodies, canaries):
    return sorted((url, word) for url, body in bodies.items() for word in canaries if word in body)
