"""PostgreSQL engine: PostgreSQL's own French text search over a GIN-indexed, weighted tsvector.

Migration 0010 (PostgreSQL only) creates the `kb_french` configuration: PostgreSQL's French stop
words, then `unaccent`, then `french_stem`, so « Événements » and "evenement" meet on one lexeme.
`vector` is built by PostgreSQL from the documents' original text, weighted title (A) above summary
(B), body (C) and comments (D), and searched through its GIN index. Each alternative of the shared
query analysis (a folded query word, a typo correction, a synonym phrase as written) becomes one
`phraseto_tsquery('kb_french', …)` and the alternatives are OR-ed: user words travel as parameters
and never reach a tsquery parser as syntax (`websearch_to_tsquery` would read "or" and "-" as
operators and AND the words, while the shared pipeline wants any concept to match).

The match runs in the SQL functions of migration 0014, which carry `enable_seqscan = off` for
their one statement; autocomplete and typo correction go through django.contrib.postgres.search on
`PostgresIndexEntry` and `SearchTerm`. Raw statements only where they were measured faster than the
ORM's (BENCHMARKS.md, issue 12, eighth pass) or where the ORM cannot say it.

Excerpts come from `ts_headline` on the ten hits; typos and "did you mean" from `pg_trgm` over the
vocabulary (a trigram shortlist, then one edit away only, most frequent first). The shared
re-ranking tests each concept on the head's vectors, so it follows the same analysis; `words` (the
title's folded words, 'simple' configuration) serves prefix autocomplete.

Stop words: PostgreSQL's list spells some words with accents (« été », « à », « même », « étant »),
so it is checked before `unaccent`: « été » in a document is dropped while the rare "ete" written
without its accent is kept. Query words arrive folded and without the shared Python stop words
("ete", "a", "meme" are among them), so "été" and "ete" in a query are both dropped; "etant" typed
without its accent stays a word and finds only documents that wrote it so.
"""

from contextlib import contextmanager

from django.contrib.postgres.lookups import TrigramSimilar
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
from django.db import connection, transaction
from django.db.models import F
from django.db.models.functions import Length
from django.utils.html import escape

from ..excerpts import passage
from ..models import PostgresIndexEntry, SearchTerm
from ..text import words
from ..vocabulary import edits1
from .database import CANDIDATES, Analysed, DatabaseEngine

CONFIG = "kb_french"
TABLE = "kbsearch_pgindex"
# ts_rank's weights D, C, B, A, without length normalisation: it buried long procedures under short
# tool descriptions (nDCG@10 of the judged set 0.598 with normalisation 1, 0.640 without; kind boosts
# and coverage do the rest).
WEIGHTS = [0.05, 0.3, 0.6, 1.0]
VECTOR = (
    f"setweight(to_tsvector('{CONFIG}', title), 'A') || setweight(to_tsvector('{CONFIG}', summary), 'B') || "
    f"setweight(to_tsvector('{CONFIG}', body), 'C') || setweight(to_tsvector('{CONFIG}', comments), 'D')"
)

# ts_headline marks matches with these private-use characters (removed from the text first): the
# excerpt is escaped in Python, then they become <mark> tags, so no document text turns into markup.
START, STOP = "\ue000", "\ue001"
# "<" and ">" are swapped for two more private-use characters while ts_headline runs, or its parser
# would drop "<script>" from the excerpt as an HTML tag instead of showing it escaped.
LT, GT = "\ue002", "\ue003"
# About the SQLite engine's 30-word excerpt.
HEADLINE_OPTIONS = f'StartSel="{START}", StopSel="{STOP}", MaxWords=30, MinWords=20'
EXCERPT_FIELDS = ("summary", "body", "comments")

GIN_INDEXES = ["kbsearch_pgindex_vector", "kbsearch_pgindex_words"]

# Typo shortlist: pg_trgm similarity 0.2 still catches one swap of two letters in a five-letter word.
TRIGRAM_THRESHOLD = 0.2
TRIGRAM_SHORTLIST = 100


