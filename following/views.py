"""Follow and unfollow, what I follow, my notifications."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, JsonResponse, QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from wagtail.models import Page
from wagtail.users.models import UserProfile

from core.access import Reader, can_read_page, restrictions_for, users_who_may_read
from core.limits import retry_after, too_many_requests
from core.numbers import parse_positive_int
from core.roles import MEMBERS
from search.engines.base import FACETS
from search.params import parse
from search.text import words

from . import inbox, mail, searches
from .followable import is_followable
from .forms import DeliveryForm
from .models import Delivery, DeliveryPreference, Follow, FollowedSearch, Notification

PER_PAGE = 50
User = get_user_model()


def back(request, fallback):
    """The page the form was sent from, if it is one of ours."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


@require_POST
@login_required
def follow(request):
    """« Suivre » / « Ne plus suivre » a page the member may read."""
    page_id = parse_positive_int(request.POST.get("page", ""))
    page = Page.objects.filter(pk=page_id).first() if page_id else None
    if page is None or not can_read_page(request, page, restrictions_for(request)):
        raise Http404
    if not is_followable(page) or not Reader.from_request(request).is_member:
        messages.error(request, _("Seuls les membres peuvent suivre ce contenu."))
        return back(request, page.url or "/")
    if request.POST.get("action") == "unfollow":
        Follow.objects.filter(user=request.user, page=page).delete()
        messages.success(request, _("Vous ne suivez plus « %(title)s ».") % {"title": page.title})
    else:
        Follow.objects.get_or_create(user=request.user, page=page)
        messages.success(
            request,
            _("Vous suivez « %(title)s » : ses nouvelles versions arrivent dans vos notifications.")
            % {"title": page.title},
        )
    return back(request, page.url or "/")


MAX_FOLLOWED_SEARCHES = 50


@require_POST
@login_required
def follow_search(request):
    """« Suivre cette recherche » / « Ne plus suivre cette recherche », from the search page."""
    if request.POST.get("action") == "unfollow":
        pk = parse_positive_int(request.POST.get("search", ""))
        deleted, _kinds = FollowedSearch.objects.filter(user=request.user, pk=pk).delete() if pk else (0, {})
        if deleted:
            messages.success(request, _("Vous ne suivez plus cette recherche ; son flux Atom est fermé."))
        return back(request, reverse("following"))
    if not Reader.from_request(request).is_member:
        messages.error(request, _("Seuls les membres peuvent suivre une recherche."))
        return back(request, reverse("search"))
    params = QueryDict(mutable=True)
    for name in ("q", *FACETS):
        params.setlist(name, request.POST.getlist(name))
    query = parse(params, Reader.from_request(request)).query
    if not (words(query.text) or query.filters):
        messages.error(request, _("Cette recherche est vide : saisissez des mots ou choisissez un filtre."))
        return back(request, reverse("search"))
    filters = {facet: list(values) for facet, values in query.filters.items()}
    if searches.find(request.user, query.text, filters) is None:
        if request.user.followed_searches.count() >= MAX_FOLLOWED_SEARCHES:
            messages.error(
                request,
                _("Vous suivez déjà %(count)d recherches : arrêtez d'en suivre une pour suivre celle-ci.")
                % {"count": MAX_FOLLOWED_SEARCHES},
            )
            return back(request, reverse("following"))
        searches.follow(request.user, query.text, filters)
    messages.success(
        request,
        _("Vous suivez cette recherche : ses nouveaux résultats arriveront dans vos notifications."),
    )
    return back(request, reverse("following"))


@login_required
def following(request):
    context = {
        "follows": inbox.follows(request),
        "searches": [
            {
                "search": followed,
                "url": searches.search_url(followed),
                "feed_url": reverse("search_feed", args=[searches.feed_token(followed)]),
            }
            for followed in request.user.followed_searches.all()
        ],
    }
    return TemplateResponse(request, "following/following.html", context)


