"""CSV, XLSX and JSON renderings of the yearly evaluation."""

from __future__ import annotations

import csv
import io
import json

from openpyxl import Workbook
from openpyxl.styles import Font

from dashboard.selectors import evaluation_rows, primary_domain


def to_csv(schools) -> bytes:
    header, rows = evaluation_rows(schools)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    # BOM so that Excel opens Vietnamese text correctly.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(schools, title: str = "Đánh giá cổng TTĐT") -> bytes:
    header, rows = evaluation_rows(schools)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_json(schools) -> bytes:
    data = []
    for school in schools:
        metrics = getattr(school, "metrics", None)
        data.append(
            {
                "name": school.name,
                "slug": school.slug,
                "level": school.level,
                "ownership": school.ownership,
                "district": school.district,
                "domain": primary_domain(school),
                "status": school.status,
                "score": metrics.score if metrics else None,
                "posts_30d": metrics.posts_30d if metrics else None,
                "posts_90d": metrics.posts_90d if metrics else None,
                "posts_school_year": metrics.posts_school_year if metrics else None,
                "last_published_at": metrics.last_published_at.isoformat()
                if metrics and metrics.last_published_at
                else None,
                "gathered_at": metrics.gathered_at.isoformat() if metrics else None,
                "checks": metrics.checks if metrics else [],
            }
        )
    return json.dumps({"schools": data}, ensure_ascii=False, indent=2).encode("utf-8")
