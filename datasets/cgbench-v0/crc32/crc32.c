/*
 * crc32.c - byte checksums of text files.
 *
 * For every file named on the command line the program computes
 *   - CRC-32 (reflected, polynomial 0x04C11DB7, as used by zip and PNG),
 *     once with a 256-entry lookup table and once bit by bit; both must
 *     agree, and the CRC of the data followed by its own CRC must give the
 *     fixed residue of this CRC;
 *   - Adler-32 and Fletcher-16, with the modulo reductions deferred over
 *     long runs of bytes.
 * It also folds together the CRCs of the lines, checking that a CRC
 * continued line after line equals the CRC of the whole file.  Then it
 * runs PASSES passes over a copy of the file, changing one byte before each
 * pass, folding all sums into one value and re-checking the table CRC
 * against the bitwise one at regular intervals.
 *
 * Usage: crc32 PASSES FILE...
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CRC_POLY 0xEDB88320u     /* bit-reversed 0x04C11DB7 */
#define CRC_RESIDUE 0x2144DF1Cu  /* CRC of any message followed by its CRC */
#define ADLER_MOD 65521u
#define ADLER_BLOCK 5552u        /* longest run without 32-bit overflow */
#define FLETCHER_BLOCK 4000u
#define CHECK_EVERY 64
#define MAX_INPUT 65536

static uint32_t crc_table[256];
static unsigned char data[MAX_INPUT];
static unsigned char work[MAX_INPUT];
static int failures = 0;

/* eight bit-at-a-time steps of the CRC register */
static uint32_t crc_shift8(uint32_t c)
{
    int bit;
    for (bit = 0; bit < 8; bit++)
        c = (c >> 1) ^ (CRC_POLY & (0u - (c & 1u)));
    return c;
}

static void crc_make_table(void)
{
    uint32_t n;
    for (n = 0; n < 256; n++)
        crc_table[n] = crc_shift8(n);
}

/* Both CRC routines continue a finished CRC value, so that
   crc(crc(0, a), b) == crc(0, a followed by b). */
static uint32_t crc_fast(uint32_t crc, const unsigned char *p, size_t n)
{
    crc = ~crc;
    while (n--)
        crc = crc_table[(crc ^ *p++) & 0xFFu] ^ (crc >> 8);
    return ~crc;
}

static uint32_t crc_slow(uint32_t crc, const unsigned char *p, size_t n)
{
    size_t i;
    crc = ~crc;
    for (i = 0; i < n; i++)
        crc = crc_shift8(crc ^ p[i]);
    return ~crc;
}

/* Two running sums, reduced only after runs of up to `block` bytes;
   Adler-32 starts the first sum at 1. */
static uint32_t two_sums(const unsigned char *p, size_t n, uint32_t first,
                         uint32_t mod, size_t block, int shift)
{
    uint32_t a = first, b = 0;
    while (n > 0) {
        size_t run = n < block ? n : block;
        n -= run;
        while (run--) {
            a += *p++;
            b += a;
        }
        a %= mod;
        b %= mod;
    }
    return (b << shift) | a;
}

static uint32_t adler32(const unsigned char *p, size_t n)
{
    return two_sums(p, n, 1, ADLER_MOD, ADLER_BLOCK, 16);
}

static uint32_t fletcher16(const unsigned char *p, size_t n)
{
    return two_sums(p, n, 0, 255u, FLETCHER_BLOCK, 8);
}

static void expect(const char *what, uint32_t got, uint32_t want)
{
    if (got != want) {
        printf("MISMATCH %s: got %08lx, expected %08lx\n", what,
               (unsigned long)got, (unsigned long)want);
        failures++;
    }
}

static void self_test(void)
{
    const unsigned char *digits = (const unsigned char *)"123456789";
    const unsigned char *abc = (const unsigned char *)"abcdefgh";
    expect("crc 123456789", crc_fast(0, digits, 9), 0xCBF43926u);
    expect("bitwise crc 123456789", crc_slow(0, digits, 9), 0xCBF43926u);
    expect("adler 123456789", adler32(digits, 9), 0x091E01DEu);
    expect("fletcher abcde", fletcher16(abc, 5), 0xC8F0u);
    expect("fletcher abcdef", fletcher16(abc, 6), 0x2057u);
    expect("fletcher abcdefgh", fletcher16(abc, 8), 0x0627u);
    printf("self-test: %s\n", failures ? "FAILED" : "ok");
}

/* Reads (up to MAX_INPUT bytes of) a file into data; returns the length
   read, or -1 if the file cannot be opened. */
static long read_file(const char *name)
{
    FILE *f = fopen(name, "rb");
    size_t n;
    if (!f)
        return -1;
    n = fread(data, 1, MAX_INPUT, f);
    fclose(f);
    return (long)n;
}

static void process(size_t len, long passes)
{
    uint32_t crc = crc_fast(0, data, len), chain = 0, fold = 0, acc = 0;
    unsigned char tail[4];
    unsigned long lines = 0, checks = 0;
    size_t start = 0, i;
    long p;

    printf("  crc32 %08lx, adler32 %08lx, fletcher16 %04lx\n",
           (unsigned long)crc, (unsigned long)adler32(data, len),
           (unsigned long)fletcher16(data, len));
    expect("bitwise crc", crc_slow(0, data, len), crc);
    for (i = 0; i < 4; i++)
        tail[i] = (unsigned char)(crc >> (8 * i));
    expect("residue", crc_fast(crc, tail, 4), CRC_RESIDUE);

    /* lines, each with its newline */
    for (i = 0; i < len; i++) {
        if (data[i] != '\n' && i + 1 < len)
            continue;
        chain = crc_fast(chain, data + start, i + 1 - start);
        fold = ((fold << 5) | (fold >> 27)) ^ crc_fast(0, data + start,
                                                        i + 1 - start);
        lines++;
        start = i + 1;
    }
    printf("  %lu lines, folded line crcs %08lx\n", lines, (unsigned long)fold);
    expect("crc continued over lines", chain, crc);

    memcpy(work, data, len);
    for (p = 1; p <= passes && len > 0; p++) {
        size_t at = (size_t)((uint32_t)p * 2654435761u) % len;
        work[at] = (unsigned char)(work[at] ^ (p & 0xFF) ^ (acc >> 24));
        crc = crc_fast(0, work, len);
        if (p % CHECK_EVERY == 0) {
            expect("bitwise crc of pass", crc_slow(0, work, len), crc);
            checks++;
        }
        acc = ((acc << 7) | (acc >> 25)) +
              (crc ^ (adler32(work, len) * 31u) ^ (fletcher16(work, len) << 11));
    }
    printf("  %ld passes: accumulated %08lx, %lu cross-checks\n", passes,
           (unsigned long)acc, checks);
}

int main(int argc, char **argv)
{
    long passes;
    int i;

    if (argc < 3) {
        fprintf(stderr, "usage: crc32 PASSES FILE...\n");
        return 2;
    }
    passes = strtol(argv[1], NULL, 10);
    crc_make_table();
    self_test();
    for (i = 2; i < argc; i++) {
        long len = read_file(argv[i]);
        printf("file %d: %ld bytes\n", i - 1, len);
        if (len < 0)
            failures++;
        else
            process((size_t)len, passes);
    }
    printf("%s\n", failures ? "RESULT: FAILED" : "RESULT: all checks passed");
    return failures ? 1 : 0;
}
