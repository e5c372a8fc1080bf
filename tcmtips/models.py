from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from . import fragments, menus
from .blocks import MenuLinkBlock
from .prepared import ChosenManager, ChosenQuerySet
from .requestlocal import current_request


def public(pages):
    """Wagtail's ``public()`` reads every view restriction first, a query of its own for each listing; this
    asks the same question (is the page, or one of its ancestors, restricted?) inside the listing's own
    query. For any queryset of pages, Wagtail's ``Page.objects`` included."""
    restricted = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    return pages.exclude(Exists(restricted))


class SitePageQuerySet(ChosenQuerySet, PageQuerySet):
    def public(self):
        return public(self)

    def chosen(self):
        # A dict has no order, so no ORDER BY: Django works a page's default ordering (its tree path) out
        # anew for every query, which costs more than the query.
        return self.order_by()


class SitePageManager(ChosenManager, PageManager.from_queryset(SitePageQuerySet)):
    pass


class BasePage(Page):
    """Every public page: SEO fields from Wagtail plus an image for social cards."""

    objects = SitePageManager()

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when the page is shared. Falls back to the page's main image.",
    )

    promote_panels = Page.promote_panels + [FieldPanel("social_image")]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Pages created live by code (demo loader, acupoint import) skip Wagtail's publish action, which
        # is what records publication dates; without them the sitemap would have no lastmod to give.
        if self._state.adding and self.live and self.first_published_at is None:
            self.first_published_at = self.last_published_at = timezone.now()
        return super().save(*args, **kwargs)

    @property
    def meta_description(self):
        return self.search_description or getattr(self, "intro_text", "") or ""

    @property
    def share_image(self):
        return self.social_image

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Speed: every fragment this page will show, fetched from the cache in one round trip.
        context["cold_fragments"] = fragments.prefetch(
            request, chrome_fragment_keys(request) + self.fragment_keys(request)
        )
        return context

    def fragment_keys(self, request):
        """The keys of the fragments this page shows besides the header and footer (see tcmtips.fragments)."""
        return []

    def _get_site_root_paths(self, cache_object=None, **kwargs):
        # Speed: ``page.url`` passes no request, so Wagtail would look the site roots up again
        # for every page object; remember them on the request being served instead.
        return super()._get_site_root_paths(cache_object or current_request.get(), **kwargs)

    @classmethod
    def served_queryset(cls, cached=False):
        """How tcmtips.routing reads a page of this type to serve a request: a type adds what it always
        shows, and may leave out what only its cached fragments show (``cached``: the request may use the
        fragment cache, ``tcmtips.fragments.usable``). Its shape depends on nothing else: routing compiles
        it once per type and per ``cached`` (``tcmtips.prepared``)."""
        return cls.objects.all()

    def get_view_restrictions(self):
        """Wagtail's rule in one query instead of two: the restrictions on this page and its ancestors,
        an alias among them counting as the page it copies. None at all, without a query, when routing
        found no restriction and no alias on the way to the page (tcmtips.routing)."""
        if getattr(self, "_view_restrictions", None) is not None:
            return self._view_restrictions
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        copied = Page.objects.filter(path__in=paths, alias_of__isnull=False).values("alias_of_id")
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page_id__in=copied)
        )


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    site_name = models.CharField(max_length=80, default="TCM Tips")
    logo = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    footer_text = RichTextField(blank=True, features=["bold", "italic", "link"])
    affiliate_disclosure = models.TextField(
        blank=True,
        help_text="Shown before the first retailer link on any page that has one. Required to publish product cards.",
    )
    review_interval_months = models.PositiveSmallIntegerField(
        default=12, help_text="Articles whose medical review is older than this are listed as due for re-review."
    )
    # Header and footer links: one list, each link saying where it shows, so the pages they
    # point to are fetched in one query.
    menu_links = StreamField(
        [("link", MenuLinkBlock())],
        blank=True,
        help_text="The links in the site's header and footer, in order. Drag to reorder.",
    )

    # Moves whenever the header or footer could change: these settings saved, or a page they link to
    # published, moved or deleted (tcmtips.menus). The resolved menus and the cached header and footer are
    # kept under it, so no separate counter has to be read from the cache to find them.
    menus_version = models.PositiveIntegerField(default=1, editable=False)

    panels = [
        MultiFieldPanel([FieldPanel("site_name"), FieldPanel("logo")], heading="Brand"),
        FieldPanel("menu_links", heading="Header and footer links"),
        FieldPanel("footer_text"),
        FieldPanel("affiliate_disclosure"),
        FieldPanel("review_interval_months"),
    ]

    class Meta:
        verbose_name = "Site settings"

    def save(self, *args, **kwargs):
        # Anything here can show in the header or footer, so a save moves the version; the form's copy of
        # it is never written back (a page published while an editor had the form open moved it since).
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name != "menus_version"
            ]
        super().save(*args, **kwargs)
        type(self).objects.filter(pk=self.pk).update(menus_version=F("menus_version") + 1)
        self.refresh_from_db(fields=["menus_version"])
        from .routing import forget_sites  # the cached sites carry their settings

        forget_sites()

    @property
    def fragment_version(self):
        return self.menus_version

    @cached_property
    def has_disclosure(self):
        return bool(self.affiliate_disclosure.strip())

    @cached_property
    def menus(self):
        return menus.resolve(self)

    @property
    def header_links(self):
        return self.menus["header"]

    @property
    def footer_links(self):
        return self.menus["footer"]


# --- Rate limits: counters in the database, so they hold across app servers and while Redis is down.
class RateLimitCounter(models.Model):
    """Hits on one rate-limited action by one client (the key is a salted hash, never an address), in a
    window that starts with its first hit. Written only through ``tcmtips.ratelimit.hit``."""

    key = models.CharField(max_length=100, unique=True)
    hits = models.PositiveIntegerField(default=0)
    window_ends = models.BigIntegerField(db_index=True, help_text="Unix time at which the count starts again.")

    def __str__(self):
        return f"{self.key}: {self.hits}"


def chrome_fragment_keys(request):
    """The header and footer, kept under the site settings' ``menus_version``."""
    site_settings = SiteSettings.for_request(request)
    return [fragments.fragment_key(name, site_settings) for name in ("header", "footer")]
