from django.core.management.base import BaseCommand

from tooling.merging import find_groups, merge


class Command(BaseCommand):
    help = (
        "Report catalogue tools that are the same tool (same home page, or same name and agreeing home "
        "pages); with --apply, merge each group into one page (reviews, usages and référents kept)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="fusionner (sinon : rapport seulement)")

    def handle(self, *args, apply=False, **options):
        groups = find_groups()
        merged = left = 0
        for group in groups:
            kept = group.kept
            twins = ", ".join(f"« {twin.title} » (n° {twin.pk})" for twin in group.twins)
            moved = ", ".join(f"{count} {name}" for name, count in group.moved.items())
            where = kept.url or kept.url_path
            self.stdout.write(f"« {kept.title} » (n° {kept.pk}, {where}) ← {twins} : {moved}")
            if group.blocker:
                self.stdout.write(self.style.WARNING(f"  laissé : {group.blocker}"))
                left += 1
            elif apply:
                merge(group)
                merged += 1
        twins = sum(len(group.twins) for group in groups)
        if apply:
            summary = f"{merged} groupes fusionnés, {left} laissés ({twins} doublons trouvés)."
        else:
            summary = (
                f"{len(groups)} groupes de doublons ({twins} outils en trop), {left} à trancher à la main ; "
                "rien n'est modifié sans --apply."
            )
        self.stdout.write(self.style.WARNING(summary) if left else self.style.SUCCESS(summary))
