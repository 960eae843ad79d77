"""The catalogue's tools held in memory, indexed once, so an import of 21,000 records matches each
one against them with dictionary look-ups rather than a query per record."""

from collections import defaultdict

from tooling.matching import Entry, match_strength, same_tool
from tooling.models import ToolCategoryPage, ToolPage

FIELDS = ("pk", "path", "title", "website", "external_id", "latest_revision_id", "live")


class Catalogue:
    def __init__(self, rows, category_slugs):
        """`rows`: dicts with FIELDS; `category_slugs`: category page path -> slug."""
        self.rows = {row["pk"]: row for row in rows}
        self.entries = {
            row["pk"]: Entry(
                name=row["title"],
                homepage=row["website"],
                category=category_slugs.get(row["path"][: -ToolPage.steplen], ""),
                external_id=row["external_id"] or "",
            )
            for row in rows
        }
        self.by_external_id = {
            entry.external_id: pk for pk, entry in self.entries.items() if entry.external_id
        }
        self.by_name, self.by_homepage = defaultdict(list), defaultdict(list)
        for pk, entry in self.entries.items():
            self.by_name[entry.name_key].append(pk)
            if entry.homepage_key:
                self.by_homepage[entry.homepage_key].append(pk)

    @classmethod
    def load(cls, queryset=None):
        categories = dict(ToolCategoryPage.objects.values_list("path", "slug"))
        rows = (queryset if queryset is not None else ToolPage.objects.all()).values(*FIELDS)
        return cls(list(rows), categories)

    def candidates(self, entry):
        """(strength, pk) of the tools without an external id that are the same tool as `entry`."""
        pks = {*self.by_name.get(entry.name_key, ()), *self.by_homepage.get(entry.homepage_key, ())}
        found = []
        for pk in pks:
            if self.entries[pk].external_id:
                continue
            strength = match_strength(entry, self.entries[pk])
            if strength:
                found.append((strength, pk))
        return found

    def namesakes(self, entry, own_pk=None):
        """Tools with the same name that are not the same tool."""
        return [
            self.entries[pk]
            for pk in self.by_name.get(entry.name_key, ())
            if pk != own_pk and not same_tool(entry, self.entries[pk])
        ]

    def twins(self):
        """Groups of pks (oldest first) of tools that are the same tool, by `same_tool`."""
        parent = {}

        def root(pk):
            while parent.get(pk, pk) != pk:
                pk = parent[pk]
            return pk

        for index in (self.by_name, self.by_homepage):
            for pks in index.values():
                for position, first in enumerate(pks):
                    for second in pks[position + 1 :]:
                        if same_tool(self.entries[first], self.entries[second]):
                            parent[root(second)] = root(first)
        groups = defaultdict(list)
        for pk in parent:
            groups[root(pk)].append(pk)
        for pk, members in groups.items():
            if pk not in members:
                members.append(pk)
        return sorted(sorted(members) for members in groups.values())
