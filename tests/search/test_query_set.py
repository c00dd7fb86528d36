"""A fixed set of Vietnamese and English queries with their expected top result, on every database."""

from wagtail.models import Locale

import pytest

from cms.library.translation import publish_translation
from cms.standard.models import StandardPage
from search.query import site_autocomplete, site_search
from tests.cms.library.factories import legal_document, procedure
from tests.conftest import add_page

pytestmark = pytest.mark.django_db

VI_PAGES = {
    "tthq": ("Thủ tục hải quan điện tử", "Khai báo tờ khai qua hệ thống VNACCS/VCIS"),
    "nd85": ("Nghị định 85/2019/NĐ-CP về thủ tục hành chính", "Cơ chế một cửa quốc gia"),
    "tt38": ("Thông tư 38/2015/TT-BTC", "Quy định về kiểm tra, giám sát hải quan"),
    "duong": ("Vận chuyển hàng hóa đường bộ qua cửa khẩu", "Phương tiện xuất nhập cảnh"),
    "danang": ("Đà Nẵng mở rộng cảng Tiên Sa", "Cảng biển miền Trung"),
    "hanoi": ("Hội nghị tại Hà Nội", "Tổng kết công tác năm"),
    "thue": ("Miễn thuế nhập khẩu hàng viện trợ", "Hồ sơ đề nghị miễn thuế"),
    "buuchinh": ("Hàng bưu chính chuyển phát nhanh", "Kiểm tra hàng gửi qua đường bưu điện"),
    "xuatxu": ("Giấy chứng nhận xuất xứ C/O mẫu D", "Ưu đãi thuế quan ASEAN"),
    "kiemdich": ("Kiểm dịch thực vật tại cửa khẩu", "Phối hợp liên ngành"),
    "hanhly": ("Hành lý của người xuất cảnh", "Định mức miễn thuế hành lý"),
    "tuyendung": ("Thông báo tuyển dụng công chức", "Nộp hồ sơ dự tuyển"),
}
EN_PAGES = {
    "e_clearance": ("Electronic customs clearance", "Declarations through VNACCS/VCIS"),
    "e_decree": ("Decree 85/2019/ND-CP on administrative procedures", "National single window"),
    "e_tax": ("Import duty exemption for aid goods", "Exemption dossier"),
    "e_origin": ("Certificate of origin form D", "ASEAN tariff preferences"),
    "e_baggage": ("Baggage of departing passengers", "Duty-free allowance"),
    "e_jobs": ("Civil servant recruitment notice", "Application dossier"),
    "e_danang": ("Da Nang expands Tien Sa port", "Central seaports"),
}

QUERIES = [
    # Vietnamese, with diacritics, without, in capitals, partial.
    ("vi", "thủ tục hải quan", "tthq"),
    ("vi", "thu tuc hai quan", "tthq"),
    ("vi", "THỦ TỤC HẢI QUAN ĐIỆN TỬ", "tthq"),
    ("vi", "VNACCS", "tthq"),
    ("vi", "nghi dinh 85", "nd85"),
    ("vi", "thong tu 38", "tt38"),
    ("vi", "đường bộ", "duong"),
    ("vi", "duong bo", "duong"),
    ("vi", "Đà Nẵng", "danang"),
    ("vi", "da nang", "danang"),
    ("vi", "cang tien sa", "danang"),
    ("vi", "Hà Nội", "hanoi"),
    ("vi", "ha noi", "hanoi"),
    ("vi", "miễn thuế nhập khẩu", "thue"),
    ("vi", "mien thue nhap khau", "thue"),
    ("vi", "bưu chính", "buuchinh"),
    ("vi", "buu chinh chuyen phat", "buuchinh"),
    ("vi", "xuất xứ", "xuatxu"),
    ("vi", "chung nhan xuat xu", "xuatxu"),
    ("vi", "kiểm dịch thực vật", "kiemdich"),
    ("vi", "kiem dich", "kiemdich"),
    ("vi", "hành lý xuất cảnh", "hanhly"),
    ("vi", "hanh ly", "hanhly"),
    ("vi", "tuyển dụng", "tuyendung"),
    ("vi", "tuyen dung cong chuc", "tuyendung"),
    ("vi", "HÀ NỘI", "hanoi"),
    ("vi", "Ha Noi", "hanoi"),
    ("vi", "duong", "duong"),
    ("vi", "đường", "duong"),
    # The shared library: codes and numbers exactly, titles with or without diacritics.
    ("vi", "1.008316", "p_trade"),
    ("vi", "hang hoa xuat khau thuong mai", "p_trade"),
    ("vi", "2.002166", "p_refund"),
    ("vi", "hoàn thuế", "p_refund"),
    ("vi", "hoan thue", "p_refund"),
    ("vi", "85/2019/NĐ-CP", "ld85"),
    ("vi", "85/2019/ND-CP", "ld85"),
    ("vi", "38/2015/TT-BTC", "ld38"),
    # English.
    ("en", "customs clearance", "e_clearance"),
    ("en", "85/2019/ND-CP", "ld85_en"),
    ("en", "1.008316", "p_trade_en"),
    ("en", "commercial exports", "p_trade_en"),
    ("en", "decree 85", "e_decree"),
    ("en", "duty exemption", "e_tax"),
    ("en", "certificate of origin", "e_origin"),
    ("en", "baggage", "e_baggage"),
    ("en", "recruitment", "e_jobs"),
    ("en", "Đà Nẵng", "e_danang"),
    ("en", "tien sa port", "e_danang"),
]


