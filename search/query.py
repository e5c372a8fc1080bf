"""What a query means, worked out against the catalogue (no database query): a point named exactly, points
named in part or misspelt, complaints asked about in plain words, the pregnancy caution, products and people.
Articles come from the full-text index (see views)."""

from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from articles.meridians import normalise_code

from . import text

PREGNANCY_WORDS = {"pregnancy", "pregnant", "pregnancies"}
MAX_POINTS = 30


@dataclass
class Understanding:
    exact_point: object = None  # the one point the query names: search goes straight to it
    points: list = field(default_factory=list)
    correction: object = None  # the one point a misspelt name clearly meant
    complaints: list = field(default_factory=list)
    pregnancy: bool = False
    caution_points: list = field(default_factory=list)
    products: list = field(default_factory=list)
    people: list = field(default_factory=list)
    core: list = field(default_factory=list)  # the subject words, fillers dropped

    @property
    def complaint(self):
        return self.complaints[0] if self.complaints else None


def named_points(catalogue, query):
    """Points the whole query names exactly: a code, the characters, a pinyin name in any form, the English
    name or another name. Several when a name is shared (Yinjiao: CV-7 and GV-28)."""
    code = normalise_code(query)
    if code:
        point = catalogue.by_code.get(code)
        return [point] if point else []
    if text.has_characters(query):
        return list(catalogue.by_hanzi.get(text.hanzi_key(query), []))
    for key in text.pinyin_keys(query):
        if key in catalogue.by_name:
            return list(catalogue.by_name[key])
    return []


def _word_matches(typed, known):
    """A typed word names a word of a point or title: the same word, or the start of one for four or more
    letters ("crook" finds Crook; "gua" does not find Guan)."""
    if typed in known:
        return True
    return len(typed) >= 4 and any(word.startswith(typed) for word in known)


def partly_named_points(catalogue, query, core):
    """Points whose characters contain those typed, whose pinyin starts with what was typed (three letters
    or more), or whose English or other names contain every subject word."""
    if text.has_characters(query):
        key = text.hanzi_key(query)
        return [p for p in catalogue.points if key and key in text.hanzi_key(p.hanzi)][:MAX_POINTS]
    found = []
    keys = text.pinyin_keys(query)
    squashed = keys[-1] if keys else ""
    if len(squashed) >= 3 and squashed.isalpha():
        found = [p for p in catalogue.points if text.squash(p.pinyin).startswith(squashed)]
    singular = [text.singular(w) for w in core]
    if singular:
        found += [p for p in catalogue.points if p not in found and all(_word_matches(w, p.words) for w in singular)]
    return found[:MAX_POINTS]


def misspelt_points(catalogue, query):
    """Points whose name is one or two letters away from what was typed (one for names of four letters),
    best first, by rapidfuzz's optimal-string-alignment distance (two swapped letters count as one).
    Returns (points, the point clearly meant or None)."""
    keys = [k for k in text.pinyin_keys(query) if k.isalpha() and len(k) >= 4]
    if not keys:
        return [], None
    best = {}
    for key in keys:
        limit = 1 if len(key) <= 4 else 2
        for _name, distance, _ in process.extract(
            key, catalogue.fuzzy_choices.keys(), scorer=OSA.distance, score_cutoff=limit, limit=20
        ):
            for point in catalogue.fuzzy_choices[_name]:
                best[point.id] = min(distance, best.get(point.id, distance))
    ranked = sorted(best, key=lambda pk: (best[pk], pk))
    points = [catalogue.point_by_id(pk) for pk in ranked][:MAX_POINTS]
    clearly = points[0] if len(points) == 1 or (points and best[ranked[0]] < best[ranked[1]]) else None
    return points, clearly


def matching_complaints(catalogue, core):
    """Complaints a plain question is about: its subject words are a complaint's name or synonym, contain
    one ("bad neck pain" → Neck pain), or are part of one ("back pain" → Lower back pain)."""
    typed = tuple(text.singular(w) for w in core)
    if not typed:
        return []
    scored = []
    for complaint in catalogue.complaints:
        score = 0
        for phrase in complaint.phrases:
            if phrase == typed:
                score = max(score, 3)
            elif _contains(typed, phrase):
                score = max(score, 2)
            elif _contains(phrase, typed) and any(len(w) >= 4 for w in typed):
                score = max(score, 1)
        if score:
            scored.append((-score, complaint.name, complaint))
    return [c for *_, c in sorted(scored)][:5]


def _contains(longer, shorter):
    n = len(shorter)
    return 0 < n <= len(longer) and any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def matching_titles(entries, core):
    """Products or people whose name holds every subject word ("gua sha" → Facial Gua Sha Tool; a surname
    → the person)."""
    singular = [text.singular(w) for w in core]
    if not singular:
        return []
    return [e for e in entries if all(_word_matches(w, e.words) for w in singular)]


def split_run_together(vocabulary, core):
    """Subject words typed without their space, split where both halves are words the site uses:
    "guasha" → "gua", "sha"; "backpain" → "back", "pain". A word the site knows stays whole."""
    split = []
    for word in core:
        halves = None
        if len(word) >= 5 and word not in vocabulary and text.singular(word) not in vocabulary:
            for cut in range(3, len(word) - 2):
                first, second = word[:cut], word[cut:]
                if first in vocabulary and text.singular(second) in vocabulary:
                    halves = [first, second]
                    break
        split += halves or [word]
    return split


def understand(catalogue, query, allow_corrections=True):
    result = Understanding(core=split_run_together(catalogue.vocabulary(), text.core_words(query)))
    named = named_points(catalogue, query)
    if len(named) == 1:
        result.exact_point = named[0]
        return result
    result.points = named or partly_named_points(catalogue, query, result.core)
    result.complaints = matching_complaints(catalogue, result.core)
    if PREGNANCY_WORDS & set(result.core):
        result.pregnancy = True
        result.caution_points = [p for p in catalogue.points if p.pregnancy_caution]
    result.products = matching_titles(catalogue.products, result.core)
    result.people = matching_titles(catalogue.people, result.core)
    found_any = result.points or result.complaints or result.pregnancy or result.products or result.people
    if allow_corrections and not found_any:
        result.points, result.correction = misspelt_points(catalogue, query)
        if not result.points and result.core and len(result.core) < len(text.words(query)):
            # "weizong point": try the name without the filler words.
            result.points, result.correction = misspelt_points(catalogue, " ".join(result.core))
    return result
