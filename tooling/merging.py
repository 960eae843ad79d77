"""Merge catalogue twins (`tooling.matching.same_tool`) into one page, losing nothing.

The page kept is the one people worked on most (saved by someone, then most reviews, usages and
référents, then the oldest). Each twin gives it its reviews (moved with their history), usages,
référents, alternatives, tags, watch duties, external id and the fields the kept page left empty;
pages listing the twin as an alternative list the kept page instead. The twin is then deleted and
its address redirects (permanently) to the kept page. Changes to a page go through a new published
revision, so the admin's next save keeps them.
"""

from dataclasses import dataclass, field

from django.db import transaction

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import ReferenceIndex, Site

from tooling.catalogue import Catalogue
from tooling.models import ToolAlternative, ToolPage, ToolReferent, ToolUsage, WatchDuty

FILLED = ("summary", "description", "website", "version", "licence_spdx", "source_section")
UNKNOWN = {"licence_kind": ToolPage.LicenceKind.UNKNOWN, "pricing": ToolPage.Pricing.UNKNOWN}


@dataclass
class Group:
    kept: ToolPage
    twins: list
    blocker: str = ""  # why the group is left alone, if it is
    moved: dict = field(default_factory=dict)  # what the twins hold: reviews, usages, référents


def find_groups():
    """The groups of live twins, each with the page to keep and why it cannot be merged, if so."""
    pks_groups = Catalogue.load(ToolPage.objects.live()).twins()
    if not pks_groups:
        return []
    tools = ToolPage.objects.filter(pk__in=[pk for pks in pks_groups for pk in pks])
    by_pk = {tool.pk: tool for tool in tools}
    groups = []
    for pks in pks_groups:
        members = [by_pk[pk] for pk in pks]
        weights = {tool.pk: weight(tool) for tool in members}
        kept = max(members, key=lambda tool: (weights[tool.pk], -tool.pk))
        twins = [tool for tool in members if tool.pk != kept.pk]
        group = Group(kept=kept, twins=twins, blocker=blocker(kept, twins))
        group.moved = {
            "avis": sum(twin.get_children().count() for twin in twins),
            "utilisations": ToolUsage.objects.filter(tool__in=twins).count(),
            "référents": ToolReferent.objects.filter(tool__in=twins).count(),
        }
        groups.append(group)
    return groups


def weight(tool):
    """Saved by a person first, then how much cooperatives put on it."""
    content = tool.get_children().count() + tool.usages.count() + tool.referents.count()
    return (tool.latest_revision_id is not None, content)


def blocker(kept, twins):
    imported = [tool.external_id for tool in [kept, *twins] if tool.external_id]
    if len(imported) > 1:
        return f"plusieurs fiches importées ({', '.join(imported)}) : à trancher à la main"
    pending = [tool.title for tool in [kept, *twins] if tool.has_unpublished_changes]
    if pending:
        return f"modifications non publiées sur « {', '.join(pending)} » : publiez-les ou annulez-les d'abord"
    owners = ToolAlternative.objects.filter(alternative__in=twins).exclude(tool__in=[kept, *twins])
    if owners.filter(tool__has_unpublished_changes=True).exists():
        return "un outil qui le cite en alternative a des modifications non publiées"
    citing = unhandled_references(kept, twins)
    if citing:
        return f"cité par d'autres contenus ({', '.join(citing)}) : retirez ces liens d'abord"
    return ""


def unhandled_references(kept, twins):
    """Content that links to a twin and that merging would not update (a procedure step, a link)."""
    own = {str(tool.pk) for tool in [kept, *twins]}
    names = []
    for twin in twins:
        for reference in ReferenceIndex.get_references_to(twin):
            if reference.object_id in own or reference.model_path.startswith("alternative_links"):
                continue
            source = reference.content_type.model_class().objects.filter(pk=reference.object_id).first()
            if source is None or isinstance(source, WatchDuty):
                continue
            names.append(str(source))
    return sorted(set(names))


def merge(group):
    """Merge one group's twins into its kept page, in one transaction."""
    with transaction.atomic():
        kept = group.kept
        for twin in group.twins:
            absorb(kept, twin)
        revision = kept.save_revision(log_action=True)
        if kept.live:
            revision.publish()
        for twin in group.twins:
            repoint_alternatives(twin, kept)
            WatchDuty.objects.filter(tool=twin).update(tool=kept)
            move_reviews(twin, kept)
            redirect(twin, kept)
            ToolPage.objects.get(pk=twin.pk).delete()


def absorb(kept, twin):
    """Copy onto `kept` (in memory, saved with its revision) what only `twin` has."""
    for name in FILLED:
        if not getattr(kept, name) and getattr(twin, name):
            setattr(kept, name, getattr(twin, name))
    for name, unknown in UNKNOWN.items():
        if getattr(kept, name) == unknown:
            setattr(kept, name, getattr(twin, name))
    kept.self_hostable = kept.self_hostable or twin.self_hostable
    if twin.external_id and not kept.external_id:
        ToolPage.objects.filter(pk=twin.pk).update(external_id=None)  # unique: free it first
        kept.external_id = twin.external_id
    usages = {(u.cooperative_id, u.relationship) for u in kept.usages.all()}
    for usage in twin.usages.all():
        if (usage.cooperative_id, usage.relationship) not in usages:
            kept.usages.add(ToolUsage(cooperative_id=usage.cooperative_id, relationship=usage.relationship))
    users = {referent.user_id for referent in kept.referents.all()}
    for referent in twin.referents.all():
        if referent.user_id not in users:
            kept.referents.add(ToolReferent(user_id=referent.user_id, cooperative_id=referent.cooperative_id))
    alternatives = {link.alternative_id for link in kept.alternative_links.all()} | {kept.pk, twin.pk}
    for link in twin.alternative_links.all():
        if link.alternative_id not in alternatives:
            kept.alternative_links.add(ToolAlternative(alternative_id=link.alternative_id))
    kept.alternative_links = [
        link for link in kept.alternative_links.all() if link.alternative_id not in (kept.pk, twin.pk)
    ]
    kept.tags.add(*twin.tags.names())


def repoint_alternatives(twin, kept):
    """Other tools listing the twin as an alternative list the kept page (a new published revision)."""
    owners = ToolPage.objects.filter(alternative_links__alternative=twin).exclude(pk=kept.pk).distinct()
    for owner in owners:
        listed = {link.alternative_id for link in owner.alternative_links.all()}
        links = [link for link in owner.alternative_links.all() if link.alternative_id != twin.pk]
        if kept.pk not in listed and owner.pk != kept.pk:
            links.append(ToolAlternative(alternative_id=kept.pk))
        owner.alternative_links = links
        revision = owner.save_revision(log_action=True)
        if owner.live:
            revision.publish()


def move_reviews(twin, kept):
    slugs = set(kept.get_children().values_list("slug", flat=True))
    for review in twin.get_children().specific():
        slug, suffix = review.slug, 2
        while slug in slugs:
            slug, suffix = f"{review.slug}-{suffix}", suffix + 1
        if slug != review.slug:
            review.slug = slug
            review.save(update_fields=["slug"])
        slugs.add(slug)
        review.move(ToolPage.objects.get(pk=kept.pk), pos="last-child")


def redirect(twin, kept):
    parts = twin.get_url_parts()
    if parts is None:
        return
    site_id, _root_url, path = parts
    site = Site.objects.filter(pk=site_id).first()
    Redirect.add_redirect(path, redirect_to=kept, is_permanent=True, site=site)
