"""The house rules a newcomer can rely on: imports run one way with no cycles, the project package holds only
configuration, no code reaches into the framework's private names, and history stays in git."""

import ast
import re
import subprocess
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
APPS = ["tcmtips", "home", "search", "articles", "authors", "products", "seo", "base", "security", "caching"]
# Names private to Django, Wagtail, modelcluster or treebeard that the site once reached for.
PRIVATE = [
    "_wagtail_site",
    "_wagtail_route_for_request",
    "_wagtail_cached_site_root_paths",
    "_cluster_related_objects",
    "_prefetched_objects_cache",
    "_get_raw_host",
    "_json_script_escapes",
    "_cached_parent_obj",
    "_default_manager",
    "_state",
    "fields_cache",
    "_str2int",
    "_get_path",
    "_extract_references_from_object",
    "_get_content_path_hash",
]


def python_files(folders, skip_migrations=True):
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if skip_migrations and "migrations" in path.parts:
                continue
            yield path


def test_no_module_imports_one_that_imports_it_back():
    graph = grimp.build_graph(*APPS)
    cycles = {
        tuple(sorted((importer, imported)))
        for importer in graph.modules
        for imported in graph.find_modules_directly_imported_by(importer)
        if graph.find_shortest_chain(importer=imported, imported=importer)
    }
    assert not cycles


def test_the_project_package_holds_configuration_and_at_most_200_lines_beside_its_settings():
    beside = [
        path
        for path in (ROOT / "tcmtips").rglob("*.py")
        if "settings" not in path.parts and "migrations" not in path.parts
    ]
    assert {path.name for path in beside} <= {"__init__.py", "apps.py", "urls.py", "wsgi.py", "release.py"}
    assert sum(len(path.read_text().splitlines()) for path in beside) <= 200


def test_at_most_three_project_imports_sit_inside_functions_each_saying_why():
    found = []
    for path in python_files(APPS):
        source = path.read_text()
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and (inner.level or (inner.module or "").split(".")[0] in APPS):
                    found.append((path.relative_to(ROOT), inner.lineno, lines[inner.lineno - 1]))
    assert len(found) <= 3, found
    assert all("#" in line for _path, _number, line in found), found


def test_no_code_uses_a_name_private_to_the_framework():
    pattern = re.compile(r"\b(" + "|".join(re.escape(name) for name in PRIVATE) + r")\b")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in python_files([*APPS, "demo", "benchmarks"])
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line)
    ]
    assert not offenders, offenders


def test_no_issue_numbers_in_the_code_docs_or_build_files():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    pattern = re.compile(r"\bissues? #?\d+\b", re.IGNORECASE)
    offenders = []
    for name in tracked:
        path = ROOT / name
        if path.suffix in {".png", ".jpg", ".webp", ".avif", ".ico", ".csv"} or not path.is_file():
            continue
        text = path.read_text(errors="ignore")
        offenders += [f"{name}:{n}" for n, line in enumerate(text.splitlines(), 1) if pattern.search(line)]
    assert not offenders, offenders


def test_the_readme_is_read_in_five_minutes():
    assert len((ROOT / "README.md").read_text().split()) <= 1300
