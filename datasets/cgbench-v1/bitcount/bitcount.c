/*
 * bitcount: population count of a PRNG sequence by five methods.
 *
 * Usage: bitcount COUNT SEED
 *
 * COUNT 32-bit words from a seeded xorshift generator are counted by a
 * bit-by-bit loop, by clearing the lowest set bit, by a nibble table, by
 * SWAR arithmetic and by recursion.  Each method's total and its hash of
 * the per-word counts must agree with the others.
 */
#include <stdio.h>
#include <stdlib.h>

static const unsigned char nibble_bits[16] = {
    0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4
};
static unsigned long total[5];
static unsigned hash[5];

static unsigned count_loop(unsigned x)
{
    unsigned n = 0;
    for (int i = 0; i < 32; i++)
        n += (x >> i) & 1u;
    return n;
}

static unsigned count_kernighan(unsigned x)
{
    unsigned n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

static unsigned count_table(unsigned x)
{
    unsigned n = 0;
    for (; x; x >>= 4)
        n += nibble_bits[x & 15u];
    return n;
}

static unsigned count_swar(unsigned x)
{
    x = x - ((x >> 1) & 0x55555555u);
    x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
    x = (x + (x >> 4)) & 0x0f0f0f0fu;
    return (x * 0x01010101u) >> 24;
}

static unsigned count_rec(unsigned x)
{
    return x ? (x & 1u) + count_rec(x >> 1) : 0;
}

static unsigned (*const methods[5])(unsigned) = {
    count_loop, count_kernighan, count_table, count_swar, count_rec
};
static const char *const names[5] = {
    "loop", "kernighan", "table", "swar", "recursive"
};

static void run_method(int m, long count, unsigned state)
{
    unsigned long sum = 0;
    unsigned h = 2166136261u;
    for (long k = 0; k < count; k++) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        /* odd words are made sparse */
        unsigned c = methods[m](k & 1 ? state & (state >> 9) : state);
        sum += c;
        h = (h ^ c) * 16777619u;
    }
    total[m] = sum;
    hash[m] = h;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        printf("usage: bitcount COUNT SEED\n");
        return 1;
    }
    long count = atol(argv[1]);
    unsigned seed = (unsigned)strtoul(argv[2], NULL, 10) | 1u;
    int bad = 0;

    printf("words: %ld\n", count);
    for (int m = 0; m < 5; m++) {
        run_method(m, count, seed);
        printf("%-10s %lu bits, hash %08x\n", names[m], total[m], hash[m]);
        bad |= total[m] != total[0] || hash[m] != hash[0];
    }
    printf(bad ? "methods disagree\n" : "all methods agree\n");
    return bad;
}
