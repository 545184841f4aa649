/*
 * TEST ONLY, never shipped: a stand-in for Windows' system ICU (C:\Windows\System32\icuuc.dll,
 * present since Windows 10 1703) in the Wine prefix of tools/test-windows.sh.
 *
 * Qt 6's Qt6Core.dll links against the system icuuc.dll for QStringConverter's legacy
 * codecs (ucnv_*); Wine 8 has no icuuc.dll, so Qt6Core.dll, and with it every PySide6
 * module, fails to load ("DLL load failed while importing QtCore"). These exports answer
 * "no such converter": Qt then offers only its built-in UTF-8/16/32 and Latin-1 codecs,
 * which is all the app uses (Python decodes everything else). No other ICU function is
 * imported by the Qt DLLs the installer ships (checked by the test script).
 */
#include <stddef.h>

typedef int UErrorCode;
#define U_FILE_ACCESS_ERROR 4
#define EXPORT __declspec(dllexport)

EXPORT void *ucnv_open(const char *name, UErrorCode *err)
{
    (void)name;
    if (err) *err = U_FILE_ACCESS_ERROR;
    return NULL;
}
EXPORT int ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int n) { (void)n; return NULL; }
EXPORT const char *ucnv_getStandardName(const char *n, const char *s, UErrorCode *err)
{
    (void)n; (void)s;
    if (err) *err = U_FILE_ACCESS_ERROR;
    return NULL;
}
/* Never reached without a converter; defined so that the imports resolve. */
EXPORT void ucnv_close(void *c) { (void)c; }
EXPORT void ucnv_reset(void *c) { (void)c; }
EXPORT signed char ucnv_getMaxCharSize(const void *c) { (void)c; return 1; }
EXPORT const char *ucnv_getName(const void *c, UErrorCode *e) { (void)c; if (e) *e = U_FILE_ACCESS_ERROR; return NULL; }
EXPORT void ucnv_getToUCallBack(const void *c, void **a, const void **b) { (void)c; if (a) *a = NULL; if (b) *b = NULL; }
EXPORT void ucnv_getFromUCallBack(const void *c, void **a, const void **b) { (void)c; if (a) *a = NULL; if (b) *b = NULL; }
EXPORT void ucnv_setToUCallBack(void *c, void *n, const void *nc, void **o, const void **oc, UErrorCode *e)
{ (void)c; (void)n; (void)nc; (void)o; (void)oc; if (e) *e = U_FILE_ACCESS_ERROR; }
EXPORT void ucnv_setFromUCallBack(void *c, void *n, const void *nc, void **o, const void **oc, UErrorCode *e)
{ (void)c; (void)n; (void)nc; (void)o; (void)oc; if (e) *e = U_FILE_ACCESS_ERROR; }
EXPORT void ucnv_cbToUWriteUChars(void *a, const void *s, int l, int o, UErrorCode *e)
{ (void)a; (void)s; (void)l; (void)o; if (e) *e = U_FILE_ACCESS_ERROR; }
EXPORT void ucnv_cbFromUWriteUChars(void *a, const void **s, const void *l, int o, UErrorCode *e)
{ (void)a; (void)s; (void)l; (void)o; if (e) *e = U_FILE_ACCESS_ERROR; }
EXPORT void ucnv_toUnicode(void *c, void **t, const void *tl, const char **s, const char *sl, int *o, int f, UErrorCode *e)
{ (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; if (e) *e = U_FILE_ACCESS_ERROR; }
EXPORT void ucnv_fromUnicode(void *c, char **t, const char *tl, const void **s, const void *sl, int *o, int f, UErrorCode *e)
{ (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; if (e) *e = U_FILE_ACCESS_ERROR; }
EXPORT int ucnv_toUCountPending(const void *c, UErrorCode *e) { (void)c; if (e) *e = U_FILE_ACCESS_ERROR; return 0; }
EXPORT int ucnv_fromUCountPending(const void *c, UErrorCode *e) { (void)c; if (e) *e = U_FILE_ACCESS_ERROR; return 0; }
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *a, void *b, const void *c, int d, int f, int g, UErrorCode *e)
{ (void)a; (void)b; (void)c; (void)d; (void)f; (void)g; (void)e; }
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *a, void *b, const char *c, int d, int f, UErrorCode *e)
{ (void)a; (void)b; (void)c; (void)d; (void)f; (void)e; }