@login_required
def notifications(request):
    listing = Paginator(inbox.notifications(request), PER_PAGE)
    page = listing.get_page(request.GET.get("page"))
    return TemplateResponse(request, "following/notifications.html", {"notifications": page})


@login_required
def open_notification(request, pk):
    """Mark one notification read and go to what changed: for a new version of a practice, the
    changes it brought."""
    notification = inbox.notifications(request).filter(pk=pk).first()
    if notification is None:
        raise Http404
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    if notification.page_id is None:
        return redirect(notification.client_request.url + notification.anchor)
    page = notification.page.specific
    changes_url = getattr(page, "changes_url", None)
    if notification.kind == Notification.Kind.NEW_VERSION and notification.revision_id and changes_url:
        return redirect(changes_url(notification.revision_id))
    return redirect(page.url + notification.anchor)


@require_POST
@login_required
def mark_all_read(request):
    count = inbox.notifications(request).unread().update(read_at=timezone.now())
    if count:
        messages.success(request, _("Toutes vos notifications sont lues."))
    return redirect("notifications")


@login_required
def preferences(request):
    """Which e-mails a member gets, per kind: at once, daily, weekly or never; and their language."""
    chosen = dict(DeliveryPreference.objects.filter(user=request.user).values_list("kind", "delivery"))
    profile = UserProfile.get_for_user(request.user)
    initial = {"language": mail.language_of(request.user)}
    form = DeliveryForm(request.POST or None, chosen=chosen, initial=initial)
    if request.method == "POST" and form.is_valid():
        for kind in Notification.Kind.values:
            DeliveryPreference.objects.update_or_create(
                user=request.user, kind=kind, defaults={"delivery": form.cleaned_data[kind]}
            )
        profile.preferred_language = form.cleaned_data["language"]
        profile.save(update_fields=["preferred_language"])
        messages.success(request, _("Vos préférences d'e-mail sont enregistrées."))
        return redirect("notification_preferences")
    return TemplateResponse(request, "following/preferences.html", {"form": form})


@csrf_exempt  # the signed token is the credential: mail clients post it with no session (RFC 8058)
def unsubscribe(request, token):
    """The link of every e-mail: no sign-in needed. A GET shows one button (mail scanners that follow
    links change nothing); the POST, or a mail client's one-click POST, stops that kind of e-mail."""
    found = mail.read_unsubscribe_token(token)
    user = User.objects.filter(pk=found[0]).first() if found else None
    if user is None:
        return TemplateResponse(request, "following/unsubscribe.html", {"invalid": True}, status=400)
    kind = Notification.Kind(found[1])
    done = request.method == "POST"
    if done:
        DeliveryPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"delivery": Delivery.NEVER}
        )
    return TemplateResponse(request, "following/unsubscribe.html", {"kind": kind.label, "done": done})


MENTION_SUGGESTIONS = 8


@login_required
def mention_suggestions(request):
    """Members to @mention in a comment on a page: whose username or name starts with the letters
    typed, among those who may read the page (a mention of anyone else would be refused)."""
    if seconds := retry_after(request, "suggest"):
        return too_many_requests(request, "suggest", seconds)
    page_id = parse_positive_int(request.GET.get("page", ""))
    page = Page.objects.filter(pk=page_id).first() if page_id else None
    if page is None or not can_read_page(request, page, restrictions_for(request)):
        return JsonResponse({"results": [], "error": _("Page introuvable.")}, status=404)
    prefix = request.GET.get("q", "").strip()[:50]
    if not prefix or not Reader.from_request(request).is_member:
        return JsonResponse({"results": []})
    starting = (
        Q(username__istartswith=prefix) | Q(first_name__istartswith=prefix) | Q(last_name__istartswith=prefix)
    )
    candidates = (
        User.objects.filter(starting, is_active=True, groups__name=MEMBERS).distinct().order_by("username")
    )
    readers = users_who_may_read(page, candidates[: MENTION_SUGGESTIONS * 3])[:MENTION_SUGGESTIONS]
    return JsonResponse({"results": [{"username": u.username, "name": u.get_full_name()} for u in readers]})
