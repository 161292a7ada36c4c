"""Settings for the published site: absolute URLs under SITEURL.

SITEURL comes from the environment, e.g. https://USER.github.io/REPO
(the GitHub Pages workflow passes the one actions/configure-pages gives).
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
RELATIVE_URLS = False
