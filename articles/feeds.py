"""/feed/: RSS of the latest articles, for readers' feed readers (django.contrib.syndication)."""

from types import SimpleNamespace

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils.feedgenerator import Rss201rev2Feed
from wagtail.models import Site

from tcmtips import fragments
from tcmtips.models import SiteSettings
from tcmtips.versions import content_version, everything_version

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
        """The feed as Django writes it, kept as a fragment (issue 12): under the content version (any
        publish, unpublish, move or deletion, a new author name), the version of everything (the site's
        name, its title), and the scheme and host its absolute links are made for."""
        key = (
            fragments.fragment_key("feed", content_version(), everything_version(), request.scheme, request.get_host())
            if fragments.usable(request)
            else None
        )
        kept = fragments.get(request, key) if key else None
        if kept is None:
            response = super().__call__(request, *args, **kwargs)
            if key:
                fragments.store(request, key, (response.content, response.headers.get("Last-Modified")))
            return response
        body, last_modified = kept
        response = HttpResponse(body, content_type=self.feed_type.content_type)
        if last_modified:
            response.headers["Last-Modified"] = last_modified
        return response

    def get_object(self, request, *args, **kwargs):
        # The feed instance is shared between requests: keep the request on the object, not on self.
        return SimpleNamespace(request=request, site=Site.find_for_request(request))

    def title(self, obj):
        return SiteSettings.for_request(obj.request).site_name

    def link(self, obj):
        return obj.site.root_url + "/" if obj.site else "/"

    def description(self, obj):
        # Not every item has been through medical review (see issue 10), so the channel claims none.
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
