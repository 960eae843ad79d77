"""Factories of the clients' requests."""

from django.utils import timezone

import factory
from factory.django import DjangoModelFactory

from client_requests.models import ClientRequest
from kb.factories import RegionPageFactory


class ClientRequestFactory(DjangoModelFactory):
    """A request as the form files it (consent given), in the region of its `region`, for `skills`."""

    title = "Refaire le site de l'association"
    description = "Un site accessible et sobre."
    region = factory.SubFactory(RegionPageFactory)
    organisation = ClientRequest.Organisation.ASSOCIATION
    contact_name = "Camille Zorgdupont"
    contact_email = "camille.zorgdupont@example.net"
    consented_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = ClientRequest
        skip_postgeneration_save = True

    @factory.post_generation
    def skills(client_request, create, extracted, **kwargs):
        if create and extracted:
            client_request.skills.set(extracted)
