/* For the wine smoke test only: wine 8 has no bcryptprimitives.dll, whose ProcessPrng the Rust
 * standard library (1.78 and later) calls for random bytes. Real Windows has it; this stub,
 * put beside the test's copy of nianbao.exe, answers with BCryptGenRandom, which wine has. */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    return BCryptGenRandom(NULL, data, (ULONG)len, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == 0;
}
