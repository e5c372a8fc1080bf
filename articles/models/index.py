"""The article index: every article, newest first, filtered by topic (a complaint) or by the point it uses."""

from django.db import models
from django.utils.functional import SimpleLazyObject
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from base.listings import paginate
from base.models import BasePage

from ..review import ArticleIndexPermissionTester, ensure_medical_review_workflow
from .articles import ArticlePage, card_rows
from .complaints import Complaint
from .points import article_ids_using, point_for_filter


class ArticleIndexPage(BasePage):
    intro = models.TextField(blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    max_count = 1
    per_page = 12

    def save(self, *args, **kwargs):
        creating = self.pk is None
        result = super().save(*args, **kwargs)
        if creating:
            # A new article index (an editor's, or load_demo's) gets the medical review at once.
            ensure_medical_review_workflow(self)
        return result

    def permissions_for_user(self, user):
        return ArticleIndexPermissionTester(user, self)

    @property
    def intro_text(self):
        return self.intro

    def route(self, request, path_components):
        """An article in one query, with what its page shows from other tables (its hero image, its people
        and their photos); Wagtail's own routing takes two (the page, then its specific type)."""
        if len(path_components) != 1:
            return super().route(request, path_components)
        articles = ArticlePage.objects.child_of(self).select_related("hero_image", "author__photo", "reviewer__photo")
        article = articles.filter(slug=path_components[0]).first()
        if article is None:  # not an article (a page moved here by hand, or nothing): Wagtail's own routing
            return super().route(request, path_components)
        return article.route(request, [])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.child_of(self).live().public().order_by("-first_published_at", "-pk")
        topic_slug, point_slug = request.GET.get("topic", ""), request.GET.get("point", "")
        topic = point = None
        if topic_slug:
            topic = Complaint.get_or_404(topic_slug)
            articles = articles.filter(topics=topic)
        if point_slug:
            point = point_for_filter(point_slug)
            articles = articles.filter(pk__in=article_ids_using(point))
        context.update(topic=topic, point=point, listing=(topic_slug, point_slug))
        context["articles"] = paginate(self, request, card_rows(articles), self.per_page, name=context["listing"])
        context["topics"] = SimpleLazyObject(
            lambda: list(Complaint.objects.filter(articles__isnull=False).distinct().order_by("name"))
        )
        return context
