from django.db import models
from django.http import Http404
from django.utils.functional import SimpleLazyObject
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from articles.models import ArticlePage, Complaint, PointIndexPage
from articles.models.articles import card_rows
from base.images import credit_field
from base.models import BasePage, ensure_editorial_policy


class HomePage(BasePage):
    intro = models.CharField(max_length=300, blank=True, help_text="One line under the site name.")
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_image_credit = credit_field()

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("hero_image_credit"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    @property
    def intro_text(self):
        return self.intro

    def save(self, *args, **kwargs):
        """A live home page always has the editorial policy below it (the footer links to it)."""
        result = super().save(*args, **kwargs)
        if self.live:
            ensure_editorial_policy(self)
        return result

    def route(self, request, path_components):
        """The home page's children (the article index, the point library, the shop …) are kept, as their
        specific type, under the home page's ``cache_key``: publishing, moving or deleting one of them
        purges the home page, its parent. Below them, each routes on its own. A slug that names no child
        is looked up each time (one query, as Wagtail does) and keeps nothing: made-up addresses add no
        entries to the cache."""
        if not path_components:
            return super().route(request, path_components)
        slug, rest = path_components[0], path_components[1:]
        child = self.cached(f"child:{slug}", lambda: _specific_child(self, slug))
        return child.route(request, rest)

    def get_context(self, request, *args, **kwargs):
        # Read only when the page's cached fragment has to be rendered again.
        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = SimpleLazyObject(
            lambda: list(card_rows(ArticlePage.objects.live().public()).order_by("-first_published_at", "-pk")[:6])
        )
        context["point_index"] = SimpleLazyObject(lambda: PointIndexPage.objects.live().public().first())
        context["complaints"] = SimpleLazyObject(lambda: list(Complaint.with_points()))
        return context


def _specific_child(parent, slug):
    child = parent.get_children().filter(slug=slug).first()
    if child is None:
        raise Http404  # before anything is kept
    return child.specific
