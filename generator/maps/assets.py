"""Leaflet (and Leaflet.markercluster) served from the site itself.

The files come from the pinned PyPI packages XStatic-Leaflet and
XStatic-Leaflet-MarkerCluster and are copied into output/theme/vendor/ at
build time: nothing third-party is committed, nothing loads from a CDN.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import xstatic.pkg.leaflet as xleaflet
import xstatic.pkg.leaflet_markercluster as xcluster

from .. import urls

VENDOR = "theme/vendor"

NOTICE = f"""Third-party files in this folder, copied at build time from PyPI packages.

leaflet/ — Leaflet {xleaflet.VERSION} (XStatic-Leaflet {xleaflet.PACKAGE_VERSION}), https://leafletjs.com/
  BSD 2-Clause License. Copyright (c) 2010-2022, Vladimir Agafonkin;
  Copyright (c) 2010-2011, CloudMade. All rights reserved.

markercluster/ — Leaflet.markercluster {xcluster.VERSION} (XStatic-Leaflet-MarkerCluster
  {xcluster.PACKAGE_VERSION}), https://github.com/Leaflet/Leaflet.markercluster
  MIT License. Copyright 2012 David Leaver.

BSD 2-Clause License (Leaflet)
Redistribution and use in source and binary forms, with or without modification,
are permitted provided that the following conditions are met:
1. Redistributions of source code must retain the above copyright notice, this
   list of conditions and the following disclaimer.
2. Redistributions in binary form must reproduce the above copyright notice,
   this list of conditions and the following disclaimer in the documentation
   and/or other materials provided with the distribution.
THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE FOR
ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES
(INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES;
LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON
ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT
(INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS
SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.

MIT License (Leaflet.markercluster)
Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
the Software, and to permit persons to whom the Software is furnished to do so,
subject to the following conditions:
The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.
THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


@dataclass(frozen=True)
class MapAssets:
    """URLs of the map's files as seen from one page (`siteurl` is relative in development builds)."""

    siteurl: str

    def _url(self, path: str) -> str:
        return urls.join(self.siteurl, path)

    @property
    def leaflet_js(self) -> str:
        return self._url(f"{VENDOR}/leaflet/leaflet.js")

    @property
    def leaflet_css(self) -> str:
        return self._url(f"{VENDOR}/leaflet/leaflet.css")

    @property
    def cluster_js(self) -> str:
        return self._url(f"{VENDOR}/markercluster/leaflet.markercluster.js")

    @property
    def cluster_css(self) -> str:
        return self._url(f"{VENDOR}/markercluster/MarkerCluster.css")

    @property
    def cluster_default_css(self) -> str:
        return self._url(f"{VENDOR}/markercluster/MarkerCluster.Default.css")

    @property
    def map_js(self) -> str:
        return self._url("theme/js/map.js")

    def allowed_prefixes(self) -> tuple[str, ...]:
        return (self._url(f"{VENDOR}/"), self._url("theme/js/"))


def _copy_js(src: Path, dest: Path) -> None:
    """Copy a minified file without its `sourceMappingURL` line: the .map files
    are not shipped (markercluster's package lacks one), so browsers' developer
    tools would otherwise ask for a missing file."""
    text = src.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("//# sourceMappingURL=")]
    dest.write_text("\n".join(lines) + "\n", encoding="utf-8")


def copy_map_assets(output_path: str | Path) -> None:
    """Copy Leaflet (with its images/ next to leaflet.css) and markercluster."""
    root = Path(output_path) / VENDOR
    leaflet = Path(xleaflet.BASE_DIR)
    (root / "leaflet" / "images").mkdir(parents=True, exist_ok=True)
    _copy_js(leaflet / "leaflet.js", root / "leaflet" / "leaflet.js")
    shutil.copyfile(leaflet / "leaflet.css", root / "leaflet" / "leaflet.css")
    for image in sorted((leaflet / "images").iterdir()):
        shutil.copyfile(image, root / "leaflet" / "images" / image.name)
    src = Path(xcluster.BASE_DIR)
    (root / "markercluster").mkdir(parents=True, exist_ok=True)
    _copy_js(src / "leaflet.markercluster.js", root / "markercluster" / "leaflet.markercluster.js")
    for name in ("MarkerCluster.css", "MarkerCluster.Default.css"):
        shutil.copyfile(src / name, root / "markercluster" / name)
    (root / "NOTICE.txt").write_text(NOTICE, encoding="utf-8")
