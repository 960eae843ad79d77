"""The client's link to their request's status page: signed, and tied to the request's secret, so
replacing the secret (or deleting the request) ends every link sent before. No account needed."""

from django.core import signing

from .models import ClientRequest

SALT = "client_requests.status"


def status_token(client_request) -> str:
    return signing.dumps({"r": client_request.pk, "s": client_request.secret}, salt=SALT, compress=True)


def request_from_token(token: str) -> ClientRequest | None:
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("r"), int):
        return None
    found = ClientRequest.objects.filter(pk=data["r"]).first()
    return found if found is not None and found.secret == data.get("s") else None
