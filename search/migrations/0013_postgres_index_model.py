"""The PostgreSQL engine's table (0005, 0010) as an unmanaged model, so the engine queries it through
django.contrib.postgres.search. Nothing changes in any database: the existing rows and vectors stay."""

import django.contrib.postgres.search
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('kbsearch', '0012_searchdocument_vector'),
    ]

    operations = [
        migrations.CreateModel(
            name='PostgresIndexEntry',
            fields=[
                ('page_id', models.BigIntegerField(primary_key=True, serialize=False)),
                ('vector', django.contrib.postgres.search.SearchVectorField()),
                ('words', django.contrib.postgres.search.SearchVectorField()),
            ],
            options={
                'db_table': 'kbsearch_pgindex',
                'managed': False,
            },
        ),
    ]
