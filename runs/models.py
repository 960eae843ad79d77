"""Checklist runs: a cooperative checks a real project against one version of a checklist.

A run keeps the items of the checklist version it started from (their StreamField block ids, texts
and blocking flags): answers are pinned to those ids, so a later version never changes what was
checked. Runs are never pages: no search index, sitemap or feed knows them.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def checklist_items(checklist) -> list[dict]:
    """The items of a checklist as it is now, in order, keyed by their block ids."""
    items = []
    for section_number, section in enumerate(checklist.sections):
        for item_number, item in enumerate(section.value["items"].bound_blocks):
            value = item.value
            items.append(
                {
                    # ChecklistPage.save writes the ids; an item saved without one gets its position.
                    "id": item.id or f"{section_number}-{item_number}",
                    "section": section.value["title"],
                    "criterion": value["criterion"],
                    "verification": value["verification"] or "",
                    "blocking": bool(value["blocking"]),
                }
            )
    return items


def evidence_path(answer, filename):
    # A random folder per file: names never collide and cannot be guessed from the run's id.
    return f"runs/evidence/{answer.run_id}/{uuid.uuid4().hex}/{filename[-100:]}"


class Run(models.Model):
    checklist = models.ForeignKey(
        "practices.ChecklistPage", on_delete=models.CASCADE, related_name="runs", verbose_name=_("liste")
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("version de la liste"),
    )
    items = models.JSONField(_("critères de cette version"), default=list, editable=False)
    cooperative = models.ForeignKey(
        "kb.CooperativePage",
        on_delete=models.CASCADE,
        related_name="checklist_runs",
        verbose_name=_("coopérative"),
    )
    project = models.CharField(_("projet"), max_length=200)
    client = models.CharField(_("client"), max_length=200, blank=True)
    date = models.DateField(_("date"), default=timezone.localdate)
    participants = models.CharField(
        _("participants"),
        max_length=500,
        blank=True,
        help_text=_("Les personnes qui prennent part à la vérification, séparées par des virgules."),
    )
    shared = models.BooleanField(
        _("partagée avec le réseau"),
        default=False,
        help_text=_("Sinon, seuls les membres de votre coopérative la voient."),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created = models.DateTimeField(_("lancée le"), default=timezone.now)
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("vérification")
        verbose_name_plural = _("vérifications")
        indexes = [
            models.Index(fields=["cooperative", "-date"]),
            models.Index(fields=["checklist", "shared"]),
        ]

    def __str__(self):
        return self.project

    @property
    def closed(self):
        return self.closed_at is not None

    def item(self, item_id):
        return next((item for item in self.items if item["id"] == item_id), None)


class Answer(models.Model):
    class Status(models.TextChoices):
        OK = "ok", _("OK")
        KO = "ko", _("KO")
        NA = "na", _("N/A")

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="answers")
    item_id = models.CharField(max_length=64)
    status = models.CharField(_("réponse"), max_length=2, choices=Status.choices, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    link = models.URLField(_("lien vers une preuve"), max_length=500, blank=True)
    evidence = models.FileField(_("fichier de preuve"), upload_to=evidence_path, max_length=255, blank=True)
    evidence_name = models.CharField(max_length=255, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_at = models.DateTimeField(default=timezone.now)
    suggestion = models.ForeignKey(
        "practices.Comment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "item_id"], name="runs_one_answer_per_item")]
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")

    def __str__(self):
        return f"{self.item_id}: {self.status}"

    @property
    def answerer(self):
        user = self.answered_by
        return (user.get_full_name() or user.get_username()) if user else ""


class TrailEntry(models.Model):
    """Who did what to a run, and when: kept after closing, shown in the report."""

    class Action(models.TextChoices):
        STARTED = "started", _("a lancé la vérification")
        ANSWERED = "answered", _("a répondu")
        SUGGESTED = "suggested", _("a envoyé une suggestion aux auteurs")
        SHARED = "shared", _("a partagé la vérification avec le réseau")
        UNSHARED = "unshared", _("a réservé la vérification à sa coopérative")
        CLOSED = "closed", _("a clos la vérification")

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="trail")
    action = models.CharField(max_length=10, choices=Action.choices)
    item_id = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=2, choices=Answer.Status.choices, blank=True)
    note = models.TextField(blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("étape de l'historique")
        verbose_name_plural = _("historique")

    def __str__(self):
        return f"{self.get_action_display()} {self.item_id}".strip()
