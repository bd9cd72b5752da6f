"""Reading an uploaded workbook for the imports: the container checks (type, size, zip bomb),
the first sheet's rows, and the errors an import reports (row, column, what is wrong).
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from siteplatform.uploads import has_signature

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 80 * 1024 * 1024  # a zip bomb is refused before openpyxl reads it
MAX_COLUMNS = 60


@dataclass(frozen=True)
class RowError:
    row: int  # the spreadsheet's row number; 0 for the file as a whole
    column: str  # "C – Ngày sinh", or "" for the whole row
    message: str


class ImportRefused(Exception):
    """The file cannot be imported; ``errors`` says where and why, in Vietnamese."""

    def __init__(self, errors: list[RowError], *, truncated: bool = False) -> None:
        super().__init__(f"{len(errors)} import errors")
        self.errors = errors
        self.truncated = truncated


@dataclass
class ParsedFile:
    rows: list[dict]
    subjects: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


# --- The workbook ----------------------------------------------------------------------------


def _refuse(message: str) -> ImportRefused:
    return ImportRefused([RowError(0, "", message)])


def _check_container(upload: UploadedFile) -> None:
    name = (upload.name or "").lower()
    if name.endswith(".xls") or name.endswith(".csv"):
        raise _refuse(
            _(
                "Chỉ nhận tệp Excel dạng .xlsx. Hãy mở tệp bằng Excel, chọn Lưu thành "
                "(Save As) → Sổ làm việc Excel (.xlsx) rồi nhập lại."
            )
        )
    if upload.size is None or upload.size > MAX_FILE_BYTES:
        raise _refuse(_("Tệp quá lớn: tối đa 5 MB. Hãy tách thành nhiều tệp (mỗi khối một tệp)."))
    if not has_signature(upload, "xlsx"):
        raise _refuse(_("Tệp không phải là tệp Excel .xlsx hợp lệ."))
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            uncompressed = sum(info.file_size for info in infos)
    except zipfile.BadZipFile as exc:
        raise _refuse(_("Tệp Excel bị hỏng, không mở được.")) from exc
    finally:
        upload.seek(0)
    if "xl/workbook.xml" not in names:
        raise _refuse(_("Tệp không phải là tệp Excel .xlsx hợp lệ."))
    if uncompressed > MAX_UNCOMPRESSED_BYTES:
        raise _refuse(_("Tệp Excel quá lớn khi giải nén. Hãy tách thành nhiều tệp nhỏ hơn."))


def _sheet_rows(upload: UploadedFile) -> Iterator[tuple]:
    from openpyxl import load_workbook

    _check_container(upload)
    try:
        workbook = load_workbook(io.BytesIO(upload.read()), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a damaged file
        logger.info("Could not open an uploaded workbook: %s", exc)
        raise _refuse(_("Tệp Excel bị hỏng, không mở được.")) from exc
    finally:
        upload.seek(0)
    try:
        sheet = workbook.worksheets[0]
        yield from sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
    finally:
        workbook.close()
