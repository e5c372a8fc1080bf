"""Reusable fragments of a page: a product card, a point section, an author box, the header and
footer are rendered once and kept in the cache, so a page-cache miss renders only what is its own.

A fragment's key names what it shows and the version of each thing, never a time limit (and the
addresses version, which a page moved, renamed or deleted moves):
``fragment_key("product-card", product)`` holds the product's id and ``updated_at`` (moved by any change
readers see: the snippet editor, an approved review, an offer found broken), a page's holds its live
revision. A change therefore makes a new key; the old entry is never read again and ages out of Redis.

A page names the fragments it will show before it renders (``prefetch``), so a miss fetches all of them
in one ``get_many``; the ``{% fragment %}`` tag then finds each in ``request.fragments``. Previews and
signed-in editors' pages show drafts and the user bar, so they neither read nor fill the cache."""

import hashlib
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.http import HttpResponse
from django.utils.functional import cached_property
from wagtail.images.models import AbstractImage
from wagtail.models import Page

from .prepared import Prepared
from .versions import addresses_version, content_version, everything_version

PREFIX = "fragment"


class Stamp(NamedTuple):
    """What ``version_of`` says of a model object, read without the object (``read_stamps``,
    ``stamps_of_rows``): a key for a fragment that is already cached needs no more."""

    label: str
    pk: object
    stamp: str


def page_stamp(live, revision, published):
    """A page's version: its live revision, and its publication time for pages created live by code."""
    return f"{live}.{revision}@{published.timestamp() if published else ''}"


def version_of(thing):
    """What changes when ``thing`` changes in a way readers see."""
    if thing is None:
        return "-"
    if isinstance(thing, (str, int)):
        return str(thing)
    if isinstance(thing, Stamp):
        return f"{thing.label}.{thing.pk}.{thing.stamp}"
    if isinstance(thing, AbstractImage):
        # What its renditions and default alt text are made from: a new file or focal point, a new title.
        focus = (thing.focal_point_x, thing.focal_point_y, thing.focal_point_width, thing.focal_point_height)
        made_of = (thing.file.name, thing.file_hash, thing.width, thing.height, focus, thing.title, thing.description)
        return f"{thing._meta.label_lower}.{thing.pk}.{made_of!r}"
    stamp = getattr(thing, "fragment_version", None)
    if stamp is None:
        stamp = page_stamp(
            getattr(thing, "live", ""),
            getattr(thing, "live_revision_id", ""),
            getattr(thing, "last_published_at", None),
        )
    return f"{thing._meta.label_lower}.{thing.pk}.{stamp}"


PAGE_STAMP_FIELDS = ("live", "live_revision_id", "last_published_at")  # what page_stamp is made from


def stamps_of_rows(model, rows):
    """The stamps of pages of ``model`` from rows of their id and ``PAGE_STAMP_FIELDS``, in order: a
    listing's cards can be looked up in the cache before any page of it is read."""
    label = model._meta.label_lower
    return [Stamp(label, pk, page_stamp(*version)) for pk, *version in rows]


def read_stamps(wanted):
    """The stamps of the objects ``wanted`` names ({model: ids}), by (model, id), without the objects:
    the pages of every type in one query of five columns on Wagtail's page table (each row's type checked
    against the model asked for), other models through their own ``stamps(ids)``."""
    found = {}
    pages = {model: set(ids) for model, ids in wanted.items() if issubclass(model, Page) and ids}
    if pages:
        types = {model: _type_ids(model) for model in pages}
        for pk, type_id, *version in _page_versions(sorted(set().union(*pages.values()))):
            for model, ids in pages.items():
                if pk in ids and type_id in types[model]:
                    found[model, pk] = Stamp(model._meta.label_lower, pk, page_stamp(*version))
    for model, ids in wanted.items():
        if model not in pages and ids:
            found.update({(model, pk): stamp for pk, stamp in model.stamps(ids).items()})
    return found


# What read_stamps reads on every page-cache miss of a page that shows others: compiled once.
_page_versions = Prepared(
    lambda ids: Page.objects.filter(pk__in=ids).order_by().values_list("pk", "content_type_id", *PAGE_STAMP_FIELDS)
)


def _type_ids(model):
    """The content types a row of ``model``'s table may have: the model's and its subclasses' (from
    Django's cache of content types, which follows a flushed database)."""
    models = [m for m in apps.get_models() if issubclass(m, model)]
    return {content_type.pk for content_type in ContentType.objects.get_for_models(*models).values()}


