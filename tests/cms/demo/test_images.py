"""Demo images draw Vietnamese letters, or fold them where no font has them (never boxes)."""

import pytest

from cms.demo import images


def test_without_a_truetype_font_the_text_is_drawn_without_diacritics(monkeypatch):
    monkeypatch.setattr(images, "FONT_FILES", ("no-such-font.ttf",))
    images._truetype.cache_clear()
    try:
        font, text = images.font_and_text("Cục Hải quan Đà Nẵng", 40)
    finally:
        images._truetype.cache_clear()
    assert text == "Cuc Hai quan Da Nang"
    assert not isinstance(getattr(font, "path", None), str)  # Pillow's bundled font


def test_with_a_system_font_the_vietnamese_text_is_kept():
    font, text = images.font_and_text("Cục Hải quan Đà Nẵng", 40)
    if not isinstance(getattr(font, "path", None), str):
        pytest.skip("no DejaVu Sans or Liberation Sans on this machine")
    assert text == "Cục Hải quan Đà Nẵng"
    # The font really has the letters: "ữ" is not drawn as the missing-glyph box of "\uffff".
    assert font.getmask("ữ").getbbox() != font.getmask("\U0010fffd").getbbox()


def test_demo_banner_and_leaflet_are_drawn_with_vietnamese_labels():
    banner = images.banner_jpeg("hcm", "#0b4f8a", "Hải quan Thành phố Hồ Chí Minh")
    assert banner.name == "hcm.jpg" and banner.size > 1000
    leaflet = images.leaflet_pdf("Tờ rơi thủ tục", ["Khai báo điện tử", "Đường bộ"])
    assert leaflet.getvalue().startswith(b"%PDF")
