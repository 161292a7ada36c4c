"""How stories point at the data: `[fig:figure-id]` and `[cite:source-id]`.

The syntax lives with the data it names, so the checks (checks/headers.py,
checks/stories.py) and the renderer (content/markers.py) read the same markers.
"""

from __future__ import annotations

import re

MARKER = re.compile(r"\[(fig|cite):([^\]\s]*)\]")
