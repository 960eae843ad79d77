"""Members' comments on a practice page: the thread in the page's context, and the routes that
post, edit and delete them (what each does lives in practices.commenting).

Going through the page's routes means Wagtail's view restrictions apply first: nobody can
comment on (or read comments of) a members-only page without being a member.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from wagtail.contrib.routable_page.models import path

from core.access import is_member
from core.limits import retry_after, too_many_requests
from practices import commenting
from practices.forms import CommentForm
from practices.mentions import mentioned
from practices.models.comments import Comment


class CommentRoutesMixin:
    """For a RoutablePageMixin page: its comment thread and the routes « commentaires/… »."""

    def visible_comments(self, members=False):
        """The comment threads; feedback from checklist runs only with `members` (never indexed)."""
        return Comment.objects.thread_for(self, members=members)

    def comment_context(self, request):
        can_comment = is_member(request.user)
        return {
            "can_comment": can_comment,
            "comments": self.visible_comments(members=can_comment),
            "comment_form": CommentForm(),
        }

    def redirect_to_comments(self):
        return redirect(self.url + "#commentaires")

    def comment_refusal(self, request):
        """Why this request may not touch comments, as a response, or None when it may."""
        if not request.user.is_authenticated:
            return redirect_to_login(self.url + "#commentaires")
        if not is_member(request.user):
            return HttpResponse(
                _("Seuls les membres du réseau peuvent commenter."),
                status=403,
                content_type="text/plain; charset=utf-8",
            )
        return None

    def own_comment(self, request, comment_id):
        """(the comment, None) when the request's user may still change it, else (it or None, the
        refusal): a member's own comment, within the edit window."""
        refusal = self.comment_refusal(request)
        if refusal:
            return None, refusal
        comment = get_object_or_404(Comment, pk=comment_id, page=self)
        if not comment.editable_by(request.user):
            return comment, HttpResponse(
                _("Ce commentaire ne peut plus être modifié : le délai est passé ou il n'est pas à vous."),
                status=403,
                content_type="text/plain; charset=utf-8",
            )
        return comment, None

    @path("commentaires/", name="comment")
    def post_comment(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        refusal = self.comment_refusal(request)
        if refusal:
            return refusal
        # settings.KB_RATE_LIMITS["comment"]: each comment e-mails the cooperative and the thread.
        if seconds := retry_after(request, "comment"):
            return too_many_requests(request, "comment", seconds)
        form = CommentForm(request.POST)
        parent = None
        if form.is_valid() and form.cleaned_data["parent"]:
            parent = commenting.reply_target(self, form.cleaned_data["parent"])
            if parent is None:
                form.add_error(None, _("Ce commentaire n'existe plus."))
        people = []
        if form.is_valid():
            people, problem = mentioned(self, form.cleaned_data["body"])
            if problem:
                form.add_error("body", problem)
        if not form.is_valid():
            response = self.render(request, context_overrides={"comment_form": form})
            response.status_code = 400
            return response
        commenting.post(self, request.user, form.cleaned_data["body"], parent, people)
        messages.success(request, _("Votre commentaire est publié."))
        return self.redirect_to_comments()

    @path("commentaires/<int:comment_id>/modifier/", name="comment_edit")
    def edit_comment(self, request, comment_id):
        comment, refusal = self.own_comment(request, comment_id)
        if refusal:
            return refusal
        if request.method == "POST" and (seconds := retry_after(request, "comment_edit")):
            return too_many_requests(request, "comment_edit", seconds)
        form = CommentForm(request.POST or None, initial={"body": comment.body})
        people = []
        if request.method == "POST" and form.is_valid():
            people, problem = mentioned(self, form.cleaned_data["body"])
            if problem:
                form.add_error("body", problem)
        if request.method == "POST" and form.is_valid():
            commenting.edit(comment, form.cleaned_data["body"], people)
            messages.success(request, _("Votre commentaire est modifié."))
            return self.redirect_to_comments()
        return TemplateResponse(
            request,
            "practices/comment_edit.html",
            {"page": self, "comment": comment, "form": form},
            status=400 if form.is_bound else 200,
        )

    @path("commentaires/<int:comment_id>/supprimer/", name="comment_delete")
    def delete_comment(self, request, comment_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        comment, refusal = self.own_comment(request, comment_id)
        if refusal:
            return refusal
        commenting.remove(comment)
        messages.success(request, _("Votre commentaire est supprimé."))
        return self.redirect_to_comments()
