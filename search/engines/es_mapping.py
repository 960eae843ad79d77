"""The Elasticsearch index: French analysis chain and the document mapping.

Analyzers are referenced by name in the fields and defined in `index_settings()`, so the stemmer and
the elision step can be chosen by settings (KB_ELASTICSEARCH_ANALYSIS) without changing the mapping.
With KB_ELASTICSEARCH_KNN the documents carry a `dense_vector` too (`KbVectorDocument`).
"""

from elasticsearch.dsl import Date, DenseVector, Document, Float, Keyword, SearchAsYouType, Text

from .. import semantic

FRENCH = "kb_french"  # full chain: elision, lowercase, stop words, accent folding, stemming
FOLDING = "kb_folding"  # no stemming: autocomplete and "did you mean" compare real words
ELISION_ARTICLES = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"]
DEFAULT_ANALYSIS = {"stemmer": "light_french", "elision": "filter"}


def french_text(**kwargs):
    """Full-text field with an exact keyword subfield (facets, exact matches)."""
    return Text(analyzer=FRENCH, fields={"exact": Keyword()}, **kwargs)


class KbDocument(Document):
    """One searchable page (see the search document contract in search/models.py)."""

    kind = Keyword()
    title = Text(
        analyzer=FRENCH,
        fields={"exact": Keyword(), "words": Text(analyzer=FOLDING)},
    )
    title_suggest = SearchAsYouType(analyzer=FOLDING)
    # `words` subfields keep real (folded, unstemmed) words for "did you mean".
    summary = Text(analyzer=FRENCH, fields={"words": Text(analyzer=FOLDING)})
    body = Text(analyzer=FRENCH, fields={"words": Text(analyzer=FOLDING)})
    comments = Text(analyzer=FRENCH)
    tags = french_text(multi=True)
    category = french_text()
    region = french_text()
    cooperatives = french_text(multi=True)
    ring = Keyword()
    score = Float()
    external_id = Keyword()
    date = Date()
    url = Keyword(index=False)
    # Who may read it: "public", "login" or "group:<id>" tokens (search.engines.base.Reader).
    audience = Keyword(multi=True)
    boost = Float()

    @classmethod
    def from_row(cls, row):
        """Build from a kbsearch.SearchDocument row."""
        return cls(
            meta={"id": row.pk},
            kind=row.kind,
            title=row.title,
            title_suggest=row.title,
            summary=row.summary,
            body=row.body,
            comments=row.comments,
            tags=list(row.tags),
            # None rather than "": an empty string would show up as a facet value.
            category=row.category or None,
            region=row.region or None,
            cooperatives=list(row.cooperatives),
            ring=row.ring or None,
            score=row.score,
            external_id=row.external_id or None,
            date=row.date,
            url=row.url,
            audience=list(row.audience),
            boost=row.boost,
        )


VECTOR_DECIMALS = 4  # the stored vectors are float16 (3 significant digits): more is only bytes


class KbVectorDocument(KbDocument):
    """A document with one vector for Elasticsearch 8's kNN search (KB_ELASTICSEARCH_KNN)."""

    vector = DenseVector(dims=semantic.DIMENSIONS, index=True, similarity="cosine")

    @classmethod
    def from_row(cls, row):
        document = super().from_row(row)
        vector = semantic.mean_vector(row.vector)
        # Without vectors (saved while the semantic side was off) the field stays absent: a cosine
        # index refuses a zero vector.
        document.vector = None if vector is None else [round(float(x), VECTOR_DECIMALS) for x in vector]
        return document


def document_class(knn: bool) -> type[KbDocument]:
    return KbVectorDocument if knn else KbDocument


def index_settings(analysis=None):
    """Index settings with the analysis chain; `analysis` overrides DEFAULT_ANALYSIS keys:
    - stemmer: an Elasticsearch stemmer language ("light_french", or "french" = Snowball);
    - elision: "filter" (the elision token filter, after the standard tokenizer) or "split"
      (apostrophes become spaces before tokenising, then the lone articles are dropped: for
      servers without the elision filter)."""
    options = {**DEFAULT_ANALYSIS, **(analysis or {})}
    filters = {
        "kb_french_stop": {"type": "stop", "stopwords": "_french_"},
        "kb_french_stemmer": {"type": "stemmer", "language": options["stemmer"]},
    }
    analysis_settings = {"filter": filters}
    chain = {"type": "custom", "tokenizer": "standard"}
    if options["elision"] == "filter":
        filters["kb_elision"] = {"type": "elision", "articles_case": True, "articles": ELISION_ARTICLES}
        before, after = ["kb_elision", "lowercase"], []
    else:
        # Same length replacement: highlight offsets stay right even where offsets are not corrected.
        analysis_settings["char_filter"] = {
            "kb_apostrophes": {"type": "pattern_replace", "pattern": "['\u2019]", "replacement": " "}
        }
        filters["kb_elided_articles"] = {"type": "stop", "stopwords": ELISION_ARTICLES}
        chain["char_filter"] = ["kb_apostrophes"]
        before, after = ["lowercase"], ["kb_elided_articles"]
    analysis_settings["analyzer"] = {
        FRENCH: {**chain, "filter": [*before, *after, "kb_french_stop", "asciifolding", "kb_french_stemmer"]},
        FOLDING: {**chain, "filter": [*before, *after, "asciifolding"]},
    }
    return {"number_of_shards": 1, "analysis": analysis_settings}
