"""Plain Pelican for the benchmark's baseline: the project's URL and Markdown settings,
no plugins (no data, validation, maps, charts or exports) and a bare theme."""

import os
import sys

sys.path.append(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from pelicanconf import *  # noqa: F403  (the project settings, then the overrides below)

PLUGINS = []
THEME = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bare_theme")
