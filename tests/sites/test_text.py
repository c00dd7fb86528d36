"""Vietnamese folding and ASCII slugs."""

import pytest

from sites.text import ascii_slugify, fold_diacritics


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Thủ tục hải quan", "thu-tuc-hai-quan"),
        ("Đồng Nai", "dong-nai"),
        ("Bà Rịa – Vũng Tàu", "ba-ria-vung-tau"),
        ("Cục Hải quan TP. Hồ Chí Minh", "cuc-hai-quan-tp-ho-chi-minh"),
        ("Nghị định 85/2019/NĐ-CP", "nghi-dinh-852019nd-cp"),
        ("ĐƯỜNG BỘ", "duong-bo"),
    ],
)
def test_slugs_are_ascii_with_d_for_d_stroke(text, slug):
    assert ascii_slugify(text) == slug


def test_folding_keeps_case_and_spacing():
    assert fold_diacritics("Hà Nội, Đà Nẵng") == "Ha Noi, Da Nang"
