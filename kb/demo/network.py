"""Build the demo network: site structure, regions, cooperatives, skills and users."""

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction

from wagtail.models import Page, Site

from kb.demo.data import COOPERATIVES, REGIONS, SKILLS, USERS
from kb.models import CooperativePage, HomePage, MemberProfile, NetworkPage, RegionPage, Skill
from practices.models import PracticeIndexPage
from tooling.models import ToolIndexPage


def publish_child(parent, page):
    """Add `page` under `parent` unless a page with its slug is already there."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing is not None:
        return existing.specific, False
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def ensure_home():
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    home = HomePage(
        title="CoopKB",
        slug="coopkb",
        intro=(
            "<p>La base de connaissances partagée des coopératives du numérique : "
            "procédures, listes de contrôle, veille outillage et annuaire du réseau.</p>"
        ),
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    old_root = site.root_page if site else None
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="CoopKB")
    else:
        site.root_page = home
        site.site_name = "CoopKB"
        site.save()
    if old_root is not None and old_root.depth == 2 and not isinstance(old_root.specific, HomePage):
        old_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" page
    return home


@transaction.atomic
def load(out, **context):
    home = ensure_home()
    network, _ = publish_child(
        home,
        NetworkPage(
            title="Réseau",
            slug="reseau",
            intro="<p>Le réseau national, ses régions et ses coopératives.</p>",
        ),
    )
    publish_child(
        home,
        PracticeIndexPage(
            title="Pratiques",
            slug="pratiques",
            intro="<p>Les procédures de travail et listes de contrôle qualité des coopératives.</p>",
        ),
    )
    publish_child(
        home,
        ToolIndexPage(
            title="Outils",
            slug="outils",
            intro="<p>Le catalogue d'outils et la veille partagée entre coopératives.</p>",
        ),
    )

    skills = {}
    for slug, name, description in SKILLS:
        skills[slug], _ = Skill.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )

    regions = {}
    for slug, name in REGIONS:
        regions[slug], _ = publish_child(network, RegionPage(title=name, slug=slug))

    cooperatives = {}
    created_count = 0
    for slug, name, region, legal_form, city, summary, skill_slugs in COOPERATIVES:
        page = CooperativePage(
            title=name,
            slug=slug,
            legal_form=legal_form,
            city=city,
            summary=summary,
            presentation=f"<p>{summary} Coopérative fictive créée pour la démonstration.</p>",
            website="",
            contact_email=f"contact@{slug}.example",
            is_example=True,
        )
        page.skills = [skills[s] for s in skill_slugs]
        cooperatives[slug], created = publish_child(regions[region], page)
        created_count += created

    out.write(
        f"Réseau : {len(regions)} régions, {len(cooperatives)} coopératives "
        f"({created_count} créées), {len(skills)} compétences."
    )
    create_users(out, cooperatives)
    return {"home": home, "network": network, "cooperatives": cooperatives}


def create_users(out, cooperatives):
    User = get_user_model()
    printed = []
    for username, first_name, last_name, role, cooperative in USERS:
        if User.objects.filter(username=username).exists():
            continue
        password = secrets.token_urlsafe(9)
        user = User.objects.create_user(
            username=username,
            password=password,
            first_name=first_name,
            last_name=last_name,
            email=f"{username}@coopkb.example",
            is_superuser=role == "superuser",
            is_staff=role == "superuser",
        )
        if role != "superuser":
            MemberProfile.objects.create(user=user, role=role, cooperative=cooperatives[cooperative])
        printed.append((username, password, role, cooperative or "—"))
    if printed:
        out.write("Comptes de démonstration (mots de passe affichés une seule fois) :")
        for username, password, role, cooperative in printed:
            out.write(f"  {username:<16} {password:<14} {role:<10} {cooperative}")
    else:
        out.write("Comptes de démonstration déjà créés (mots de passe inchangés).")
