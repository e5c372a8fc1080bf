import hashlib

from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from caching import tokens
from caching.kept import KEPT_SECONDS, kept
from caching.purge import referenced_objects, referrers

from . import menus, policy
from .blocks import MenuLinkBlock
from .forms import PageForm
from .public import public


class SitePageQuerySet(PageQuerySet):
    def public(self):
        return public(self)


SitePageManager = PageManager.from_queryset(SitePageQuerySet)


class BasePage(Page):
    """Every public page: SEO fields from Wagtail plus an image for social cards, and what caching needs
    to know about it (see docs/architecture.md)."""

    objects = SitePageManager()
    base_form_class = PageForm  # bad content is a form error; a forgotten draft's slug is named

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
        if self.pk is None and self.live and self.first_published_at is None:
            self.first_published_at = self.last_published_at = timezone.now()
        return super().save(*args, **kwargs)

    @property
    def meta_description(self):
        return self.search_description or getattr(self, "intro_text", "") or ""

    @property
    def share_image(self):
        return self.social_image

    # --- Caching (docs/architecture.md) ---------------------------------------------------------------
    def get_cache_key_components(self):
        """Wagtail's (the page, its address, its publication) and the tokens that a purge of this page, or
        of anything on the site, moves: ``cache_key`` then names this page as it is now, with everything
        it shows."""
        return [*super().get_cache_key_components(), *tokens.object_tokens(self)]

    def cache_dependents(self):
        """The pages and objects whose cached pages show this one, so a change to it purges them too: the
        page listing it (its parent), whatever refers to it (an article showing a point, the menus) and
        what it refers to, which lists it back (a point lists the articles using it, a person the articles
        they wrote, a product the articles featuring it)."""
        parent = self.get_parent()
        return [parent.specific if parent else None, *referrers(self), *referenced_objects(self)]

    def cached(self, name, compute):
        """``compute()``, kept under this page's ``cache_key`` (so worked out again whenever the page or
        what it shows changes). For what a page reads to serve itself: its routing, its restrictions."""
        digest = hashlib.blake2b(str(name).encode(), digest_size=8).hexdigest()
        return kept(f"page:{digest}:{self.cache_key}", compute)

    def get_view_restrictions(self):
        """Wagtail's rule (the restrictions on this page and its ancestors, an alias among them counting
        as the page it copies) in one query, kept under the page's ``cache_key``: a privacy change purges
        the page and everything below it."""
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]

        def read():
            copied = Page.objects.filter(path__in=paths, alias_of__isnull=False).values("alias_of_id")
            restrictions = PageViewRestriction.objects.filter(
                Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page_id__in=copied)
            )
            return list(restrictions)

        return self.cached("restrictions", read)


class SectionPage(BasePage):
    """A section of the site (the articles, the point library, the authors …): an introduction, and below
    it pages of one type, ``child_model``. A child is found in one query, with what its page shows from
    other tables (``child_related``, for ``select_related``); Wagtail's own routing takes two (the page,
    then its specific type), and is still used for anything else below the section."""

    intro = models.TextField(blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    child_model = None
    child_related = ()

    class Meta:
        abstract = True

    @property
    def intro_text(self):
        return self.intro

    def route(self, request, path_components):
        if len(path_components) != 1:
            return super().route(request, path_components)
        children = self.child_model.objects.child_of(self).select_related(*self.child_related)
        child = children.filter(slug=path_components[0]).first()
        if child is None:  # not of the section's type (a page moved here by hand, or nothing)
            return super().route(request, path_components)
        return child.route(request, [])


# What fits the header on one row at desktop width; on phones the links fold behind a menu button.
MAX_MENU_LINKS = 8


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
        max_num=MAX_MENU_LINKS,
        help_text=f"The links in the site's header and footer, in order (up to {MAX_MENU_LINKS}). Drag to reorder.",
    )

    panels = [
        MultiFieldPanel([FieldPanel("site_name"), FieldPanel("logo")], heading="Brand"),
        FieldPanel("menu_links", heading="Header and footer links"),
        FieldPanel("footer_text"),
        FieldPanel("affiliate_disclosure"),
        FieldPanel("review_interval_months"),
    ]

    class Meta:
        verbose_name = "Site settings"

    # The header, the footer and the affiliate disclosure show on every page.
    cache_purges_everything = True

    @classmethod
    def for_site(cls, site):
        """Wagtail's (created on first use), kept under the ``EVERYTHING`` token: a page-cache miss reads no
        settings from the database, and any change to them (or to a site) moves that token."""
        key = f"settings:{cls._meta.label_lower}:{site.pk}:{tokens.token(tokens.EVERYTHING)}"
        found = cache.get(key)
        if found is None:
            found = super().for_site(site)
            cache.set(key, found, KEPT_SECONDS)
        return found

    @property
    def cache_key(self):
        """The header and footer are kept under this (``{% wagtailcache %}``)."""
        return f"{self.pk}:{tokens.token(tokens.EVERYTHING)}"

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

    @property
    def editorial_policy_url(self):
        return self.menus.get("policy")


class EditorialPolicyPage(BasePage):
    """How the site writes, reviews, corrects and makes money, in one page per site that the footer of every
    page and every review badge link to. Made for every install (``ensure_editorial_policy``)."""

    body = RichTextField(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"], default=policy.policy_body)

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    template = "base/editorial_policy_page.html"

    # Linked from the footer and the review badge of every page.
    cache_purges_everything = True


def ensure_editorial_policy(home):
    """The site's editorial policy page, live under ``home``, made if there is none (idempotent)."""
    found = EditorialPolicyPage.objects.first()
    if found is None:
        found = home.add_child(
            instance=EditorialPolicyPage(title=policy.POLICY_TITLE, slug=policy.POLICY_SLUG, live=True)
        )
    return found
