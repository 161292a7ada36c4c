"""The theme's templates compiled once: shared by the run's Jinja environments and kept between builds.

Pelican gives each of its generators an environment of its own (nine in this
site), and each compiled every template it used again: a third of a small
build. Jinja's bytecode cache hook (`Environment.bytecode_cache`) lets them
share the compiled code: in memory within a Pelican instance (its settings), and
in the build cache (build_cache.py) between builds. An entry's key is a hash
of what the code is made from: the template's name and source, Jinja's version
and every option of the environment that compiles it (delimiters, whitespace
control, autoescape, extensions, new-style gettext). Jinja checks Python's
bytecode version itself, so a stale entry is a miss, never wrong code.
"""

from __future__ import annotations

import jinja2
from jinja2.bccache import Bucket, BytecodeCache

from .build_cache import BuildCache, build_cache, digest

KEY = "CRAFT_COMPILED_TEMPLATES"  # in the settings: the instance's CompiledTemplates
KIND = "jinja"  # the build cache's folder


def _name(value: object) -> str:
    return getattr(value, "__qualname__", None) or repr(value)


def _options(env: jinja2.Environment) -> str:
    """Every plain option of the environment, the functions the compiler asks about, and its
    extensions: what compiling depends on."""
    plain = (str, bool, int, float, type(None), tuple)
    options = sorted(f"{k}={v!r}" for k, v in vars(env).items() if isinstance(v, plain))
    return digest(jinja2.__version__, *options, _name(env.finalize), _name(env.autoescape), *sorted(env.extensions))


class CompiledTemplates(BytecodeCache):
    """Jinja's bytecode cache over the build cache, with the instance's entries kept in memory."""

    def __init__(self, cache: BuildCache) -> None:
        self.cache = cache
        self.memory: dict[str, bytes] = {}

    def get_bucket(self, environment, name, filename, source) -> Bucket:
        key = digest(_options(environment), name, filename or "", source)  # the code names its file
        bucket = Bucket(environment, key, "")  # the key holds the source: no checksum of its own
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.memory.get(bucket.key)
        if data is None:
            data = self.cache.get(KIND, bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)  # resets itself on another Python's bytecode

    def dump_bytecode(self, bucket: Bucket) -> None:
        data = bucket.bytecode_to_string()
        self.memory[bucket.key] = data
        self.cache.put(KIND, bucket.key, data)


def share(generator) -> None:
    """generator_init: the generator's environment uses the instance's compiled templates."""
    settings = generator.settings
    if KEY not in settings:
        settings[KEY] = CompiledTemplates(build_cache(settings))
    generator.env.bytecode_cache = settings[KEY]
