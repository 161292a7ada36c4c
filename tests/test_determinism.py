"""Determinism: two builds of the same content are byte-identical, file for file (issue 5).

The session's build of each kind (development and published) is compared with
a second build that differs in everything that must not matter: where the
content and output live, the files' modification times, Python's hash seed
and the machine's time zone. This is the suite's one determinism check of the
whole output: charts, maps, feeds, sitemap, social images and vendored files
are all in it (it replaced a chart, a map and a feed comparison of their own).
"""

from __future__ import annotations

import os

import pytest
from checks.files import differences
from conftest import build_ok, copy_content


@pytest.mark.parametrize("conf", ["development", "published"])
def test_two_builds_are_byte_identical(conf, request, tmp_path, monkeypatch):
    if conf == "development":
        one, settings, siteurl = request.getfixturevalue("site"), "pelicanconf.py", None
    else:
        served = request.getfixturevalue("published_site")
        one, settings, siteurl = served.root, "publishconf.py", served.base.rstrip("/")
    second = copy_content(tmp_path / "somewhere" / "else")

    # What a reproducible build must ignore.
    for i, path in enumerate(sorted(second.rglob("*"))):
        os.utime(path, (1_000_000_000 + i * 7919, 1_000_000_000 + i * 7919))
    monkeypatch.setenv("PYTHONHASHSEED", "4242")
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    # Through `make html` itself: a new interpreter, which the hash seed and time zone reach.
    two = build_ok(second, tmp_path / "another" / "place", conf=settings, siteurl=siteurl, make=True)

    assert any(one.rglob("*.html")), "the build wrote no pages"
    assert any((one / "images").rglob("*.png")) and (one / "sitemap.xml").exists(), "nothing to compare"
    found = differences(one, two)
    assert not found, f"two {conf} builds differ:\n" + "\n".join(found)
