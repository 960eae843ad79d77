"""Following at scale: a publish followed by 1,000 members, its fan-out, the notifications page.

python bench/following.py [--followers 1000] [--notifications 500] [--runs 30]

A fresh SQLite database in a temporary KB_VAR_DIR with the demo content (`kb_demo`) and the tasks on
the database backend, as in production: the publish only records the fan-out task. Times
- the publish of a procedure followed by N members (save_revision().publish() and the commit that
  records the task), median of --runs publishes;
- the fan-out the worker then runs (following.fanout.notify_followers) for those N members;
- the daily digest (following.mail.send_digests) for those N members, each with the notifications
  of three publishes (Django's in-memory e-mail backend: the messages are written, not sent);
- GET /compte/notifications/ for a member with --notifications notifications (median, test client,
  DEBUG off), and the queries the header's unread count costs.
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
    parser.add_argument("--followers", type=int, default=1000)
    parser.add_argument("--notifications", type=int, default=500)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with throwaway_database("bench.queued_settings"):
        run(args)


def run(args):
    import io

    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from django_tasks_db.models import DBTaskResult

    from core.roles import MEMBERS
    from following import fanout, mail
    from following.models import Delivery, Follow, Notification
    from practices.models import ProcedurePage

    call_command("migrate", verbosity=0, interactive=False)
    call_command("kb_demo", stdout=io.StringIO())
    members = Group.objects.get(name=MEMBERS)
    procedure = ProcedurePage.objects.live().first()
    users = User.objects.bulk_create(
        User(username=f"suiveur{n}", email=f"s{n}@example.org") for n in range(args.followers)
    )
    members.user_set.add(*users)
    Follow.objects.bulk_create(Follow(user=user, page=procedure) for user in users)

    publishes = []
    for run_number in range(args.runs):
        started = time.perf_counter()
        with transaction.atomic():
            procedure.summary = f"Version {run_number}"
            procedure.save_revision().publish()
        publishes.append(time.perf_counter() - started)
    queued = DBTaskResult.objects.filter(task_path="following.tasks.notify_followers").count()
    started = time.perf_counter()
    told = fanout.notify_followers(procedure.pk, procedure.latest_revision_id)
    fan_out = time.perf_counter() - started
    for revision in procedure.revisions.order_by("-pk")[1:3]:
        fanout.notify_followers(procedure.pk, revision.pk)
    started = time.perf_counter()
    digests = mail.send_digests(Delivery.DAILY)
    digest_time = time.perf_counter() - started

    reader = users[0]
    Notification.objects.filter(recipient=reader).delete()
    Notification.objects.bulk_create(
        Notification(recipient=reader, kind=Notification.Kind.NEW_VERSION, page=procedure)
        for _ in range(args.notifications)
    )
    client = Client()
    client.force_login(reader)
    for _ in range(3):
        client.get("/compte/notifications/")
    pages = []
    for _ in range(args.runs):
        started = time.perf_counter()
        response = client.get("/compte/notifications/")
        pages.append(time.perf_counter() - started)
        assert response.status_code == 200
    from django.test import RequestFactory

    from core.access import readable_cooperative_ids
    from following import inbox

    request = RequestFactory().get("/")
    request.user, request.session = reader, {}
    inbox.readable(request)  # the request's view restrictions and readable cooperatives, loaded once
    readable_cooperative_ids(request)
    with CaptureQueriesContext(connection) as queries:
        inbox.unread_count(request)
    print(
        f"publish followed by {args.followers} members: median {median_ms(publishes):.1f} ms, "
        f"max {max(publishes) * 1000:.1f} ms ({args.runs} publishes; the fan-out is a task)"
    )
    print(f"tasks recorded by those publishes: {queued}")
    print(f"fan-out in the worker: {told} notifications in {fan_out * 1000:.0f} ms")
    print(f"daily digest: {digests} e-mails in {digest_time:.1f} s")
    print(
        f"/compte/notifications/ with {Notification.objects.filter(recipient=reader).count()} notifications: "
        f"median {median_ms(pages):.1f} ms ({args.runs} requests)"
    )
    print(f"unread count in the header: {len(queries)} query; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
