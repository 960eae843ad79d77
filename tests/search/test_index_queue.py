"""Index updates on the durable queue (django-tasks' database backend and its worker): publishing
only records them, an engine that is refused or hangs is skipped by the circuit breaker and retried
later with a growing delay, and once it is back nothing published meanwhile is missing."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.contrib.auth.models import Group, Permission, User
from django.core.management import CommandError, call_command
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kb.factories import CooperativePageFactory
from search import engine_updates, engines, tasks
from search.engines.base import Reader, SearchQuery
from search.engines.breaker import CircuitBreaker
from search.models import SearchDocument
from tests.search.conftest import restrict
from tests.search.faulty_server import FaultyServer
from tests.search.test_elasticsearch_fallback import unused_port

# The worker commits as it goes, as in production: no test transaction (the rows that migrations
# create, such as the root page, are put back after each test).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PUSH = engine_updates.push_to_engines.module_path


@pytest.fixture
def queue(settings):
    """The production task backend: tasks are rows until the worker runs them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.KB_SEARCH_RETRY = {"first": 10, "longest": 900, "attempts": 3}
    settings.KB_SEARCH_BREAKER_PAUSE = 30


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


def time_passes():
    """Deferred tries become due (rather than sleeping through the back-off)."""
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())


def pending_pushes():
    return DBTaskResult.objects.filter(task_path=PUSH, status=TaskResultStatus.READY)


def use_engine(settings, url, timeout=0.3):
    settings.KB_SEARCH_ENGINE = "elasticsearch"
    settings.KB_ELASTICSEARCH_URL = url
    settings.KB_ELASTICSEARCH_TIMEOUT = timeout
    engines._build.cache_clear()


def search(text):
    return engines.run_search(SearchQuery(text=text, reader=Reader.anonymous()))


def test_publishing_only_records_the_update_and_the_worker_indexes_it(site_tree, queue):
    page = CooperativePageFactory(parent=site_tree["region_ara"], title="Coop Zeta", slug="coop-zeta")
    assert not SearchDocument.objects.filter(page=page).exists()
    waiting = DBTaskResult.objects.filter(task_path=tasks.refresh_pages.module_path, status="READY")
    assert waiting.count() == 1
    run_worker()
    assert SearchDocument.objects.filter(page=page, title="Coop Zeta").exists()
    assert [hit.title for hit in search("zeta").hits] == ["Coop Zeta"]
    assert not DBTaskResult.objects.filter(status__in=["READY", "FAILED"]).exists()


def test_refused_engine_update_waits_on_the_queue_and_search_still_finds_the_page(site_tree, queue, settings):
    use_engine(settings, f"http://127.0.0.1:{unused_port()}")
    page = CooperativePageFactory(parent=site_tree["region_ara"], title="Coop Eta", slug="coop-eta")
    before = timezone.now()
    run_worker()
    # The database engine has it; the engine's copy waits, due after the first delay.
    assert SearchDocument.objects.filter(page=page).exists()
    (retry,) = pending_pushes()
    assert retry.args_kwargs["args"] == [[page.pk], 1]
    assert before + timedelta(seconds=29) < retry.run_after  # not before the breaker's pause is over
    assert CircuitBreaker("elasticsearch").open_until() is not None
    results = search("eta")
    assert [hit.title for hit in results.hits] == ["Coop Eta"]
    assert results.notice


def test_hanging_engine_costs_one_timeout_then_the_breaker_answers_at_once(site_tree, queue, settings):
    settings.KB_SEARCH_BREAKER_PAUSE = 0.5
    with FaultyServer(mode="hanging") as server:
        use_engine(settings, server.url, timeout=0.2)
        CooperativePageFactory(parent=site_tree["region_ara"], title="Coop Theta", slug="coop-theta")
        assert server.connections == 0  # publishing did not touch the engine
        run_worker()
        tried = server.connections
        assert tried >= 1
        for _ in range(5):
            results = search("theta")
            assert [hit.title for hit in results.hits] == ["Coop Theta"]
            assert results.notice
        assert server.connections == tried  # the breaker held every search back
        assert engines.run_suggest("thet", Reader.anonymous())[0].title == "Coop Theta"
        assert server.connections == tried
        # After the pause one search tries the engine again, fails, and the breaker closes the door again.
        settings.KB_SEARCH_BREAKER_PAUSE = 0
        CircuitBreaker("elasticsearch").failed()  # the pause is over at once
        assert search("theta").notice
        assert server.connections > tried


