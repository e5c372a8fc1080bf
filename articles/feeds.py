"""/feed/: RSS of the latest articles, for readers' feed readers (django.contrib.syndication)."""

from types import SimpleNamespace

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from wagtail.models import Site

from base.models import SiteSettings
from caching.kept import kept_response

from .models import ArticlePage

# What an item reads: its address (the tree columns), its title, description and dates, its author's name.
ITEM_FIELDS = (
    *("id", "path", "depth", "url_path", "slug", "title", "intro", "search_description"),
    *("first_published_at", "last_published_at", "author__title", "author__honorific"),
)


class LatestArticlesFeed(Feed):
    feed_type = Rss201rev2Feed
    limit = 20

    def __call__(self, request, *args, **kwargs):
        # Kept whole: a new author name, like a new article, moves the content token.
        return kept_response(
            request, "feed", lambda: super(LatestArticlesFeed, self).__call__(request, *args, **kwargs)
        )

    def get_object(self, request, *args, **kwargs):
        # The feed instance is shared between requests: keep the request on the object, not on self.
        return SimpleNamespace(request=request, site=Site.find_for_request(request))

    def title(self, obj):
        return SiteSettings.for_request(obj.request).site_name

    def link(self, obj):
        return obj.site.root_url + "/" if obj.site else "/"

    def feed_url(self, obj):
        # Absolute, from the site's root URL: Django would otherwise make it from the request's Host header.
        return (obj.site.root_url if obj.site else "") + reverse("feed")

    def description(self, obj):
        # Not every item has been through medical review, so the channel claims none.
        return "The latest acupressure and gua sha guides."

    def items(self, obj):
        # Only what an item shows: not the bodies (the largest column, parsed as JSON for each article).
        articles = (
            ArticlePage.objects.live()
            .public()
            .select_related("author")
            .only(*ITEM_FIELDS)
            .order_by("-first_published_at")
        )
        if obj.site:
            articles = articles.descendant_of(obj.site.root_page)
        articles = list(articles[: self.limit])
        for article in articles:
            article.feed_url = article.get_full_url(obj.request)
        return articles

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.meta_description

    def item_link(self, item):
        return item.feed_url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.author.display_name if item.author else None
