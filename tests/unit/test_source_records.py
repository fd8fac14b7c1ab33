"""The sources' records: each carries what a citation needs, and its kind is that of its publisher
(docs/data-model.md), which the weak-evidence rule reads."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from tests.builders import DATA
from tests.verbatim import sources_of

BLOG_HOSTS = ("blogspot.com", "wordpress.com", "typepad.com", "tistory.com", "pixnet.net")


def test_every_source_carries_what_a_citation_needs() -> None:
    sources = sources_of(DATA)
    for source_id, source in sources.items():
        assert source["title"] and source["publisher"] and source["kind"], source_id
        assert source.get("retrieved"), f"{source_id}: the date it was read"
        if "file" not in source:
            assert source.get("url"), f"{source_id}: a web page needs its address"
    assert sources["wikipedia-last-train-home"]["url"] == "https://en.wikipedia.org/wiki/Last_Train_Home_(film)"


def test_every_sources_kind_is_that_of_its_publisher() -> None:
    """docs/data-model.md's rule: a reprint of a body's release is the outlet's, never the body's; a page on a blog
    host or a mirror is a blog, mirror or aggregator, unless an outlet or body publishes it there as its own."""
    sources = sources_of(DATA)
    reprints = [i for i, s in sources.items() if "reprint" in s.get("notes", "")]
    hosted = [i for i, s in sources.items() if (urlparse(s.get("url", "")).hostname or "").endswith(BLOG_HOSTS)]
    assert reprints and hosted, "the bundled data should hold reprints and pages on blog hosts"
    for source_id in reprints:
        assert sources[source_id]["kind"] != "awarding-body", source_id
    for source_id, source in sources.items():
        notes = source.get("notes", "")
        if source_id in hosted or re.search(r"\bmirror\b", notes):
            own = re.search(r"\bown (?:blog|page|account)\b", notes)
            assert (source["kind"] == "blog-mirror-aggregator") != bool(own), source_id


@pytest.mark.parametrize("kind", ["blog-mirror-aggregator"])
def test_weak_sources_are_named_by_kind(kind: str) -> None:
    """The weak-evidence rule reads this kind: the data uses it for the blogs and mirrors it cites."""
    assert any(s["kind"] == kind for s in sources_of(DATA).values())
