from core.access import PUBLIC_AUDIENCE, Restrictions
from practices.factories import CommentFactory
from tests.practices.conftest import make_procedure


def test_procedure_search_document(procedure, people, site_tree):
    procedure.adopting_cooperatives = [site_tree["coop_b"]]
    procedure.save_revision().publish()
    CommentFactory(page=procedure, author=people["member_a"], body="Merci pour **borg**")
    CommentFactory(page=procedure, author=people["member_b"], body="Caché", status="hidden")

    document = procedure.search_data(PUBLIC_AUDIENCE, Restrictions.load())
    assert document.kind == "procedure"
    assert document.title == "Restaurer une sauvegarde"
    assert "borg list" in document.body and "<" not in document.body
    assert document.comments == "Merci pour **borg**"
    assert document.tags == ["sauvegarde"]
    assert document.category == "Infrastructure"
    assert document.region == "Auvergne-Rhône-Alpes"
    assert document.cooperatives == ["Coop Alpha", "Coop Beta"]
    assert (document.ring, document.score, document.external_id) == ("", None, "")
    assert document.date == procedure.last_published_at


def test_checklist_search_document(checklist):
    document = checklist.search_data(PUBLIC_AUDIENCE, Restrictions.load())
    assert document.kind == "checklist"
    assert "La restauration est testée" in document.body
    assert "Couper le service" in document.body
    assert document.cooperatives == ["Coop Beta"]


def test_search_document_body_is_plain_words(category):
    """Entities decoded and paragraphs kept apart, as imported corpus procedures are stored."""
    procedure = make_procedure(category, slug="entites")
    procedure.context_goal = "<p>Lorsqu&#x27;un serveur tombe</p><p>Restaurer&nbsp;vite</p>"
    procedure.prerequisites = "<p>Une archive<br/>Un disque &amp; un câble</p>"
    procedure.save_revision().publish()
    procedure.refresh_from_db()
    body = procedure.search_data(PUBLIC_AUDIENCE, Restrictions.load()).body
    assert "Lorsqu'un serveur tombe Restaurer vite" in body
    assert "Une archive Un disque & un câble" in body
    assert "Lister les archives avec borg list." in body
