"""Creates the demo site: home, indexes, the acupoint library, people, the gua sha product and the
reference article. Idempotent: a second run finds everything in place and changes nothing, and it never
overwrites what an editor has changed."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site, WorkflowState

from articles.loader import load_points
from articles.models import AcupointPage, ArticleIndexPage, ArticlePage, ArticleUpdate, Complaint, PointIndexPage
from articles.rankings import load_cautions, load_rankings
from articles.review import REVIEWERS_GROUP
from authors.models import AuthorIndexPage, AuthorPage, Book, ReviewerIndexPage, ReviewerPage
from base.models import SiteSettings
from caching.purge import purge_everything
from demo import content
from demo.articles import article_body
from demo.images import CREDIT, demo_image
from home.models import HomePage
from products.models import Offer, Product, ProductCategory, ProductFeature, ProductIndexPage, ProductReview


def child(parent, model, slug, **fields):
    """The child page with this slug, created (and published) if missing; never modified if present."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    return page, True


class Command(BaseCommand):
    help = "Load the demo content (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin", action="store_true", help="Also create a local admin account and print its login (for make run)."
        )

    def handle(self, *args, admin=False, **options):
        with transaction.atomic():
            home = self.home()
            self.site_settings(home.get_site())
            points_index, _ = child(
                home,
                PointIndexPage,
                "points",
                title="Acupoint library",
                intro=(
                    "All 361 points of the 14 meridians, by the WHO standard. Browse by meridian, body region "
                    "or complaint, or search by code or name."
                ),
            )
            report = load_points(points_index)
            load_rankings()
            load_cautions()
            self.stdout.write(
                f"Acupoints: {len(report.created)} created, {len(report.updated)} updated, "
                f"{report.unchanged} unchanged, {len(report.kept_editor_changes)} kept as editors left them."
            )
            article_index, _ = child(
                home,
                ArticleIndexPage,
                "articles",
                title="Articles",
                intro="Step-by-step acupressure and gua sha guides, each checked by a practitioner.",
            )
            # The medical review workflow comes with the index (migration 0006 and ArticleIndexPage.save).
            author = self.author(home)
            reviewer = self.reviewer(home)
            product = self.product()
            self.shop(home, product)
            self.article(article_index, author, reviewer, product)
            self.menu_links(home.get_site())
        purge_everything()
        if admin:
            self.admin_login()

    def home(self):
        home = HomePage.objects.first()
        if home:
            return home
        root = Page.get_first_root_node()
        if root is None:  # a flushed database (transactional tests): recreate what Wagtail's migrations make
            Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
            if Collection.get_first_root_node() is None:
                Collection.add_root(name="Root")
            root = Page.add_root(
                instance=Page(title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page))
            )
        # Wagtail's initial migration leaves a placeholder "Welcome" page; the home page replaces it.
        for placeholder in Page.objects.child_of(root).filter(slug="home"):
            placeholder.delete()
        home = HomePage(
            title=content.HOME["title"],
            slug="home",
            intro=content.HOME["intro"],
            seo_title="TCM Tips: reviewed acupressure and gua sha guides",
            hero_image=demo_image("hero"),
            hero_image_credit=CREDIT,
        )
        root.add_child(instance=home)
        site = Site.objects.filter(is_default_site=True).first()
        if site:
            site.root_page = home
            site.site_name = "TCM Tips"
            site.save()
        else:
            Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="TCM Tips"
            )
        return home

    def site_settings(self, site):
        site_settings = SiteSettings.for_site(site)
        if not site_settings.affiliate_disclosure:
            site_settings.affiliate_disclosure = content.DISCLOSURE
            site_settings.footer_text = site_settings.footer_text or content.FOOTER
            site_settings.save()

    def menu_links(self, site):
        """The header and footer links, set once; after that they are the editors' (Settings → Site settings)."""
        site_settings = SiteSettings.for_site(site)
        if site_settings.menu_links:
            return
        links = [
            ("articles", "Articles", "both"),
            ("points", "Acupoints", "both"),
            ("products", "Shop", "both"),
            ("authors", "Authors", "both"),
        ]
        links.append(("reviewers", "Medical reviewers", "footer"))
        home = site.root_page
        site_settings.menu_links = [
            ("link", {"page": page, "label": label, "show_in": show_in})
            for slug, label, show_in in links
            if (page := Page.objects.child_of(home).filter(slug=slug).first())
        ]
        site_settings.save()

    def person(self, home, index_model, index_slug, index_title, model, data, **extra):
        index, _ = child(home, index_model, index_slug, title=index_title)
        fields = {k: v for k, v in data.items() if k not in ("slug", "books")}
        return child(index, model, data["slug"], **fields, **extra)

    def author(self, home):
        author, created = self.person(
            home,
            AuthorIndexPage,
            "authors",
            "Authors",
            AuthorPage,
            content.AUTHOR,
            photo=demo_image("author"),
            photo_credit=CREDIT,
        )
        if created:
            for order, (title, isbn) in enumerate(content.AUTHOR["books"]):
                Book.objects.create(
                    author=author, title=title, isbn=isbn, sort_order=order, url=f"https://isbnsearch.org/isbn/{isbn}"
                )
        return author

    def reviewer_user(self):
        """The demo reviewer's admin account (no usable password until an admin sets one)."""
        User = get_user_model()
        user = User.objects.filter(username=content.REVIEWER_USERNAME).first()
        if user is None:
            user = User(
                username=content.REVIEWER_USERNAME,
                first_name="Mai",
                last_name="Sogawa",
                email=content.REVIEWER_EMAIL,
                is_staff=False,
            )
            user.set_unusable_password()
            user.save()
            user.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
        elif not user.email:
            # Submissions for review are mailed to the reviewers: an account without an address hears nothing.
            user.email = content.REVIEWER_EMAIL
            user.save(update_fields=["email"])
        return user

    def reviewer(self, home):
        user = self.reviewer_user()
        reviewer, _ = self.person(
            home,
            ReviewerIndexPage,
            "reviewers",
            "Medical reviewers",
            ReviewerPage,
            content.REVIEWER,
            photo=demo_image("reviewer"),
            photo_credit=CREDIT,
            # Linked only when the page is first created: an editor may have linked another account since.
            user=None if hasattr(user, "reviewer_page") else user,
        )
        return reviewer

    def product(self):
        data = content.PRODUCT
        product = Product.objects.filter(slug=data["slug"]).first()
        if product:
            return product
        product = Product.objects.create(
            slug=data["slug"],
            name=data["name"],
            badge=data["badge"],
            tagline=data["tagline"],
            image=demo_image("product"),
            image_credit=CREDIT,
        )
        for order, (title, text) in enumerate(data["features"]):
            ProductFeature.objects.create(product=product, title=title, text=text, sort_order=order)
        Offer.objects.create(product=product, sort_order=0, **data["offer"])
        ProductReview.objects.create(product=product, approved=True, **data["review"])
        product.save_revision(log_action=True)
        return product

    def shop(self, home, product):
        """The shop page and its categories; the demo product goes on its shelf only when the category is new,
        so an editor's own filing is left alone."""
        child(home, ProductIndexPage, "products", **content.SHOP["page"])
        for order, (name, slug, description) in enumerate(content.SHOP["categories"]):
            category, created = ProductCategory.objects.get_or_create(
                slug=slug, defaults={"name": name, "description": description, "sort_order": order}
            )
            if created and slug in content.SHOP["product_categories"]:
                product.categories.add(category)
                product.save()

    def article(self, index, author, reviewer, product):
        data = content.ARTICLE
        if ArticlePage.objects.child_of(index).filter(slug=data["slug"]).exists():
            return
        codes = [s["code"] for s in data["sections"]]
        points = {code: point.pk for code, point in AcupointPage.objects.in_bulk(codes, field_name="code").items()}
        body = article_body(data, points, product.pk)
        article = ArticlePage(
            slug=data["slug"],
            title=data["title"],
            search_description=data["search_description"],
            intro=data["intro"],
            hero_image=demo_image("hero"),
            hero_image_credit=CREDIT,
            body=body,
            author=author,
            live=False,
        )
        article.topics = list(Complaint.objects.filter(slug__in=data["topics"]))
        article.updates = [
            ArticleUpdate(date=timezone.localdate(), kind=kind, text=text) for kind, text in data.get("updates", ())
        ]
        index.add_child(instance=article)
        revision = article.save_revision(log_action=True)
        if reviewer.user_id is None:
            # No reviewer account to approve with: publish it unreviewed rather than claim a review.
            revision.publish()
            return
        # The review badge is earned the same way as on any article: the demo reviewer approves the
        # Medical review task, which records her and today's date and publishes the article.
        index.get_workflow().start(article, user=None)
        task_state = WorkflowState.objects.get(
            base_content_type__model="page", object_id=str(article.pk), status=WorkflowState.STATUS_IN_PROGRESS
        ).current_task_state.specific
        task_state.task.specific.on_action(task_state, reviewer.user, "approve")

    def admin_login(self):
        login_file = Path(settings.BASE_DIR) / ".admin-login"
        User = get_user_model()
        if login_file.exists() and User.objects.filter(username="admin").exists():
            password = login_file.read_text().strip()
        else:
            password = secrets.token_urlsafe(12)
            user, _ = User.objects.get_or_create(username="admin", defaults={"email": "admin@example.com"})
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
            login_file.write_text(password + "\n")
            login_file.chmod(0o600)
        self.stdout.write(
            self.style.SUCCESS(f"Admin for local use: http://127.0.0.1:8000/admin/  user: admin  password: {password}")
        )
