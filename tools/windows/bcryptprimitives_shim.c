/*
 * TEST ONLY, never shipped: a stand-in for Windows' bcryptprimitives.dll (System32 since
 * Windows 8) in the Wine prefix of tools/test-windows.sh.
 *
 * cryptography's Rust extension (_rust.pyd) imports ProcessPrng from it, as every program
 * built with Rust 1.78+ does; Wine 8 has no bcryptprimitives.dll, so "import cryptography"
 * fails there with "DLL load failed while importing _rust". ProcessPrng fills a buffer
 * from the system's CSPRNG; here it asks Wine's RtlGenRandom (advapi32 SystemFunction036).
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
