"""StreamField blocks of a news article (R3.1): text, pictures, galleries, video, files."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class CaptionedImageBlock(blocks.StructBlock):
    """One picture with its caption; alt text is required unless marked decorative."""

    image = ImageBlock(label=_("ảnh"))
    caption = blocks.CharBlock(label=_("chú thích"), required=False, max_length=255)

    class Meta:
        icon = "image"
        template = "blocks/captioned_image_block.html"
        label = _("Ảnh có chú thích")
        description = _("Một ảnh minh hoạ kèm chú thích bên dưới.")


class GalleryBlock(blocks.StructBlock):
    """A photo gallery (R3.1): a grid of pictures, each opening the full-size image."""

    title = blocks.CharBlock(label=_("tiêu đề album"), required=False, max_length=200)
    images = blocks.ListBlock(ImageBlock(label=_("ảnh")), label=_("các ảnh"), min_num=1)

    class Meta:
        icon = "image"
        template = "blocks/gallery_block.html"
        label = _("Album ảnh")
        description = _("Nhiều ảnh hiển thị dạng lưới, bấm vào để xem ảnh lớn.")


class VideoBlock(blocks.StructBlock):
    """A video embedded from YouTube, Facebook… through Wagtail's embeds (R3.1)."""

    video = EmbedBlock(label=_("địa chỉ video"), max_width=960)
    caption = blocks.CharBlock(label=_("chú thích"), required=False, max_length=255)

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        label = _("Video")
        description = _("Video nhúng từ YouTube, Facebook hoặc dịch vụ khác.")


class DocumentBlock(blocks.StructBlock):
    """A downloadable attachment (plan, invitation, form)."""

    document = DocumentChooserBlock(label=_("tệp đính kèm"))
    title = blocks.CharBlock(
        label=_("tên hiển thị"),
        required=False,
        max_length=255,
        help_text=_("Để trống để dùng tên của tệp."),
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/document_block.html"
        label = _("Tệp đính kèm")
        description = _("Một tệp cho người đọc tải về (PDF, Word, Excel…).")


class NewsBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Đoạn văn"),
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        description=_("Văn bản có định dạng: đậm, nghiêng, danh sách, liên kết."),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"],
    )
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    video = VideoBlock()
    document = DocumentBlock()
