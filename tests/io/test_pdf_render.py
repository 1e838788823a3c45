"""Render the exported seed with LibreOffice: A4 landscape, fit to width, the expected pages.

Skipped when LibreOffice (``soffice``) or poppler (``pdfinfo``/``pdftoppm``/``pdffonts``)
is missing. A throwaway HOME holds the LibreOffice profile and a fontconfig alias mapping
宋体 to Noto Serif CJK SC (fonts-noto-cjk), so the page looks like it does with 宋体.
The same by hand is in the README ("Checking the print").
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from goaltui.io import xlsx_export
from goaltui.io import xlsx_layout as layout
from goaltui.model import Document

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("soffice", "pdfinfo", "pdftoppm", "pdftotext", "pdffonts")),
    reason="LibreOffice and poppler-utils are needed to render",
)

SONG_FACE = "Noto Serif CJK SC"
"""What 宋体 looks like on Linux (fonts-noto-cjk): a Song/Ming serif."""
SONG_METRICS_FACE = "Noto Sans Mono CJK SC"
"""A face with 宋体's metrics (Latin half an em wide), to print as Excel and WPS do with 宋体."""

FONTS_CONF = """<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <alias binding="same"><family>宋体</family><prefer><family>{face}</family></prefer></alias>
  <alias binding="same"><family>SimSun</family><prefer><family>{face}</family></prefer></alias>
</fontconfig>
"""


def render_pdf(workbook: Path, outdir: Path, face: str = SONG_FACE) -> Path:
    home = outdir / "home"
    (home / ".config" / "fontconfig").mkdir(parents=True, exist_ok=True)
    (home / ".config" / "fontconfig" / "fonts.conf").write_text(FONTS_CONF.format(face=face), encoding="utf-8")
    env = dict(os.environ, HOME=str(home))
    subprocess.run(
        ["soffice", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(outdir), str(workbook)],
        check=True,
        capture_output=True,
        env=env,
        timeout=180,
    )
    pdf = outdir / (workbook.stem + ".pdf")
    assert pdf.exists()
    return pdf


def print_scale(pdf: Path) -> float:
    """The scale the page printed at: the header 项目实施单位及项目名称 is 11 CJK characters of 10 pt, 1 em each."""
    words = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    match = re.search(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>项目实施单位及项目名称</word>', words)
    assert match, "the header text is not in the PDF"
    return (float(match.group(2)) - float(match.group(1))) / (11 * layout.BODY_SIZE)


def pdf_fonts(pdf: Path) -> list[str]:
    lines = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()
    return [line.split()[0] for line in lines[2:] if line.strip()]


def pdf_info(pdf: Path) -> tuple[int, float, float]:
    text = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = re.search(r"^Pages:\s+(\d+)", text, re.M)
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", text, re.M)
    assert pages and size, text
    return int(pages.group(1)), float(size.group(1)), float(size.group(2))


def test_seed_renders_on_a4_landscape_pages_without_splitting_a_project(seed: Document, tmp_path: Path) -> None:
    workbook = tmp_path / "seed.xlsx"
    xlsx_export.write(seed, workbook)
    pdf = render_pdf(workbook, tmp_path)
    pages, width, height = pdf_info(pdf)
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    breaks = layout.plan(seed).page_breaks
    assert breaks  # the seed needs more than one page
    assert pages == len(breaks) + 1  # the manual breaks hold, and no page overflows into another
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == pages
    assert all(image.stat().st_size > 5000 for image in images)  # not blank pages
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        assert f"第 1 页，共 {pages} 页" in text and f"第 {pages} 页，共 {pages} 页" in text
        assert text.count("项目实施单位及项目名称") == pages  # the header repeats on every page
        # No project is split: the indicator rows on each page are exactly those of the projects named there.
        pages_text = [page for page in text.split("\f") if page.strip()]
        assert len(pages_text) == pages
        for page_text in pages_text:
            named = [p for _u, p in seed.projects() if p.name[:6] in page_text]  # names may wrap
            rows = page_text.count("产出指标") + page_text.count("效益指标")
            assert named and rows == sum(len(p.indicators) for p in named)


def test_a_wide_three_level_form_still_fits_the_width(seed: Document, tmp_path: Path) -> None:
    seed.has_level2 = True
    for _unit, project in seed.projects():
        for indicator in project.indicators:
            indicator.level2 = "数量指标"
    workbook = tmp_path / "three.xlsx"
    xlsx_export.write(seed, workbook)
    pages, width, _height = pdf_info(render_pdf(workbook, tmp_path))
    assert round(width) == 842
    assert pages == len(layout.plan(seed).page_breaks) + 1


def test_the_default_font_is_the_forms_song_face(seed: Document, tmp_path: Path) -> None:
    """Every glyph, digits included, comes from 宋体's face: the column-width unit is 宋体's, not Calibri's.

    With openpyxl's Calibri default, LibreOffice on Linux (no Calibri, no
    Carlito) measured columns in DejaVu Sans digits and printed the seed at
    67 %; with 宋体 mapped to Noto Serif CJK it prints at 74 %.
    """
    workbook = tmp_path / "seed.xlsx"
    xlsx_export.write(seed, workbook)
    pdf = render_pdf(workbook, tmp_path)
    fonts = pdf_fonts(pdf)
    assert fonts and all("NotoSerifCJK" in font for font in fonts), fonts
    assert 0.72 <= print_scale(pdf) <= layout.print_scale(layout.columns_for(seed))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "97.2" in text and "97.20" not in text and "10.00" not in text  # amounts as the form prints them


def test_with_song_metrics_it_prints_at_the_scale_excel_computes(seed: Document, tmp_path: Path) -> None:
    """Given a face with 宋体's metrics, LibreOffice prints within a few percent of Excel's fit-to-width scale."""
    workbook = tmp_path / "seed.xlsx"
    xlsx_export.write(seed, workbook)
    pdf = render_pdf(workbook, tmp_path, SONG_METRICS_FACE)
    expected = layout.print_scale(layout.columns_for(seed))
    assert expected - 0.06 <= print_scale(pdf) <= expected
    assert pdf_info(pdf)[0] == len(layout.plan(seed).page_breaks) + 1
