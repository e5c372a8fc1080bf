from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from . import menus
from .blocks import MenuLinkBlock


class BasePage(Page):
    """Every public page: SEO fields from Wagtail plus an image for social cards."""

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
    # Header and footer links (editors' issue): one list, each link saying where it shows, so the pages they
    # point to are fetched in one query.
    menu_links = StreamField(
        [("link", MenuLinkBlock())],
        blank=True,
        help_text="The links in the site's header and footer, in order. Drag to reorder.",
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

# --- Rate limits (issue 10): counters in the database, so they hold across app servers and while Redis is down.
class RateLimitCounter(models.Model):
    """Hits on one rate-limited action by one client (the key is a salted hash, never an address), in a
    window that starts with its first hit. Written only through ``tcmtips.ratelimit.hit``."""

    key = models.CharField(max_length=100, unique=True)
    hits = models.PositiveIntegerField(default=0)
    window_ends = models.BigIntegerField(db_index=True, help_text="Unix time at which the count starts again.")

    def __str__(self):
        return f"{self.key}: {self.hits}"
