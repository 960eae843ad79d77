"""Posting, editing and deleting comments, served as routes of the practice page.

Going through the page's routes means Wagtail's view restrictions apply first: nobody can
comment on (or read comments of) a members-only page without being a member.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from kb.events import comment_posted
from kb.limits import retry_after, too_many_requests
from practices.forms import CommentForm
from practices.mentions import mentioned, usernames
from practices.models.comments import Comment
from practices.models.practice import is_member
from practices.notifications import notify_new_comment


def _refusal(request, page):
    """Why this request may not touch comments, as a response, or None when it may."""
    if not request.user.is_authenticated:
        return redirect_to_login(page.url + "#commentaires")
    if not is_member(request.user):
        return HttpResponse(
            _("Seuls les membres du réseau peuvent commenter."),
            status=403,
            content_type="text/plain; charset=utf-8",
        )
    return None


def post_comment(request, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    refusal = _refusal(request, page)
    if refusal:
        return refusal
    # settings.KB_RATE_LIMITS["comment"]: each comment e-mails the cooperative and the thread.
    if seconds := retry_after(request, "comment"):
        return too_many_requests(request, "comment", seconds)
    form = CommentForm(request.POST)
    parent = None
    if form.is_valid() and form.cleaned_data["parent"]:
        # Replies attach to a visible top-level comment of this page: one level of threading.
        parent = (
            Comment.objects.visible()
            .filter(page=page, parent__isnull=True, pk=form.cleaned_data["parent"])
            .first()
        )
        if parent is None:
            form.add_error(None, _("Ce commentaire n'existe plus."))
    people = []
    if form.is_valid():
        people, problem = mentioned(page, form.cleaned_data["body"])
        if problem:
            form.add_error("body", problem)
    if not form.is_valid():
        response = page.render(request, context_overrides={"comment_form": form})
        response.status_code = 400
        return response
    comment = Comment.objects.create(
        page=page, parent=parent, author=request.user, body=form.cleaned_data["body"]
    )
    notify_new_comment(comment, page.full_url)
    comment_posted.send(Comment, comment=comment, mentioned=people, edited=False)
    messages.success(request, _("Votre commentaire est publié."))
    return page.redirect_to_comments()


def _own_comment(request, page, comment_id):
    comment = get_object_or_404(Comment, pk=comment_id, page=page)
    if not comment.editable_by(request.user):
        return comment, HttpResponse(
            _("Ce commentaire ne peut plus être modifié : le délai est passé ou il n'est pas à vous."),
            status=403,
            content_type="text/plain; charset=utf-8",
        )
    return comment, None


def edit_comment(request, page, comment_id):
    refusal = _refusal(request, page)
    if refusal:
        return refusal
    comment, refusal = _own_comment(request, page, comment_id)
    if refusal:
        return refusal
    if request.method == "POST" and (seconds := retry_after(request, "comment_edit")):
        return too_many_requests(request, "comment_edit", seconds)
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    people = []
    if request.method == "POST" and form.is_valid():
        people, problem = mentioned(page, form.cleaned_data["body"])
        if problem:
            form.add_error("body", problem)
    if request.method == "POST" and form.is_valid():
        before = set(usernames(comment.body))
        comment.body = form.cleaned_data["body"]
        comment.edited = timezone.now()
        comment.save(update_fields=["body", "edited"])
        # Only the members this edit names for the first time hear of it.
        named = [user for user in people if user.username not in before]
        comment_posted.send(Comment, comment=comment, mentioned=named, edited=True)
        messages.success(request, _("Votre commentaire est modifié."))
        return page.redirect_to_comments()
    status = 400 if form.is_bound else 200
    return TemplateResponse(
        request,
        "practices/comment_edit.html",
        {"page": page, "comment": comment, "form": form},
        status=status,
    )


def delete_comment(request, page, comment_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    refusal = _refusal(request, page)
    if refusal:
        return refusal
    comment, refusal = _own_comment(request, page, comment_id)
    if refusal:
        return refusal
    comment.status = Comment.Status.REMOVED
    comment.save(update_fields=["status"])
    messages.success(request, _("Votre commentaire est supprimé."))
    return page.redirect_to_comments()
