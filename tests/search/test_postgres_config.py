"""The PostgreSQL unaccent configuration exists after migrating, and folds đ and every mark."""

from django.db import connection

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL only (this run uses another database)"
)
def test_vietnamese_unaccent_configuration_folds_diacritics_and_d_stroke():
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('vietnamese_unaccent', 'Đường Hà Nội')::text")
        (vector,) = cursor.fetchone()
    assert vector == "'duong':1 'ha':2 'noi':3"
