"""JavaScript literals for the live map's script, written at build time.

The map's texts (city names, popups, control labels) reach the page inside an
inline <script> that branca renders as a Jinja template once more; this is
the one place that makes a value safe for both.
"""

from __future__ import annotations

import json


def js_literal(value: object) -> str:
    """A JS literal for strings, numbers, lists and dicts, safe inside an HTML <script>
    and inside a branca template.

    JSON with `<`, `>`, `&`, `'` escaped (no `</script>`, no `<!--`), U+2028/9
    escaped, and `{`/`}` escaped inside strings: branca compiles every rendered
    script as a Jinja template once more, so a city called `{{ 7*7 }}` would
    otherwise be evaluated at build time.
    """
    if isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
        for char, code in _JS_ESCAPES:
            text = text.replace(char, code)
        return text
    if isinstance(value, bool) or value is None or isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, list | tuple):
        return "[" + ",".join(js_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(f"{js_literal(str(k))}:{js_literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no JS literal for {type(value).__name__}")


# (character, JS escape) pairs: a tuple, so nothing can change it between builds.
_JS_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("'", "\\u0027"),
    ("{", "\\u007b"),
    ("}", "\\u007d"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)
