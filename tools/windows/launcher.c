/*
 * OCOP Desktop launchers, built with mingw-w64 by tools/build-windows.sh.
 *
 *   OCOPDesktop.exe  (GUI subsystem, no console window; the shortcuts and file
 *                     associations use it): starts python\pythonw.exe -m ocop_desktop ARGS
 *                     and returns at once.
 *   ocop-desktop.exe (console subsystem, -DOCOP_CONSOLE; for scripts and --version):
 *                     starts python\python.exe -m ocop_desktop ARGS in the same console,
 *                     waits, and exits with its exit code.
 *
 * ARGS are this process's own arguments, passed on verbatim (the rest of the command
 * line after the program name), so quoting and Vietnamese file names survive.
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include <wchar.h>

#ifdef OCOP_CONSOLE
#define PYTHON L"python\\python.exe"
#else
#define PYTHON L"python\\pythonw.exe"
#endif

/* The command line after argv[0], by the rules of CommandLineToArgvW for argv[0]. */
static const wchar_t *rest_of_command_line(const wchar_t *cmd)
{
    if (*cmd == L'"') {
        cmd++;
        while (*cmd && *cmd != L'"')
            cmd++;
        if (*cmd == L'"')
            cmd++;
    } else {
        while (*cmd && *cmd != L' ' && *cmd != L'\t')
            cmd++;
    }
    while (*cmd == L' ' || *cmd == L'\t')
        cmd++;
    return cmd;
}

static void fail(const wchar_t *what)
{
    wchar_t text[1024];
    _snwprintf(text, 1023, L"Không khởi động được OCOP Desktop: %ls (mã lỗi %lu).\n"
               L"Hãy cài đặt lại chương trình.", what, (unsigned long)GetLastError());
    text[1023] = 0;
#ifdef OCOP_CONSOLE
    DWORD written;
    HANDLE err = GetStdHandle(STD_ERROR_HANDLE);
    if (err != INVALID_HANDLE_VALUE && err != NULL && GetFileType(err) == FILE_TYPE_CHAR) {
        WriteConsoleW(err, text, (DWORD)wcslen(text), &written, NULL);
        WriteConsoleW(err, L"\n", 1, &written, NULL);
        return;
    }
#endif
    MessageBoxW(NULL, text, L"OCOP Desktop", MB_OK | MB_ICONERROR);
}

static int launch(void)
{
    wchar_t dir[MAX_PATH * 2];
    DWORD n = GetModuleFileNameW(NULL, dir, MAX_PATH * 2);
    if (n == 0 || n >= MAX_PATH * 2) {
        fail(L"đường dẫn chương trình quá dài");
        return 1;
    }
    wchar_t *slash = wcsrchr(dir, L'\\');
    if (slash == NULL) {
        fail(L"không rõ thư mục chương trình");
        return 1;
    }
    slash[1] = 0;

    wchar_t exe[MAX_PATH * 2 + 32];
    _snwprintf(exe, MAX_PATH * 2 + 31, L"%ls%ls", dir, PYTHON);
    exe[MAX_PATH * 2 + 31] = 0;

    const wchar_t *args = rest_of_command_line(GetCommandLineW());
    size_t len = wcslen(exe) + wcslen(args) + 32;
    wchar_t *cmd = (wchar_t *)HeapAlloc(GetProcessHeap(), 0, len * sizeof(wchar_t));
    if (cmd == NULL) {
        fail(L"hết bộ nhớ");
        return 1;
    }
    _snwprintf(cmd, len - 1, L"\"%ls\" -m ocop_desktop %ls", exe, args);
    cmd[len - 1] = 0;

    /* Python must not pick up a PYTHONPATH/PYTHONHOME meant for another Python. */
    SetEnvironmentVariableW(L"PYTHONPATH", NULL);
    SetEnvironmentVariableW(L"PYTHONHOME", NULL);
    SetEnvironmentVariableW(L"PYTHONUTF8", L"1");

    STARTUPINFOW si;
    PROCESS_INFORMATION pi;
    ZeroMemory(&si, sizeof si);
    si.cb = sizeof si;
    ZeroMemory(&pi, sizeof pi);
    if (!CreateProcessW(exe, cmd, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi)) {
        fail(exe);
        return 1;
    }
    DWORD code = 0;
#ifdef OCOP_CONSOLE
    WaitForSingleObject(pi.hProcess, INFINITE);
    GetExitCodeProcess(pi.hProcess, &code);
#endif
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    return (int)code;
}

#ifdef OCOP_CONSOLE
int wmain(void)
{
    /* Ctrl+C reaches the child too; the launcher just waits for it. */
    SetConsoleCtrlHandler(NULL, TRUE);
    return launch();
}
#else
int WINAPI wWinMain(HINSTANCE inst, HINSTANCE prev, PWSTR cmdline, int show)
{
    (void)inst; (void)prev; (void)cmdline; (void)show;
    return launch();
}
#endif
