from ..review import MedicalReviewTask
from .articles import ArticlePage, ArticleUpdate
from .cautions import CONDITIONS, ReaderCaution
from .complaints import Complaint, PrimaryPoint
from .index import ArticleIndexPage
from .points import LISTING_FIELDS, REGIONS, AcupointPage, PointIndexPage, articles_using

__all__ = [
    "LISTING_FIELDS",
    "REGIONS",
    "AcupointPage",
    "ArticleIndexPage",
    "ArticlePage",
    "ArticleUpdate",
    "Complaint",
    "MedicalReviewTask",
    "PointIndexPage",
    "PrimaryPoint",
    "ReaderCaution",
    "CONDITIONS",
    "articles_using",
]
