"""The import directions of docs/architecture.md, read from the source with `ast`.

No module is imported: every `import` and `from ... import` statement of the
project's own code (archive/, meetings/, devtools/, manage.py; migrations and
tests apart) is read, function-level imports included, relative imports
resolved. Each rule is its own test, so a failure names the rule it breaks and
lists the offending file, line and import.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIRS = ("archive", "meetings", "devtools")

# Third-party packages parsing may use: pure libraries, no Django, no I/O.
# rapidfuzz matches name variants (parsing/names.py); pycountry gives the
# country names of meetings/vocabulary/, which parsing reads.
PARSING_THIRD_PARTY = frozenset({"rapidfuzz", "pycountry"})
# What meetings/vocabulary/, the one project package parsing leans on, may use.
VOCABULARY_THIRD_PARTY = frozenset({"pycountry"})


@dataclass(frozen=True)
class Import:
    file: Path  # relative to ROOT
    line: int
    module: str  # absolute dotted name of what is imported

    def __str__(self) -> str:
        return f"{self.file}:{self.line} imports {self.module}"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_project_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _package_of(path: Path) -> str:
    module = _module_name(path)
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def _from_source(node: ast.ImportFrom, package: str) -> str:
    """The absolute module a `from ... import` reads from, relative imports resolved."""
    if not node.level:
        return node.module
    parts = package.split(".")
    base = parts[: len(parts) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports_of(path: Path) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = _package_of(path)
    relative = path.relative_to(ROOT)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [Import(relative, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            source = _from_source(node, package)
            for alias in node.names:
                # `from meetings import views` imports the module meetings.views;
                # `from meetings.models import Meeting` imports meetings.models.
                candidate = f"{source}.{alias.name}"
                target = candidate if _is_project_module(candidate) else source
                found.append(Import(relative, node.lineno, target))
    return found


def _source_files() -> list[Path]:
    files = [ROOT / "manage.py"]
    for folder in SOURCE_DIRS:
        files += sorted(p for p in (ROOT / folder).rglob("*.py") if "migrations" not in p.parts)
    return files


ALL_IMPORTS = [found for path in _source_files() for found in _imports_of(path)]


def _imports(under: str) -> list[Import]:
    """The imports of the files at or under `under` (a path relative to ROOT)."""
    prefix = Path(under)
    return [i for i in ALL_IMPORTS if i.file == prefix or prefix in i.file.parents]


def _is(module: str, name: str) -> bool:
    return module == name or module.startswith(name + ".")


def _top(module: str) -> str:
    return module.partition(".")[0]


def _report(broken: list[Import]) -> str:
    return "\n".join(str(i) for i in broken)


def test_the_reader_sees_the_imports_it_checks():
    """A guard for the rules below: they pass vacuously if nothing is read."""
    modules = {i.module for i in _imports("meetings/parsing/names.py")}
    assert {"rapidfuzz", "meetings.parsing.lexicon"} <= modules
    assert any(_top(i.module) == "whoosh" for i in _imports("meetings/search/whoosh"))
    assert any(_is(i.module, "meetings.views") for i in _imports("meetings/urls.py"))
    assert "meetings.search" in {i.module for i in _imports("meetings/indexing/journal.py")}
    assert "meetings.indexing.queue" in {i.module for i in _imports("meetings/importer/entry.py")}


def test_parsing_imports_only_stdlib_its_own_modules_vocabulary_and_pure_libraries():
    allowed_third_party = PARSING_THIRD_PARTY
    broken = [
        i
        for i in _imports("meetings/parsing")
        if not (
            _top(i.module) in sys.stdlib_module_names
            or _is(i.module, "meetings.parsing")
            or i.module == "meetings.vocabulary"
            or _top(i.module) in allowed_third_party
        )
    ]
    assert not broken, "meetings/parsing/ reaches outside its layer:\n" + _report(broken)


def test_vocabulary_imports_only_stdlib_and_pycountry():
    """Parsing imports vocabulary, so vocabulary keeps parsing free of Django."""
    assert _imports("meetings/vocabulary"), "the guard: vocabulary's imports are read"
    broken = [
        i
        for i in _imports("meetings/vocabulary")
        if not (
            _top(i.module) in sys.stdlib_module_names
            or _is(i.module, "meetings.vocabulary")
            or _top(i.module) in VOCABULARY_THIRD_PARTY
        )
    ]
    assert not broken, "meetings/vocabulary/ imports more than it may:\n" + _report(broken)


def test_only_the_whoosh_backend_imports_whoosh():
    broken = [
        i
        for i in ALL_IMPORTS
        if _top(i.module) == "whoosh" and Path("meetings/search/whoosh") not in i.file.parents
    ]
    assert not broken, "whoosh imported outside meetings/search/whoosh/:\n" + _report(broken)


@pytest.mark.parametrize("package", ["whoosh", "postgres"])
def test_a_search_backend_is_reached_only_through_the_search_interface(package):
    """meetings/search/__init__.py picks the backend by name; nothing else imports one."""
    name = f"meetings.search.{package}"
    broken = [
        i
        for i in ALL_IMPORTS
        if _is(i.module, name) and Path(f"meetings/search/{package}") not in i.file.parents
    ]
    assert not broken, f"{name} imported outside its own package:\n" + _report(broken)


def test_models_import_no_views():
    broken = [i for i in _imports("meetings/models.py") if _is(i.module, "meetings.views")]
    assert not broken, "meetings/models.py imports views:\n" + _report(broken)


def test_only_urls_modules_import_views():
    """Views import each other (meetings/views/ is one layer); urls modules route to them."""
    broken = [
        i
        for i in ALL_IMPORTS
        if _is(i.module, "meetings.views")
        and Path("meetings/views") not in i.file.parents
        and not (i.file.name == "urls.py" or i.file.stem.startswith("urls_"))
    ]
    assert not broken, "meetings.views imported outside urls modules:\n" + _report(broken)


@pytest.mark.parametrize("folder", ["meetings", "archive"])
def test_the_product_never_imports_devtools(folder):
    broken = [i for i in _imports(folder) if _top(i.module) == "devtools"]
    assert not broken, f"{folder}/ imports the dev-only devtools:\n" + _report(broken)


def test_search_imports_neither_indexing_nor_the_importer():
    """Index upkeep (meetings/indexing/) calls search; nothing in search calls back up."""
    broken = [
        i
        for i in _imports("meetings/search")
        if _is(i.module, "meetings.indexing") or _is(i.module, "meetings.importer")
    ]
    assert not broken, "meetings/search/ reaches back up the flow:\n" + _report(broken)


def test_indexing_imports_no_importer_admin_or_views():
    """The importer hands ids to indexing, never the other way (IndexQueue knows no files)."""
    above = ("meetings.importer", "meetings.admin", "meetings.views")
    broken = [i for i in _imports("meetings/indexing") if any(_is(i.module, a) for a in above)]
    assert not broken, "meetings/indexing/ imports a layer above it:\n" + _report(broken)


def test_the_bulk_flag_imports_only_the_standard_library():
    """Models read the flag (history_records.py): it must not pull search or models in."""
    broken = [
        i
        for i in _imports("meetings/indexing/bulk.py")
        if _top(i.module) not in sys.stdlib_module_names
    ]
    assert not broken, "meetings/indexing/bulk.py imports more than it may:\n" + _report(broken)


# --- No function looked up by name on the search module --------------------------

SEARCH = "meetings.search"
LOOKUPS = frozenset({"getattr", "hasattr", "vars"})


def _search_names(tree: ast.AST, package: str) -> set[str]:
    """The names this module binds to the meetings.search module itself."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.asname for a in node.names if a.name == SEARCH and a.asname}
        elif isinstance(node, ast.ImportFrom):
            source = _from_source(node, package)
            names |= {a.asname or a.name for a in node.names if f"{source}.{a.name}" == SEARCH}
    return names


