"""Determinism: two builds of the same content are byte-identical, file for file (issue 5).

The second build differs in everything that must not matter: where the
content and output live, the files' modification times, Python's hash seed
and the machine's time zone. Both builds read copies of content/ taken at
the same moment, so an edit in the working tree meanwhile cannot tell them apart.
"""

from __future__ import annotations

import os
import shutil

import pytest
from checks.files import differences
from conftest import build_ok, copy_content

CONFS = {"development": ("pelicanconf.py", None), "published": ("publishconf.py", "https://example.org/REPO")}


@pytest.mark.parametrize("conf", CONFS)
def test_two_builds_are_byte_identical(conf, tmp_path, monkeypatch):
    settings, siteurl = CONFS[conf]
    first = copy_content(tmp_path / "first")
    second = tmp_path / "somewhere" / "else" / "content"
    shutil.copytree(first, second)
    one = build_ok(first, tmp_path / "first" / "output", conf=settings, siteurl=siteurl)

    # What a reproducible build must ignore.
    for i, path in enumerate(sorted(second.rglob("*"))):
        os.utime(path, (1_000_000_000 + i * 7919, 1_000_000_000 + i * 7919))
    monkeypatch.setenv("PYTHONHASHSEED", "4242")
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    two = build_ok(second, tmp_path / "another" / "place", conf=settings, siteurl=siteurl)

    assert any(one.rglob("*.html")), "the build wrote no pages"
    found = differences(one, two)
    assert not found, f"two {conf} builds differ:\n" + "\n".join(found)
