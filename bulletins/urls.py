from django.urls import include, path

from bulletins import views

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
]
