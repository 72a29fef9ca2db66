from django.urls import path

from partners import views

app_name = "partners"

urlpatterns = [
    path("<slug:slug>/", views.OrganizationDetailView.as_view(), name="detail"),
]
