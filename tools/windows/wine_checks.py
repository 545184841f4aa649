"""The Windows installer, checked under Wine (run by tools/test-windows.sh).

In a fresh WINEPREFIX: install silently, run the installed app's console launcher for
--version, an import of every module, a demo office and a second office in folders with
Vietnamese names, scoring, a certificate printed to PDF (read back with pdftotext on
Linux), profiles and a bundle carried between the two offices on a removable drive E:,
the GUI with --smoke (Qt's offscreen platform), an install over the existing one, and the
uninstaller (the office's data must stay). Prints one line per check and the time taken.

Usage: wine_checks.py INSTALLER.exe SHIM_DIR (test-only system DLLs for Wine)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import qt_prune  # noqa: E402

ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
USER = os.environ.get("USER") or "root"


class Wine:
    def __init__(self, prefix: Path, home: Path) -> None:
        self.prefix = prefix
        # HOME in the scratch folder: Wine links Desktop/Documents to $HOME and writes menu
        # entries under $HOME/.local; none of that may reach the real home folder.
        self.env = dict(os.environ, WINEPREFIX=str(prefix), WINEDEBUG="-all", HOME=str(home),
                        XDG_DATA_HOME=str(home / ".local" / "share"), XDG_CONFIG_HOME=str(home / ".config"),
                        # mscoree/mshtml: no Mono/Gecko download prompts. wbemprox: Wine 8's WMI
                        # provider calls the unimplemented propsys.VariantToString and aborts the
                        # process; Python's platform module queries WMI and falls back without it.
                        WINEDLLOVERRIDES="mscoree,mshtml=;wbemprox=d;winemenubuilder.exe=d")
        self.env.pop("DISPLAY", None)
        self.env.pop("WAYLAND_DISPLAY", None)
        self.users = prefix / "drive_c" / "users" / USER
        self.local = self.users / "AppData" / "Local"
        self.install_dir = self.local / "Programs" / "OCOP Desktop"

    def run(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(["wine", *args], env=self.env, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=timeout, check=False)
        return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode("utf-8", "replace"),
                                           proc.stderr.decode("utf-8", "replace"))

    def app(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return self.run(str(self.install_dir / "ocop-desktop.exe"), *args, timeout=timeout)

    def python(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return self.run(str(self.install_dir / "python" / "python.exe"), *args, timeout=timeout)

    def wait(self) -> None:
        subprocess.run(["wineserver", "-w"], env=self.env, check=False, timeout=300)

    def reg_query(self, key: str) -> str:
        return self.run("reg", "query", key, timeout=60).stdout

    def windows_path(self, path: Path) -> str:
        rel = path.relative_to(self.prefix / "drive_c")
        return "C:\\" + "\\".join(rel.parts)


class Checks:
    def __init__(self) -> None:
        self.failures: list[str] = []
        self.started = time.monotonic()
        self.step_start = self.started

    def check(self, name: str, ok: bool, detail: str = "") -> bool:
        took = time.monotonic() - self.step_start
        self.step_start = time.monotonic()
        print(f"{'ok  ' if ok else 'FAIL'} {name} ({took:.1f} s)", flush=True)
        if not ok:
            print("     " + detail.strip().replace("\n", "\n     ")[-3000:], flush=True)
            self.failures.append(name)
        return ok


def _json(proc: subprocess.CompletedProcess[str]):  # noqa: ANN202
    return json.loads(proc.stdout)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _old_schema_db(path: Path, revision: str = "0001_initial") -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from ocop_desktop.db import alembic_config

    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{path}")
    cfg = alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)
    engine.dispose()


def setup_prefix(w: Wine, shims: Path, usb: Path) -> None:
    subprocess.run(["wineboot", "-i"], env=w.env, stdin=subprocess.DEVNULL, capture_output=True, timeout=300,
                   check=True)
    w.wait()
    for link in w.users.iterdir():  # Desktop, Documents… as real folders of the prefix
        if link.is_symlink():
            link.unlink()
            link.mkdir()
    # Windows 10+ has icuuc.dll and bcryptprimitives.dll in System32; Wine 8 does not
    # (see icuuc_shim.c, bcryptprimitives_shim.c).
    for dll in sorted(shims.glob("*.dll")):
        shutil.copyfile(dll, w.prefix / "drive_c" / "windows" / "system32" / dll.name)
    # Wine passes no QT_* variables from Linux to Windows programs: set it in the user's
    # Windows environment instead. Offscreen: there is no display in CI.
    w.run("reg", "add", "HKCU\\Environment", "/v", "QT_QPA_PLATFORM", "/d", "offscreen", "/f", timeout=60)
    # E: is a removable drive (Wine's "floppy" type → DRIVE_REMOVABLE), the office's USB stick.
    (w.prefix / "dosdevices" / "e:").symlink_to(usb)
    w.run("reg", "add", "HKLM\\Software\\Wine\\Drives", "/v", "e:", "/d", "floppy", "/f", timeout=60)
    w.wait()


def run_checks(installer: Path, shims: Path) -> int:
    c = Checks()
    work = Path(tempfile.mkdtemp(prefix="ocop-wine-"))
    usb = work / "usb"
    usb.mkdir()
    (work / "home").mkdir()
    w = Wine(work / "prefix", work / "home")
    try:
        setup_prefix(w, shims, usb)
        c.check("fresh Wine prefix", (w.prefix / "drive_c" / "windows").is_dir())

        r = w.run(str(installer), "/S", timeout=600)
        w.wait()
        c.check("silent install (/S) into %LOCALAPPDATA%\\Programs\\OCOP Desktop",
                r.returncode == 0 and (w.install_dir / "ocop-desktop.exe").is_file()
                and (w.install_dir / "OCOPDesktop.exe").is_file(), r.stdout + r.stderr)
        start_menu = w.users / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs"
        c.check("Start-menu and desktop shortcuts", (start_menu / "OCOP Desktop.lnk").is_file()
                and (w.users / "Desktop" / "OCOP Desktop.lnk").exists(), str(list(start_menu.iterdir())))
        assoc = w.reg_query("HKCU\\Software\\Classes\\OCOPDesktop.Bundle\\shell\\open\\command")
        profile_assoc = w.reg_query("HKCU\\Software\\Classes\\.ocopprofile")
        c.check("file associations .ocopbundle/.ocopprofile in HKCU",
                "OCOPDesktop.exe" in assoc and '"%1"' in assoc and "OCOPDesktop.Profile" in profile_assoc,
                assoc + profile_assoc)

        r = w.app("--version")
        c.check("ocop-desktop.exe --version", r.returncode == 0 and r.stdout.strip() == _expected_version(),
                r.stdout + r.stderr)

        script = w.prefix / "drive_c" / "import_all.py"
        shutil.copyfile(HERE / "import_all.py", script)
        r = w.python(w.windows_path(script))
        report = json.loads(r.stdout) if r.stdout.strip().startswith("{") else {}
        c.check(f"every ocop_desktop module imports ({report.get('modules')} modules, Python {report.get('python')})",
                r.returncode == 0 and not report.get("failed"), r.stdout + r.stderr)
        wanted = qt_prune.app_qt_modules(ROOT / "ocop_desktop")
        present, loaded = set(report.get("qt_present", [])), set(report.get("qt_loaded", []))
        c.check(f"Qt modules: present = imported by the source ⊇ loaded ({', '.join(sorted(wanted))})",
                present == wanted and loaded <= present,
                f"present {sorted(present)}, source imports {sorted(wanted)}, loaded {sorted(loaded)}")

        r = w.python("-c", "from ocop_desktop import paths; print(paths.data_dir())")
        c.check("data folder is %LOCALAPPDATA%\\ocop-desktop",
                r.stdout.strip().lower().endswith("\\appdata\\local\\ocop-desktop"), r.stdout + r.stderr)
        r = w.python("-c", "from ocop_desktop.sync.usb import removable_drives as d; print([str(x.path) for x in d()])")
        c.check("the USB stick is offered by its drive letter (E:\\)", "E:\\\\" in r.stdout, r.stdout + r.stderr)

        offices = w.users / "Documents" / "Dữ liệu OCOP"  # a real folder of the prefix (see setup_prefix)
        field_db = offices / "Trạm Trùng Khánh" / "ocop.sqlite"
        province_db = offices / "Văn phòng tỉnh Cao Bằng" / "ocop.sqlite"
        field_db.parent.mkdir(parents=True)
        province_db.parent.mkdir(parents=True)
        fdb, pdb = w.windows_path(field_db), w.windows_path(province_db)
        r = w.app("demo", "--products", "20", "--role", "field", "--db", fdb)
        products = _json(w.app("products", "list", "--json", "--db", fdb)) if r.returncode == 0 else []
        c.check("demo field office in a folder with a Vietnamese name", r.returncode == 0 and len(products) >= 20,
                r.stdout + r.stderr)

        sheet = _json(w.app("rubric", "show", "--set", "1", "--json"))
        choices, best = {}, 0
        for part in sheet["parts"]:
            for group in part["groups"]:
                for criterion in group["criteria"]:
                    option = max(criterion["options"], key=lambda o: o["points"])
                    choices[criterion["code"]], best = option["index"], best + option["points"]
        choices_file = offices / "phiếu chấm.json"
        choices_file.write_text(json.dumps(choices), encoding="utf-8")
        r = w.app("score", "--set", "1", "--choices", w.windows_path(choices_file))
        c.check(f"score a sheet (set 1, best options → {best} points)",
                r.returncode == 0 and _json(r)["total"] == best, r.stdout + r.stderr)

        valid = next((p for p in products if p["certificate"] and p["certificate"]["status"] == "valid"), None)
        pdf = offices / "Giấy chứng nhận.pdf"
        if valid is not None:
            r = w.app("certificate", "print", "--product", valid["id"], "--out", w.windows_path(pdf), "--db", fdb)
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                  check=False).stdout if pdf.is_file() else ""
            fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=False).stdout \
                if pdf.is_file() else ""
            c.check("certificate printed to PDF, Vietnamese text read back with pdftotext",
                    r.returncode == 0 and valid["certificate"]["number"] in text
                    and " ".join(valid["name"].split()[:2]) in " ".join(text.split()) and "Liberation" in fonts,
                    r.stdout + r.stderr + text[:500])
        else:
            c.check("certificate printed to PDF", False, "the demo office has no valid certificate")

        r = w.app("office", "init", "--role", "province", "--name", "Văn phòng OCOP Cao Bằng", "--province",
                  "Cao Bằng", "--db", pdb)
        c.check("second office (province) set up", r.returncode == 0, r.stdout + r.stderr)
        fp_f = _json(w.app("office", "show", "--db", fdb))["fingerprint"]
        fp_p = _json(w.app("office", "show", "--db", pdb))["fingerprint"]
        ok = True
        for src, dst, fp, name in ((fdb, pdb, fp_f, "field.ocopprofile"), (pdb, fdb, fp_p, "province.ocopprofile")):
            r1 = w.app("office", "export-profile", "--out", "E:\\" + name, "--db", src)
            r2 = w.app("office", "import-profile", "E:\\" + name, "--fingerprint", fp, "--db", dst)
            ok = ok and r1.returncode == 0 and r2.returncode == 0
        c.check("office profiles exchanged on the stick E:", ok, r1.stdout + r1.stderr + r2.stdout + r2.stderr)
        r = w.app("bundle", "export", "--to", "E:\\", "--json", "--db", fdb)
        bundle = _json(r)["path"] if r.returncode == 0 else ""
        c.check("bundle exported to E:", r.returncode == 0 and any(usb.glob("*.ocopbundle")), r.stdout + r.stderr)
        r = w.app("bundle", "import", bundle, "--json", "--db", pdb)
        got = _json(w.app("products", "list", "--json", "--db", pdb)) if r.returncode == 0 else []
        c.check(f"bundle imported by the other office ({len(got)} of {len(products)} products)",
                r.returncode == 0 and {p["id"] for p in got} == {p["id"] for p in products}, r.stdout + r.stderr)

        # What a double-click on the bundle runs (OCOPDesktop.exe "%1"), through the console
        # launcher so that the exit code is seen: the window opens with the bundle's import.
        r = w.app("--smoke", "--db", pdb, bundle, timeout=180)
        c.check("GUI opened on a bundle file given as argument (--smoke, offscreen)", r.returncode == 0,
                r.stdout + r.stderr)
        # The shortcut's launcher (no console: pythonw.exe, sys.stdout is None) returns at once;
        # its window's database appears when the app ran.
        gui_db = offices / "Mở từ lối tắt.sqlite"
        r = w.run(str(w.install_dir / "OCOPDesktop.exe"), "--smoke", "--db", w.windows_path(gui_db), timeout=180)
        w.wait()
        c.check("the windowless launcher OCOPDesktop.exe starts the app (pythonw)",
                r.returncode == 0 and gui_db.is_file(), r.stdout + r.stderr)
        # The data an older version left behind: a database at the first schema.
        data_db = w.local / "ocop-desktop" / "ocop.sqlite"
        _old_schema_db(data_db)
        r = w.app("--smoke", timeout=180)
        c.check("GUI starts (--smoke, Qt offscreen platform) on the default database",
                r.returncode == 0 and data_db.is_file(), r.stdout + r.stderr)
        r = w.app("db", "check")
        backups = list((data_db.parent / "ocop-files" / "backups").glob("ocop-before-*.sqlite"))
        c.check("an older version's database was migrated on start (backup taken first)",
                r.returncode == 0 and _json(r)["schema_current"] and len(backups) == 1, r.stdout + r.stderr)

        before = _sha256(data_db)
        stale = w.install_dir / "app" / "ocop_desktop" / "stale_module_from_old_version.py"
        stale.write_text("raise ImportError\n", encoding="utf-8")
        r = w.run(str(installer), "/S", timeout=600)
        w.wait()
        r2 = w.app("--version")
        c.check("install over the existing one: data kept, old program files replaced",
                r.returncode == 0 and r2.returncode == 0 and not stale.exists() and _sha256(data_db) == before
                and field_db.is_file(), r.stdout + r.stderr + r2.stderr)

        r = w.run(str(w.install_dir / "uninstall.exe"), "/S", timeout=300)
        w.wait()
        for _ in range(60):  # the uninstaller copies itself to %TEMP% and runs from there
            if not w.install_dir.exists():
                break
            time.sleep(1)
            w.wait()
        left = sorted(str(p.relative_to(w.install_dir)) for p in w.install_dir.rglob("*")) if w.install_dir.exists() else []
        c.check("uninstall (/S) removes the program", not w.install_dir.exists(), f"left: {left[:20]}")
        c.check("uninstall keeps the office's data", data_db.is_file() and _sha256(data_db) == before
                and field_db.is_file())
        c.check("uninstall removes shortcuts and associations",
                not (start_menu / "OCOP Desktop.lnk").exists()
                and "OCOPDesktop.exe" not in w.reg_query("HKCU\\Software\\Classes\\OCOPDesktop.Bundle\\shell\\open\\command"))
    except (subprocess.TimeoutExpired, subprocess.CalledProcessError, json.JSONDecodeError, KeyError) as exc:
        c.check("the checks ran to the end", False, repr(exc))
    finally:
        w.wait()
        shutil.rmtree(work, ignore_errors=True)
    total = time.monotonic() - c.started
    print(f"Wine checks: {'all passed' if not c.failures else str(len(c.failures)) + ' failed'} in {total:.0f} s")
    return 1 if c.failures else 0


def _expected_version() -> str:
    import re

    text = (ROOT / "ocop_desktop" / "__init__.py").read_text(encoding="utf-8")
    return "OCOP Desktop " + re.search(r'__version__ = "([^"]+)"', text).group(1)


if __name__ == "__main__":
    sys.exit(run_checks(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()))
