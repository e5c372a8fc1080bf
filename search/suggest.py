"""Suggestions as the reader types, from the catalogue alone: no database query, no write."""

import re

from . import text
from .query import PREGNANCY_WORDS, matching_complaints, misspelt_points, named_points, split_run_together

LIMIT = 8
MIN_LENGTH = 2


def _starts_words(typed_words, known_words):
    """Every typed word starts a word of the name; the last one may be half typed ("gua s" → Gua Sha)."""
    return all(any(k.startswith(t) for k in known_words) for t in typed_words)


def _title_hits(entries, typed_words):
    return [e for e in entries if typed_words and _starts_words(typed_words, e.words | e.headings)]


def _point_hits(catalogue, query, typed_words):
    named = named_points(catalogue, query)
    squashed = text.squash(query)
    if re.fullmatch(r"[a-z]{2,3}\d{1,2}", squashed):
        # A code being typed: "BL-4" suggests BL-4, then BL-40 to BL-49.
        return named + [p for p in catalogue.points if p.code.lower().startswith(squashed) and p not in named]
    if named:
        return named
    if text.has_characters(query):
        key = text.hanzi_key(query)
        return [p for p in catalogue.points if key and key in text.hanzi_key(p.hanzi)]
    keys = [k for k in text.pinyin_keys(query) if k.isalpha()]
    hits = []
    if keys and len(keys[-1]) >= 2:
        hits = [p for p in catalogue.points if text.squash(p.pinyin).startswith(keys[-1])]
    if typed_words:
        hits += [p for p in catalogue.points if p not in hits and _starts_words(typed_words, p.words)]
    return hits


def suggestions(catalogue, query):
    """At most LIMIT suggestions, each {"kind", "label", "url"}: the point named exactly first, then points,
    complaints, products, articles and people, a few of each before more of any one kind."""
    if len(query) < MIN_LENGTH and not text.has_characters(query):
        return []
    typed_words = [w for w in text.words(query)]
    core = split_run_together(catalogue.vocabulary(), text.core_words(query))
    groups = [
        _point_hits(catalogue, query, [w for w in typed_words if w not in text.FILLER_WORDS] or typed_words),
        matching_complaints(catalogue, core)
        + [c for c in catalogue.complaints if core and any(_starts_words(core, set(p)) for p in c.phrases)],
        _title_hits(catalogue.products, core),
        _title_hits(catalogue.articles, core),
        _title_hits(catalogue.people, core),
    ]
    if any(len(w) >= 5 and any(p.startswith(w) for p in PREGNANCY_WORDS) for w in core):
        groups[1].insert(0, None)  # the caution filter, see below
    if not any(groups):
        groups[0], _ = misspelt_points(catalogue, query)
    unique = []
    for group in groups:
        seen, kept = set(), []
        for entry in group:
            key = getattr(entry, "id", None)
            if key not in seen:
                seen.add(key)
                kept.append(entry)
        unique.append(kept)
    # Kinds whose names hold the typed words whole come before kinds that only start with them: "gua s"
    # puts the Gua Sha tool before Guanyuanshu.
    whole = {text.singular(w) for w in core}
    named_exactly = {p.id for p in named_points(catalogue, query)}
    unique.sort(key=lambda group: -max((_whole_words(e, whole, named_exactly) for e in group), default=0))
    # Two of each kind first, then fill up in the same order; shown grouped by kind.
    quota = [min(2, len(g)) for g in unique]
    for i, group in enumerate(unique):
        quota[i] += max(0, min(len(group) - quota[i], LIMIT - sum(quota)))
    picked = [entry for group, n in zip(unique, quota, strict=True) for entry in group[:n]][:LIMIT]
    return [_as_json(entry) for entry in picked]


def _whole_words(entry, typed, named_exactly):
    if entry is None or (entry.kind == "point" and entry.id in named_exactly):
        return 100
    if entry.kind == "complaint":
        known = {w for phrase in entry.phrases for w in phrase}
    else:
        known = entry.words | getattr(entry, "headings", frozenset())
    return len(typed & known)


def _as_json(entry):
    if entry is None:
        return {"kind": "caution", "label": "Points to avoid in pregnancy", "url": "/points/?caution=pregnancy"}
    return {"kind": entry.kind, "label": entry.label, "url": entry.url}
