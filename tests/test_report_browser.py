"""The quality report as a person sees it: rendered by headless Chromium, every picture
loads and no page is blank. Skipped where Chromium is not installed (the reason says so)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from click.testing import CliRunner
from lxml import html
from PIL import Image

from reportparse.cli import main

from conftest import RAW

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# what headless Chromium needs on a machine where tests run as root, without a display,
# a GPU or a network; a fresh profile per run
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--virtual-time-budget=10000",
]  # fmt: skip
# added to a copy of a page: after every picture has loaded, write what the page shows
PROBE = """<script>
window.addEventListener("load", () => {
  const pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify({
    images: [...document.images].map(i => [i.getAttribute("src"), i.complete, i.naturalWidth]),
    text: document.body.innerText.length,
    height: document.body.scrollHeight,
  });
  document.body.appendChild(pre);
});
</script>
"""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="no chromium on this machine: the browser test needs Debian's package "
        "`chromium` (apt-get install chromium; .ci/run installs it when run as root)",
    ),
]


def _chromium(tmp_path, *args: str) -> str:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    command = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _shown(tmp_path, page) -> dict:
    """What Chromium shows of ``page``: its pictures (src, loaded, natural width), the length
    of its text and its height in pixels."""
    probe = page.with_name(f".probe-{page.name}")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"))
    dom = html.fromstring(_chromium(tmp_path, "--dump-dom", probe.as_uri()))
    return json.loads(dom.get_element_by_id("probe").text_content())


@pytest.fixture(scope="module")
def report(tmp_path_factory, published, corpus_cache):
    folder = tmp_path_factory.mktemp("browser")
    cache = folder / "cache"
    shutil.copytree(corpus_cache, cache)
    out = folder / "report"
    args = ["report", "--raw", str(RAW), "--out", str(out), "--cache-dir", str(cache)]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    return out


def test_every_picture_of_every_page_loads(report, tmp_path):
    pages = sorted(report.glob("*.html"))
    assert [p.name for p in pages][-1] == "index.html" and len(pages) == 6
    for page in pages:
        shown = _shown(tmp_path, page)
        sources = [img.get("src") for img in html.parse(str(page)).getroot().iter("img")]
        assert [src for src, _, _ in shown["images"]] == sources, page.name
        assert [(src, done, width > 0) for src, done, width in shown["images"]] == [
            (src, True, True) for src in sources
        ], page.name
        assert shown["text"] > 1000 and shown["height"] > 600, (page.name, shown)
    index = _shown(tmp_path, report / "index.html")
    assert len(index["images"]) == 7  # a chart per core indicator


def test_the_summary_is_not_blank(report, tmp_path):
    shot = tmp_path / "index.png"
    _chromium(tmp_path, "--window-size=1280,2400", f"--screenshot={shot}",
              (report / "index.html").as_uri())  # fmt: skip
    with Image.open(shot) as im:
        assert im.size == (1280, 2400)
        colours = im.convert("RGB").getcolors(maxcolors=1 << 20)
    assert len(colours) > 50  # text, tables and charts, not one flat colour
    white = max(colours)[0]
    assert white < 0.97 * 1280 * 2400  # something covers more than 3 % of the page