AUTOCOMPLETE = [
    ("vi", "Da N", "danang"),
    ("vi", "đà n", "danang"),
    ("vi", "Đà Nẵ", "danang"),
    ("vi", "tuyen d", "tuyendung"),
    ("en", "Da N", "e_danang"),
    ("en", "recruit", "e_jobs"),
]


@pytest.fixture
def corpus(department):
    hn = department("HN")
    home = hn.site.root_page
    en_home = home.get_translation(Locale.objects.get(language_code="en"))
    titles = {}
    for parent, pages in ((home, VI_PAGES), (en_home, EN_PAGES)):
        for key, (title, teaser) in pages.items():
            add_page(parent, StandardPage, title=title, teaser=teaser, slug=key.replace("_", "-"))
            titles[key] = title
    english = Locale.objects.get(language_code="en")
    library = {
        "p_trade": procedure(
            "1.008316", title="Thủ tục hải quan đối với hàng hóa xuất khẩu, nhập khẩu thương mại"
        ),
        "p_refund": procedure(
            "2.002166", title="Thủ tục hoàn thuế hàng hóa nhập khẩu phải tái xuất", en=False
        ),
        "ld85": legal_document(
            "85/2019/NĐ-CP", title="Nghị định quy định thủ tục hành chính một cửa quốc gia"
        ),
        "ld38": legal_document(
            "38/2015/TT-BTC",
            title="Thông tư quy định về kiểm tra, giám sát hải quan",
            en=False,
        ),
    }
    library["p_trade_en"] = publish_translation(
        library["p_trade"],
        english,
        {"title": "Customs procedures for commercial exports and imports"},
    )
    library["ld85_en"] = library["ld85"].get_translation(english)
    titles.update({key: str(item) for key, item in library.items()})
    return hn, titles


def test_query_set_has_at_least_thirty_queries_in_both_languages():
    assert len(QUERIES) >= 30
    assert {language for language, _, _ in QUERIES} == {"vi", "en"}


def test_every_query_finds_its_expected_top_result(corpus):
    """One test over the whole set (one corpus), reporting every query that misses."""
    hn, titles = corpus
    misses = []
    for language, query, expected in QUERIES:
        results = site_search(hn, query, language).results
        top = str(results[0]) if results else None
        if top != titles[expected]:
            misses.append(f"{language} {query!r}: got {top!r}, expected {titles[expected]!r}")
    assert misses == []


def test_every_prefix_autocompletes_to_its_expected_top_result(corpus):
    hn, titles = corpus
    misses = []
    for language, prefix, expected in AUTOCOMPLETE:
        results = site_autocomplete(hn, prefix, language)
        top = str(results[0]) if results else None
        if top != titles[expected]:
            misses.append(f"{language} {prefix!r}: got {top!r}, expected {titles[expected]!r}")
    assert misses == []


def test_a_query_typed_with_diacritics_ranks_the_exact_spelling_first(corpus):
    hn, titles = corpus
    home = hn.site.root_page
    add_page(home, StandardPage, title="Hạ Nội thông quan", slug="ha-noi-thong-quan")
    assert str(site_search(hn, "Hạ Nội", "vi").results[0]) == "Hạ Nội thông quan"
    assert str(site_search(hn, "Hà Nội", "vi").results[0]) == titles["hanoi"]
