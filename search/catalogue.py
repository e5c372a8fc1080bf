"""Everything search compares a query with, read from the database once per ``CONTENT`` token.

The names of the 361 points, the complaints with their synonyms, and the titles of articles, products and
people fit in a few hundred kilobytes. They are built in a handful of queries, kept in the cache under the
``CONTENT`` token (moved by any change readers can see, see caching.tokens), and
kept in this process too while that token stands. So a keystroke in the suggestion box or a search
costs no query for names at all."""

import re
import uuid
from dataclasses import dataclass, field

from django.core.cache import cache
from wagtail.models import Site

from articles.models import LISTING_FIELDS, AcupointPage, ArticlePage, Complaint, PrimaryPoint
from authors.models import AuthorPage, ReviewerPage
from caching import tokens
from products.models import Product

from . import text

CACHE_SECONDS = 60 * 60


@dataclass
class PointEntry:
    id: int
    url: str
    code: str
    display_code: str
    pinyin: str
    hanzi: str
    english_name: str
    other_names: list
    pregnancy_caution: bool
    words: frozenset = frozenset()

    kind = "point"

    @property
    def label(self):
        return f"{self.display_code} {self.pinyin} · {self.english_name}"


@dataclass
class ComplaintEntry:
    id: int
    name: str
    slug: str
    phrases: list  # each a tuple of singular words: the name and every synonym
    point_ids: list = field(default_factory=list)
    article_ids: list = field(default_factory=list)
    primary_ids: list = field(default_factory=list)  # the editors' ranking, best first

    kind = "complaint"

    @property
    def url(self):
        return f"/points/?complaint={self.slug}"

    @property
    def label(self):
        return f"{self.name}: points and articles"


@dataclass
class TitleEntry:
    """An article, product or person: what it is called and where it lives."""

    kind: str
    id: int
    title: str
    url: str
    words: frozenset
    headings: frozenset = frozenset()
    intro: str = ""
    role: str = ""
    version: str = ""  # an article's live revision, publication time and address (see article_entries)

    @property
    def label(self):
        return self.title


@dataclass
class Catalogue:
    points: list
    complaints: list
    articles: list
    products: list
    people: list
    by_name: dict  # squashed name (pinyin, English, other names) → [point, …]
    by_hanzi: dict  # simplified characters → [point, …]
    by_code: dict
    fuzzy_choices: dict = field(default_factory=dict)  # squashed name → [point, …], names of 4+ letters

    def point_by_id(self, pk):
        return self._point_ids.get(pk)

    def article_by_id(self):
        """{id: entry} for every article, made once per catalogue (10,000 entries take a millisecond)."""
        if getattr(self, "_article_ids", None) is None:
            self._article_ids = {a.id: a for a in self.articles}
        return self._article_ids

    def vocabulary(self):
        """Every word of the products' and articles' titles and headings, the people's names and the
        complaints, made once per catalogue: what a word typed run together may be split into."""
        if getattr(self, "_vocabulary", None) is None:
            known = set()
            for entry in (*self.products, *self.articles, *self.people):
                known |= entry.words | entry.headings
            for complaint in self.complaints:
                known.update(word for phrase in complaint.phrases for word in phrase)
            self._vocabulary = frozenset(known)
        return self._vocabulary

    def __post_init__(self):
        self._point_ids = {p.id: p for p in self.points}


_memo = {"token": None, "catalogue": None}


def get_catalogue():
    """The catalogue for the current ``CONTENT`` token: from this process, else the cache, else built."""
    key = f"search:catalogue:{tokens.token(tokens.CONTENT)}"
    token = cache.get(f"{key}:token")
    if token is not None and token == _memo["token"]:
        return _memo["catalogue"]
    catalogue = cache.get(key) if token is not None else None
    if catalogue is None:
        catalogue, token = build_catalogue(previous=_memo["catalogue"]), uuid.uuid4().hex
        cache.set_many({key: catalogue, f"{key}:token": token}, CACHE_SECONDS)
    _memo.update(token=token, catalogue=catalogue)
    return catalogue


def _heading_texts(raw_body):
    """Headings of an article body as stored (no block objects built): point sections' and tip lists'
    headings, tip titles and the h2–h4 of rich text."""
    for block in raw_body or []:
        value = block.get("value")
        if isinstance(value, dict):
            for name in ("heading", "title"):
                if isinstance(value.get(name), str):
                    yield value[name]
            for tip in value.get("tips") or []:
                if isinstance(tip, dict) and isinstance(tip.get("value"), dict):
                    yield tip["value"].get("title") or ""
        elif isinstance(value, str) and block.get("type") == "rich_text":
            yield from (re.sub(r"<[^>]+>", " ", h) for h in re.findall(r"<h[2-4][^>]*>(.*?)</h[2-4]>", value, re.S))


def _word_set(*texts):
    return frozenset(text.singular(w) for t in texts for w in text.words(t))


def _article_version(row, roots):
    pk, revision, published, url_path = row
    return f"{pk}:{revision}:{published.timestamp() if published else ''}:{url_path}:{roots}"