class StreamPart:
    """One block of a StreamField as a page's template meets it. The block is converted from its stored
    JSON only if it is rendered (``block``): a block whose fragment is cached needs only the stamp of the
    object it shows (``chosen_value``), so a warm page reads no points or products, only their stamps."""

    def __init__(self, stream, index, chosen=None, stamp=None):
        raw = stream.raw_data[index]
        self.stream, self.index = stream, index
        self.block_type, self.id = raw["type"], raw.get("id")
        self.chosen, self.stamp = chosen, stamp  # the name of the chooser inside the block, and its stamp
        self.key = None  # set by the page: the fragment that shows this block
        self.cold = True  # set by the page once the cache has answered: the fragment must be rendered

    @cached_property
    def block(self):
        return self.stream[self.index]  # converts every block of this type at once (one query per chooser)

    @property
    def chosen_value(self):
        return self.block.value[self.chosen] if self.cold else self.stamp

    @cached_property
    def value(self):
        """The block's value; when its fragment is cached, the other fields from the stored JSON and the
        chosen object's stamp in place of the object."""
        if self.cold:
            return self.block.value
        struct = self.stream.stream_block.child_blocks[self.block_type]
        raw = self.stream.raw_data[self.index]["value"]
        return {
            name: self.stamp if name == self.chosen else child.to_python(raw.get(name, child.get_default()))
            for name, child in struct.child_blocks.items()
        }


def _chooser_model(stream, block_type, name):
    return stream.stream_block.child_blocks[block_type].child_blocks[name].model_class


def chosen_ids(stream, chosen):
    """{model: ids} of the objects shown by the blocks of ``stream`` that ``chosen`` names (by block type,
    the chooser inside it whose object a cached fragment of the block is kept under); read from the stored
    JSON, so nothing is converted."""
    wanted = {}
    for item in stream.raw_data:
        name = chosen.get(item["type"])
        if name and item["value"].get(name) is not None:
            wanted.setdefault(_chooser_model(stream, item["type"], name), set()).add(item["value"][name])
    return wanted


def stream_parts(stream, chosen, found):
    """The blocks of ``stream`` as ``StreamPart``s, with the stamps ``read_stamps`` ``found`` of the
    objects they show (none when there is no fragment cache to look them up in)."""
    parts = []
    for index, item in enumerate(stream.raw_data):
        name = chosen.get(item["type"])
        stamp = found.get((_chooser_model(stream, item["type"], name), item["value"].get(name))) if name else None
        parts.append(StreamPart(stream, index, name, stamp))
    return parts


def fragment_key(name, *things):
    """The key of fragment ``name`` showing ``things``; under the addresses version too (any page moved,
    renamed or deleted moves it), as a fragment's links to pages are worked out when it is rendered."""
    versions = ":".join(version_of(t) for t in things)
    digest = hashlib.blake2b(f"{addresses_version()}:{versions}".encode(), digest_size=16).hexdigest()
    return f"{PREFIX}:{name}:{digest}"


def usable(request):
    """Fragments are for what every reader sees: not for previews (drafts) or editors' own views; and
    not when the cache is switched off (CACHE_URL=dummycache://), where working their keys out is waste."""
    if request is None:
        return False
    known = getattr(request, "_fragments_usable", None)
    if known is None:
        user = getattr(request, "user", None)
        known = not (
            getattr(request, "is_preview", False)
            or isinstance(caches["default"], DummyCache)
            or (user is not None and user.is_authenticated)
        )
        if hasattr(request, "user"):  # asked before authentication (middleware): answer, but don't remember
            request._fragments_usable = known
    return known


def _found(request):
    """The fragments this request has fetched or rendered so far, by key."""
    if getattr(request, "fragments", None) is None:
        request.fragments = {}
    return request.fragments


def prefetch(request, keys):
    """Fetch the fragments a page will show in one round trip; returns the keys that were not there."""
    keys = [key for key in keys if key]
    if not usable(request) or not keys:
        return set(keys)
    found = _found(request)
    wanted = [key for key in keys if key not in found]
    if wanted:
        found.update(cache.get_many(wanted))
    return {key for key in keys if key not in found}


def get(request, key):
    if not usable(request):
        return None
    found = _found(request)
    if key not in found:
        html = cache.get(key)
        if html is None:
            return None
        found[key] = html
    return found[key]


def store(request, key, html):
    if usable(request):
        _found(request)[key] = html
        cache.set(key, html, settings.FRAGMENT_CACHE_SECONDS)


# What a kept response (kept_response) carries besides its body.
KEPT_HEADERS = ("Content-Type", "Last-Modified", "X-Robots-Tag")


def kept_response(request, name, make, *things):
    """A whole response that shows only what is published (the feed, the sitemap): ``make()`` once, its
    body and headers then kept as a fragment under the content version (any publish, unpublish, move or
    deletion), the version of everything (the site's name and settings), the scheme and host its absolute
    links are made for, and ``things`` (what else chose it: a section, a page number). Only a 200 is kept."""
    key = None
    if usable(request):
        key = fragment_key(name, content_version(), everything_version(), request.scheme, request.get_host(), *things)
        kept = get(request, key)
        if kept is not None:
            body, headers = kept
            return HttpResponse(body, headers=headers)
    response = make()
    if hasattr(response, "render"):  # a TemplateResponse: its body is made here, not on the way out
        response.render()
    if key and response.status_code == 200 and not response.streaming:
        headers = {header: response[header] for header in KEPT_HEADERS if header in response}
        store(request, key, (response.content, headers))
    return response
