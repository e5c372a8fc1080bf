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

__all__ = [
    "STARS",
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
