from pathlib import Path

import pytest

from search.models import SearchLog, SynonymGroup

TOOLS_SAMPLE = Path(__file__).resolve().parent.parent / "data" / "tools-sample.jsonl"


def test_seeded_synonyms_expand_acronyms(db):
    from search.synonyms import expand

    assert SynonymGroup.objects.filter(terms__startswith="RGPD").exists()
    assert "protection des données personnelles" in expand("rgpd conformité")
    assert "MCO" in expand("maintien en conditions opérationnelles")


@pytest.mark.parametrize(("user", "allowed"), [("moderator", True), ("editor_a", False)])
def test_search_report_for_moderators(client, people, user, allowed):
    SearchLog.objects.create(query="introuvable", searches=2, result_count=0, engine="sqlite")
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


def test_admin_backend_ranks_in_one_pass(site_tree):
    from django.db import connection

    from wagtail.models import Page
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    if connection.vendor == "sqlite":
        from search.admin_backend_sqlite import RankedOnceSQLiteBackend

        assert isinstance(backend, RankedOnceSQLiteBackend)
    results = backend.search("coop alpha", Page.objects.all(), operator="or")
    assert [page.title for page in results[:1]] == ["Coop Alpha"]
    assert {page.title for page in results} == {"Coop Alpha", "Coop Beta"}
    assert results.count() == 2


@pytest.mark.parametrize("text", ["alpha", '"', "coop AND (", "😀"])
def test_admin_page_search_answers(client, people, text):
    client.force_login(people["moderator"])
    response = client.get("/admin/pages/search/", {"q": text})
    assert response.status_code == 200


def import_sample_tools(capture_on_commit, execute):
    from tooling.importer import ToolImporter, read_rows
    from tooling.models import ToolIndexPage

    with capture_on_commit(execute=execute):
        result = ToolImporter(ToolIndexPage.objects.get()).run(read_rows(TOOLS_SAMPLE))
    assert result.created > 30
    return result


def admin_search_finds(client, title):
    from tooling.models import ToolPage

    response = client.get("/admin/pages/search/", {"q": title})
    assert response.status_code == 200
    return f"/admin/pages/{ToolPage.objects.get(title=title).pk}/edit/" in response.content.decode()


def test_bulk_imported_tools_are_found_by_admin_page_search(
    client, people, django_capture_on_commit_callbacks
):
    import_sample_tools(django_capture_on_commit_callbacks, execute=True)
    client.force_login(people["moderator"])
    assert admin_search_finds(client, "borgbackup")
    assert admin_search_finds(client, "akregator")


def test_admin_index_takes_bulk_imports_a_batch_at_a_time(
    client, people, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    from search.admin_index import index_pages

    result = import_sample_tools(django_capture_on_commit_callbacks, execute=False)
    client.force_login(people["moderator"])
    assert not admin_search_finds(client, "borgbackup")  # bulk writes skip Page.save()
    # Per model: content types, pages, tags (prefetched), the write, title norms; not per page.
    with django_assert_max_num_queries(12):
        index_pages(result.page_ids)
    assert admin_search_finds(client, "borgbackup")