def test_retries_back_off_then_fail_for_good_and_the_report_sends_them_again(
    site_tree, people, queue, settings, client
):
    use_engine(settings, f"http://127.0.0.1:{unused_port()}")
    settings.KB_SEARCH_BREAKER_PAUSE = 0  # every try reaches the engine
    page = CooperativePageFactory(parent=site_tree["region_ara"], title="Coop Iota", slug="coop-iota")
    run_worker()
    delays = []
    for _ in range(3):
        (retry,) = pending_pushes()
        delays.append(round((retry.run_after - retry.enqueued_at).total_seconds()))
        time_passes()
        run_worker()
    assert delays == [10, 20, 40]
    (failed,) = DBTaskResult.objects.filter(task_path=PUSH, status=TaskResultStatus.FAILED)
    assert failed.exception_class_path == "search.engine_updates.IndexUpdateFailed"
    assert not pending_pushes().exists()

    client.force_login(people["moderator"])
    report = client.get("/admin/reports/search-index/")
    assert report.status_code == 200
    assert "1 mise à jour en échec" in report.text
    assert "Coop Iota" in report.text
    assert "pages not sent after 3 tries" in report.text
    response = client.post("/admin/reports/search-index/retry/")
    assert response.status_code == 302
    (again,) = pending_pushes()
    assert again.args_kwargs["args"] == [[page.pk]]
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()


def test_index_report_needs_its_permission_and_names_only_pages_the_user_may_see(
    site_tree, people, queue, client
):
    council = Group.objects.create(name="Conseil")
    hidden = CooperativePageFactory(parent=site_tree["region_ara"], title="Coop Secrète", slug="coop-secrete")
    restrict(hidden, PageViewRestriction.GROUPS, [council])
    CooperativePageFactory(parent=site_tree["region_ara"], title="Coop Kappa", slug="coop-kappa")
    editor = people["editor_a"]  # an admin user outside « Conseil »
    client.force_login(editor)
    assert client.get("/admin/reports/search-index/").status_code in (302, 403)
    assert client.post("/admin/reports/search-index/retry/").status_code in (302, 403)
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
    editor.user_permissions.add(Permission.objects.get(codename="view_searchlog"))
    client.force_login(User.objects.get(pk=editor.pk))  # permissions are cached on the user
    report = client.get("/admin/reports/search-index/").text
    assert "Coop Kappa" in report  # positive control: the pending update is listed with its page
    assert "Coop Secrète" not in report


def test_search_reindex_since_rejects_a_bad_date(db):
    with pytest.raises(CommandError, match="n'est pas une date"):
        call_command("search_reindex", "--since", "hier")


@pytest.fixture
def node_front(elasticsearch_settings, settings):
    """The OpenSearch test node behind a FaultyServer, which the engine talks to."""
    address = urlsplit(elasticsearch_settings.KB_ELASTICSEARCH_URL)
    with FaultyServer(target=(address.hostname, address.port)) as server:
        use_engine(settings, server.url, timeout=5)
        yield server
        server.switch("up")
        alias = engines.get_engine().alias
        engines.get_engine().client.indices.delete(
            index=f"{alias}-*", ignore_unavailable=True, allow_no_indices=True
        )


def test_engine_back_every_update_published_meanwhile_arrives(site_tree, queue, settings, node_front):
    server = node_front
    settings.KB_SEARCH_BREAKER_PAUSE = 0
    call_command("search_reindex", verbosity=0)
    server.switch("refused")
    region = site_tree["region_ara"]
    kept = [
        CooperativePageFactory(parent=region, title=f"Coop Panne {n}", slug=f"coop-panne-{n}")
        for n in range(3)
    ]
    removed = CooperativePageFactory(parent=region, title="Coop Partie", slug="coop-partie")
    run_worker()
    removed.unpublish()
    run_worker()
    assert pending_pushes().count() >= 2
    server.switch("up")
    time_passes()
    run_worker()
    assert not pending_pushes().exists()
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()
    results = search("panne")
    assert results.engine == "elasticsearch" and not results.notice
    assert sorted(hit.title for hit in results.hits) == sorted(page.title for page in kept)
    assert search("partie").hits == []


def test_search_reindex_since_catches_up_after_a_long_outage(site_tree, queue, settings, node_front):
    server = node_front
    settings.KB_SEARCH_RETRY = {"first": 10, "longest": 900, "attempts": 0}  # gives up at once
    call_command("search_reindex", verbosity=0)
    since = timezone.now()
    server.switch("refused")
    page = CooperativePageFactory(parent=site_tree["region_ara"], title="Coop Retour", slug="coop-retour")
    site_tree["coop_b"].unpublish()
    run_worker()
    assert DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()  # given up: lost until…
    server.switch("up")
    CircuitBreaker("elasticsearch").succeeded()
    call_command("search_reindex", "--since", since.isoformat(), verbosity=0)
    assert [hit.title for hit in search("retour").hits] == [page.title]
    assert search("beta").hits == []
