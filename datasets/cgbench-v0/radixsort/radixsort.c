/*
 * radixsort: LSD radix sort versus counting sort.
 *
 * Usage: radixsort SEED N ROUNDS
 *
 * Each round fills an array of N 32-bit keys from a PRNG seeded by SEED and
 * the round number, with keys limited to a range that changes from round to
 * round.  The keys, each tagged with its original position, are sorted twice:
 * by a stable LSD radix sort (four passes of 8 bits) and by a stable counting
 * sort over the key range.  The two results must agree element by element,
 * and must be ordered with equal keys kept in input order.  Per-round
 * summaries and checksums are printed.
 */
#include <stdio.h>
#include <stdlib.h>

typedef struct {
    unsigned key;
    unsigned pos;
} Entry;

static unsigned long long rng_state;

static unsigned rng_next(void)
{
    /* 64-bit linear congruential generator; the high half is returned. */
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)(rng_state >> 32);
}

/* Stable LSD radix sort of a[0..n-1] by key, using tmp as scratch. */
static void radix_sort(Entry *a, Entry *tmp, long n)
{
    long count[256];
    for (int shift = 0; shift < 32; shift += 8) {
        long total = 0;
        for (int d = 0; d < 256; d++) count[d] = 0;
        for (long i = 0; i < n; i++) count[(a[i].key >> shift) & 255u]++;
        for (int d = 0; d < 256; d++) {
            long c = count[d];
            count[d] = total;
            total += c;
        }
        for (long i = 0; i < n; i++) tmp[count[(a[i].key >> shift) & 255u]++] = a[i];
        for (long i = 0; i < n; i++) a[i] = tmp[i];
    }
}

/* Stable counting sort of src[0..n-1] into dst; keys are below range. */
static void counting_sort(const Entry *src, Entry *dst, long n, long *count, unsigned range)
{
    long total = 0;
    for (unsigned k = 0; k < range; k++) count[k] = 0;
    for (long i = 0; i < n; i++) count[src[i].key]++;
    for (unsigned k = 0; k < range; k++) {
        long c = count[k];
        count[k] = total;
        total += c;
    }
    for (long i = 0; i < n; i++) dst[count[src[i].key]++] = src[i];
}

int main(int argc, char **argv)
{
    static const unsigned ranges[] = {1u << 20, 1000u, 2u, 65536u, 300007u, 37u};
    unsigned long long seed;
    long n, rounds, *count;
    Entry *a, *b, *tmp;
    int bad = 0;

    if (argc != 4) {
        printf("usage: radixsort SEED N ROUNDS\n");
        return 1;
    }
    seed = strtoull(argv[1], NULL, 10);
    n = atol(argv[2]);
    rounds = atol(argv[3]);
    if (n < 1 || rounds < 1) return 1;
    a = malloc(sizeof(Entry) * (size_t)n);
    b = malloc(sizeof(Entry) * (size_t)n);
    tmp = malloc(sizeof(Entry) * (size_t)n);
    count = malloc(sizeof(long) * (1u << 20));
    if (!a || !b || !tmp || !count) return 1;

    for (long r = 0; r < rounds; r++) {
        unsigned range = ranges[r % 6];
        unsigned check = 0, distinct = 0, run = 0, longest = 0;
        rng_state = seed * 0x9e3779b97f4a7c15ULL + (unsigned long long)r;
        for (long i = 0; i < n; i++) {
            /* Multiply-shift maps a 32-bit value into [0, range). */
            a[i].key = (unsigned)(((unsigned long long)rng_next() * range) >> 32);
            a[i].pos = (unsigned)i;
        }
        counting_sort(a, b, n, count, range);
        radix_sort(a, tmp, n);
        for (long i = 0; i < n; i++) {
            if (a[i].key != b[i].key || a[i].pos != b[i].pos) bad = 1;
            if (i > 0 && (a[i - 1].key > a[i].key ||
                          (a[i - 1].key == a[i].key && a[i - 1].pos >= a[i].pos)))
                bad = 1;
            if (i == 0 || a[i - 1].key != a[i].key) {
                distinct++;
                run = 0;
            }
            if (++run > longest) longest = run;
            check = (check ^ a[i].key) * 16777619u + a[i].pos;
        }
        printf("round %ld: n=%ld range=%u distinct=%u longest_run=%u min=%u max=%u median=%u check=%08x\n",
               r, n, range, distinct, longest, a[0].key, a[n - 1].key, a[n / 2].key, check);
    }
    printf("%s\n", bad ? "MISMATCH between radix and counting sort" : "radix and counting sort agree");
    free(a);
    free(b);
    free(tmp);
    free(count);
    return 0;
}
