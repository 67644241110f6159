"""Saving XLSX workbooks (openpyxl) so that the same content gives the same bytes.

An XLSX file is a zip archive; openpyxl stamps each member with the time of
writing and the document properties with the time of saving.  Here the
workbook is saved to a temporary file, then copied member by member (streamed,
so a large sheet never sits in memory) with a fixed date, and with the
properties' timestamps set to that date too.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from gvc_advisor.services.output_files import atomic_path

#: The date every member and the document properties carry (the zip format's epoch).
FIXED_DATE = (1980, 1, 1, 0, 0, 0)
_STAMP = "1980-01-01T00:00:00Z"
_CORE = "docProps/core.xml"
_TIMESTAMP = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def save_workbook(workbook: Any, target: Path) -> None:
    """Save ``workbook`` to ``target`` atomically and deterministically."""
    workbook.properties.creator = "gvc-advisor"
    workbook.properties.created = datetime(*FIXED_DATE)
    with atomic_path(target) as final:
        raw = final.with_name(final.name + ".raw")
        try:
            workbook.save(raw)
            _copy_fixed(raw, final)
        finally:
            raw.unlink(missing_ok=True)


def _copy_fixed(raw: Path, final: Path) -> None:
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(final, "w", zipfile.ZIP_DEFLATED) as copy:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            if member.filename == _CORE:
                copy.writestr(info, _TIMESTAMP.sub(rb"\g<1>" + _STAMP.encode() + rb"\g<3>", source.read(member)))
                continue
            with source.open(member) as reading, copy.open(info, "w") as writing:
                shutil.copyfileobj(reading, writing, 1 << 20)
