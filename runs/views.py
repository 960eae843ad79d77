"""Starting, answering, closing, reporting and exporting checklist runs; usage for the authors.

Every view asks runs.access (built on core.access) first. A run that may not be read answers 404
to members (its existence stays private) and the login page to visitors, whatever the id.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import Reader, can_read_page, can_read_version, restrictions_for
from core.events import comment_posted
from core.limits import retry_after, too_many_requests, too_many_requests_json
from practices.models import ChecklistPage, Comment
from practices.notifications import notify_new_comment
from practices.versions import compare
from runs import access
from runs.forms import AnswerForm, StartRunForm
from runs.markdown import run_markdown
from runs.models import Answer, Run, TrailEntry, checklist_items
from runs.rendering import run_items_html
from runs.summary import drift, summarise

FEEDBACK_STATUSES = (Answer.Status.KO, Answer.Status.NA)


def _private(request):
    request.kb_restricted = True  # a run is never cached (core.middleware.PrivateContentMiddleware)


def _refused(request, message, status=403):
    return TemplateResponse(
        request, "runs/refused.html", {"page_title": _("Vérification"), "message": message}, status=status
    )


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _readable_run(request, pk):
    """(the run, None) when this request may read it, else (None, the response to give)."""
    _private(request)
    if not request.user.is_authenticated:
        return None, redirect_to_login(request.get_full_path())
    run = Run.objects.select_related("checklist", "cooperative").filter(pk=pk).first()
    if run is None or not access.can_read_run(request, run):
        raise Http404
    return run, None


def _run_url(run, item_id=None):
    url = reverse("run", args=[run.pk])
    return f"{url}#critere-{item_id}" if item_id else url


# --- starting ----------------------------------------------------------------------------------------


def start(request, checklist_id):
    """« Lancer une vérification » on a checklist: a run for a project of the member's cooperative."""
    _private(request)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    checklist = ChecklistPage.objects.live().filter(pk=checklist_id).first()
    if checklist is None or not can_read_page(request, checklist, restrictions_for(request)):
        raise Http404
    if not Reader.from_request(request).is_member:
        return _refused(request, _("Seuls les membres du réseau peuvent lancer une vérification."))
    cooperative_id = access.member_cooperative_id(request)
    if cooperative_id is None:
        return _refused(
            request,
            _("Votre profil n'est rattaché à aucune coopérative : un modérateur peut vous y ajouter."),
        )
    form = StartRunForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            run = form.save(commit=False)
            run.checklist = checklist
            run.revision_id = checklist.live_revision_id
            run.items = checklist_items(checklist)
            run.cooperative_id = cooperative_id
            run.started_by = request.user
            run.save()
            TrailEntry.objects.create(run=run, action=TrailEntry.Action.STARTED, user=request.user)
        messages.success(
            request, _("La vérification est lancée : vos réponses sont enregistrées au fil de l'eau.")
        )
        return redirect(_run_url(run))
    context = {"page_title": _("Lancer une vérification"), "checklist": checklist, "form": form}
    return TemplateResponse(request, "runs/start.html", context, status=400 if form.is_bound else 200)


# --- the run page -------------------------------------------------------------------------------------


def _sections(run, answers, changed, typed=None):
    """The run's items grouped by section, each with its answer (or what was just typed)."""
    sections = []
    for item in run.items:
        answer = answers.get(item["id"])
        row = {"item": item, "answer": answer, "change": changed.get(item["id"])}
        if typed and typed["item_id"] == item["id"]:
            row["values"], row["errors"] = typed["values"], typed["errors"]
        elif answer is not None:
            row["values"] = {"status": answer.status, "note": answer.note, "link": answer.link}
        if not sections or sections[-1]["title"] != item["section"]:
            sections.append({"title": item["section"], "rows": []})
        sections[-1]["rows"].append(row)
    return sections


