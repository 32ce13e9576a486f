"""The three producers that print a fuzzer page to PDF: headless Chromium, WeasyPrint and
LibreOffice. A producer that is not installed raises ``Missing`` with a one-line message;
the fuzzer never passes over it in silence."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

TIMEOUT = 180  # seconds for one document; a loaded machine prints a page in a few


class Missing(Exception):
    """A producer that is not installed here."""


class Failed(Exception):
    """A producer that ran and made no PDF."""


@dataclass(frozen=True)
class Producer:
    name: str
    inline_svg: bool  # whether it draws SVG written in the page's markup

    def available(self) -> str:
        """ "" when it can print here, else why not (one line)."""
        raise NotImplementedError

    def check(self) -> None:
        why = self.available()
        if why:
            raise Missing(f"fuzzer producer {self.name} is missing: {why}")

    def print_pdf(self, page: Path, pdf: Path) -> Path:
        raise NotImplementedError


CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


def _run(cmd: list[str], what: str, **kw) -> None:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, **kw)
    except subprocess.TimeoutExpired:
        raise Failed(f"{what}: no PDF within {TIMEOUT} s") from None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise Failed(f"{what}: exit status {done.returncode} ({last})")


class Chromium(Producer):
    def __init__(self):
        super().__init__("chromium", True)

    def executable(self) -> str | None:
        return next((p for n in CHROMIUM_NAMES if (p := shutil.which(n))), None)

    def available(self) -> str:
        return "" if self.executable() else f"none of {', '.join(CHROMIUM_NAMES)} on PATH"

    def print_pdf(self, page: Path, pdf: Path) -> Path:
        self.check()
        with tempfile.TemporaryDirectory(prefix="fuzz-chromium-") as profile:
            cmd = [
                self.executable(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-pdf-header-footer", f"--user-data-dir={profile}",
                f"--print-to-pdf={pdf}", page.resolve().as_uri(),
            ]  # fmt: skip
            _run(cmd, f"chromium on {page.name}")
        if not pdf.is_file():
            raise Failed(f"chromium on {page.name}: no PDF written")
        return pdf


class WeasyPrint(Producer):
    def __init__(self):
        super().__init__("weasyprint", True)

    def available(self) -> str:
        try:
            import weasyprint  # noqa: F401
        except ImportError as exc:
            return f"the Python package weasyprint cannot be imported ({exc})"
        except OSError as exc:  # its C libraries (pango) are missing
            return f"weasyprint's libraries are missing ({str(exc).splitlines()[0]})"
        return ""

    def print_pdf(self, page: Path, pdf: Path) -> Path:
        self.check()
        import logging

        import weasyprint

        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        logging.getLogger("fontTools").setLevel(logging.ERROR)
        weasyprint.HTML(filename=str(page)).write_pdf(str(pdf), presentational_hints=True)
        return pdf


class LibreOffice(Producer):
    def __init__(self):
        super().__init__("libreoffice", False)

    def executable(self) -> str | None:
        return shutil.which("soffice") or shutil.which("libreoffice")

    def available(self) -> str:
        return (
            "" if self.executable() else "soffice (Debian's libreoffice-writer-nogui) not on PATH"
        )

    def print_pdf(self, page: Path, pdf: Path) -> Path:
        self.check()
        with tempfile.TemporaryDirectory(prefix="fuzz-soffice-") as tmp:
            # a profile of its own: two runs at once must not share one
            cmd = [
                self.executable(), f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}",
                "--headless", "--infilter=HTML (StarWriter)",
                "--convert-to", "pdf:writer_pdf_Export", "--outdir", tmp, str(page),
            ]  # fmt: skip
            _run(cmd, f"libreoffice on {page.name}", env={**os.environ, "HOME": tmp})
            made = Path(tmp, page.with_suffix(".pdf").name)
            if not made.is_file():
                raise Failed(f"libreoffice on {page.name}: no PDF written")
            shutil.move(made, pdf)
        return pdf


PRODUCERS: dict[str, Producer] = {p.name: p for p in (Chromium(), WeasyPrint(), LibreOffice())}


def producer(name: str) -> Producer:
    try:
        return PRODUCERS[name]
    except KeyError:
        raise Missing(f"no fuzzer producer {name!r} (known: {', '.join(PRODUCERS)})") from None
