"""Search logs: one row per normalised query and day, with a count, instead of one row per search.

Existing rows are folded into their (query, local day) group: the count is the number of rows, the
result count and engine those of the group's last search. Going back keeps the folded rows.
"""

import django.utils.timezone
from django.db import migrations, models
from django.db.models import Count, Max
from django.db.models.functions import TruncDate

BATCH = 1000


def fold_rows(apps, schema_editor):
    SearchLog = apps.get_model("kbsearch", "SearchLog")
    groups = (
        SearchLog.objects.annotate(local_day=TruncDate("created_at"))
        .values("query", "local_day")
        .annotate(rows=Count("id"), last_id=Max("id"))
        .order_by()
    )
    keep = {}
    for group in groups.iterator(chunk_size=BATCH):
        keep[group["last_id"]] = (group["local_day"], group["rows"])
    kept = []
    for pk in keep:
        day, rows = keep[pk]
        kept.append(SearchLog(pk=pk, day=day, searches=rows))
        if len(kept) >= BATCH:
            SearchLog.objects.bulk_update(kept, ["day", "searches"])
            kept = []
    SearchLog.objects.bulk_update(kept, ["day", "searches"])
    SearchLog.objects.filter(day__isnull=True).delete()  # the folded rows


class Migration(migrations.Migration):
    dependencies = [("kbsearch", "0010_postgres_french")]

    operations = [
        migrations.AddField(
            model_name="searchlog",
            name="day",
            field=models.DateField(null=True, verbose_name="jour"),
        ),
        migrations.AddField(
            model_name="searchlog",
            name="searches",
            field=models.PositiveIntegerField(default=1, verbose_name="nombre de recherches"),
        ),
        migrations.RunPython(fold_rows, migrations.RunPython.noop, elidable=False),
        migrations.AlterModelOptions(
            name="searchlog",
            options={
                "ordering": ["-day", "query"],
                "verbose_name": "recherche effectuée",
                "verbose_name_plural": "recherches effectuées",
            },
        ),
        migrations.RemoveField(model_name="searchlog", name="created_at"),
        migrations.AlterField(
            model_name="searchlog",
            name="day",
            field=models.DateField(db_index=True, default=django.utils.timezone.localdate, verbose_name="jour"),
        ),
        migrations.AlterField(
            model_name="searchlog",
            name="query",
            field=models.CharField(max_length=200, verbose_name="recherche"),
        ),
        migrations.AlterField(
            model_name="searchlog",
            name="result_count",
            field=models.PositiveIntegerField(verbose_name="nombre de résultats"),
        ),
        migrations.AddConstraint(
            model_name="searchlog",
            constraint=models.UniqueConstraint(fields=("query", "day"), name="kbsearch_searchlog_query_day"),
        ),
    ]
