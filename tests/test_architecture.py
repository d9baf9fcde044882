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


def _imports_of(path: Path) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    relative = path.relative_to(ROOT)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [Import(relative, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module
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
