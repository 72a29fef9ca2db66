from django.urls import include, path

from bulletins import preview_views, views

app_name = "bulletins"

urlpatterns = [
    path("bulletins/<int:year>/<int:number>/", views.BulletinDetailView.as_view(), name="detail"),
    path("", include("bulletins.pdf.urls")),  # PDFs: before the article slug matches "pdf"
    path(
        "bulletins/<int:year>/<int:number>/<slug:slug>/",
        views.ArticleDetailView.as_view(),
        name="article",
    ),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic-detail"),
    # Preview links for reviewers without an account (bulletins/preview.py).
    path("preview/<str:token>/", preview_views.BulletinPreviewView.as_view(), name="preview"),
    path(
        "preview/<str:token>/<slug:slug>/",
        preview_views.ArticlePreviewView.as_view(),
        name="preview-article",
    ),
]
