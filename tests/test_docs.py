"""docs/template-api.md documents every global, filter and context variable the project
gives templates, and nothing that is gone (the pattern of Datasette's test_docs.py).

The installed names come from the real Jinja environment: Pelican is made with the
project's settings (which registers the plugin) and one generator is made, which
fires `generator_init` as in a build. The context variables are the ones the
project's code puts in a context or passes to a page (found in generator/'s source),
and the ones the templates read that are neither Jinja's, Pelican's nor the theme's own.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import jinja2
import pytest
from conftest import ROOT
from jinja2 import meta, nodes
from pelican import Pelican, signals
from pelican.settings import DEFAULT_CONFIG, read_settings
from pelican.writers import Writer

from generator.publish.site import CraftCitiesGenerator

DOC = ROOT / "docs" / "template-api.md"
TEMPLATES = ROOT / "theme" / "templates"
PACKAGE = ROOT / "generator"

# Pelican's own template variables besides its settings (docs.getpelican.com, "Creating themes").
PELICAN_VARIABLES = {
    "output_file", "articles", "dates", "hidden_articles", "drafts", "period_archives", "authors",
    "categories", "tags", "pages", "hidden_pages", "draft_pages", "article", "page", "category",
    "tag", "author", "articles_page", "articles_paginator", "articles_previous_page",
    "articles_next_page", "dates_page", "dates_paginator", "period", "localsiteurl",
    "generated_content", "static_links", "static_content", "page_name",
}  # fmt: skip


def documented() -> dict[str, set[str]]:
    """Part of the page ("Globals", "Filters", "Context variables") -> the names it documents."""
    parts: dict[str, set[str]] = {}
    part = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            part = line[3:].strip()
            parts[part] = set()
        elif line.startswith("### ") and part is not None:
            parts[part].add(line[4:].strip().strip("`"))
    return parts


def _environment(tmp: Path, plugin: bool) -> jinja2.Environment:
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"OUTPUT_PATH": str(tmp)})
    Pelican(settings)  # registers the plugin, as `pelican` does
    args = dict(context=settings.copy(), settings=settings, path=settings["PATH"], theme=settings["THEME"],
                output_path=str(tmp))  # fmt: skip
    if plugin:
        return CraftCitiesGenerator(**args).env
    with signals.generator_init.muted():  # the environment as Pelican alone makes it
        return CraftCitiesGenerator(**args).env


@pytest.fixture(scope="module")
def environments(tmp_path_factory) -> tuple[jinja2.Environment, jinja2.Environment]:
    tmp = tmp_path_factory.mktemp("docs")
    return _environment(tmp, plugin=True), _environment(tmp, plugin=False)


def _installed(env: jinja2.Environment, pelican_only: jinja2.Environment, kind: str) -> set[str]:
    names = {name for name, value in getattr(env, kind).items() if value is not None}
    return names - set(getattr(pelican_only, kind))


@pytest.mark.parametrize(("kind", "part"), [("globals", "Globals"), ("filters", "Filters")])
def test_every_installed_name_is_documented_and_every_documented_one_installed(environments, kind, part):
    env, pelican_only = environments
    installed = _installed(env, pelican_only, kind)
    assert installed, f"no {kind} found: is the plugin registered?"
    docs = documented()[part]
    undocumented, gone = sorted(installed - docs), sorted(docs - installed)
    assert not undocumented, f"{kind} installed but not documented in {DOC.name}: {undocumented}"
    assert not gone, f"{kind} documented in {DOC.name} but not installed: {gone}"


def _module_constant(path: Path, name: str) -> str | None:
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    value = getattr(importlib.import_module(module), name, None)
    return value if isinstance(value, str) else None


def _resolve(path: Path, key: ast.expr) -> str | None:
    """A context key as the code writes it: a string, or a constant imported or defined."""
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return key.value
    if isinstance(key, ast.Name):
        return _module_constant(path, key.id)
    return None


def _calls(tree: ast.Module) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)]


def _name(call: ast.Call) -> str | None:
    return getattr(call.func, "attr", None) or getattr(call.func, "id", None)


def project_context_variables() -> set[str]:
    """Names the project's code puts in a context (`context[...] = `) or passes to a page:
    keyword arguments of `write_file`, or of a function of the package that hands its
    `**kwargs` on to it, that are not the writer's or that function's own parameters."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(PACKAGE.rglob("*.py"))}
    writers = {"write_file": set(inspect.signature(Writer.write_file).parameters)}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and any(
                _name(call) == "write_file" and any(kw.arg is None for kw in call.keywords)
                for call in _calls(node)
            ):
                writers[node.name] = {a.arg for a in node.args.args + node.args.kwonlyargs}
    names: set[str] = set()
    for path, tree in trees.items():
        for call in _calls(tree):
            own = writers.get(_name(call))
            if own is not None:
                names |= {kw.arg for kw in call.keywords if kw.arg and kw.arg not in own}
        for node in ast.walk(tree):
            for target in node.targets if isinstance(node, ast.Assign) else []:
                if isinstance(target, ast.Subscript) and re.search(r"context$", ast.unparse(target.value)):
                    name = _resolve(path, target.slice)
                    assert name, f"{path.name}: a context key the test cannot read: {ast.unparse(target)}"
                    names.add(name)
    return names


def template_reads(env: jinja2.Environment) -> set[str]:
    """Names the theme's templates read from their context, less those a template sets
    for another it includes (`chart` for charts/chart.html, macros, loop variables)."""
    read: set[str] = set()
    assigned: set[str] = set()
    for path in sorted(p for p in TEMPLATES.rglob("*") if p.is_file()):
        tree = env.parse(path.read_text(encoding="utf-8"))
        read |= meta.find_undeclared_variables(tree)
        for node in tree.find_all((nodes.Assign, nodes.For, nodes.Macro, nodes.FromImport, nodes.Import)):
            if isinstance(node, nodes.Macro):
                assigned.add(node.name)
            elif isinstance(node, nodes.FromImport):
                assigned |= {n if isinstance(n, str) else n[1] for n in node.names}
            elif isinstance(node, nodes.Import):
                assigned.add(node.target)
            else:
                assigned |= {n.name for n in node.target.find_all(nodes.Name)}
                if isinstance(node.target, nodes.Name):
                    assigned.add(node.target.name)
    return read - assigned


def test_every_context_variable_the_project_adds_is_documented(environments):
    env, _ = environments
    docs = documented()["Context variables"]
    added = project_context_variables()
    assert {"craft", "stories_by_lang", "meta"} <= added  # the search finds what it must
    undocumented = sorted(added - docs)
    assert not undocumented, f"context variables the project adds, not documented in {DOC.name}: {undocumented}"
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    unexplained = (
        template_reads(env)
        - set(env.globals)
        - set(DEFAULT_CONFIG)
        - PELICAN_VARIABLES
        - docs
    )
    # A template reads something no part of the API gives: a setting of the project's
    # (pelicanconf.py) or a variable passed some other way. Either way, document it.
    assert not unexplained, f"templates read {sorted(unexplained)}: document them in {DOC.name}"
    own_settings = {n for n in template_reads(env) if n in settings and n not in DEFAULT_CONFIG}
    assert not own_settings - docs, f"settings of pelicanconf.py templates read: {sorted(own_settings - docs)}"


def test_every_documented_context_variable_is_still_given(environments):
    env, _ = environments
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    given = project_context_variables() | {n for n in template_reads(env) if n in settings}
    gone = documented()["Context variables"] - given
    assert not gone, f"documented in {DOC.name} but no longer given to templates: {sorted(gone)}"
