from django.urls import path

from . import views

app_name = "products"

urlpatterns = [
    path("products/<slug:slug>/", views.product_detail, name="detail"),
    path("products/<slug:slug>/reviews/", views.submit_review, name="submit_review"),
    path("products/reviews/<int:pk>/helpful/", views.helpful_vote, name="helpful_vote"),
    path("go/<slug:slug>/", views.go, name="go"),
]
