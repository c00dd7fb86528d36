"""Demo news: ten bilingual articles per department on the seed topics."""

import datetime

from django.utils import timezone

from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from cms.demo.departments import DemoDepartment
from cms.demo.images import banner_jpeg
from cms.news.models import NewsArticlePage, NewsIndexPage, NewsTag
from sites.translation import sync_translation

# The demo tags' English names (NewsTag.name_en), shown on the English pages.
TAG_NAMES_EN = {
    "thu ngân sách": "budget revenue",
    "chống thất thu": "revenue protection",
    "cửa khẩu": "border gates",
    "cao điểm": "peak season",
    "dịch vụ công trực tuyến": "online public services",
    "thanh toán điện tử": "e-payment",
    "hiện đại hóa": "modernisation",
    "hải quan số": "digital customs",
    "đối thoại doanh nghiệp": "business dialogue",
    "doanh nghiệp FDI": "FDI enterprises",
}

# (category, tags, Vietnamese title, English title, Vietnamese teaser, English teaser)
ARTICLES = (
    (
        "revenue",
        ("thu ngân sách",),
        "Thu ngân sách 10 tháng đạt 85% dự toán",
        "Revenue in ten months reaches 85% of the annual estimate",
        "Số thu tăng nhờ kim ngạch xuất nhập khẩu phục hồi.",
        "Collections rose as import and export turnover recovered.",
    ),
    (
        "revenue",
        ("thu ngân sách", "chống thất thu"),
        "Tăng cường chống thất thu qua trị giá hải quan",
        "Stepping up the fight against revenue loss through customs valuation",
        "Kiểm tra sau thông quan tập trung vào mặt hàng rủi ro cao.",
        "Post-clearance audits focus on high-risk goods.",
    ),
    (
        "border",
        ("cửa khẩu", "cao điểm"),
        "Phân luồng phương tiện tại cửa khẩu dịp cao điểm cuối năm",
        "Routing vehicles at border gates during the year-end peak",
        "Làm thêm giờ, mở thêm làn để giảm ùn tắc hàng hóa.",
        "Extra hours and lanes to ease congestion.",
    ),
    (
        "border",
        ("cửa khẩu",),
        "Điều tiết hàng nông sản qua cửa khẩu mùa thu hoạch",
        "Regulating farm exports through border gates at harvest time",
        "Phối hợp với lực lượng biên phòng và doanh nghiệp vận tải.",
        "Working with border guards and hauliers.",
    ),
    (
        "digital",
        ("dịch vụ công trực tuyến",),
        "98% thủ tục hải quan được thực hiện trực tuyến",
        "98% of customs procedures are now handled online",
        "Doanh nghiệp nộp hồ sơ mọi lúc, mọi nơi.",
        "Businesses file at any time, from anywhere.",
    ),
    (
        "digital",
        ("dịch vụ công trực tuyến", "thanh toán điện tử"),
        "Nộp thuế điện tử 24/7 qua ngân hàng phối hợp",
        "Round-the-clock electronic tax payment through partner banks",
        "Hàng hóa được thông quan ngay khi tiền thuế vào tài khoản.",
        "Goods are released as soon as the duty is received.",
    ),
    (
        "business",
        ("đối thoại doanh nghiệp",),
        "Hội nghị đối thoại doanh nghiệp năm 2026",
        "Dialogue conference with businesses 2026",
        "Giải đáp hơn 60 kiến nghị về thủ tục và chính sách thuế.",
        "More than 60 questions on procedures and tax policy answered.",
    ),
    (
        "business",
        ("đối thoại doanh nghiệp", "doanh nghiệp FDI"),
        "Gặp gỡ doanh nghiệp FDI về thủ tục gia công",
        "Meeting foreign-invested firms on processing procedures",
        "Hướng dẫn báo cáo quyết toán nguyên liệu nhập khẩu.",
        "Guidance on reconciling imported materials.",
    ),
    (
        "modernisation",
        ("hiện đại hóa",),
        "Đưa vào vận hành hệ thống soi chiếu container mới",
        "New container scanning system enters service",
        "Rút ngắn thời gian kiểm tra thực tế hàng hóa.",
        "Physical inspection time is cut.",
    ),
    (
        "modernisation",
        ("hiện đại hóa", "hải quan số"),
        "Triển khai hải quan số giai đoạn 2",
        "Digital customs, phase two, rolls out",
        "Kết nối dữ liệu với cảng biển và kho bãi.",
        "Data links with seaports and warehouses.",
    ),
)


def ensure_demo_news(department, home: Page, demo: DemoDepartment) -> None:
    """Add the demo articles to the site's news section once, with English translations."""
    index = home.get_children().filter(slug="tin-tuc").first()
    if index is None or NewsArticlePage.objects.child_of(index).exists():
        return
    index = index.specific
    assert isinstance(index, NewsIndexPage)
    english = Locale.objects.filter(language_code="en").first()
    today = timezone.localdate()
    for number, (category, tags, title, title_en, teaser, teaser_en) in enumerate(ARTICLES):
        label = CATEGORY_LABELS.get(category, category)
        page = NewsArticlePage(
            title=title,
            teaser=teaser,
            category=category,
            date=today - datetime.timedelta(days=number * 3),
            source=demo.name,
            body=[("paragraph", f"<p>{teaser} {demo.name} thông tin chi tiết.</p>")],
            # Drawn now, so the first revision (and its translation) carries it.
            lead_image=get_image_model().objects.create(
                title=f"Ảnh minh họa: {label}",
                file=banner_jpeg(
                    f"tin-{demo.code.lower()}-{number + 1}", demo.colour, label, (800, 450)
                ),
                collection=department.collection,
            ),
        )
        index.add_child(instance=page)
        page.tags.set(list(tags))
        for name in tags:
            NewsTag.objects.filter(name=name, name_en="").update(name_en=TAG_NAMES_EN.get(name, ""))
        page.save_revision().publish()
        if english:
            sync_translation(
                page,
                english,
                {
                    "title": title_en,
                    teaser: teaser_en,
                    demo.name: demo.name_en,
                    f"{teaser} {demo.name} thông tin chi tiết.": f"{teaser_en} Details from the {demo.name_en}.",
                },
            )


def ensure_lead_images(department, demo: DemoDepartment) -> None:
    """Give every demo article lacking one a lead image drawn by code (shared by its translations)."""
    articles = NewsArticlePage.objects.filter(
        pk__in=department.pages().values("pk"), lead_image__isnull=True
    ).order_by("path")
    images: dict = {}
    for article in articles:
        image = images.get(article.translation_key)
        if image is None:
            label = CATEGORY_LABELS.get(article.category, article.category)
            image = get_image_model().objects.create(
                title=f"Ảnh minh họa: {label}",
                file=banner_jpeg(
                    f"tin-{demo.code.lower()}-{article.pk}", demo.colour, label, (800, 450)
                ),
                collection=department.collection,
            )
            images[article.translation_key] = image
        article.lead_image = image
        article.save_revision().publish()


CATEGORY_LABELS = {
    "revenue": "Thu ngân sách",
    "border": "Cửa khẩu",
    "digital": "Dịch vụ công trực tuyến",
    "business": "Đối thoại doanh nghiệp",
    "modernisation": "Hiện đại hóa",
}
