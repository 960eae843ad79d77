"""Build the demo network: home page, Réseau, regions, cooperatives, skills and users.

The other apps' loaders (each AppConfig's `demo_loader`, run by kb_demo) add their sections under the
home page and their content about these cooperatives and users.
"""

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction

from wagtail.models import Site

from kb.demo.data import COOPERATIVES, REGIONS, SKILLS, USERS
from kb.demo.pages import published_child
from kb.factories import (
    CooperativePageFactory,
    HomePageFactory,
    NetworkPageFactory,
    RegionPageFactory,
    SkillFactory,
    UserFactory,
)
from kb.models import HomePage


def ensure_home():
    home = HomePage.objects.first()
    if home is not None:
        return home
    home = HomePageFactory(
        title="CoopKB",
        slug="coopkb",
        intro=(
            "<p>La base de connaissances partagée des coopératives du numérique : "
            "procédures, listes de contrôle, veille outillage et annuaire du réseau.</p>"
        ),
    )
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
    network, _ = published_child(
        NetworkPageFactory,
        home,
        "reseau",
        title="Réseau",
        intro="<p>Le réseau national, ses régions et ses coopératives.</p>",
    )

    skills = {
        slug: SkillFactory(slug=slug, name=name, description=description)
        for slug, name, description in SKILLS
    }

    regions = {}
    for slug, name in REGIONS:
        regions[slug], _ = published_child(RegionPageFactory, network, slug, title=name)

    cooperatives = {}
    created_count = 0
    for slug, name, region, legal_form, city, summary, skill_slugs in COOPERATIVES:
        cooperatives[slug], created = published_child(
            CooperativePageFactory,
            regions[region],
            slug,
            title=name,
            legal_form=legal_form,
            city=city,
            summary=summary,
            presentation=f"<p>{summary} Coopérative fictive créée pour la démonstration.</p>",
            website="",
            contact_email=f"contact@{slug}.example",
            is_example=True,
            skills=[skills[s] for s in skill_slugs],
        )
        created_count += created

    out.write(
        f"Réseau : {len(regions)} régions, {len(cooperatives)} coopératives "
        f"({created_count} créées), {len(skills)} compétences."
    )
    create_users(out, cooperatives)
    return {"home": home, "network": network, "cooperatives": cooperatives}


def create_users(out, cooperatives):
    existing = set(get_user_model().objects.values_list("username", flat=True))
    printed = []
    for username, first_name, last_name, role, cooperative in USERS:
        if username in existing:
            continue
        password = secrets.token_urlsafe(9)
        superuser = role == "superuser"
        UserFactory(
            username=username,
            password=password,
            first_name=first_name,
            last_name=last_name,
            email=f"{username}@coopkb.example",
            is_superuser=superuser,
            is_staff=superuser,
            role=None if superuser else role,
            cooperative=cooperatives.get(cooperative),
        )
        printed.append((username, password, role, cooperative or "—"))
    if printed:
        out.write("Comptes de démonstration (mots de passe affichés une seule fois) :")
        for username, password, role, cooperative in printed:
            out.write(f"  {username:<16} {password:<14} {role:<10} {cooperative}")
    else:
        out.write("Comptes de démonstration déjà créés (mots de passe inchangés).")
