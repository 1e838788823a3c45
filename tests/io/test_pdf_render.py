"""Render the exported seed with LibreOffice: A4 landscape, fit to width, the expected pages.

Skipped when LibreOffice (``soffice``) or poppler (``pdfinfo``/``pdftoppm``) is missing.
A throwaway HOME holds the LibreOffice profile and a fontconfig alias mapping 宋体 to
Noto Serif CJK SC (when installed), so the page looks like it does with 宋体.
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
    not all(shutil.which(tool) for tool in ("soffice", "pdfinfo", "pdftoppm")),
    reason="LibreOffice and poppler-utils are needed to render",
)

FONTS_CONF = """<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>SimSun</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
</fontconfig>
"""


def render_pdf(workbook: Path, outdir: Path) -> Path:
    home = outdir / "home"
    (home / ".config" / "fontconfig").mkdir(parents=True, exist_ok=True)
    (home / ".config" / "fontconfig" / "fonts.conf").write_text(FONTS_CONF, encoding="utf-8")
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