class Links:
    """Pages' addresses for the catalogue, with the site's root paths looked up once for all of them: the
    object Wagtail's URL methods remember them on, as ``wagtail.contrib.frontend_cache`` passes one."""

    def __init__(self):
        self.site = Site.objects.filter(is_default_site=True).first()

    def url(self, page):
        return page.get_url(request=self, current_site=self.site)


def article_entries(live_articles, links, previous=None):
    """Every live article's entry, in the listing's order. Each entry records the article's version (live
    revision, publication time, address); those unchanged since ``previous`` (this process's last
    catalogue) are taken from it, so after a publish only the changed articles' bodies are read again:
    10,000 articles' bodies take seconds to read and sift, their versions a few milliseconds."""
    roots = repr(Site.get_site_root_paths())
    rows = list(live_articles.values_list("pk", "live_revision_id", "last_published_at", "url_path"))
    versions = {row[0]: _article_version(row, roots) for row in rows}
    known = {entry.version: entry for entry in (previous.articles if previous else []) if entry.version}
    entries = {pk: known[version] for pk, version in versions.items() if version in known}
    missing = [pk for pk in versions if pk not in entries]
    for start in range(0, len(missing), 500):
        batch = live_articles.filter(pk__in=missing[start : start + 500]).order_by()
        for a in batch.only("id", "path", "depth", "url_path", "title", "intro", "body"):
            headings = list(_heading_texts(a.body.raw_data))
            words, heading_words = _word_set(a.title), _word_set(*headings)
            entries[a.pk] = TitleEntry(
                "article", a.pk, a.title, links.url(a), words, heading_words, intro=a.intro_text, version=versions[a.pk]
            )
    return [entries[row[0]] for row in rows if row[0] in entries]


def build_catalogue(previous=None):
    links = Links()

    def public(model):  # our pages' public() checks view restrictions inside each listing's query
        return model.objects.live().public()

    points = []
    for p in public(AcupointPage).only(*LISTING_FIELDS, "hanzi", "other_names").order_by("meridian", "number"):
        others = p.other_name_list
        points.append(
            PointEntry(
                id=p.pk,
                url=links.url(p),
                code=p.code,
                display_code=p.display_code,
                pinyin=p.pinyin,
                hanzi=p.hanzi,
                english_name=p.english_name,
                other_names=others,
                pregnancy_caution=p.pregnancy_caution,
                words=_word_set(p.english_name, *others),
            )
        )
    by_id = {p.id: p for p in points}

    complaints = {
        c.pk: ComplaintEntry(
            id=c.pk,
            name=c.name,
            slug=c.slug,
            # Compared as the subject words of a question are: "crick in the neck" → ("crick", "neck").
            phrases=[
                tuple(text.singular(w) for w in text.core_words(phrase))
                for phrase in [c.name, *c.synonym_list]
                if text.core_words(phrase)
            ],
        )
        for c in Complaint.objects.all()
    }
    for complaint_id, point_id in AcupointPage.complaints.through.objects.filter(acupointpage_id__in=by_id).values_list(
        "complaint_id", "acupointpage_id"
    ):
        complaints[complaint_id].point_ids.append(point_id)
    for complaint_id, point_id in PrimaryPoint.objects.order_by("complaint_id", "sort_order", "pk").values_list(
        "complaint_id", "point_id"
    ):
        complaints[complaint_id].primary_ids.append(point_id)

    live_articles = public(ArticlePage).order_by("-first_published_at")
    articles = article_entries(live_articles, links, previous)
    for complaint_id, article_id in ArticlePage.topics.through.objects.filter(
        articlepage__in=live_articles
    ).values_list("complaint_id", "articlepage_id"):
        complaints[complaint_id].article_ids.append(article_id)

    products = [
        TitleEntry("product", p.pk, p.name, p.get_absolute_url(), _word_set(p.name), intro=p.tagline)
        for p in Product.objects.only("id", "name", "slug", "tagline").order_by("name")
    ]
    people = []
    for model, role in ((AuthorPage, "Author"), (ReviewerPage, "Medical reviewer")):
        for person in public(model).only("id", "path", "depth", "url_path", "title", "honorific", "role"):
            people.append(
                TitleEntry(
                    "person", person.pk, person.display_name, links.url(person), _word_set(person.title), role=role
                )
            )

    by_name, by_hanzi, by_code, fuzzy = {}, {}, {}, {}
    for p in points:
        by_code[p.code] = p
        for name in (p.pinyin, p.english_name, *p.other_names):
            key = text.squash(name)
            if key and p not in by_name.setdefault(key, []):
                by_name[key].append(p)
            if len(key) >= 4 and key.isalpha() and p not in fuzzy.setdefault(key, []):
                fuzzy[key].append(p)
        if p.hanzi:
            by_hanzi.setdefault(text.hanzi_key(p.hanzi), []).append(p)
    return Catalogue(
        points=points,
        complaints=sorted(complaints.values(), key=lambda c: c.name),
        articles=articles,
        products=products,
        people=people,
        by_name=by_name,
        by_hanzi=by_hanzi,
        by_code=by_code,
        fuzzy_choices=fuzzy,
    )
