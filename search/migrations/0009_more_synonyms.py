"""More synonyms and acronyms of the trade, in the seeded list moderators curate (Snippets).

Also narrows the seeded « antivirus / virus » group: a search for an antivirus is not a search for
viruses (left alone if a moderator already changed it)."""

from django.db import migrations

SEED = [
    "balayage de ports\nscanner de ports\nscan de ports",
    "lecteur vidéo\nlecteur multimédia\nlecteur de média",
    "DHCP\nattribution automatique d'adresses IP\nconfiguration automatique du réseau",
    "dépôt de paquets\ndépôt APT\narchive de paquets",
    "gestionnaire de mots de passe\ncoffre-fort de mots de passe\npassword manager",
    "retouche photo\nretouche d'images\néditeur d'images",
    "navigateur\nnavigateur web\nbrowser",
    "tableur\nfeuille de calcul\nspreadsheet",
    "traitement de texte\nword processor",
    "éditeur de texte\ntext editor",
    "base de données\nSGBD\ndatabase",
    "chiffrement\ncryptage\nencryption",
    "proxy\nserveur mandataire",
    "IDS\ndétection d'intrusion",
    "PKI\ninfrastructure à clés publiques\nautorité de certification",
    "NTP\nsynchronisation de l'heure",
    "RAID\ngrappe de disques",
    "LVM\ngestionnaire de volumes logiques",
    "CMS\nsystème de gestion de contenu",
    "visioconférence\nvidéoconférence\nréunion en ligne",
    "SSO\nauthentification unique",
    "intégration continue\nCI",
    "déploiement continu\nlivraison continue",
    "ERP\nPGI\nprogiciel de gestion intégré",
    "CRM\ngestion de la relation client",
    "RGAA\naccessibilité numérique",
    "TMA\ntierce maintenance applicative",
    "PCA\nplan de continuité d'activité",
    "SLA\naccord de niveau de service",
    "ESN\nentreprise de services du numérique\nSSII",
    "UX\nexpérience utilisateur",
]
OLD_ANTIVIRUS, NEW_ANTIVIRUS = "antivirus\nvirus", "antivirus\nanti-virus\nlogiciel antivirus"


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("kbsearch", "SynonymGroup")
    for terms in SEED:
        SynonymGroup.objects.get_or_create(terms=terms)
    SynonymGroup.objects.filter(terms=OLD_ANTIVIRUS).update(terms=NEW_ANTIVIRUS)


def unseed(apps, schema_editor):
    SynonymGroup = apps.get_model("kbsearch", "SynonymGroup")
    SynonymGroup.objects.filter(terms__in=SEED).delete()
    SynonymGroup.objects.filter(terms=NEW_ANTIVIRUS).update(terms=OLD_ANTIVIRUS)


class Migration(migrations.Migration):
    dependencies = [("kbsearch", "0008_sqlite_fts_without_kind")]
    operations = [migrations.RunPython(seed, unseed, elidable=False)]
