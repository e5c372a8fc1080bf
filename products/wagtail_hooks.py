from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Product, ProductReview


class ProductViewSet(SnippetViewSet):
    model = Product
    icon = "tag"
    menu_label = "Products"
    list_display = ["name", "badge", "slug"]
    search_fields = ["name", "tagline"]


class ProductReviewViewSet(SnippetViewSet):
    model = ProductReview
    icon = "comment"
    menu_label = "Reader reviews"
    list_display = ["name", "product", "rating", "approved", "rejected", "created_at"]
    list_filter = ["approved", "rejected", "product", "rating"]
    search_fields = ["name", "text"]


class ShopViewSetGroup(SnippetViewSetGroup):
    menu_label = "Shop"
    menu_icon = "tag"
    menu_order = 300
    items = (ProductViewSet, ProductReviewViewSet)


register_snippet(ShopViewSetGroup)
