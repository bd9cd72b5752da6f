"""Every word of a query, matched in one pass: a flat intersection for Whoosh (R9.3).

Whoosh's ``And`` makes, in every index segment, a binary tree of ``IntersectionMatcher``
over one term matcher per word, each built by four or five look-ups of the term, and every
step of the walk goes down the tree; inside a block of postings a term matcher's
``skip_to`` moves one posting at a time. On the portal's 200 segments a six-word query
("phòng chống bạo lực học đường") spent more than half its time there
(``bench/search_profile.py``). :class:`AllWords` is the same query, matched differently:

- each word's term is looked up once per segment, and a word the segment does not hold
  ends the segment at once (no matcher is built for the others);
- the words are intersected flat, rarest first: the rarest word proposes a document, the
  others skip to it (a bisection inside the block) and the first that overshoots proposes
  the next one to the rarest;
- the field length a BM25F score needs is read once per match, not once per word.

It matches the same documents with the same scores as ``And`` of the same terms
(``tests/sitesearch/test_whoosh_matching.py``); a filter's document set
(``whoosh_searchers.AllowedDocs``) joins the intersection as one more member.
"""

from __future__ import annotations

import bisect

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import Matcher, NullMatcher, ReadTooFar
from whoosh.query import And, Term
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25FScorer


def _leaf_skip_to(matcher: W3LeafMatcher, target: int) -> None:
    """``W3LeafMatcher.skip_to`` for a target past its current posting, with a bisection in
    the block (Whoosh 2.7's steps one posting at a time). Reads Whoosh's private block
    state; Whoosh 2.7.4 is the last release."""
    while target > matcher._maxid:
        matcher._next_block()
        if matcher._atend:
            return
    ids = matcher._ids
    if ids is None:
        matcher._read_ids()
        ids = matcher._ids
    matcher._i = bisect.bisect_left(ids, target, matcher._i)


def _skipper(matcher):
    if type(matcher) is W3LeafMatcher:
        return lambda target: _leaf_skip_to(matcher, target)
    return matcher.skip_to


class AllMatcher(Matcher):
    """The documents every member matches; the score is the sum of the members' scores.

    ``members`` are sorted rarest first and must all be active.
    """

    def __init__(self, members: list):
        self._members = members
        self._skips = [_skipper(member) for member in members]
        self._scorers = _shared_length(members)
        self._active = True
        self._id = -1
        self._align(members[0].id())

    def _align(self, target: int) -> None:
        """Move to the first document >= ``target`` that every member holds."""
        members, skips = self._members, self._skips
        lead, count = members[0], len(members)
        k = 1
        while k < count:
            member = members[k]
            found = member.id()
            if found < target:
                skips[k](target)
                if not member.is_active():
                    self._active = False
                    return
                found = member.id()
            if found > target:  # past the target: the rarest member proposes again
                lead.skip_to(found)
                if not lead.is_active():
                    self._active = False
                    return
                target, k = lead.id(), 1
                continue
            k += 1
        self._id = target

    def is_active(self) -> bool:
        return self._active

    def id(self) -> int:
        return self._id

    def next(self) -> bool:
        if not self._active:
            raise ReadTooFar
        lead = self._members[0]
        lead.next()
        if not lead.is_active():
            self._active = False
        else:
            self._align(lead.id())
        return False

    def skip_to(self, id: int) -> bool:  # noqa: A002 - Whoosh's signature
        if not self._active:
            raise ReadTooFar
        if id > self._id:
            lead = self._members[0]
            lead.skip_to(id)
            if not lead.is_active():
                self._active = False
            else:
                self._align(lead.id())
        return False

    def reset(self) -> None:
        for member in self._members:
            member.reset()
        self._active, self._id = True, -1
        self._align(self._members[0].id())

    def score(self) -> float:
        if self._scorers is not None:  # BM25F members of one field: its length read once
            scorers, length = self._scorers, None
            total = 0.0
            for member, scorer in zip(self._members, scorers, strict=True):
                if scorer is None:
                    total += member.score()
                else:
                    if length is None:
                        length = scorer.dfl(self._id)
                    total += scorer._score(member.weight(), length)
            return total
        return sum(member.score() for member in self._members)

    def weight(self) -> float:
        return sum(member.weight() for member in self._members)

    def max_quality(self) -> float:
        return sum(member.max_quality() for member in self._members)

    def supports_block_quality(self) -> bool:
        return False

    def replace(self, minquality=0):
        return self if self._active else NullMatcher()

    def children(self) -> list:
        return list(self._members)

    def supports(self, astype) -> bool:
        return False

    def value(self):
        raise NotImplementedError

    def spans(self) -> list:
        return []

    def copy(self):
        # Whoosh's on-disk term matchers cannot be copied either (W3LeafMatcher).
        raise NotImplementedError


def _shared_length(members: list) -> list | None:
    """The BM25F scorers of members that score one field by weight and length (``None``
    for other members), when there are at least two: their field length is then the same
    for every match."""
    scorers, field = [], None
    for member in members:
        scorer = getattr(member, "scorer", None) if type(member) is W3LeafMatcher else None
        if type(scorer) is BM25FScorer:
            term_field = member._term[0]
            if field not in (None, term_field):
                return None
            field = term_field
            scorers.append(scorer)
        else:
            scorers.append(None)
    return scorers if sum(scorer is not None for scorer in scorers) > 1 else None


class AllWords(And):
    """``And`` of ``Term`` queries (and at most one ``AllowedDocs``), matched by
    :class:`AllMatcher`. Any other member makes it a plain ``And``."""

    def _matcher(self, subs, searcher, context):
        reader = searcher.reader()
        weighting = context.weighting if context is not None else searcher.weighting
        sized = []
        for order, query in enumerate(subs):
            if isinstance(query, Term) and query.boost == 1.0 and not query.minquality:
                try:
                    text = searcher.schema[query.fieldname].to_bytes(query.text)
                    size = reader.term_info(query.fieldname, text).doc_frequency()
                except (KeyError, ValueError, TermNotFound):
                    return NullMatcher()  # a word this segment lacks: nothing matches
                sized.append((size, order, (query.fieldname, text)))
            elif hasattr(query, "docs"):  # whoosh_searchers.AllowedDocs
                sized.append((query.estimate_size(reader), order, query))
            else:
                return super()._matcher(subs, searcher, context)
        sized.sort(key=lambda item: item[:2])
        members = []
        for _size, _order, what in sized:
            if isinstance(what, tuple):  # what Term.matcher does, without its look-ups
                member = searcher.postings(*what, weighting=weighting)
            else:
                member = what.matcher(searcher, context)
            if not member.is_active():
                return NullMatcher()
            members.append(member)
        return AllMatcher(members)
