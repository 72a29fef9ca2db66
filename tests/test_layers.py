"""The layers of the code hold (README, "Where things live"), and the check catches a
wrong-way import."""

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
    )


def test_the_project_keeps_its_layers():
    result = lint_imports(ROOT)

    assert result.returncode == 0, result.stdout
    assert "0 broken" in result.stdout


def test_a_building_block_that_reads_content_breaks_the_contracts(tmp_path):
    """The project's own contracts, on packages of the same names where lmec imports an app."""
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    for package in contracts["root_packages"]:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "reading" / "views.py").write_text("")
    (tmp_path / "editorial" / "accounts.py").write_text("")
    # Allowed: the wiring mounts the reading site's pages and the editors' login pages.
    (tmp_path / "lmec" / "urls.py").write_text("import editorial.accounts\nimport reading.views\n")
    (tmp_path / "lmec" / "page_cache.py").write_text("import bulletins\n")  # not allowed
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text())

    result = lint_imports(tmp_path)

    assert result.returncode == 1
    assert "lmec.page_cache -> bulletins" in result.stdout
    assert "lmec.urls" not in result.stdout.split("Broken contracts")[-1]
