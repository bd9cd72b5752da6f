"""Blocks of công khai items: rich text and tables (fee lists, staff counts, menus)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock

TABLE_OPTIONS = {
    "minSpareRows": 0,
    "startRows": 4,
    "startCols": 3,
    "colHeaders": False,
    "rowHeaders": False,
    "contextMenu": [
        "row_above",
        "row_below",
        "---------",
        "col_left",
        "col_right",
        "---------",
        "remove_row",
        "remove_col",
        "---------",
        "undo",
        "redo",
        "---------",
        "mergeCells",
    ],
    "editor": "text",
    "stretchH": "all",
    "renderer": "text",
    "autoColumnSize": False,
}


class WrappedTableBlock(TableBlock):
    """Wagtail's table, wrapped so that a wide table scrolls on its own on a phone."""

    def __init__(self, **kwargs):
        kwargs.setdefault("table_options", TABLE_OPTIONS)
        super().__init__(**kwargs)

    class Meta:
        icon = "table"
        label = _("Bảng")
        template = "disclosure/blocks/table.html"
        description = _("Bảng số liệu: mức thu, đội ngũ, thực đơn, danh sách…")


class ContentStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Đoạn văn"),
        features=["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"],
        icon="pilcrow",
        description=_("Văn bản có định dạng."),
    )
    table = WrappedTableBlock()

    class Meta:
        label = _("Nội dung")
