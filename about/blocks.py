"""StreamField blocks of the school information pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("ảnh"))
    caption = blocks.CharBlock(label=_("chú thích"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Ảnh")
        template = "about/blocks/image_with_caption.html"
        description = _("Một ảnh kèm chú thích")


class BodyStreamBlock(blocks.StreamBlock):
    """Body of the generic information pages: headings, rich text and images."""

    heading = blocks.CharBlock(
        label=_("tiêu đề mục"),
        icon="title",
        max_length=200,
        template="about/blocks/heading.html",
        description=_("Tiêu đề của một mục"),
    )
    paragraph = blocks.RichTextBlock(
        label=_("đoạn văn"),
        icon="pilcrow",
        features=RICH_TEXT_FEATURES,
        description=_("Văn bản có định dạng"),
    )
    image = ImageWithCaptionBlock()
    document = blocks.StructBlock(
        [
            ("document", DocumentChooserBlock(label=_("tệp"))),
            ("title", blocks.CharBlock(label=_("tên hiển thị"), required=False)),
        ],
        label=_("tệp đính kèm"),
        icon="doc-full",
        template="about/blocks/document.html",
        description=_("Một tệp để tải về (PDF, Word…)"),
    )


RESOURCE_KINDS = [
    ("hoc_lieu", _("Học liệu số")),
    ("elearning", _("Bài giảng e-learning")),
    ("sach", _("Sách điện tử")),
    ("video", _("Video")),
    ("khac", _("Khác")),
]


class ResourceItemValue(blocks.StructValue):
    def kind_label(self) -> str:
        return dict(RESOURCE_KINDS).get(self.get("kind"), "")


class ResourceItemBlock(blocks.StructBlock):
    """One resource: either an external link or an uploaded file, never both or neither."""

    title = blocks.CharBlock(label=_("tên học liệu"), max_length=250)
    kind = blocks.ChoiceBlock(choices=RESOURCE_KINDS, label=_("loại"), default="hoc_lieu")
    url = blocks.URLBlock(label=_("liên kết"), required=False)
    document = DocumentChooserBlock(label=_("tệp"), required=False)
    description = blocks.CharBlock(label=_("mô tả ngắn"), required=False, max_length=300)

    class Meta:
        icon = "link"
        label = _("Học liệu")
        value_class = ResourceItemValue

    def clean(self, value):
        value = super().clean(value)
        has_url, has_document = bool(value.get("url")), bool(value.get("document"))
        if has_url == has_document:
            message = _("Hãy nhập một liên kết hoặc chọn một tệp (chỉ một trong hai).")
            raise StructBlockValidationError(
                block_errors={"url": ValidationError(message)},
            )
        return value


class SubjectResourcesBlock(blocks.StructBlock):
    subject = blocks.CharBlock(label=_("môn học / lĩnh vực"), max_length=120)
    resources = blocks.ListBlock(ResourceItemBlock(), label=_("học liệu"))

    class Meta:
        icon = "folder-open-inverse"
        label = _("Nhóm học liệu theo môn")
        template = "about/blocks/subject_resources.html"
        description = _("Các học liệu số của một môn học")


class ResourcesStreamBlock(blocks.StreamBlock):
    subject = SubjectResourcesBlock()


class ExternalLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("tên hệ thống / thư viện"), max_length=200)
    url = blocks.URLBlock(label=_("địa chỉ"))
    description = blocks.CharBlock(label=_("mô tả ngắn"), required=False, max_length=300)

    class Meta:
        icon = "link-external"
        label = _("Liên kết")
        template = "about/blocks/external_link.html"
        description = _("Liên kết tới một hệ thống hoặc thư viện học liệu bên ngoài")


class LinksStreamBlock(blocks.StreamBlock):
    link = ExternalLinkBlock()
