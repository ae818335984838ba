"""The used area of each sheet of an OpenDocument (.ods) workbook, counting repeated rows and
cells, read from content.xml before calamine sees it."""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterator

from bcpviewer.io.guard_zip import chunks

_ODS_TAG = re.compile(
    rb"<(/?)table:(table|table-row|table-cell|covered-table-cell)(?=[\s/>])([^>]*)>"
)
_ODS_REPEAT = re.compile(rb"number-(?:rows|columns)-repeated\s*=\s*[\"'](\d{1,12})[\"']")
_ODS_NAME = re.compile(rb"table:name\s*=\s*(\"[^\"]*\"|'[^']*')")


def ods_extents(z: zipfile.ZipFile) -> Iterator[tuple[str, tuple[int, int]]]:
    """(sheet name, (rows, columns)) from A1 to the last cell holding something, counting
    repeated rows and cells: eleven bytes of XML can repeat a value over millions of cells, and
    calamine builds them all (it refuses only past 100 million cells, after up to 3 GB)."""
    name, row, col, row_rep, last_row, last_col = "", 0, 0, 1, -1, -1
    repeat = _ODS_REPEAT.search
    for buf in chunks(z, "content.xml"):
        for closing, tag, attrs in _ODS_TAG.findall(buf):
            if tag == b"table-cell" or tag == b"covered-table-cell":
                if closing:
                    continue
                rep = int(m[1]) or 1 if b"repeated" in attrs and (m := repeat(attrs)) else 1
                # something in it: content (not an empty element) or a value in an attribute
                if not attrs.endswith(b"/") or b"value-type" in attrs:
                    if row + row_rep - 1 > last_row:
                        last_row = row + row_rep - 1
                    if col + rep - 1 > last_col:
                        last_col = col + rep - 1
                col += rep
            elif tag == b"table-row":
                if closing:
                    row += row_rep
                    continue
                rep = int(m[1]) or 1 if b"repeated" in attrs and (m := repeat(attrs)) else 1
                if attrs.endswith(b"/"):
                    row += rep
                else:
                    row_rep, col = rep, 0
            elif closing:  # the end of a table
                yield name, (last_row + 1, last_col + 1)
                name, row, last_row, last_col = "", 0, -1, -1
            else:
                n = _ODS_NAME.search(attrs)
                name = html.unescape(n[1][1:-1].decode("utf-8", "replace")) if n else ""
                row, last_row, last_col = 0, -1, -1
    if last_row >= 0:
        yield name, (last_row + 1, last_col + 1)

