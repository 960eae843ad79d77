"""A first list of synonyms and acronyms; moderators curate it in the admin (Snippets)."""

from django.db import migrations

SEED = [
    "RGPD\nprotection des données personnelles\nrèglement général sur la protection des données",
    "MCO\nmaintien en conditions opérationnelles",
    "PRA\nplan de reprise d'activité\nreprise après sinistre",
    "sauvegarde\nbackup",
    "pare-feu\nfirewall\nfiltre de paquets",
    "VPN\nréseau privé virtuel",
    "messagerie\ncourrier électronique\nmail\ne-mail",
    "serveur web\nserveur HTTP",
    "supervision\nmonitoring",
    "mot de passe\npassword",
    "conteneur\ncontainer",
    "virtualisation\nmachine virtuelle",
    "DNS\nrésolution de noms",
    "annuaire\nLDAP",
    "planification de tâches\ncron",
    "journaux\nlogs",
    "mise à jour\nupgrade",
    "SSH\nconnexion à distance sécurisée",
    "antivirus\nvirus",
    "messagerie instantanée\nchat\nXMPP",
    "SCOP\nsociété coopérative et participative",
    "SCIC\nsociété coopérative d'intérêt collectif",
    "CAE\ncoopérative d'activité et d'emploi",
]


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("kbsearch", "SynonymGroup")
    for terms in SEED:
        SynonymGroup.objects.get_or_create(terms=terms)


class Migration(migrations.Migration):
    dependencies = [("kbsearch", "0003_sqlite_fts")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
