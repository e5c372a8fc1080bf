"""Every page type passes Wagtail's own page tests: it routes, renders, takes an edit in the admin and
previews, as the demo's instance of it and through Wagtail's own test helpers."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import AcupointPage, ArticleIndexPage, ArticlePage, PointIndexPage
from authors.models import AuthorIndexPage, AuthorPage, ReviewerIndexPage, ReviewerPage
from base.models import EditorialPolicyPage
from home.models import HomePage
from products.models import ProductIndexPage

SIMPLE_TYPES = [
    HomePage,
    ArticleIndexPage,
    PointIndexPage,
    AuthorIndexPage,
    ReviewerIndexPage,
    ProductIndexPage,
    AcupointPage,
    AuthorPage,
    ReviewerPage,
    EditorialPolicyPage,
]


def article_post_data(article):
    """What the article's edit form posts: its fields, a body of one text block, its people and topics."""
    return nested_form_data(
        {
            "title": article.title,
            "slug": article.slug,
            "intro": rich_text(article.intro),
            "hero_image": article.hero_image_id or "",
            "body": streamfield([("rich_text", rich_text("<p>Press each point for a minute.</p>"))]),
            "author": article.author_id,
            "topics": [topic.pk for topic in article.topics.all()],
            "updates": inline_formset([]),
            "comments": inline_formset([]),
            "search_description": "",
            "seo_title": "",
        }
    )


class EveryPageTypeTest(WagtailPageTestCase):
    def instances(self):
        for model in SIMPLE_TYPES:
            page = model.objects.live().order_by("pk").first()
            self.assertIsNotNone(page, f"the demo has a {model.__name__}")
            yield page

    def test_every_page_type_routes_and_renders(self):
        for page in [*self.instances(), ArticlePage.objects.live().first()]:
            with self.subTest(page_type=type(page).__name__):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)

    def test_every_page_type_takes_an_edit_in_the_admin(self):
        for page in self.instances():
            with self.subTest(page_type=type(page).__name__):
                self.assertPageIsEditable(page)

    def test_an_article_takes_an_edit_in_the_admin(self):
        article = ArticlePage.objects.live().first()
        self.assertPageIsEditable(article, post_data=article_post_data(article))

    def test_every_page_type_previews(self):
        for page in self.instances():
            with self.subTest(page_type=type(page).__name__):
                self.assertPageIsPreviewable(page)
        article = ArticlePage.objects.live().first()
        self.assertPageIsPreviewable(article, post_data=article_post_data(article))

    def test_the_tree_holds_one_of_every_type_under_the_home_page(self):
        home = HomePage.objects.get()
        below = {type(page) for page in Page.objects.descendant_of(home).specific()}
        self.assertTrue({*SIMPLE_TYPES, ArticlePage} - {HomePage} <= below)
