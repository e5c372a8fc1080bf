from .catalogue import (
    STARS,
    Offer,
    OutboundClick,
    Product,
    ProductCategory,
    ProductFeature,
    ProductReview,
    shows_product,
    touch,
)
from .shop import ProductIndexPage
from .votes import HelpfulVote

__all__ = [
    "STARS",
    "HelpfulVote",
    "Offer",
    "OutboundClick",
    "Product",
    "ProductCategory",
    "ProductFeature",
    "ProductIndexPage",
    "ProductReview",
    "shows_product",
    "touch",
]
