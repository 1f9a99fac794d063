#!/usr/bin/env python
"""Check (or with --update, refresh) the Dutch translations.

Every app keeps its own catalogue in <app>/locale/nl/LC_MESSAGES/django.po. The check
fails when a translatable string in the code has no Dutch translation, when a
translation is marked fuzzy, or when a compiled .mo file is out of date.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGE = "nl"
IGNORE = [".venv/*", "node_modules/*", "var/*", "tests/*", "bench/*", "scripts/*", "docs/*"]


def catalogues() -> list[Path]:
    return sorted(ROOT.glob(f"salescoach/**/locale/{LANGUAGE}/LC_MESSAGES/django.po"))


def makemessages() -> None:
    args = [sys.executable, "manage.py", "makemessages", "-l", LANGUAGE, "--no-obsolete", "--no-location"]
    for pattern in IGNORE:
        args += ["--ignore", pattern]
    subprocess.run(args, cwd=ROOT, check=True, capture_output=True)


def compile_all() -> None:
    for po_path in catalogues():
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))


def inconsistent() -> list[str]:
    """Django merges every app's catalogue and the first app wins, so one English string
    must have one Dutch translation everywhere (use pgettext for different meanings)."""
    seen: dict[tuple[str | None, str], dict[str, str]] = {}
    for po_path in catalogues():
        for entry in polib.pofile(str(po_path)):
            if entry.obsolete or not entry.translated():
                continue
            value = entry.msgstr or repr(sorted(entry.msgstr_plural.items()))
            seen.setdefault((entry.msgctxt, entry.msgid), {})[str(po_path.relative_to(ROOT))] = value
    return [
        f"{msgid!r} is translated differently: {translations}"
        for (_context, msgid), translations in seen.items()
        if len(set(translations.values())) > 1
    ]


def problems() -> list[str]:
    found: list[str] = inconsistent()
    for po_path in catalogues():
        catalogue = polib.pofile(str(po_path))
        relative = po_path.relative_to(ROOT)
        for entry in catalogue:
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags:
                found.append(f"{relative}: fuzzy: {entry.msgid!r}")
            elif not entry.translated():
                found.append(f"{relative}: untranslated: {entry.msgid!r}")
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists():
            found.append(f"{relative}: not compiled (run `make messages`)")
            continue
        compiled = {
            (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
            for e in polib.mofile(str(mo_path))
        }
        source = {
            (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
            for e in catalogue.translated_entries()
        }
        if compiled != source:
            found.append(f"{relative}: the .mo file is out of date (run `make messages`)")
    return found


def main() -> int:
    update = "--update" in sys.argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if update:
        makemessages()
        compile_all()
        remaining = problems()
        for line in remaining:
            print(line)
        print(
            f"{len(remaining)} string(s) still need a Dutch translation." if remaining else "All translated."
        )
        return 0
    with tempfile.TemporaryDirectory() as backup:
        saved = {}
        for po_path in catalogues():
            copy = Path(backup) / str(len(saved))
            shutil.copy2(po_path, copy)
            saved[po_path] = copy
        before = {p: {(e.msgctxt, e.msgid) for e in polib.pofile(str(p))} for p in saved}
        try:
            makemessages()
            found = problems()
            for po_path in catalogues():
                now = {(e.msgctxt, e.msgid) for e in polib.pofile(str(po_path)) if not e.obsolete}
                missing = now - before.get(po_path, set())
                if missing:
                    found.append(
                        f"{po_path.relative_to(ROOT)}: {len(missing)} new string(s) not in the catalogue (run `make messages`)"
                    )
        finally:
            for po_path, copy in saved.items():
                shutil.copy2(copy, po_path)
            for po_path in catalogues():
                if po_path not in saved:
                    found.append(f"{po_path.relative_to(ROOT)}: new catalogue (run `make messages`)")
                    po_path.unlink()
    for line in found:
        print(line)
    if found:
        print(f"Translation check failed: {len(found)} problem(s).")
        return 1
    print("Translations: every string has a Dutch translation.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
