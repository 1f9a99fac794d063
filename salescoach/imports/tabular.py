"""Reading spreadsheet-like uploads: CSV (any common delimiter, UTF-8 or Windows-1252)
and Excel (.xlsx), as a stream of rows so that memory stays flat as files grow."""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

SNIFF_BYTES = 1024 * 1024
XLSX_MAGIC = b"PK\x03\x04"


class TableError(Exception):
    """The file as a whole cannot be read; the message says why, for the user."""


class FormulaCell(str):
    """An Excel cell holding a formula rather than a value."""


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[tuple[int, list[Any]]]  # (row number as the user sees it, cells)
    file_format: str  # "csv" or "xlsx"
    delimiter: str = ""
    encoding: str = ""


def _size_of(upload: IO[bytes]) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        position = upload.tell()
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
        upload.seek(position)
    return int(size)


def open_table(upload: IO[bytes]) -> Table:
    """Open an uploaded file as a table; raises TableError when it cannot be read."""
    size = _size_of(upload)
    if size > settings.IMPORT_MAX_BYTES:
        raise TableError(
            _("The file is %(size)d MB; the limit is %(limit)d MB.")
            % {"size": size // (1024 * 1024), "limit": settings.IMPORT_MAX_BYTES // (1024 * 1024)}
        )
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    if not head.strip():
        raise TableError(_("The file is empty."))
    if head.startswith(XLSX_MAGIC):
        return _open_xlsx(upload)
    if b"\x00" in head[:8192]:
        raise TableError(
            _("This is not a CSV or Excel (.xlsx) file. Save it as CSV (UTF-8) or .xlsx and try again.")
        )
    return _open_csv(upload, head)


def _detect_encoding(head: bytes) -> str:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head, final=len(head) < SNIFF_BYTES)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def _detect_delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _open_csv(upload: IO[bytes], head: bytes) -> Table:
    encoding = _detect_encoding(head)
    first_line = head.decode(encoding, errors="replace").splitlines()[0] if head else ""
    delimiter = _detect_delimiter(first_line)
    text = io.TextIOWrapper(upload, encoding=encoding, newline="", errors="strict")
    reader = csv.reader(text, delimiter=delimiter)
    try:
        headers = next(reader)
    except StopIteration:
        raise TableError(_("The file is empty.")) from None
    except (csv.Error, UnicodeDecodeError) as error:
        raise TableError(_("The first line cannot be read: %(error)s") % {"error": error}) from None
    headers = [h.strip() for h in headers]

    def rows() -> Iterator[tuple[int, list[Any]]]:
        number = 1
        try:
            for cells in reader:
                number += 1
                if any(c.strip() for c in cells):
                    yield number, cells
        except UnicodeDecodeError:
            raise TableError(
                _(
                    "Row %(row)d has characters in another encoding than the rest of the file. "
                    "Save the file as CSV UTF-8 and try again."
                )
                % {"row": number + 1}
            ) from None
        except csv.Error as error:
            raise TableError(
                _("Row %(row)d cannot be read: %(error)s") % {"row": number + 1, "error": error}
            ) from None
        finally:
            text.detach()

    return Table(headers, rows(), "csv", delimiter, encoding)


def _open_xlsx(upload: IO[bytes]) -> Table:
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(upload, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise TableError(_("This Excel file cannot be opened. Is it a valid .xlsx file?")) from None
    sheet = workbook.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    try:
        header_row = next(iterator)
    except StopIteration:
        workbook.close()
        raise TableError(_("The file is empty.")) from None
    headers = [str(h).strip() if h is not None else "" for h in header_row]

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            for number, values in enumerate(iterator, start=2):
                cells = [FormulaCell(v) if isinstance(v, str) and v.startswith("=") else v for v in values]
                if any(c not in (None, "") for c in cells):
                    yield number, cells
        finally:
            workbook.close()

    return Table(headers, rows(), "xlsx")


# --- headings --------------------------------------------------------------------------


def normalise_heading(value: str) -> str:
    """'E-mail adres ' -> 'emailadres'; accents, case, spaces and punctuation ignored."""
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text.lower())


@dataclass
class HeaderMap:
    index: dict[str, int] = field(default_factory=dict)  # canonical name -> column
    label: dict[str, str] = field(default_factory=dict)  # canonical name -> heading in file
    missing: list[str] = field(default_factory=list)
    duplicate: list[str] = field(default_factory=list)


def map_headings(headers: list[str], aliases: Mapping[str, set[str]], required: set[str]) -> HeaderMap:
    lookup = {normalise_heading(a): name for name, names in aliases.items() for a in names | {name}}
    result = HeaderMap()
    for position, heading in enumerate(headers):
        name = lookup.get(normalise_heading(heading))
        if name is None:
            continue
        if name in result.index:
            result.duplicate.append(heading)
            continue
        result.index[name] = position
        result.label[name] = heading
    result.missing = sorted(required - result.index.keys())
    return result


def cell(cells: list[Any], headers: HeaderMap, name: str) -> Any:
    position = headers.index.get(name)
    if position is None or position >= len(cells):
        return None
    value = cells[position]
    return value.strip() if isinstance(value, str) else value
