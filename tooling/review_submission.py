"""« Rédiger un avis », the tool's route: members only; the review is saved as a draft and sent to
moderation. It works from the tool it is given (tooling.models.pages imports this module)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.limits import retry_after, too_many_requests
from tooling.forms import review_form


def write_review(request, tool):
    """The form, the refusal (403) or, once saved, the way back to the tool with a message."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    profile = getattr(request.user, "kb_profile", None)
    cooperative = profile.cooperative if profile else None
    if cooperative is None:
        response = tool.render(request, template="tooling/review_forbidden.html")
        response.status_code = 403
        return response
    # Each draft e-mails the moderators: settings.KB_RATE_LIMITS["review"] caps them.
    if request.method == "POST" and (seconds := retry_after(request, "review")):
        return too_many_requests(request, "review", seconds)
    form = review_form(tool, request.POST or None)
    if request.method == "POST" and form.is_valid():
        review = submit_review(form, tool, cooperative, request.user)
        messages.success(
            request,
            _("Merci ! Votre avis « %(title)s » est envoyé en modération : il sera publié après relecture.")
            % {"title": review.title},
        )
        return redirect(tool.url)
    response = tool.render(
        request,
        template="tooling/review_form.html",
        context_overrides={"form": form, "cooperative": cooperative},
    )
    response.status_code = 400 if request.method == "POST" else 200
    return response


def unique_child_slug(parent, base):
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, suffix = base, 2
    while slug in taken:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


@transaction.atomic
def submit_review(form, tool, cooperative, user):
    review = form.save(commit=False)
    today = timezone.localdate()
    review.cooperative = cooperative
    review.author = user
    review.review_date = today
    review.title = _("Avis de %(cooperative)s (%(date)s)") % {"cooperative": cooperative.title, "date": today}
    review.slug = unique_child_slug(tool, slugify(f"avis-{cooperative.slug}-{today.isoformat()}"))
    review.live = False
    review.owner = user
    tool.add_child(instance=review)
    review.save_revision(user=user, log_action=True)
    workflow = review.get_workflow()
    if workflow is not None:
        workflow.start(review, user)
    return review