def tsquery_sql(analysed: Analysed) -> tuple[str, list[str]]:
    """phraseto_tsquery('kb_french', …) of every alternative, OR-ed, as SQL, and its parameters."""
    texts = [analysed.texts[alternative] for alternative in analysed.alternatives]
    return " || ".join([f"phraseto_tsquery('{CONFIG}', %s)"] * len(texts)), texts


def query_sql(analysed: Analysed) -> tuple[str, list[str]]:
    """The query as a one-row FROM item `query`, with its parameters (phraseto_tsquery with a
    configuration is immutable: the planner folds it into a constant, and the GIN index is probed
    with it)."""
    expression, texts = tsquery_sql(analysed)
    return f"(SELECT {expression} AS query) AS q", texts


@contextmanager
def setting_for_one_statement(name: str, value: str):
    """Run the one statement inside with a PostgreSQL setting, then put back the value it had:
    nothing else in the transaction runs under it. An error inside aborts the transaction, whose
    rollback (or the enclosing savepoint's) undoes the SET LOCAL as well."""
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.execute("SELECT current_setting(%s, true), set_config(%s, %s, true)", [name, name, value])
        before = cursor.fetchone()[0]
        yield
        cursor.execute("SELECT set_config(%s, %s, true)", [name, before])


def lexeme(term: str) -> str:
    """A quoted tsquery lexeme: user words never reach the tsquery parser as syntax."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


class PostgresEngine(DatabaseEngine):
    name = "postgresql"

    def _match_ids(self, analysed):
        expression, texts = tsquery_sql(analysed)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT kbsearch_match_ids({expression})", texts)
            return [page_id for (page_id,) in cursor.fetchall()]

    def _match(self, analysed):
        # The cursor's fetchall, not the ORM's rows: for the thousands of rows a common word matches,
        # the ORM's iteration allocated 2.4 times the objects, and the garbage collections they set
        # off paused searches up to 200 ms (BENCHMARKS.md, issue 12).
        expression, texts = tsquery_sql(analysed)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT page_id, rank * 100 FROM kbsearch_match({expression}, %s::real[])",  # noqa: S608
                [*texts, WEIGHTS],
            )
            return cursor.fetchall()

    def _concept_matches(self, analysed, page_ids):
        # Each concept tested on the re-ranked documents' vectors only, in one statement: a concept's
        # own match would read the index entries of every document holding a common word. Raw: the
        # ORM's statement (200 ids `IN`, an annotation per concept) took 2.6 times as long.
        tests, parameters = [], []
        for concept in analysed.concepts:
            expression, texts = tsquery_sql(analysed.only(concept))
            tests.append(f"vector @@ ({expression})")
            parameters += texts
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT page_id, {', '.join(tests)} FROM {TABLE} WHERE page_id = ANY(%s)",  # noqa: S608
                [*parameters, page_ids],
            )
            rows = cursor.fetchall()
        return [{row[0] for row in rows if row[index]} for index in range(1, len(tests) + 1)]

    def _prefix_match(self, prefixes, limit):
        query = SearchQuery(
            " & ".join(lexeme(prefix) + ":*" for prefix in prefixes), config="simple", search_type="raw"
        )
        matches = PostgresIndexEntry.objects.filter(words=query).order_by(
            SearchRank(F("words"), query).desc(), "page_id"
        )
        return list(matches.values_list("page_id", flat=True)[:limit])

    def _excerpts(self, documents, analysed):
        if not documents or not analysed.concepts:
            return super()._excerpts(documents, analysed)
        # ts_headline parses all the text it is given through the dictionaries: give it only the
        # passage the shared highlighter would show of each field (found with a regular expression),
        # so a long procedure costs no more than a tool description. Raw SQL: SearchHeadline works on
        # a queryset's columns, and these passages are parameters read FROM unnest(…), which the ORM
        # cannot select from (a headline per text would be one query per hit).
        stems = analysed.stems
        passages = {
            pk: [passage(getattr(document, name), stems) for name in EXCERPT_FIELDS]
            for pk, document in documents.items()
        }
        ids = list(passages)
        shown = {pk: [text[begin:end] for text, begin, end in fields] for pk, fields in passages.items()}
        columns = [[shown[pk][index] for pk in ids] for index in range(len(EXCERPT_FIELDS))]
        source, parameters = query_sql(analysed)
        headline = f"ts_headline('{CONFIG}', translate(d.{{}}, %s, %s), query, %s)"
        arguments = ["<>" + START + STOP, LT + GT, HEADLINE_OPTIONS]
        sql = (
            f"SELECT d.page_id, {headline.format('summary')}, {headline.format('body')}, "  # noqa: S608
            f"{headline.format('comments')} FROM {source}, "
            "unnest(%s::bigint[], %s::text[], %s::text[], %s::text[]) AS d (page_id, summary, body, comments)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*(arguments * 3), *parameters, ids, *columns])
            rows = {row[0]: row[1:] for row in cursor.fetchall()}
        return {pk: _excerpt(passages[pk], rows.get(pk, ("", "", ""))) for pk in documents}

    def _candidates(self, word):
        """Vocabulary words one edit away from `word`, most frequent first, shortlisted by trigrams."""
        shortlist = (
            SearchTerm.objects.alias(length=Length("word"))
            .filter(TrigramSimilar(F("word"), word), length__range=(len(word) - 1, len(word) + 1))
            .order_by(TrigramSimilarity("word", word).desc(), "-documents", "word")[:TRIGRAM_SHORTLIST]
        )
        # `%` (through the trigram GIN index) compares with this setting, not with a parameter.
        with setting_for_one_statement("pg_trgm.similarity_threshold", str(TRIGRAM_THRESHOLD)):
            shortlist = list(shortlist)
        near = edits1(word)
        close = [term for term in shortlist if term.word in near]
        return sorted(close, key=lambda term: (-term.documents, term.word))[:CANDIDATES]

    def _write(self, documents):
        columns = zip(
            *(
                (
                    document.page_id,
                    document.title,
                    document.summary,
                    document.body,
                    document.comments,
                    " ".join(words(document.title)),
                )
                for document in documents
            ),
            strict=True,
        )
        arrays = [list(column) for column in columns]
        if not arrays:
            return
        # One statement per batch: the rows travel as arrays and the vectors are built server-side
        # from texts the table does not keep (raw SQL: bulk_create cannot compute a column from them).
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {TABLE} (page_id, vector, words) "  # noqa: S608
                f"SELECT page_id, {VECTOR}, to_tsvector('simple', words) "
                "FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[]) "
                "AS row (page_id, title, summary, body, comments, words)",
                arrays,
            )

    def _erase(self, page_ids):
        PostgresIndexEntry.objects.filter(page_id__in=page_ids).delete()

    def _compact(self):
        # The rebuild's rows wait in the GIN indexes' pending lists until a vacuum: every query would
        # scan them (a rare word 2.5-10 ms instead of 0.3) and the planner costs every index scan higher.
        # Then fresh statistics (the table was emptied and refilled in one transaction).
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT gin_clean_pending_list(index) FROM unnest(%s::regclass[]) AS index", [GIN_INDEXES]
            )
            cursor.execute(f"ANALYZE {TABLE}")

    def _erase_all(self):
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {TABLE}")


def _excerpt(passages, headlines) -> str:
    """The first of summary, body, comments where ts_headline marked a query word, else the opening
    of the summary (or body), as the shared excerpt does. `passages`: (text, begin, end) per field."""
    for (text, begin, end), headline in zip(passages, headlines, strict=True):
        if headline and START in headline:
            return _safe(text, begin, end, headline)
    (summary, *summary_span), (body, *body_span) = passages[:2]
    if summary:
        return _safe(summary, *summary_span, headlines[0])
    return _safe(body, *body_span, headlines[1])


def _safe(text: str, begin: int, end: int, headline: str) -> str:
    """Escaped headline of text[begin:end] with <mark> tags, and "…" where it cuts the text."""
    headline = headline.replace(LT, "<").replace(GT, ">").strip()
    plain = headline.replace(START, "").replace(STOP, "")
    excerpt = escape(headline).replace(START, "<mark>").replace(STOP, "</mark>")
    shown = text[begin:end].replace(START, "").replace(STOP, "").strip()  # as ts_headline read it
    opening = begin == 0 and shown.startswith(plain)
    closing = end >= len(text.rstrip()) and shown.endswith(plain)
    return ("" if opening else "… ") + excerpt + ("" if closing else " …")
