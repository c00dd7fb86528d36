from django.urls import path

from cms.statistics import views

app_name = "statistics"
urlpatterns = [
    path("thong-ke/", views.statistics_page, name="index"),
    path("thong-ke/<int:year>/", views.statistics_page, name="year"),
    path("thong-ke/<int:year>.csv", views.months_csv, name="csv"),
    path("thong-ke/<int:year>-dich-vu.csv", views.services_csv, name="services_csv"),
    path("thong-ke/<int:year>.json", views.summary_json, name="json"),
]
