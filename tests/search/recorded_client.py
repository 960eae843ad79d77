"""A stand-in Elasticsearch client for request/response tests: it answers each msearch with the
next answer it was given (the last one again when they run out) and keeps what it was asked."""

from types import SimpleNamespace


class RecordedClient:
    def __init__(self, *answers):
        self.answers, self.asked = list(answers), []

    def msearch(self, searches):
        self.asked.append(searches)
        return SimpleNamespace(body=self.answers[min(len(self.asked), len(self.answers)) - 1])
