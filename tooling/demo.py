"""Demo tool watch: French-speaking catalogue entries, reviews from several cooperatives
(with disagreements and ring movements), usages, référents and watch duties (some due)."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from kb.demo.pages import published_child
from tooling.factories import (
    ReviewPageFactory,
    ToolAlternativeFactory,
    ToolIndexPageFactory,
    ToolPageFactory,
    ToolReferentFactory,
    ToolUsageFactory,
    WatchDutyFactory,
)
from tooling.importer import ensure_categories
from tooling.models import WatchDuty

# (slug, title, category, summary, website, SPDX, licence kind, self-hostable, pricing, usages)
TOOLS = [
    (
        "nextcloud",
        "Nextcloud",
        "reseau-et-web",
        "Partage de fichiers, agendas et contacts auto-hébergés.",
        "https://nextcloud.com",
        "AGPL-3.0-or-later",
        "free",
        True,
        "freemium",
        [
            ("brique-numerique", "provider"),
            ("les-octets-solidaires", "user"),
            ("lumen-infogerance", "integrator"),
        ],
    ),
    (
        "gitlab",
        "GitLab",
        "developpement",
        "Forge logicielle : dépôts Git, revues de code, intégration continue.",
        "https://about.gitlab.com",
        "MIT",
        "free",
        True,
        "freemium",
        [("tisserand-logiciel", "user"), ("canal-code", "user")],
    ),
    (
        "matrix-element",
        "Matrix / Element",
        "messagerie",
        "Messagerie instantanée fédérée et chiffrée.",
        "https://element.io",
        "AGPL-3.0-only",
        "free",
        True,
        "freemium",
        [("brique-numerique", "provider"), ("tisserand-logiciel", "user")],
    ),
    (
        "slack",
        "Slack",
        "messagerie",
        "Messagerie d'équipe hébergée par l'éditeur.",
        "https://slack.com",
        "",
        "proprietary",
        False,
        "subscription",
        [("equinoxe-web", "user")],
    ),
    (
        "odoo",
        "Odoo",
        "gestion-et-erp",
        "Progiciel de gestion intégré : facturation, CRM, stocks.",
        "https://www.odoo.com",
        "LGPL-3.0-only",
        "free",
        True,
        "freemium",
        [("garonne-libre", "integrator")],
    ),
    (
        "keycloak",
        "Keycloak",
        "reseau-et-web",
        "Gestion des identités et authentification unique (SSO).",
        "https://www.keycloak.org",
        "Apache-2.0",
        "free",
        True,
        "free",
        [("lumen-infogerance", "integrator")],
    ),
    (
        "borgbackup",
        "BorgBackup",
        "administration-systeme",
        "Sauvegardes dédupliquées et chiffrées.",
        "https://www.borgbackup.org",
        "BSD-3-Clause",
        "free",
        True,
        "free",
        [("brique-numerique", "user"), ("lumen-infogerance", "user")],
    ),
    (
        "grafana",
        "Grafana",
        "administration-systeme",
        "Tableaux de bord de supervision et d'observabilité.",
        "https://grafana.com",
        "AGPL-3.0-only",
        "free",
        True,
        "freemium",
        [("comte-data", "user")],
    ),
]

# (tool slug, cooperative slug, days ago, ring, scores, use case, pros, cons, recommendation)
REVIEWS = [
    (
        "nextcloud",
        "brique-numerique",
        620,
        "trial",
        (4, 3, 3, 4, 5, 4),
        "Partage de fichiers pour 8 clients",
        "Complet, libre",
        "Mises à jour délicates",
        "À essayer avec un hébergeur sérieux.",
    ),
    (
        "nextcloud",
        "brique-numerique",
        40,
        "adopt",
        (4, 4, 3, 5, 5, 4),
        "Partage de fichiers pour 25 clients",
        "Écosystème d'applications, souverain",
        "Demande de la supervision",
        "Adoptez-le, hébergé chez une coopérative.",
    ),
    (
        "nextcloud",
        "les-octets-solidaires",
        90,
        "adopt",
        (4, 4, 4, 4, 5, 5),
        "Agenda et fichiers de l'équipe",
        "Tout-en-un",
        "Interface parfois lente",
        "Bon choix par défaut pour une petite équipe.",
    ),
    (
        "nextcloud",
        "lumen-infogerance",
        200,
        "trial",
        (4, 3, 2, 4, 5, 4),
        "Offre d'hébergement pour associations",
        "Demande forte des clients",
        "Exploitation exigeante",
        "À essayer si vous avez l'équipe d'exploitation.",
    ),
    (
        "gitlab",
        "tisserand-logiciel",
        300,
        "adopt",
        (5, 4, 2, 5, 4, 3),
        "Forge de 12 développeurs",
        "CI intégrée",
        "Gourmand en mémoire",
        "Adoptez-le, ou Forgejo pour les petites équipes.",
    ),
    (
        "gitlab",
        "canal-code",
        150,
        "assess",
        (5, 3, 2, 5, 3, 3),
        "Forge et CI",
        "Complet",
        "Lourd à héberger",
        "Évaluez Forgejo en parallèle.",
    ),
    (
        "matrix-element",
        "brique-numerique",
        120,
        "adopt",
        (4, 3, 3, 4, 5, 5),
        "Messagerie interne",
        "Fédéré, chiffré",
        "Serveur Synapse gourmand",
        "Adoptez-le pour la messagerie interne.",
    ),
    (
        "matrix-element",
        "tisserand-logiciel",
        30,
        "assess",
        (3, 3, 3, 4, 5, 5),
        "Messagerie avec les clients",
        "Ponts vers d'autres messageries",
        "Clients moins polis que Slack",
        "À évaluer selon vos clients.",
    ),
    (
        "slack",
        "equinoxe-web",
        400,
        "trial",
        (5, 5, 5, 5, 1, 2),
        "Messagerie avec les clients",
        "Très ergonomique",
        "Données hors d'Europe, coût",
        "À réserver aux échanges avec les clients.",
    ),
    (
        "slack",
        "equinoxe-web",
        60,
        "hold",
        (5, 5, 5, 5, 1, 1),
        "Messagerie avec les clients",
        "Très ergonomique",
        "Hausse des prix, dépendance",
        "Suspendez : migrez vers Matrix.",
    ),
    (
        "slack",
        "les-octets-solidaires",
        100,
        "hold",
        (5, 5, 5, 5, 1, 2),
        "Communauté de clients",
        "Ergonomie",
        "Historique limité, souveraineté",
        "À suspendre.",
    ),
    (
        "odoo",
        "garonne-libre",
        80,
        "adopt",
        (5, 3, 3, 5, 4, 4),
        "Gestion de 5 coopératives clientes",
        "Modules métiers",
        "Version communautaire limitée",
        "Adoptez la version communautaire avec un intégrateur.",
    ),
    (
        "keycloak",
        "lumen-infogerance",
        700,
        "trial",
        (5, 2, 2, 5, 5, 5),
        "SSO des services clients",
        "Standards ouverts",
        "Configuration complexe",
        "À essayer pour centraliser l'authentification.",
    ),
    (
        "borgbackup",
        "brique-numerique",
        50,
        "adopt",
        (4, 3, 4, 5, 5, 5),
        "Sauvegarde de 40 serveurs",
        "Déduplication, chiffrement",
        "Pas d'interface graphique",
        "Adoptez-le avec borgmatic.",
    ),
    (
        "grafana",
        "comte-data",
        20,
        "adopt",
        (5, 4, 4, 5, 4, 4),
        "Tableaux de bord de supervision",
        "Riche, nombreuses sources",
        "Licence passée en AGPL",
        "Adoptez-le.",
    ),
]

# (category slug or None, tool slug or None, interval in months, cooperative slugs)
DUTIES = [
    ("messagerie", None, 6, ["brique-numerique", "les-octets-solidaires"]),  # Slack/Matrix fresh, due soon
    (None, "keycloak", 12, ["lumen-infogerance"]),  # last review ~23 months ago: due
    (None, "grafana", 12, ["comte-data"]),  # reviewed 20 days ago: not due
    ("gestion-et-erp", None, 6, ["garonne-libre"]),  # Odoo reviewed 80 days ago: not due
]

CRITERIA_FIELDS = [
    "score_features",
    "score_usability",
    "score_operations",
    "score_maturity",
    "score_openness",
    "score_cost",
]


@transaction.atomic
def load(out, home, cooperatives, **context):
    index, _ = published_child(
        ToolIndexPageFactory,
        home,
        "outils",
        title="Outils",
        intro="<p>Le catalogue d'outils et la veille partagée entre coopératives.</p>",
    )
    categories = ensure_categories(index)
    tools = {}
    for slug, title, category, summary, website, spdx, kind, hostable, pricing, usages in TOOLS:
        tools[slug], _ = published_child(
            ToolPageFactory,
            categories[category],
            slug,
            title=title,
            summary=summary,
            website=website,
            licence_spdx=spdx,
            licence_kind=kind,
            self_hostable=hostable,
            pricing=pricing,
        )
        for cooperative, relationship in usages:
            ToolUsageFactory(
                tool=tools[slug], cooperative=cooperatives[cooperative], relationship=relationship
            )
    link_alternatives(tools)
    add_referents(tools)
    created = add_reviews(tools, cooperatives)
    for category, tool, months, members in DUTIES:
        fields = {
            "category": categories[category] if category else None,
            "tool": tools[tool] if tool else None,
            "interval_months": months,
        }
        duty = WatchDuty.objects.filter(**fields).first() or WatchDutyFactory(**fields)
        duty.cooperatives.set([cooperatives[slug] for slug in members])
    out.write(f"Outils : {len(tools)} outils, {len(REVIEWS)} avis ({created} créés), {len(DUTIES)} missions.")
    return {"tools": tools}


def link_alternatives(tools):
    pairs = [("slack", "matrix-element")]
    for left, right in pairs:
        ToolAlternativeFactory(tool=tools[left], alternative=tools[right])


def add_referents(tools):
    users = (
        get_user_model()
        .objects.filter(username__in=["membre-brique", "editrice"])
        .select_related("kb_profile")
    )
    by_name = {user.username: user for user in users}
    for tool_slug, username in [("nextcloud", "membre-brique"), ("matrix-element", "editrice")]:
        user = by_name[username]
        ToolReferentFactory(tool=tools[tool_slug], user=user, cooperative=user.kb_profile.cooperative)


def add_reviews(tools, cooperatives):
    today = timezone.localdate()
    created = 0
    for tool, cooperative, days_ago, ring, scores, use_case, pros, cons, recommendation in REVIEWS:
        review_date = today - datetime.timedelta(days=days_ago)
        coop = cooperatives[cooperative]
        _page, was_created = published_child(
            ReviewPageFactory,
            tools[tool],
            f"avis-{cooperative}-{days_ago}",  # stable across runs, so reruns find it
            title=f"Avis de {coop.title} ({review_date:%m/%Y})",
            cooperative=coop,
            review_date=review_date,
            use_case=use_case,
            ring=ring,
            pros=pros,
            cons=cons,
            recommendation=recommendation,
            **dict(zip(CRITERIA_FIELDS, scores, strict=True)),
        )
        created += was_created
    return created
