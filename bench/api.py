"""The bench scripts' one way to ask /api/search/, so no figure comes from the wrong engine."""


class FallbackAnswered(AssertionError):
    """The configured engine was down and the database engine answered for it."""


def checked(response, text):
    """The response of /api/search/?q=text, refused unless the configured engine answered it."""
    assert response.status_code == 200, (text, response.status_code)
    if notice := response.json().get("notice"):
        raise FallbackAnswered(f"{text!r}: {notice}")
    return response


def api_search(client, text):
    """GET /api/search/?q=text through a Django test client, checked."""
    return checked(client.get("/api/search/", {"q": text}), text)
