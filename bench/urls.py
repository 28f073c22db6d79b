"""The site's URLs plus the benchmark's floor view. Selected with ROOT_URLCONF=bench.urls,
only by the benchmark's own server."""

from django.urls import path

from bench.floor import floor
from newsroom import urls as site

urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *site.urlpatterns]
handler500 = site.handler500
