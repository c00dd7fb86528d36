"""The rich-text gate: what the editor can hold is stored in its form; anything else is refused."""

import pytest

from cms.core.blocks import BodyBlock
from cms.core.blocks.text import RICH_TEXT_FEATURES
from cms.core.rich_text import RichTextRefused, clean_rich_text, converter_for, editor_features

PARAGRAPH = BodyBlock().child_blocks["paragraph"]


def test_the_paragraph_editor_offers_exactly_the_declared_features():
    assert editor_features(PARAGRAPH) == tuple(RICH_TEXT_FEATURES)


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<script>alert(1)</script>", "<script>"),
        ('<p><img src="x" onerror="alert(1)"></p>', "<img>"),
        ('<p onclick="alert(1)">Bấm</p>', "onclick"),
        ('<p><a href="javascript:alert(1)">Tải</a></p>', "scheme"),
        ('<p><a href="jav&#x09;ascript:alert(1)">Tải</a></p>', "scheme"),
        ('<p><a href="data:text/html,x">Tải</a></p>', "scheme"),
        ('<p><a href="/" target="_blank">Tải</a></p>', "target"),
        ('<p><a linktype="page" id="1 OR 1=1">Trang</a></p>', "id"),
        ("<h2>Tiêu đề</h2>", "<h2>"),
        ("<p><b>Đậm</p></b>", "nest"),
        ("<p>Chưa đóng", "not closed"),
        ("<!DOCTYPE html><p>x</p>", "declarations"),
        ("<li>Mục lẻ</li>", "cannot represent"),
        ('<p><a href="/a"><a href="/b">Lồng</a></a></p>', "cannot represent"),
    ],
)
def test_what_the_editor_cannot_hold_is_refused_with_the_reason(html, reason):
    with pytest.raises(RichTextRefused, match=reason):
        clean_rich_text(html, editor_features(PARAGRAPH))


def test_harmless_html_is_normalised_to_the_form_the_editor_stores():
    stored = clean_rich_text(
        "<p>Hải quan<br>điện tử <strong>đậm</strong> <em>nghiêng</em> &lt;3</p>"
        '<ul><li><a href="mailto:hq@customs.gov.vn">Thư</a></li></ul><h4>Mục</h4>',
        editor_features(PARAGRAPH),
    )
    assert "<br/>" in stored and "<b>đậm</b>" in stored and "<i>nghiêng</i>" in stored
    assert "&lt;3" in stored and '<a href="mailto:hq@customs.gov.vn">Thư</a>' in stored
    converter, _rules = converter_for(editor_features(PARAGRAPH))
    # Stored text is a fixed point: the editor reads it and writes the same back.
    assert converter.to_database_format(converter.from_database_format(stored)) == stored
    assert clean_rich_text(stored, editor_features(PARAGRAPH)) == stored