def run_answers(run) -> dict:
    """The run's answers by item id, with who gave them: the few people in one query, not one
    user object per answer (a run may have 200)."""
    answers = list(run.answers.all())
    people = get_user_model().objects.in_bulk({answer.answered_by_id for answer in answers} - {None})
    for answer in answers:
        answer.answered_by = people.get(answer.answered_by_id)
    return {answer.item_id: answer for answer in answers}


def _run_context(request, run, typed=None):
    answers = run_answers(run)
    checklist = run.checklist
    outdated = run.revision_id != checklist.live_revision_id
    changes, diff, compare_url = None, [], ""
    if outdated:
        changes = drift(run, checklist)
        if run.revision_id and can_read_version(request, checklist, run.revision):
            diff, _unchanged = compare(run.revision.as_object(), checklist)
            compare_url = (
                f"{checklist.url}{checklist.reverse_subpage('compare_versions')}"
                f"?de={run.revision_id}&a={checklist.live_revision_id}"
            )
    return {
        "page_title": run.project,
        "run": run,
        "checklist": checklist,
        "sections": _sections(run, answers, changes.changed if changes else {}, typed),
        "summary": summarise(run, {item_id: answer.status for item_id, answer in answers.items()}),
        "can_answer": access.can_answer(request, run),
        "in_cooperative": access.in_run_cooperative(request, run),
        "evidence_readable": access.can_read_evidence(request, run),
        "outdated": outdated,
        "changes": changes,
        "diff": diff,
        "compare_url": compare_url,
    }


def _run_page(request, run, typed=None, status=200):
    context = _run_context(request, run, typed)
    context["items_html"] = run_items_html(
        request,
        run,
        context["sections"],
        can_answer=context["can_answer"],
        evidence_readable=context["evidence_readable"],
        in_cooperative=context["in_cooperative"],
    )
    return TemplateResponse(request, "runs/run.html", context, status=status)


def detail(request, pk):
    run, refusal = _readable_run(request, pk)
    if refusal:
        return refusal
    return _run_page(request, run)


# --- answers ------------------------------------------------------------------------------------------


def _answerable(request, pk, item_id):
    """(run, item, None) or (None, None, the refusal) for changing an answer of this run."""
    run, refusal = _readable_run(request, pk)
    if refusal:
        return None, None, refusal
    item = run.item(item_id)
    if item is None:
        raise Http404
    if not access.can_answer(request, run):
        message = (
            _("Cette vérification est close : ses réponses ne changent plus.")
            if run.closed
            else _("Seuls les membres de la coopérative de cette vérification y répondent.")
        )
        if _wants_json(request):
            return None, None, JsonResponse({"error": message}, status=409 if run.closed else 403)
        return None, None, _refused(request, message, status=409 if run.closed else 403)
    return run, item, None


def _form_errors(request, run, item, form):
    """Nothing typed is lost: the run page again, this item holding what was typed and why it failed."""
    errors = [str(error) for errors in form.errors.values() for error in errors]
    if _wants_json(request):
        return JsonResponse({"errors": errors}, status=400)
    values = {name: request.POST.get(name, "") for name in ("status", "note", "link")}
    return _run_page(request, run, {"item_id": item["id"], "values": values, "errors": errors}, status=400)


def _save_answer(request, run, item, form):
    """Save what the form holds; a trail entry when something changed. The answer."""
    data = form.cleaned_data
    answer = Answer.objects.filter(run=run, item_id=item["id"]).first() or Answer(run=run, item_id=item["id"])
    file = data["evidence"]
    removing = data["remove_evidence"] and answer.evidence
    same = (answer.status, answer.note, answer.link) == (data["status"], data["note"], data["link"])
    if answer.pk and same and not file and not removing:
        return answer
    if (file or removing) and answer.evidence:
        answer.evidence.delete(save=False)  # a replaced or withdrawn file leaves the storage too
        answer.evidence_name = ""
    if file:
        answer.evidence = file
        answer.evidence_name = file.name[-255:]
    answer.status, answer.note, answer.link = data["status"], data["note"], data["link"]
    answer.answered_by, answer.answered_at = request.user, timezone.now()
    answer.save()
    TrailEntry.objects.create(
        run=run,
        action=TrailEntry.Action.ANSWERED,
        item_id=item["id"],
        status=answer.status,
        note=answer.note,
        user=request.user,
    )
    return answer


