"""The article index: every article, newest first, filtered by topic (a complaint) or by the point it uses."""

from django.utils.functional import SimpleLazyObject

from base.listings import paginate
from base.models import SectionPage

from ..review import ArticleIndexPermissionTester, ensure_medical_review_workflow
from .articles import ArticlePage, card_rows
from .complaints import Complaint
from .points import article_ids_using, point_for_filter


class ArticleIndexPage(SectionPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    max_count = 1
    per_page = 12
    child_model = ArticlePage
    child_related = ("hero_image", "author__photo", "reviewer__photo")

    def save(self, *args, **kwargs):
        creating = self.pk is None
        result = super().save(*args, **kwargs)
        if creating:
            # A new article index (an editor's, or load_demo's) gets the medical review at once.
            ensure_medical_review_workflow(self)
        return result

    def permissions_for_user(self, user):
        return ArticleIndexPermissionTester(user, self)

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
