"""The cooperatives that answered a request form its consortium; one leads it and is the client's
single contact. The lead is proposed by a cooperative and agreed by every other one interested, or
named by a moderator."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from .access import cooperative_of, is_moderator
from .models import ClientRequest


@dataclass
class Said:
    ok: bool
    text: str


def _settle(client_request):
    """The proposal becomes the lead once every other interested cooperative agreed."""
    proposer = client_request.lead_proposed_id
    others = client_request.interests.exclude(cooperative_id=proposer)
    if proposer and not others.filter(agrees_to_lead=False).exists():
        set_lead(client_request, client_request.lead_proposed)


def set_lead(client_request, cooperative):
    client_request.lead = cooperative
    client_request.lead_proposed = None
    if client_request.status == ClientRequest.Status.OPEN:
        client_request.set_status(ClientRequest.Status.CONSORTIUM)
    client_request.save()


@transaction.atomic
def lead_action(client_request, cooperative, action) -> Said:
    client_request = ClientRequest.objects.select_for_update().get(pk=client_request.pk)
    mine = client_request.interests.filter(cooperative=cooperative).first()
    if mine is None:
        return Said(False, _("Dites d'abord l'intérêt de votre coopérative pour cette demande."))
    if client_request.lead_id:
        return Said(
            False, _("Le chef de file est déjà choisi : %(name)s.") % {"name": client_request.lead.title}
        )
    if action == "propose":
        client_request.lead_proposed = cooperative
        client_request.save(update_fields=["lead_proposed"])
        client_request.interests.update(agrees_to_lead=False)
        _settle(client_request)
        if client_request.lead_id:
            return Said(True, _("Votre coopérative est chef de file : le client a désormais son contact."))
        return Said(True, _("Proposition envoyée : les autres coopératives intéressées doivent l'accepter."))
    if (
        action == "agree"
        and client_request.lead_proposed_id
        and client_request.lead_proposed_id != cooperative.pk
    ):
        mine.agrees_to_lead = True
        mine.save(update_fields=["agrees_to_lead"])
        _settle(client_request)
        return Said(True, _("Votre accord est enregistré."))
    return Said(False, _("Il n'y a pas de proposition à accepter."))


def may_progress(user, client_request) -> bool:
    """Moderators, and the lead cooperative's members, move a request on once it has a lead."""
    if is_moderator(user):
        return True
    cooperative = cooperative_of(user)
    return bool(client_request.lead_id and cooperative and cooperative.pk == client_request.lead_id)


def client_contact(client_request):
    """What the client's page shows: the lead cooperative and the consortium's members, or None."""
    if client_request.lead is None:
        return None
    members = [
        interest.cooperative
        for interest in client_request.interests.select_related("cooperative")
        if interest.cooperative_id != client_request.lead_id
    ]
    return {"lead": client_request.lead, "members": members}
