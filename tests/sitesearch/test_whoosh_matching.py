"""``whoosh_matching.AllWords`` matches exactly what Whoosh's ``And`` of the same terms does.

A real index on disk with several segments (blocks of 128 postings, so skips cross blocks)
and deleted documents; random queries of two to five words, alone, with a filter's document
set, and over a portal view of two indexes.
"""

from __future__ import annotations

import array
import random

import pytest
from whoosh import index
from whoosh.query import And, Term

from sitesearch.whoosh_index import PART_SEPARATOR, build_schema
from sitesearch.whoosh_matching import AllWords
from sitesearch.whoosh_searchers import AllowedDocs, PortalView

pytestmark = pytest.mark.whoosh_only

# Frequent and rare words, as in school pages: "hoc" in most, "phong" in many, "bao" rarely.
WORDS = ["hoc", "sinh", "nam", "ke", "hoach", "phong", "chong", "bao", "luc", "duong", "an"]
FREQUENCY = [0.9, 0.7, 0.6, 0.4, 0.35, 0.3, 0.2, 0.08, 0.1, 0.05, 0.5]


def _text(rng: random.Random) -> str:
    title = " ".join(word for word, p in zip(WORDS, FREQUENCY, strict=True) if rng.random() < p)
    body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 30)))
    return PART_SEPARATOR.join([title, "", "", body, ""])


def _index(path, seed: int):
    """Three segments (no merging), some documents deleted from the first."""
    rng = random.Random(seed)
    path.mkdir(parents=True)
    ix = index.create_in(str(path), build_schema())
    page_id = 0
    for size in (700, 300, 150):
        writer = ix.writer()
        for _ in range(size):
            page_id += 1
            writer.add_document(page_id=str(page_id), kind=rng.choice("ab"), text_f=_text(rng))
        writer.commit(merge=False)
    writer = ix.writer()
    for deleted in rng.sample(range(1, 701), 60):
        writer.delete_by_term("page_id", str(deleted))
    writer.commit(merge=False)
    return ix


def _walk(query, searcher) -> list[tuple[int, float]]:
    found = []
    for sub, offset in searcher.leaf_searchers():
        matcher = query.matcher(sub, None)
        while matcher.is_active():
            found.append((offset + matcher.id(), round(matcher.score(), 9)))
            matcher.next()
    return found


def _queries(rng: random.Random, count: int) -> list[list[str]]:
    return [rng.sample(WORDS, rng.randint(2, 5)) for _ in range(count)]


@pytest.fixture
def searcher(tmp_path):
    ix = _index(tmp_path / "a", seed=1)
    with ix.searcher() as opened:
        assert len(list(opened.leaf_searchers())) == 3
        assert opened.reader().has_deletions()
        yield opened


def test_same_documents_and_scores_as_whoosh_and(searcher):
    matched = 0
    for words in _queries(random.Random(2), 60):
        terms = [Term("text_f", word) for word in words]
        expected = _walk(And(terms), searcher)
        assert _walk(AllWords(terms), searcher) == expected, words
        matched += len(expected)
    assert matched > 1000  # the queries do match: the comparison is not between empty lists


def test_filter_set_joins_the_intersection(searcher):
    kind_a = array.array("l", sorted(searcher.docs_for_query(Term("kind", "a"))))
    for words in _queries(random.Random(3), 40):
        terms = [Term("text_f", word) for word in words]
        allowed = AllowedDocs(kind_a)
        expected = _walk(And([And(terms), allowed]), searcher)
        assert _walk(AllWords([*terms, allowed]), searcher) == expected, words
        assert all(docnum in set(kind_a) for docnum, _ in expected)


def test_skip_to_lands_where_whoosh_does(searcher):
    rng = random.Random(4)
    sub = next(iter(searcher.leaf_searchers()))[0]
    for words in _queries(rng, 30):
        terms = [Term("text_f", word) for word in words]
        ours, theirs = AllWords(terms).matcher(sub, None), And(terms).matcher(sub, None)
        target = 0
        while theirs.is_active():
            assert ours.is_active() and ours.id() == theirs.id()
            target += rng.randint(1, 90)
            ours.skip_to(target)
            theirs.skip_to(target)
        assert not ours.is_active()


def test_a_word_missing_from_a_segment_matches_nothing_there(searcher):
    terms = [Term("text_f", "hoc"), Term("text_f", "không-có")]
    assert _walk(AllWords(terms), searcher) == []
    sub = next(iter(searcher.leaf_searchers()))[0]
    assert not AllWords(terms).matcher(sub, None).is_active()


def test_portal_view_of_two_indexes(tmp_path):
    first, second = _index(tmp_path / "a", seed=5), _index(tmp_path / "b", seed=6)
    with first.searcher() as one, second.searcher() as two:
        view = PortalView([("a", one), ("b", two)])
        for words in _queries(random.Random(7), 30):
            terms = [Term("text_f", word) for word in words]
            expected = _walk(And(terms), view.searcher)
            assert _walk(AllWords(terms), view.searcher) == expected, words
            assert {view.schema_of(docnum) for docnum, _ in expected} <= {"a", "b"}
