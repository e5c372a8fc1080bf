from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from base.admin_panels import ItemsPanel
from base.images import credit_field
from base.listings import paginate
from base.models import BasePage, SectionPage
from seo import jsonld as seo

from .isbn import format_isbn13, normalise_isbn, validate_isbn13
from .panels import ReviewerLoginPanel


class PersonPage(BasePage):
    """What authors and reviewers share: who they are, in a card and in full."""

    HONORIFICS = [("", "None"), ("Ms.", "Ms."), ("Mr.", "Mr."), ("Mx.", "Mx."), ("Dr.", "Dr."), ("Prof.", "Prof.")]

    honorific = models.CharField(max_length=10, choices=HONORIFICS, blank=True)
    photo = models.ForeignKey("wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    photo_credit = credit_field()
    role = models.CharField(max_length=120, blank=True, help_text="For example “Senior therapist”.")
    short_bio = models.TextField(max_length=400, help_text="Two or three sentences for article cards.")
    bio = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol"], verbose_name="full bio")
    credentials = models.TextField(blank=True, help_text="Qualifications and schools, one per line.")

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("honorific"), FieldPanel("role"), FieldPanel("photo"), FieldPanel("photo_credit")],
            heading="Who",
        ),
        FieldPanel("short_bio"),
        FieldPanel("bio"),
        FieldPanel("credentials"),
        ItemsPanel("links", heading="Links", label="Link", add_label="Add a link"),
    ]
    search_fields = Page.search_fields + [index.SearchField("short_bio"), index.SearchField("bio")]

    class Meta:
        abstract = True

    @property
    def display_name(self):
        return f"{self.honorific} {self.title}".strip()

    @property
    def initials(self):
        """Up to two letters for an avatar when there is no photo: the first and last names' first letters
        ("Mai Sogawa" → "MS", "P. Sze" → "PS", "Hua" → "H")."""
        names = [word for word in self.title.split() if word[:1].isalpha()]
        if not names:
            return ""
        picked = names[:1] + names[-1:] if len(names) > 1 else names
        return "".join(name[0].upper() for name in picked)

    @property
    def intro_text(self):
        return self.short_bio

    @property
    def credential_lines(self):
        return [line.strip() for line in self.credentials.splitlines() if line.strip()]

    @property
    def share_image(self):
        return self.social_image or self.photo

    def structured_data(self, request, site_name):
        return seo.profile_graph(self, request, site_name)

    articles_per_page = 20

    def article_page(self, request, articles):
        """One page of this person's articles: a prolific author's page never lists them all."""
        return paginate(self, request, articles.defer_streamfields(), self.articles_per_page)


class PersonLink(Orderable):
    label = models.CharField(max_length=80)
    url = models.URLField()

    panels = [FieldPanel("label"), FieldPanel("url", heading="Link (URL)")]

    class Meta(Orderable.Meta):
        abstract = True


class AuthorPage(PersonPage):
    parent_page_types = ["authors.AuthorIndexPage"]
    subpage_types = []
    template = "authors/person_page.html"

    content_panels = PersonPage.content_panels + [
        ItemsPanel("books", heading="Books", label="Book", add_label="Add a book")
    ]

    @cached_property
    def book_list(self):
        """The author's books in the editors' order (the author box); in a preview, the unsaved ones."""
        return list(self.books.all())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.articles.live().public().order_by("-first_published_at", "-pk")
        context["articles"] = self.article_page(request, articles)
        context["articles_heading"] = "Articles written"
        return context


class ReviewerPage(PersonPage):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewer_page",
        help_text="The admin account this reviewer approves articles with.",
    )
    parent_page_types = ["authors.ReviewerIndexPage"]
    subpage_types = []
    template = "authors/person_page.html"
    # One account is one reviewer: a copy of the page starts with no account linked (an administrator links
    # one on purpose), instead of failing on the second page with the same account.
    exclude_fields_in_copy = ["user"]

    # Linking an account makes it able to approve medical reviews: only administrators may do it, so an
    # editor can't make up a reviewer (the field isn't in an editor's form at all).
    content_panels = [
        ReviewerLoginPanel(heading="Login"),
        *PersonPage.content_panels,
        FieldPanel("user", heading="Login", permission="superuser"),
    ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        reviewed = self.reviewed_articles.live().public().order_by("-last_reviewed", "-first_published_at", "-pk")
        context["articles"] = self.article_page(request, reviewed)
        context["articles_heading"] = "Articles reviewed"
        context["show_review_dates"] = True
        return context


class AuthorLink(PersonLink):
    page = ParentalKey(AuthorPage, on_delete=models.CASCADE, related_name="links")


class ReviewerLink(PersonLink):
    page = ParentalKey(ReviewerPage, on_delete=models.CASCADE, related_name="links")


class Book(Orderable):
    author = ParentalKey(AuthorPage, on_delete=models.CASCADE, related_name="books")
    title = models.CharField(max_length=255)
    isbn = models.CharField("ISBN-13", max_length=17, validators=[validate_isbn13])
    url = models.URLField(blank=True, help_text="Where a reader can find the book.")

    panels = [FieldPanel("title"), FieldPanel("isbn", heading="ISBN"), FieldPanel("url", heading="Link (URL)")]

    def save(self, *args, **kwargs):
        self.isbn = normalise_isbn(self.isbn)
        super().save(*args, **kwargs)

    @property
    def isbn_display(self):
        return format_isbn13(self.isbn)

    def __str__(self):
        return self.title


class PersonIndexPage(SectionPage):
    child_related = ("photo",)

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["people"] = (
            self.child_model.objects.child_of(self).live().public().select_related("photo").order_by("title")
        )
        return context


class AuthorIndexPage(PersonIndexPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["authors.AuthorPage"]
    max_count = 1
    child_model = AuthorPage
    template = "authors/person_index_page.html"


class ReviewerIndexPage(PersonIndexPage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["authors.ReviewerPage"]
    max_count = 1
    child_model = ReviewerPage
    template = "authors/person_index_page.html"
