"""Document links: a titled list of downloadable files."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from cms.core.blocks.api_types import DocumentLinksValue, DocumentLinkValue


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, help_text=_("Defaults to the document's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        group = _("Documents")
        description = _("A link to a downloadable file")
        preview_value = {"title": "Tờ rơi hướng dẫn thủ tục hải quan điện tử"}

    def get_api_representation(self, value, context=None) -> DocumentLinkValue | None:
        document = value.get("document")
        if document is None:
            return None
        return {
            "id": document.pk,
            "title": value.get("title") or document.title,
            "url": document.url,
            "file_extension": document.file_extension,
        }


class DocumentLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False)
    documents = blocks.ListBlock(DocumentLinkBlock(), label=_("Documents"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Document links")
        group = _("Documents")
        description = _("A list of files to download")
        preview_value = {"heading": "Tài liệu tải về", "documents": []}
        template = "blocks/document_links.html"

    def get_api_representation(self, value, context=None) -> DocumentLinksValue:
        documents = self.child_blocks["documents"].get_api_representation(
            value.get("documents", []), context
        )
        return {
            "heading": (value.get("heading") or ""),
            "documents": [item for item in documents if item],
        }
