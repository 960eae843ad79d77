"""The public "Rédiger un avis" form: drafts go through moderation before anyone sees them."""

from wagtail.models import WorkflowState

from tests.factories import PASSWORD
from tooling.models import ReviewPage
from tooling.scoring import summarise

VALID = {
    "use_case": "Messagerie interne de 12 personnes",
    "team_size": "12",
    "score_features": "4",
    "score_usability": "3",
    "score_operations": "2",
    "score_maturity": "5",
    "score_openness": "5",
    "score_cost": "4",
    "ring": "trial",
    "pros": "Fédéré, chiffré",
    "cons": "Serveur gourmand",
    "recommendation": "À essayer avec un hébergeur",
}


def form_url(tool):
    return tool.url + "avis/nouveau/"


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_anonymous_reader_is_sent_to_login(client, catalogue):
    response = client.get(form_url(catalogue["matrix"]))
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/?next=")


def test_user_without_cooperative_is_refused_clearly(client, people, catalogue):
    login(client, people["outsider"])
    response = client.post(form_url(catalogue["matrix"]), VALID)
    assert response.status_code == 403
    assert "Seuls les membres" in response.content.decode()
    assert not ReviewPage.objects.exists()


def test_member_proposal_waits_for_moderation_then_counts(client, people, catalogue):
    tool = catalogue["matrix"]
    login(client, people["member_a"])
    assert client.get(tool.url).content.decode().count("Rédiger un avis") >= 1

    response = client.post(form_url(tool), VALID)

    assert response.status_code == 302 and response["Location"] == tool.url
    review = ReviewPage.objects.get()
    assert not review.live  # a draft, not visible yet
    assert review.cooperative == people["member_a"].kb_profile.cooperative
    assert review.author == people["member_a"]
    assert review.get_latest_revision().user == people["member_a"]
    state = WorkflowState.objects.get(object_id=str(review.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    client.logout()
    assert "Serveur gourmand" not in client.get(tool.url).content.decode()
    assert client.get(review.url).status_code == 404  # not published

    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, people["moderator"], "approve")

    review.refresh_from_db()
    assert review.live
    summary = summarise(ReviewPage.objects.child_of(tool).live())
    assert summary.ring == "trial" and summary.averages["score_operations"] == 2.0
    assert "Serveur gourmand" in client.get(review.url).content.decode()


def test_invalid_input_is_refused_and_kept(client, people, catalogue):
    login(client, people["member_a"])
    data = {**VALID, "score_features": "6", "ring": "", "pros": "   ", "use_case": "Garder ce texte"}

    response = client.post(form_url(catalogue["matrix"]), data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "La note doit être comprise entre 1 et 5." in html
    assert "Choisissez un anneau" in html
    assert "Ce champ ne peut pas rester vide." in html
    assert 'value="Garder ce texte"' in html  # nothing typed is lost
    assert "Serveur gourmand" in html
    assert not ReviewPage.objects.exists()


def test_non_numeric_score_is_a_message_not_an_error(client, people, catalogue):
    login(client, people["member_a"])
    response = client.post(form_url(catalogue["matrix"]), {**VALID, "score_cost": "beaucoup"})
    assert response.status_code == 400
    assert "nombre entier entre 1 et 5" in response.content.decode()
