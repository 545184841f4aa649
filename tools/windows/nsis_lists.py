"""Write the NSIS include files that list the staged program files, in a fixed order.

``File /r`` would add files in the order the build machine's file system lists them;
explicit, sorted lists make the installer the same from one build to the next, and let
the uninstaller remove exactly the files it installed (plus the ``__pycache__`` folders
Python writes beside them) and nothing else. Usage: nsis_lists.py STAGE GEN_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path, PureWindowsPath


def _win(rel: Path) -> str:
    return str(PureWindowsPath(*rel.parts)) if rel.parts else ""


def write_lists(stage: Path, gen: Path) -> tuple[int, int]:
    """Return (file count, total size in KiB)."""
    files = sorted((p.relative_to(stage) for p in stage.rglob("*") if p.is_file()),
                   key=lambda r: (r.parent.parts, r.name))
    install, uninstall = [], []
    current = None
    dirs: set[Path] = set()
    for rel in files:
        if rel.parent != current:
            current = rel.parent
            install.append(f'SetOutPath "$INSTDIR\\{_win(current)}"'.replace("\\\"", "\""))
        install.append(f'File "{stage / rel}"')
        uninstall.append(f'Delete "$INSTDIR\\{_win(rel)}"')
        for parent in rel.parents:
            if parent != Path("."):
                dirs.add(parent)
    for d in sorted(dirs, key=lambda p: (-len(p.parts), p.parts)):
        if any(f.parent == d and f.suffix == ".py" for f in files):
            uninstall.append(f'RMDir /r "$INSTDIR\\{_win(d)}\\__pycache__"')
        uninstall.append(f'RMDir "$INSTDIR\\{_win(d)}"')
    gen.mkdir(parents=True, exist_ok=True)
    (gen / "install-files.nsh").write_text("\n".join(install) + "\n", encoding="utf-8")
    (gen / "uninstall-files.nsh").write_text("\n".join(uninstall) + "\n", encoding="utf-8")
    size = sum((stage / r).stat().st_size for r in files)
    return len(files), size // 1024


if __name__ == "__main__":
    count, kib = write_lists(Path(sys.argv[1]).resolve(), Path(sys.argv[2]))
    print(f"{count} files, {kib} KiB")