def _is_search(node: ast.AST, names: set[str]) -> bool:
    if isinstance(node, ast.Name):
        return node.id in names
    return ast.unparse(node) == SEARCH  # `import meetings.search`, then meetings.search


def _search_lookups(tree: ast.AST, package: str) -> list[int]:
    """Lines that find something on the search module by a name held as data:
    getattr/hasattr/vars(search, ...) or search.__dict__."""
    names = _search_names(tree, package)
    lines = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in LOOKUPS
            and node.args
            and _is_search(node.args[0], names)
        ) or (
            isinstance(node, ast.Attribute)
            and node.attr == "__dict__"
            and _is_search(node.value, names)
        ):
            lines.append(node.lineno)
    return lines


def test_the_lookup_finder_sees_the_old_call_by_name():
    """A guard: the rule below would have caught index_after_commit("index_meetings")."""
    old = """
def run():
    from meetings import search
    call = getattr(search, function, None)
"""
    relative = "from . import search as engine\nengine.__dict__[name]\n"
    plain = "import meetings.search\nhasattr(meetings.search, 'rebuild')\n"
    typed = "from meetings import search\nsearch.index_meetings(ids)\ngetattr(other, name)\n"
    assert _search_lookups(ast.parse(old), "meetings") == [4]
    assert _search_lookups(ast.parse(relative), "meetings") == [2]
    assert _search_lookups(ast.parse(plain), "meetings") == [2]
    assert _search_lookups(ast.parse(typed), "meetings") == []
    after_commit = ROOT / "meetings" / "indexing" / "after_commit.py"
    assert _search_names(ast.parse(after_commit.read_text()), "meetings.indexing") == {"search"}


@pytest.mark.parametrize("folder", ["meetings", "archive"])
def test_nothing_looks_a_function_up_by_name_on_the_search_module(folder):
    """Calls into search are typed (after_commit.index_meetings(ids)), never by name.

    devtools is left out: the benchmark times search.index_meetings by patching it.
    """
    broken = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in _source_files()
        if Path(folder) in path.relative_to(ROOT).parents
        for line in _search_lookups(ast.parse(path.read_text(encoding="utf-8")), _package_of(path))
    ]
    assert not broken, "a function of meetings.search looked up by name:\n" + "\n".join(broken)
