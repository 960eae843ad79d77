"""Checklist runs at size: a checklist of 200 items, its run page and the saving of one answer.

python bench/runs.py [--items 200] [--runs 30]

A fresh SQLite database in a temporary KB_VAR_DIR with the tests' small network; a checklist of
--items criteria (10 sections, one in five blocking) and a run of it with every item answered.
Times, in-process through Django's test client (the whole request: middleware, access checks,
queries, template), median of --runs requests:
- GET the run page (target ≤ 50 ms), then again once the checklist has a newer version (the run
  then compares its items with the live ones and shows practices.versions' diff);
- POST one answer, as the page's JavaScript does (JSON back with the run's progress, target
  ≤ 30 ms), and as a plain form without JavaScript (a redirect back to the page);
and the queries each one costs.
"""

import argparse
import os
import statistics
import time

from setup_django import throwaway_database


def median_ms(timings):
    return statistics.median(timings) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=200)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with throwaway_database():
        run(args)


def checklist_sections(items):
    per_section = max(1, items // 10)
    sections = []
    for start in range(0, items, per_section):
        criteria = [
            {
                "criterion": f"Critère {number + 1} : la configuration est relue",
                "verification": "Lire le fichier et le comparer à la référence.",
                "blocking": number % 5 == 0,
            }
            for number in range(start, min(start + per_section, items))
        ]
        sections.append(
            {"type": "section", "value": {"title": f"Section {start // per_section + 1}", "items": criteria}}
        )
    return sections


class QueryCount:
    """Queries run inside the block (CaptureQueriesContext loses them: each request resets the log)."""

    def __init__(self, connection):
        self.connection, self.count = connection, 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        self.wrapper = self.connection.execute_wrapper(self)
        self.wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self.wrapper.__exit__(*exc)

    def __len__(self):
        return self.count


class Timings(list):
    cpu: list


def timed(call, runs):
    """Wall-clock times of `runs` calls, and the CPU time this process spent on them (on a machine
    shared with other jobs the wall clock also counts the time waiting for a core)."""
    timings, cpu = Timings(), []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = call()
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        assert response.status_code in (200, 302), response.status_code
    timings.cpu = cpu
    return timings


def report(label, timings, extra=""):
    print(
        f"{label}: median {median_ms(timings):.1f} ms (CPU {median_ms(timings.cpu):.1f} ms), "
        f"max {max(timings) * 1000:.1f} ms{', ' + extra if extra else ''}"
    )


def run(args):
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from kb.factories import CooperativePageFactory, RegionPageFactory, UserFactory
    from practices.factories import ChecklistPageFactory, PracticeCategoryPageFactory
    from practices.models import ChecklistPage
    from runs.models import Answer, Run
    from tests import factories

    call_command("migrate", verbosity=0, interactive=False)
    tree = factories.build_site()
    region = RegionPageFactory(parent=tree["network"], title="Occitanie", slug="occitanie")
    coop = CooperativePageFactory(parent=region, title="Coop Banc", slug="coop-banc")
    member = UserFactory(username="banc", role="member", cooperative=coop)
    category = PracticeCategoryPageFactory(parent=tree["practices"], title="Qualité", slug="qualite")
    checklist = ChecklistPageFactory(
        parent=category,
        title="Grande liste",
        slug="grande-liste",
        summary="Deux cents critères.",
        sections=checklist_sections(args.items),
    )
    client = Client()
    client.force_login(member)
    response = client.post(
        f"/verifications/lancer/{checklist.pk}/", {"project": "Banc", "date": "2026-12-02"}
    )
    assert response.status_code == 302, response.status_code
    the_run = Run.objects.get()
    assert len(the_run.items) == args.items
    statuses = ["ok", "ko", "na"]
    Answer.objects.bulk_create(
        Answer(run=the_run, item_id=item["id"], status=statuses[n % 3], note=f"Note {n}", answered_by=member)
        for n, item in enumerate(the_run.items)
    )
    page_url = f"/verifications/{the_run.pk}/"
    item = the_run.items[len(the_run.items) // 2]
    answer_url = f"{page_url}criteres/{item['id']}/"

    for _ in range(3):  # warm the template cache and the connection
        client.get(page_url)
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(client.get, page_url)
        pstats.Stats(profile).sort_stats(os.environ["BENCH_PROFILE"]).print_stats(40)
        return
    pages = timed(lambda: client.get(page_url), args.runs)
    with QueryCount(connection) as page_queries:
        client.get(page_url)

    flip = iter(range(10**6))  # a different answer each time: every save writes (and enters the trail)

    def save_json():
        return client.post(
            answer_url,
            {"status": statuses[next(flip) % 3], "note": "Relu"},
            HTTP_ACCEPT="application/json",
        )

    def save_form():
        return client.post(answer_url, {"status": statuses[next(flip) % 3], "note": "Relu"})

    saves = timed(save_json, args.runs)
    with QueryCount(connection) as save_queries:
        save_json()
    form_saves = timed(save_form, args.runs)

    newer = ChecklistPage.objects.get(pk=checklist.pk)
    data = newer.sections.get_prep_value()
    data[0]["value"]["items"][0]["value"]["criterion"] = "Critère 1 : la configuration est relue deux fois"
    newer.sections = data
    newer.save_revision().publish()
    client.get(page_url)
    outdated = timed(lambda: client.get(page_url), args.runs)
    assert "La liste a changé depuis" in client.get(page_url).content.decode()

    print(f"checklist of {args.items} items, every item answered; {args.runs} requests each")
    size = len(client.get(page_url).content) // 1024
    report("run page", pages, f"{len(page_queries)} queries, {size} KiB")
    report("run page once the checklist has a newer version", outdated)
    report("save one answer (JavaScript, JSON back)", saves, f"{len(save_queries)} queries")
    report("save one answer (plain form, redirect)", form_saves)
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
