"""Routing a client's request over the network: 160 cooperatives, 50 skills.

python bench/client_requests.py [--cooperatives 160] [--skills 50] [--members 3] [--runs 50]

A fresh SQLite database in a temporary KB_VAR_DIR: the site's sections (tests/factories.py), 10
regions, --cooperatives cooperatives spread over them with 3 to 8 skills each out of --skills
(seeded, so every run builds the same network), --members members each. Times, median of --runs:
- matching: which cooperatives offer one of 3 skills in a region (client_requests.routing);
- routing: a moderator's « Accepter » as the admin runs it (lifecycle.accept in one transaction:
  the Routing rows, the request's state, then at commit the notifications to every member told,
  with their delivery preference read; e-mails go to Django's in-memory backend);
- the national widening of a regional request nobody answered.
"""

import argparse
import os
import random
import statistics
import time

from setup_django import throwaway_database


def median_ms(timings):
    return statistics.median(timings) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cooperatives", type=int, default=160)
    parser.add_argument("--skills", type=int, default=50)
    parser.add_argument("--members", type=int, default=3)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    with throwaway_database():
        run(args)


def build(args):
    from django.contrib.auth.models import Group, User

    from core.roles import MEMBERS
    from kb.factories import CooperativePageFactory, RegionPageFactory, SkillFactory
    from kb.models import MemberProfile
    from tests import factories

    tree = factories.build_site()
    skills = [SkillFactory(name=f"Compétence {n}", slug=f"competence-{n}") for n in range(args.skills)]
    regions = [
        RegionPageFactory(parent=tree["network"], title=f"Région {n}", slug=f"region-{n}") for n in range(10)
    ]
    chance = random.Random(1)
    cooperatives = [
        CooperativePageFactory(
            parent=regions[n % len(regions)],
            title=f"Coopérative {n}",
            slug=f"cooperative-{n}",
            skills=chance.sample(skills, chance.randint(3, 8)),
        )
        for n in range(args.cooperatives)
    ]
    users = User.objects.bulk_create(
        User(username=f"membre-{c}-{m}", email=f"m{c}-{m}@example.org")
        for c in range(len(cooperatives))
        for m in range(args.members)
    )
    MemberProfile.objects.bulk_create(
        MemberProfile(user=user, cooperative=cooperatives[n // args.members]) for n, user in enumerate(users)
    )
    Group.objects.get(name=MEMBERS).user_set.add(*users)
    return regions, skills


def run(args):
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from client_requests import lifecycle, routing
    from client_requests.models import ClientRequest
    from following.models import Notification

    call_command("migrate", verbosity=0, interactive=False)
    regions, skills = build(args)
    chance = random.Random(2)

    def new_request(region):
        client_request = ClientRequest.objects.create(
            title="Besoin",
            description="Un besoin.",
            region=region,
            organisation=ClientRequest.Organisation.ASSOCIATION,
            contact_name="Client",
            contact_email="client@example.org",
            consented_at=timezone.now(),
        )
        client_request.skills.set(chance.sample(skills, 3))
        return client_request

    matching, routings, widenings, told = [], [], [], []
    for _ in range(args.runs):
        region = chance.choice(regions)
        asked = [skill.pk for skill in chance.sample(skills, 3)]
        started = time.perf_counter()
        routing.matching_cooperatives(asked, region)
        matching.append(time.perf_counter() - started)

        client_request = new_request(region)
        before = Notification.objects.count()
        started = time.perf_counter()
        with transaction.atomic():
            lifecycle.accept(client_request)
        routings.append(time.perf_counter() - started)
        told.append(Notification.objects.count() - before)

        started = time.perf_counter()
        routing.escalate(client_request)
        widenings.append(time.perf_counter() - started)

    print(
        f"{args.cooperatives} cooperatives x {args.skills} skills, {args.members} members each, "
        f"{args.runs} requests of 3 skills"
    )
    print(f"matching cooperatives in a region: median {median_ms(matching):.2f} ms")
    print(
        f"routing (accept: rows, state, notifications at commit): median {median_ms(routings):.1f} ms, "
        f"max {max(routings) * 1000:.1f} ms; members told: median {statistics.median(told):.0f}"
    )
    print(f"national widening: median {median_ms(widenings):.1f} ms")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
