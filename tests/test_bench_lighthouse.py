"""Issue 17: the Lighthouse bench piece's harness (never a score): the server it
measures through sends what GitHub Pages would, and a missing tool is said, not hidden."""

from __future__ import annotations

import functools
import gzip
import http.client
import http.server
import threading
from pathlib import Path

from bench import lighthouse


def _get(port: int, path: str, gzip_ok: bool = True) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    return conn.getresponse()


def test_pages_and_scripts_are_served_gzipped_and_binary_files_as_they_are(tmp_path: Path):
    (tmp_path / "kk").mkdir()
    page = "<!doctype html><title>т</title>" + "қала " * 500
    (tmp_path / "kk" / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "map.js").write_text("var a = 1;\n" * 200, encoding="utf-8")
    png = bytes(range(256)) * 4
    (tmp_path / "pin.png").write_bytes(png)
    handler = functools.partial(lighthouse._Gzipping, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        r = _get(port, "/kk/")
        body = r.read()
        assert r.status == 200 and r.getheader("Content-Encoding") == "gzip"
        assert int(r.getheader("Content-Length")) == len(body) < len(page.encode())
        assert gzip.decompress(body).decode("utf-8") == page
        r = _get(port, "/map.js")
        assert r.getheader("Content-Encoding") == "gzip" and gzip.decompress(r.read()) == (tmp_path / "map.js").read_bytes()
        r = _get(port, "/pin.png")
        assert r.getheader("Content-Encoding") is None and r.read() == png
        r = _get(port, "/kk/", gzip_ok=False)
        assert r.getheader("Content-Encoding") is None and r.read().decode("utf-8") == page
        r = _get(port, "/kk")  # a folder without its slash: redirected, as a static host does
        assert r.status == 301 and r.getheader("Location").endswith("/kk/")
        assert _get(port, "/nothing.js").status == 404
    finally:
        server.shutdown()
        server.server_close()


def test_a_missing_lighthouse_is_reported_not_scored(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(lighthouse, "CLI", tmp_path / "no" / "cli" / "index.js")
    monkeypatch.setattr(lighthouse, "ROOT", tmp_path)
    assert "make bench" in lighthouse.missing()
    assert lighthouse.scores(tmp_path, ["kk/"]) is None
    said: list[str] = []
    assert lighthouse.report(tmp_path, 3, lambda text="": said.append(text)) is None
    assert "make bench" in said[0]
