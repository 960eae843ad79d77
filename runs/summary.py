"""What a run's page says at a glance: progress, failure, and what changed in the checklist since."""

from dataclasses import dataclass, field

from runs.models import Answer, checklist_items


@dataclass
class Summary:
    total: int
    answered: int = 0
    counts: dict = field(default_factory=dict)  # status → number of answers
    failing: list = field(default_factory=list)  # the blocking items answered KO

    @property
    def failed(self):
        return bool(self.failing)

    @property
    def percent(self):
        return round(100 * self.answered / self.total) if self.total else 100

    def as_json(self):
        return {
            "answered": self.answered,
            "total": self.total,
            "percent": self.percent,
            "failed": self.failed,
            "counts": self.counts,
        }


def summarise(run, statuses: dict) -> Summary:
    """`statuses`: the status of the run's answers by item id."""
    summary = Summary(total=len(run.items), counts=dict.fromkeys(Answer.Status.values, 0))
    for item in run.items:
        status = statuses.get(item["id"])
        if not status:
            continue
        summary.answered += 1
        summary.counts[status] += 1
        if status == Answer.Status.KO and item["blocking"]:
            summary.failing.append(item)
    return summary


@dataclass
class Drift:
    """How the checklist's live version differs from the version a run was made on."""

    changed: dict  # item id → "changed" or "removed", for the run's items
    added: list  # items of the live version the run has not got

    def __bool__(self):
        return bool(self.changed or self.added)


def drift(run, checklist) -> Drift:
    compared = ("section", "criterion", "verification", "blocking")
    now = {item["id"]: item for item in checklist_items(checklist)}
    changed = {}
    for item in run.items:
        current = now.get(item["id"])
        if current is None:
            changed[item["id"]] = "removed"
        elif any(current[key] != item[key] for key in compared):
            changed[item["id"]] = "changed"
    pinned = {item["id"] for item in run.items}
    return Drift(changed=changed, added=[item for item in now.values() if item["id"] not in pinned])
