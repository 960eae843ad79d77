"""Demo practices: categories, procedures, checklists and members' comments (all invented)."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from kb.demo.pages import published_child
from practices.factories import (
    ChecklistPageFactory,
    CommentFactory,
    PracticeCategoryPageFactory,
    PracticeIndexPageFactory,
    ProcedurePageFactory,
    item,
    section,
    step,
)
from practices.models import Comment, Maturity, Visibility

CATEGORIES = [
    ("developpement", "Développement"),
    ("infrastructure", "Infrastructure"),
    ("gestion-de-projet", "Gestion de projet"),
    ("qualite", "Qualité"),
    ("relation-client", "Relation client"),
    ("communication", "Communication"),
    ("administration", "Administration"),
]


# (category, slug, title, fields, tags, author cooperative, adopters)
PROCEDURES = [
    (
        "developpement",
        "revue-de-code",
        "Revue de code avant fusion",
        {
            "summary": "Relire chaque demande de fusion à deux, avec une grille commune, en un jour.",
            "context_goal": "<p>La relecture partage la connaissance du code et attrape les erreurs tôt. "
            "Objectif : aucune fusion sans relecture, aucune relecture qui bloque un jour.</p>",
            "prerequisites": "<ul><li>Une forge avec demandes de fusion</li><li>Une intégration continue "
            "qui lance les tests</li></ul>",
            "roles": "autrice ou auteur du changement, relectrice ou relecteur",
            "maturity": Maturity.PROVEN,
            "steps": [
                step(
                    "Préparer la demande",
                    "<p>Une demande, un sujet. Dire pourquoi, comment tester ; lier le ticket.</p>",
                    tip="Moins de 400 lignes modifiées se relisent bien.",
                ),
                step(
                    "Attendre l'intégration continue",
                    "<p>Les tests et l'analyse statique doivent passer.</p>",
                ),
                step(
                    "Relire",
                    "<p>Lire la description, puis le code ; commenter en proposant.</p>",
                    warning="Ne jamais approuver un code qu'on n'a pas compris.",
                ),
                step(
                    "Fusionner",
                    "<p>L'autrice ou l'auteur fusionne après approbation et supprime la branche.</p>",
                ),
            ],
        },
        ["revue de code", "git", "qualité"],
        "les-octets-solidaires",
        ["tisserand-logiciel", "canal-code"],
    ),
    (
        "infrastructure",
        "mise-a-jour-debian",
        "Mettre à jour un serveur Debian",
        {
            "summary": "Appliquer les mises à jour de sécurité d'un serveur Debian sans surprise.",
            "context_goal": "<p>Les correctifs de sécurité s'appliquent chaque semaine, le mardi matin, "
            "hors période de forte charge.</p>",
            "prerequisites": "<p>Un accès <code>sudo</code>, une sauvegarde de la veille vérifiée.</p>",
            "roles": "administratrice ou administrateur système d'astreinte",
            "maturity": Maturity.PROVEN,
            "last_reviewed": datetime.date(2024, 3, 1),
            "review_interval_months": 12,
            "steps": [
                step(
                    "Prévenir",
                    "<p>Annoncer la fenêtre de maintenance sur le canal des clients concernés.</p>",
                ),
                step(
                    "Mettre à jour",
                    "<p>Lancer <code>apt update</code> puis <code>apt upgrade</code> et lire la liste.</p>",
                    warning="Un paquet du noyau impose un redémarrage planifié.",
                ),
                step("Vérifier", "<p>Contrôler la supervision et les journaux pendant 15 minutes.</p>"),
            ],
        },
        ["debian", "sécurité", "maintenance"],
        "brique-numerique",
        ["lumen-infogerance"],
    ),
    (
        "relation-client",
        "accueillir-un-client",
        "Accueillir un nouveau client",
        {
            "summary": "Du premier rendez-vous au lancement : ce que chaque nouveau client reçoit.",
            "context_goal": "<p>Un accueil soigné évite la plupart des malentendus de fin de projet.</p>",
            "roles": "chargée ou chargé de relation client, cheffe ou chef de projet",
            "maturity": Maturity.EXPERIMENTAL,
            "steps": [
                step(
                    "Rendez-vous de lancement",
                    "<p>Présenter l'équipe, le calendrier et les outils partagés.</p>",
                ),
                step("Ouvrir les accès", "<p>Créer l'espace projet et les comptes du client.</p>"),
                step(
                    "Envoyer le récapitulatif",
                    "<p>Un courriel qui reprend décisions, contacts et échéances.</p>",
                ),
            ],
        },
        ["client", "lancement"],
        "equinoxe-web",
        [],
    ),
    (
        "gestion-de-projet",
        "cloturer-un-projet",
        "Clôturer un projet",
        {
            "summary": "Terminer proprement : bilan, archives, facture, retour d'expérience.",
            "roles": "cheffe ou chef de projet",
            "maturity": Maturity.DRAFT,
            "steps": [
                step("Bilan avec le client", "<p>Relire les objectifs de départ et ce qui a été livré.</p>"),
                step("Rétrospective interne", "<p>Une heure, toute l'équipe, trois questions.</p>"),
            ],
        },
        ["rétrospective"],
        "maree-digitale",
        [],
    ),
    (
        "infrastructure",
        "incident-de-securite",
        "Gérer un incident de sécurité (interne au réseau)",
        {
            "summary": "Les premières heures d'un incident : qui appeler, quoi isoler, quoi garder.",
            "context_goal": "<p>Procédure partagée entre membres seulement : elle décrit nos contacts "
            "d'astreinte et nos outils d'investigation.</p>",
            "roles": "astreinte, référente ou référent sécurité, direction",
            "maturity": Maturity.EXPERIMENTAL,
            "visibility": Visibility.MEMBERS,
            "steps": [
                step("Isoler", "<p>Couper l'accès réseau de la machine sans l'éteindre.</p>"),
                step("Prévenir", "<p>Appeler la référente sécurité puis la direction.</p>"),
                step("Préserver les traces", "<p>Copier les journaux avant toute remise en service.</p>"),
            ],
        },
        ["sécurité", "incident"],
        "lumen-infogerance",
        ["brique-numerique"],
    ),
]

CHECKLISTS = [
    (
        "qualite",
        "mise-en-production",
        "Mise en production d'un site",
        {
            "summary": "Ce qu'on vérifie avant d'ouvrir un site au public.",
            "introduction": "<p>À dérouler avec le client le jour de la mise en ligne.</p>",
            "maturity": Maturity.PROVEN,
            "procedure": "mise-a-jour-debian",
            "sections": [
                {
                    "title": "Sauvegardes",
                    "items": [
                        item("Les sauvegardes automatiques tournent", "Lire le journal de la nuit.", True),
                        item("Une restauration a été testée", "Restaurer sur un serveur de test.", True),
                    ],
                },
                {
                    "title": "Sécurité",
                    "items": [
                        item("HTTPS partout", "Tester l'adresse en http : elle redirige.", True),
                        item("Les comptes de test sont supprimés", "Lister les comptes administrateurs."),
                    ],
                },
                {
                    "title": "Supervision",
                    "items": [
                        item("Une alerte arrive quand le site tombe", "Couper le service deux minutes.")
                    ],
                },
            ],
        },
        ["production", "qualité"],
        "brique-numerique",
        ["les-octets-solidaires"],
    ),
    (
        "qualite",
        "accessibilite-avant-livraison",
        "Accessibilité avant livraison",
        {
            "summary": "Les contrôles d'accessibilité minimum avant de livrer une interface.",
            "maturity": Maturity.EXPERIMENTAL,
            "sections": [
                {
                    "title": "Navigation",
                    "items": [
                        item("Tout se fait au clavier", "Parcourir la page avec Tab seulement.", True),
                        item("Le focus est visible", "Repérer le focus sur chaque élément actif.", True),
                    ],
                },
                {
                    "title": "Contenus",
                    "items": [
                        item("Les images ont une alternative", "Inspecter les attributs alt."),
                        item("Les contrastes sont suffisants", "Mesurer avec un outil de contraste.", True),
                    ],
                },
            ],
        },
        ["accessibilité", "RGAA"],
        "sillon-numerique",
        ["calanques-numeriques"],
    ),
]

# (page slug, author username, text, replies as (author, text))
COMMENTS = [
    (
        "revue-de-code",
        "membre-brique",
        "Pareil chez nous, avec **deux** relectures pour tout ce qui touche aux paiements.",
        [("editrice", "Bonne idée, on l'ajoute comme astuce à l'étape « Relire ».")],
    ),
    (
        "mise-a-jour-debian",
        "membre",
        "Pensez à `needrestart` pour savoir quels services redémarrer après la mise à jour.",
        [],
    ),
    (
        "mise-en-production",
        "editeur-brique",
        "La section Supervision a sauvé une mise en ligne le mois dernier.",
        [
            ("membre", "Vous utilisez quel outil de supervision ?"),
            ("editeur-brique", "Un Prometheus auto-hébergé."),
        ],
    ),
    (
        "incident-de-securite",
        "moderatrice",
        "Les numéros d'astreinte sont à jour depuis lundi.",
        [],
    ),
]


@transaction.atomic
def load(out, home, cooperatives, **context):
    index, _ = published_child(
        PracticeIndexPageFactory,
        home,
        "pratiques",
        title="Pratiques",
        intro="<p>Les procédures de travail et listes de contrôle qualité des coopératives.</p>",
    )
    categories = {
        slug: published_child(PracticeCategoryPageFactory, index, slug, title=title)[0]
        for slug, title in CATEGORIES
    }
    pages, created = {}, 0
    for factory, specs in ((ProcedurePageFactory, PROCEDURES), (ChecklistPageFactory, CHECKLISTS)):
        for category, slug, title, fields, tags, author, adopters in specs:
            fields = dict(fields)
            if factory is ChecklistPageFactory:
                fields["sections"] = [section(**value) for value in fields["sections"]]
                fields["procedure"] = pages.get(fields.pop("procedure", None))
            pages[slug], is_new = published_child(
                factory,
                categories[category],
                slug,
                title=title,
                author_cooperative=cooperatives[author],
                adopting_cooperatives=[cooperatives[c] for c in adopters],
                tags=tags,
                **fields,
            )
            created += is_new
    comment_count = add_comments(pages)
    out.write(
        f"Pratiques : {len(categories)} catégories, {len(pages)} procédures et listes ({created} créées), "
        f"{comment_count} commentaires ajoutés."
    )
    return {"practice_index": index}


def add_comments(pages):
    users = {user.username: user for user in get_user_model().objects.all()}
    added = 0
    for slug, username, text, replies in COMMENTS:
        thread, is_new = comment(pages[slug], users[username], text)
        added += is_new
        for reply_author, reply_text in replies:
            added += comment(pages[slug], users[reply_author], reply_text, parent=thread)[1]
    return added


def comment(page, author, body, parent=None):
    """The comment with this text, written when missing: (comment, created)."""
    existing = Comment.objects.filter(page=page, author=author, body=body, parent=parent).first()
    if existing is not None:
        return existing, False
    return CommentFactory(page=page, author=author, body=body, parent=parent), True
