"""The wheel is the product: built from this checkout, installed into a fresh venv, and run
as `python -m bot` from a folder far from the source, it holds a terminal conversation
(the templates travel inside it).

Offline: the wheel is built without build isolation (setuptools and wheel come with the
dev extras), installed with --no-index --no-deps, and the new venv borrows its
dependencies from this venv's site-packages through a .pth file. Borrowed folders' own
.pth files are not run, so this checkout's editable install does not leak in: `bot` can
only come from the wheel."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ["pyproject.toml", "README.md", "bot", "dialogs", "rules", "templates"]


@pytest.mark.slow
def test_the_installed_wheel_talks_from_another_folder(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in SOURCES:
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(origin, source / name)
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", wheels, source],
        check=True,
        cwd=tmp_path,
        timeout=120,
    )
    [wheel] = wheels.glob("retirement_assistant-*.whl")

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True, timeout=60)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    (site / "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [*pip, "install", "--no-deps", "--no-index", "--target", site, wheel],
        check=True,
        timeout=120,
    )

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(elsewhere), "LANG": "C.UTF-8"}
    where = subprocess.run(
        [python, "-c", "import bot, dialogs.render; print(bot.__file__)"],
        cwd=elsewhere,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert where.startswith(str(site)), f"bot came from {where}, not the wheel"

    chat = subprocess.run(
        [python, "-m", "bot"],
        input="3\nfeb 72\n/help\n",
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert chat.returncode == 0, chat.stderr
    assert "Rule of 55" in chat.stdout and "Bye!" in chat.stdout, chat.stdout
    assert "TemplateNotFound" not in chat.stderr

    example = subprocess.run(
        [python, "-m", "bot", "--env-example"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert example.returncode == 0, example.stderr
    assert example.stdout == (Path(__file__).parents[1] / ".env.example").read_text()