@require_POST
def answer(request, pk, item_id):
    run, item, refusal = _answerable(request, pk, item_id)
    if refusal:
        return refusal
    form = AnswerForm(request.POST, request.FILES)
    if not form.is_valid():
        return _form_errors(request, run, item, form)
    saved = _save_answer(request, run, item, form)
    if _wants_json(request):
        statuses = dict(run.answers.values_list("item_id", "status"))
        return JsonResponse(
            {
                "saved": True,
                "status": saved.status,
                "evidence": saved.evidence_name,
                "summary": summarise(run, statuses).as_json(),
            }
        )
    messages.success(request, _("Réponse enregistrée."))
    return redirect(_run_url(run, item["id"]))


# --- feedback to the checklist's authors -------------------------------------------------------------


def feedback_body(item, answer):
    """What the authors read: the criterion, the answer and its note. Nothing of the project (its
    name, client, people, evidence) unless the member wrote it in the note."""
    text = _("Retour de vérification — « %(criterion)s » (%(section)s) : %(status)s.") % {
        "criterion": item["criterion"],
        "section": item["section"],
        "status": answer.get_status_display(),
    }
    return f"{text}\n\n{answer.note}".strip()


@require_POST
def feedback(request, pk, item_id):
    """Send a KO or N/A, with its note, to the checklist's authors in one click."""
    run, refusal = _readable_run(request, pk)
    if refusal:
        return refusal
    item = run.item(item_id)
    if item is None:
        raise Http404
    if not access.in_run_cooperative(request, run):
        return _refused(request, _("Seuls les membres de la coopérative de cette vérification y répondent."))
    if seconds := retry_after(request, "comment"):
        if _wants_json(request):
            return too_many_requests_json("comment", seconds)
        return too_many_requests(request, "comment", seconds)
    if not run.closed and "status" in request.POST:  # sent from the item's form: what is typed is kept first
        form = AnswerForm(request.POST, request.FILES)
        if not form.is_valid():
            return _form_errors(request, run, item, form)
        _save_answer(request, run, item, form)
    answer = Answer.objects.filter(run=run, item_id=item_id).first()
    if answer is None or answer.status not in FEEDBACK_STATUSES:
        messages.error(request, _("Seule une réponse KO ou N/A s'envoie aux auteurs de la liste."))
        return redirect(_run_url(run, item_id))
    if answer.suggestion_id:
        messages.info(request, _("Cette suggestion a déjà été envoyée aux auteurs."))
        return redirect(_run_url(run, item_id))
    checklist = run.checklist
    with transaction.atomic():
        comment = Comment.objects.create(
            page=checklist, author=request.user, body=feedback_body(item, answer), run_feedback=True
        )
        answer.suggestion = comment
        answer.save(update_fields=["suggestion"])
        TrailEntry.objects.create(
            run=run,
            action=TrailEntry.Action.SUGGESTED,
            item_id=item_id,
            status=answer.status,
            user=request.user,
        )
    notify_new_comment(comment, checklist.full_url)
    comment_posted.send(Comment, comment=comment, mentioned=[], edited=False)
    messages.success(
        request, _("Votre suggestion est envoyée aux auteurs de la liste, sans les détails du projet.")
    )
    return redirect(_run_url(run, item_id))


# --- closing, sharing ---------------------------------------------------------------------------------


