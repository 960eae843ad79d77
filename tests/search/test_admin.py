import pytest

from search.models import SearchLog, SynonymGroup


def test_seeded_synonyms_expand_acronyms(db):
    from search.synonyms import expand

    assert SynonymGroup.objects.filter(terms__startswith="RGPD").exists()
    assert "protection des données personnelles" in expand("rgpd conformité")
    assert "MCO" in expand("maintien en conditions opérationnelles")


@pytest.mark.parametrize(("user", "allowed"), [("moderator", True), ("editor_a", False)])
def test_search_report_for_moderators(client, people, user, allowed):
    SearchLog.objects.create(query="introuvable", result_count=0, engine="sqlite")
    SearchLog.objects.create(query="introuvable", result_count=0, engine="sqlite")
    SearchLog.objects.create(query="rsync", result_count=4, engine="sqlite")
    client.force_login(people[user])
    response = client.get("/admin/reports/search/")
    if allowed:
        assert response.status_code == 200
        content = response.content.decode()
        assert "introuvable" in content
        assert "rsync" in content
    else:
        assert response.status_code in (302, 403)  # Wagtail redirects refused admin views


def test_moderators_curate_synonyms(client, people):
    client.force_login(people["moderator"])
    assert client.get("/admin/snippets/kbsearch/synonymgroup/").status_code == 200
    client.force_login(people["editor_a"])
    assert client.get("/admin/snippets/kbsearch/synonymgroup/").status_code in (302, 403)
