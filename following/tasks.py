"""The fan-out runs in the task worker: a publish followed by a thousand members records one task."""

from django_tasks import task

from . import fanout, mail, reminders, searches


@task()
def notify_followers(page_id: int, revision_id: int | None) -> None:
    fanout.notify_followers(page_id, revision_id)


@task()
def send_digests(period: str) -> None:
    mail.send_digests(period)


@task()
def check_followed_searches() -> None:
    searches.check_all()


@task()
def send_review_reminders() -> None:
    reminders.send_reminders()