@require_POST
def close(request, pk):
    run, refusal = _readable_run(request, pk)
    if refusal:
        return refusal
    if not access.can_answer(request, run):
        return _refused(
            request, _("Cette vérification est déjà close, ou elle n'est pas à votre coopérative.")
        )
    run.closed_at, run.closed_by = timezone.now(), request.user
    run.save(update_fields=["closed_at", "closed_by"])
    TrailEntry.objects.create(run=run, action=TrailEntry.Action.CLOSED, user=request.user)
    messages.success(request, _("La vérification est close : ses réponses ne changent plus."))
    return redirect(_run_url(run))


@require_POST
def share(request, pk):
    run, refusal = _readable_run(request, pk)
    if refusal:
        return refusal
    if not access.in_run_cooperative(request, run):
        return _refused(request, _("Seuls les membres de la coopérative de cette vérification la partagent."))
    run.shared = request.POST.get("shared") == "1"
    run.save(update_fields=["shared"])
    action = TrailEntry.Action.SHARED if run.shared else TrailEntry.Action.UNSHARED
    TrailEntry.objects.create(run=run, action=action, user=request.user)
    if run.shared:
        messages.success(
            request, _("La vérification est partagée avec les membres du réseau (pas ses fichiers).")
        )
    else:
        messages.success(request, _("La vérification est réservée aux membres de votre coopérative."))
    return redirect(_run_url(run))


# --- report, export, evidence -------------------------------------------------------------------------


def report(request, pk):
    """The printable report: every item, its answer, and the trail of who answered what and when."""
    run, refusal = _readable_run(request, pk)
    if refusal:
        return refusal
    context = _run_context(request, run)
    items = {item["id"]: item for item in run.items}
    context["trail"] = [(entry, items.get(entry.item_id)) for entry in run.trail.select_related("user")]
    return TemplateResponse(request, "runs/report.html", context)


def export(request, pk):
    run, refusal = _readable_run(request, pk)
    if refusal:
        return refusal
    answers = run_answers(run)
    text = run_markdown(run, answers, evidence_named=access.can_read_evidence(request, run))
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="verification-{run.pk}.md"'
    return response


def evidence(request, pk, item_id):
    """An evidence file, to members of the run's cooperative only (never a public media URL)."""
    run, refusal = _readable_run(request, pk)
    if refusal:
        return refusal
    if not access.can_read_evidence(request, run):
        raise Http404
    answer = get_object_or_404(Answer, run=run, item_id=item_id)
    if not answer.evidence:
        raise Http404
    try:
        handle = answer.evidence.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(handle, as_attachment=True, filename=answer.evidence_name or "preuve")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


# --- how a checklist is used --------------------------------------------------------------------------


def usage(request, checklist_id):
    """For a checklist's authors and moderators: counts across the network, the items most often
    KO or N/A, the suggestions received. Never a run, a project or a cooperative by name."""
    _private(request)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    checklist = ChecklistPage.objects.live().filter(pk=checklist_id).first()
    if checklist is None or not access.sees_usage(request, checklist):
        raise Http404
    runs = Run.objects.filter(checklist=checklist)
    labels = {item["id"]: item for item in checklist_items(checklist)}
    misses = (
        Answer.objects.filter(run__checklist=checklist, status__in=FEEDBACK_STATUSES)
        .values("item_id", "status")
        .annotate(count=Count("pk"))
        .order_by("-count", "item_id")[:20]
    )
    context = {
        "page_title": _("Utilisation de « %(title)s »") % {"title": checklist.title},
        "checklist": checklist,
        "run_count": runs.count(),
        "closed_count": runs.filter(closed_at__isnull=False).count(),
        "cooperative_count": runs.values("cooperative").distinct().count(),
        "misses": [
            {**miss, "item": labels.get(miss["item_id"]), "label": Answer.Status(miss["status"]).label}
            for miss in misses
        ],
        "suggestions": Comment.objects.visible()
        .filter(page=checklist, run_feedback=True)
        .select_related("author")
        .order_by("-created"),
    }
    return TemplateResponse(request, "runs/usage.html", context)
