"""Settings for the published site: absolute URLs under SITEURL.

SITEURL comes from the environment, e.g. https://USER.github.io/REPO
(the GitHub Pages workflow passes the one actions/configure-pages gives).
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
if not SITEURL:
    # Root-absolute links would break under /REPO/: a published build always knows its address.
    sys.exit("publishconf.py: SITEURL is not set; e.g. SITEURL=https://USER.github.io/REPO make publish")
RELATIVE_URLS = False
