/*
 * softfloat: IEEE-754 binary64 arithmetic in integers only.
 *
 * Usage: softfloat SPECIALS SEED NRANDOM
 *
 * Addition, subtraction, multiplication, division, square root, fused
 * multiply-add, comparison, rounding to an integral value and conversions to and from
 * int64 are computed on uint64_t bit patterns with round-to-nearest-even,
 * subnormals, infinities, NaNs and exception flags.  Every pair of the
 * operand patterns listed in SPECIALS (hex, one per line) and NRANDOM
 * pairs drawn from SEED (with a third operand for the fused multiply-add) are run through each operation and compared with
 * the host's double arithmetic (results compared bit for bit, except that
 * any NaN matches any NaN).  Counts of agreement, flags raised and a
 * checksum of the software results are printed per operation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <math.h>

typedef uint64_t f64;

#define SIGN_BIT 0x8000000000000000ULL
#define FRAC_MASK 0x000FFFFFFFFFFFFFULL
#define HIDDEN_BIT 0x0010000000000000ULL
#define QUIET_BIT 0x0008000000000000ULL
#define INF_BITS 0x7FF0000000000000ULL
#define DEFAULT_NAN 0xFFF8000000000000ULL
#define EXP_MAX 0x7FF
#define MAX_SPECIALS 256

enum { FL_INEXACT = 1, FL_UNDERFLOW = 2, FL_OVERFLOW = 4, FL_DIVZERO = 8, FL_INVALID = 16, NFLAGS = 5 };
static const char *flag_names[NFLAGS] = {"inexact", "underflow", "overflow", "divzero", "invalid"};
static unsigned flags;

/* value = m * 2^(e - 1075); m has its leading one at bit 52 unless zero */
typedef struct {
    int sign, e;
    uint64_t m;
} Unpacked;

static int f_sign(f64 a) { return (int)(a >> 63); }
static int f_exp(f64 a) { return (int)(a >> 52) & EXP_MAX; }
static int is_nan(f64 a) { return f_exp(a) == EXP_MAX && (a & FRAC_MASK) != 0; }
static int is_snan(f64 a) { return is_nan(a) && !(a & QUIET_BIT); }
static int is_inf(f64 a) { return (a & ~SIGN_BIT) == INF_BITS; }
static int is_zero(f64 a) { return (a & ~SIGN_BIT) == 0; }
static f64 make_inf(int sign) { return (uint64_t)sign << 63 | INF_BITS; }
static f64 make_zero(int sign) { return (uint64_t)sign << 63; }

static int clz64(uint64_t x)
{
    int n = 0;
    if (!x)
        return 64;
    for (int step = 32; step; step >>= 1)
        if (!(x >> (64 - step))) {
            n += step;
            x <<= step;
        }
    return n;
}

/* x >> n with every bit shifted out ORed into the lowest bit */
static uint64_t shr_jam(uint64_t x, int n)
{
    if (n == 0)
        return x;
    if (n >= 64)
        return x != 0;
    return x >> n | ((x << (64 - n)) != 0);
}

static void mul64(uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo)
{
    uint64_t a0 = a & 0xFFFFFFFF, a1 = a >> 32, b0 = b & 0xFFFFFFFF, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (p01 & 0xFFFFFFFF) + (p10 & 0xFFFFFFFF);
    *lo = mid << 32 | (p00 & 0xFFFFFFFF);
    *hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

static Unpacked unpack(f64 a)
{
    Unpacked u = {f_sign(a), f_exp(a), a & FRAC_MASK};
    if (u.e != 0) {
        u.m |= HIDDEN_BIT;
    } else if (u.m) {
        int n = clz64(u.m) - 11;
        u.m <<= n;
        u.e = 1 - n;
    }
    return u;
}

/* Rounds value = sig * 2^(e - 1085), sig < 2^63 with its leading one at
 * bit 62, to nearest even.  The 10 bits below the 53 kept are the
 * rounding bits. */
static f64 round_pack(int sign, int e, uint64_t sig)
{
    int tiny = e <= 0;
    uint64_t rbits, bits;
    if (e >= EXP_MAX) {
        flags |= FL_OVERFLOW | FL_INEXACT;
        return make_inf(sign);
    }
    if (tiny)
        sig = shr_jam(sig, 1 - e);
    rbits = sig & 0x3FF;
    if (rbits)
        flags |= tiny ? FL_INEXACT | FL_UNDERFLOW : FL_INEXACT;
    sig = (sig + 0x200) >> 10;
    if (rbits == 0x200)
        sig &= ~1ULL;
    /* The leading one of a normal sig adds one to the exponent field; a
     * subnormal that rounds up to 2^52 becomes the smallest normal. */
    bits = ((uint64_t)(tiny ? 0 : e - 1) << 52) + sig;
    if ((bits >> 52) >= EXP_MAX) {
        flags |= FL_OVERFLOW | FL_INEXACT;
        return make_inf(sign);
    }
    return (uint64_t)sign << 63 | bits;
}

/* As round_pack, for any nonzero sig. */
static f64 norm_round_pack(int sign, int e, uint64_t sig)
{
    int n = clz64(sig) - 1;
    if (n < 0)
        return round_pack(sign, e + 1, shr_jam(sig, 1));
    return round_pack(sign, e - n, sig << n);
}

static f64 propagate_nan(f64 a, f64 b)
{
    if (is_snan(a) || is_snan(b))
        flags |= FL_INVALID;
    return (is_nan(a) ? a : b) | QUIET_BIT;
}

static f64 invalid(void)
{
    flags |= FL_INVALID;
    return DEFAULT_NAN;
}

/* ---------- arithmetic ---------- */

static f64 f64_add_sub(f64 a, f64 b, int negate_b)
{
    Unpacked x, y, t;
    if (is_nan(a) || is_nan(b))
        return propagate_nan(a, b);
    x = unpack(a);
    y = unpack(b);
    y.sign ^= negate_b;
    if (is_inf(a) || is_inf(b)) {
        if (is_inf(a) && is_inf(b) && x.sign != y.sign)
            return invalid();
        return make_inf(is_inf(a) ? x.sign : y.sign);
    }
    if (!x.m && !y.m)
        return make_zero(x.sign & y.sign);
    if (!y.m)
        return a;
    if (!x.m)
        return b ^ (uint64_t)negate_b << 63;
    if (x.e < y.e || (x.e == y.e && x.m < y.m)) {
        t = x;
        x = y;
        y = t;
    }
    /* Nine guard bits; the smaller operand's lost bits are jammed. */
    uint64_t sx = x.m << 9, sy = shr_jam(y.m << 9, x.e - y.e);
    if (x.sign == y.sign)
        return norm_round_pack(x.sign, x.e + 1, sx + sy);
    if (sx == sy)
        return make_zero(0);
    return norm_round_pack(x.sign, x.e + 1, sx - sy);
}

static f64 f64_add(f64 a, f64 b) { return f64_add_sub(a, b, 0); }
static f64 f64_sub(f64 a, f64 b) { return f64_add_sub(a, b, 1); }

static f64 f64_mul(f64 a, f64 b)
{
    int sign = f_sign(a) ^ f_sign(b);
    uint64_t hi, lo;
    Unpacked x, y;
    if (is_nan(a) || is_nan(b))
        return propagate_nan(a, b);
    if (is_inf(a) || is_inf(b))
        return is_zero(a) || is_zero(b) ? invalid() : make_inf(sign);
    x = unpack(a);
    y = unpack(b);
    if (!x.m || !y.m)
        return make_zero(sign);
    /* The 106-bit product, shifted so its top word holds 62 or 63 bits. */
    mul64(x.m << 10, y.m << 11, &hi, &lo);
    return norm_round_pack(sign, x.e + y.e - 1022, hi | (lo != 0));
}

static f64 f64_div(f64 a, f64 b)
{
    int sign = f_sign(a) ^ f_sign(b), e;
    uint64_t rem, q = 0;
    Unpacked x, y;
    if (is_nan(a) || is_nan(b))
        return propagate_nan(a, b);
    if (is_inf(a))
        return is_inf(b) ? invalid() : make_inf(sign);
    if (is_inf(b))
        return make_zero(sign);
    x = unpack(a);
    y = unpack(b);
    if (!y.m) {
        if (!x.m)
            return invalid();
        flags |= FL_DIVZERO;
        return make_inf(sign);
    }
    if (!x.m)
        return make_zero(sign);
    e = x.e - y.e + 1023;
    rem = x.m;
    if (rem < y.m) {
        rem <<= 1;
        e--;
    }
    /* Restoring division: 63 quotient bits, the first always one. */
    for (int i = 0; i < 63; i++) {
        q <<= 1;
        if (rem >= y.m) {
            rem -= y.m;
            q |= 1;
        }
        rem <<= 1;
    }
    return round_pack(sign, e, q | (rem != 0));
}

static f64 f64_sqrt(f64 a)
{
    Unpacked x;
    uint64_t n, r = 0, hi, lo;
    int ue;
    if (is_nan(a))
        return propagate_nan(a, a);
    if (is_zero(a))
        return a;
    if (f_sign(a))
        return invalid();
    if (is_inf(a))
        return a;
    x = unpack(a);
    ue = x.e - 1023;
    n = x.m;
    if (ue % 2 != 0) {
        n <<= 1;
        ue--;
    }
    /* r = floor(sqrt(n * 2^72)), found bit by bit; n * 2^72 = (n << 8) * 2^64. */
    n <<= 8;
    for (int bit = 62; bit >= 0; bit--) {
        uint64_t t = r | 1ULL << bit;
        mul64(t, t, &hi, &lo);
        if (hi < n || (hi == n && lo == 0))
            r = t;
    }
    mul64(r, r, &hi, &lo);
    return round_pack(0, ue / 2 + 1023, r | (hi != n || lo != 0));
}

typedef struct {
    uint64_t hi, lo;
} U128;

static U128 shr128_jam(U128 x, int n)
{
    U128 r = {0, 0};
    if (n == 0)
        return x;
    if (n >= 128)
        r.lo = (x.hi | x.lo) != 0;
    else if (n >= 64)
        r.lo = shr_jam(x.hi, n - 64) | (x.lo != 0);
    else {
        r.hi = x.hi >> n;
        r.lo = x.hi << (64 - n) | shr_jam(x.lo, n);
    }
    return r;
}

/* a * b + c with a single rounding.  The exact product and c are held
 * as 128-bit integers with their leading ones near bit 125 and scaled
 * by 2^sp and 2^sc. */
static f64 f64_fma(f64 a, f64 b, f64 c)
{
    int ps = f_sign(a) ^ f_sign(b), sp, sc, sign, n;
    Unpacked x, y, z;
    U128 p, q, r;
    if (is_nan(a) || is_nan(b) || is_nan(c)) {
        if (is_snan(a) || is_snan(b) || is_snan(c))
            flags |= FL_INVALID;
        return (is_nan(a) ? a : is_nan(b) ? b : c) | QUIET_BIT;
    }
    if (is_inf(a) || is_inf(b)) {
        if (is_zero(a) || is_zero(b) || (is_inf(c) && f_sign(c) != ps))
            return invalid();
        return make_inf(ps);
    }
    if (is_inf(c))
        return c;
    x = unpack(a);
    y = unpack(b);
    z = unpack(c);
    if (!x.m || !y.m)
        return z.m ? c : make_zero(ps & z.sign);
    mul64(x.m << 10, y.m << 11, &p.hi, &p.lo);
    sp = x.e + y.e - 2171;
    if (!z.m)
        return norm_round_pack(ps, sp + 1149, p.hi | (p.lo != 0));
    q.hi = z.m << 9;
    q.lo = 0;
    sc = z.e - 1148;
    if (sp >= sc)
        q = shr128_jam(q, sp - sc);
    else
        p = shr128_jam(p, sc - sp);
    sp = sp > sc ? sp : sc;
    if (ps == z.sign) {
        r.lo = p.lo + q.lo;
        r.hi = p.hi + q.hi + (r.lo < p.lo);
        sign = ps;
    } else {
        if (p.hi == q.hi && p.lo == q.lo)
            return make_zero(0);
        if (p.hi < q.hi || (p.hi == q.hi && p.lo < q.lo)) {
            U128 t = p;
            p = q;
            q = t;
            sign = z.sign;
        } else {
            sign = ps;
        }
        r.lo = p.lo - q.lo;
        r.hi = p.hi - q.hi - (p.lo < q.lo);
    }
    /* Move the leading one to bit 126; only the low word may be jammed. */
    n = r.hi ? clz64(r.hi) - 1 : 63 + clz64(r.lo);
    if (n < 0) {
        r = shr128_jam(r, 1);
    } else if (n >= 64) {
        r.hi = r.lo << (n - 64);
        r.lo = 0;
    } else if (n > 0) {
        r.hi = r.hi << n | r.lo >> (64 - n);
        r.lo <<= n;
    }
    return round_pack(sign, sp - n + 1149, r.hi | (r.lo != 0));
}

/* -1, 0 or 1 when ordered; 2 when either is a NaN. */
static int f64_compare(f64 a, f64 b)
{
    if (is_nan(a) || is_nan(b)) {
        if (is_snan(a) || is_snan(b))
            flags |= FL_INVALID;
        return 2;
    }
    if ((is_zero(a) && is_zero(b)) || a == b)
        return 0;
    if (f_sign(a) != f_sign(b))
        return f_sign(a) ? -1 : 1;
    return (a < b) != f_sign(a) ? -1 : 1;
}

/* ---------- integers ---------- */

static f64 i64_to_f64(int64_t v)
{
    uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    if (!mag)
        return make_zero(0);
    return norm_round_pack(v < 0, 1085, mag);
}

/* Magnitude of a rounded to an integer, towards zero or to nearest even;
 * *frac_out tells whether a fraction was dropped. */
static uint64_t round_mag(Unpacked x, int nearest, int *frac_out)
{
    int k = 1075 - x.e;
    uint64_t mag, rem, half;
    *frac_out = 0;
    if (k <= 0)
        return k < -11 ? UINT64_MAX : x.m << -k;
    if (k > 53) {
        *frac_out = x.m != 0;
        return 0;
    }
    mag = x.m >> k;
    rem = x.m & ((1ULL << k) - 1);
    half = 1ULL << (k - 1);
    *frac_out = rem != 0;
    if (nearest && (rem > half || (rem == half && (mag & 1))))
        mag++;
    return mag;
}

/* Out of range and NaN give INT64_MIN with the invalid flag. */
static int64_t f64_to_i64(f64 a, int nearest)
{
    int frac;
    uint64_t mag;
    Unpacked x = unpack(a);
    mag = x.e == EXP_MAX ? UINT64_MAX : round_mag(x, nearest, &frac);
    if (mag > SIGN_BIT || (mag == SIGN_BIT && !x.sign)) {
        flags |= FL_INVALID;
        return INT64_MIN;
    }
    if (frac)
        flags |= FL_INEXACT;
    if (!x.sign)
        return (int64_t)mag;
    return mag == SIGN_BIT ? INT64_MIN : -(int64_t)mag;
}

/* Rounds to an integral value in binary64: mode 0 nearest even, 1 toward
 * zero, 2 down, 3 up.  Raises no inexact flag, as nearbyint does not. */
static f64 f64_round_int(f64 a, int mode)
{
    Unpacked x = unpack(a);
    int frac;
    uint64_t mag;
    if (is_nan(a))
        return propagate_nan(a, a);
    if (x.e >= 1075 || !x.m)
        return a;
    mag = round_mag(x, mode == 0, &frac);
    if (frac && mode >= 2 && x.sign == (mode == 2))
        mag++;
    if (!mag)
        return make_zero(x.sign);
    return norm_round_pack(x.sign, 1085, mag);
}

/* ---------- comparison with the host ---------- */

enum { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_SQRT, OP_FMA, OP_CMP, OP_RINT, OP_TRUNC, OP_FLOOR, OP_CEIL,
       OP_TOI, OP_TOI_NEAR, OP_FROMI, NOPS };
static const char *op_names[NOPS] = {"add", "sub", "mul", "div", "sqrt", "fma", "cmp", "nearbyint", "trunc",
                                     "floor", "ceil", "to_i64", "to_i64_near", "from_i64"};

typedef struct {
    unsigned long tested, agree, nans, skipped;
    unsigned long flag_count[NFLAGS];
    uint64_t check;
} Stats;

static Stats stats[NOPS];
static int mismatches_shown;
static uint64_t rng_state;

static uint64_t rng64(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double to_double(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof(d));
    return d;
}

static uint64_t to_bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof(u));
    return u;
}

static uint64_t i64_bits(int64_t v)
{
    uint64_t u;
    memcpy(&u, &v, sizeof(u));
    return u;
}

/* Counts a software result and the flags raised computing it. */
static void account(int op, uint64_t soft)
{
    Stats *s = &stats[op];
    for (int i = 0; i < NFLAGS; i++)
        s->flag_count[i] += (flags >> i) & 1;
    s->check = (s->check ^ soft ^ (uint64_t)flags << 59) * 0x100000001b3ULL;
    s->check ^= s->check >> 29;
}

/* Compares a software result with the host's; for floating results any
 * two NaNs agree. */
static void record(int op, uint64_t a, uint64_t b, uint64_t soft, uint64_t hard, int floating)
{
    Stats *s = &stats[op];
    int nan = floating && is_nan(soft);
    int ok = nan || (floating && is_nan(hard)) ? nan && is_nan(hard) : soft == hard;
    account(op, soft);
    s->tested++;
    s->agree += ok;
    s->nans += nan;
    if (!ok && mismatches_shown++ < 10)
        printf("MISMATCH %s %016llx %016llx: soft %016llx host %016llx\n", op_names[op], (unsigned long long)a,
               (unsigned long long)b, (unsigned long long)soft, (unsigned long long)hard);
}

static void test_ops(uint64_t a, uint64_t b, uint64_t c)
{
    double da = to_double(a), db = to_double(b), r;
    uint64_t soft;
    int64_t iv;
    int cmp;

    flags = 0;
    soft = f64_add(a, b);
    r = da + db;
    record(OP_ADD, a, b, soft, to_bits(r), 1);
    flags = 0;
    soft = f64_sub(a, b);
    r = da - db;
    record(OP_SUB, a, b, soft, to_bits(r), 1);
    flags = 0;
    soft = f64_mul(a, b);
    r = da * db;
    record(OP_MUL, a, b, soft, to_bits(r), 1);
    flags = 0;
    soft = f64_div(a, b);
    r = da / db;
    record(OP_DIV, a, b, soft, to_bits(r), 1);
    flags = 0;
    soft = f64_sqrt(a);
    record(OP_SQRT, a, 0, soft, to_bits(sqrt(da)), 1);
    flags = 0;
    soft = f64_fma(a, b, c);
    record(OP_FMA, a, b, soft, to_bits(fma(da, db, to_double(c))), 1);
    flags = 0;
    cmp = f64_compare(a, b);
    record(OP_CMP, a, b, (uint64_t)(cmp + 1), da < db ? 0 : da == db ? 1 : da > db ? 2 : 3, 0);

    flags = 0;
    record(OP_RINT, a, 0, f64_round_int(a, 0), to_bits(nearbyint(da)), 1);
    flags = 0;
    record(OP_TRUNC, a, 0, f64_round_int(a, 1), to_bits(trunc(da)), 1);
    flags = 0;
    record(OP_FLOOR, a, 0, f64_round_int(a, 2), to_bits(floor(da)), 1);
    flags = 0;
    record(OP_CEIL, a, 0, f64_round_int(a, 3), to_bits(ceil(da)), 1);

    /* The host conversions are only defined for values in range. */
    for (int near = 0; near < 2; near++) {
        int op = near ? OP_TOI_NEAR : OP_TOI;
        flags = 0;
        iv = f64_to_i64(a, near);
        if (da >= -0x1p63 && da < 0x1p63) {
            record(op, a, 0, i64_bits(iv), i64_bits(near ? llrint(da) : (int64_t)da), 0);
        } else {
            stats[op].skipped++;
            account(op, i64_bits(iv));
        }
    }

    /* An integer operand made from b with a variable number of bits. */
    uint64_t ub = b >> (a % 64);
    memcpy(&iv, &ub, sizeof(iv));
    flags = 0;
    record(OP_FROMI, ub, 0, i64_to_f64(iv), to_bits((double)iv), 1);
}

/* Random operands: any pattern, moderate, tiny, huge, or short mantissas. */
static uint64_t random_operand(const uint64_t *specials, int nspecials)
{
    uint64_t r = rng64(), frac = rng64() & FRAC_MASK, sign = r & SIGN_BIT;
    unsigned pick = (unsigned)(r >> 32);
    switch (r % 6) {
    case 0:
        return rng64();
    case 1:
        return sign | (uint64_t)(1003 + pick % 41) << 52 | frac;
    case 2:
        return sign | (uint64_t)(pick % 64) << 52 | frac;
    case 3:
        return sign | (uint64_t)(0x7BF + pick % 64) << 52 | frac;
    case 4:
        return sign | (uint64_t)(1023 + pick % 70) << 52 | (frac & ~((1ULL << (pick % 53)) - 1));
    default:
        return specials[pick % (unsigned)nspecials];
    }
}

static int read_specials(const char *path, uint64_t *out)
{
    FILE *f = fopen(path, "r");
    char line[256];
    int n = 0;
    if (!f)
        return -1;
    while (n < MAX_SPECIALS && fgets(line, sizeof(line), f)) {
        char *end;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        out[n] = strtoull(line, &end, 16);
        if (end == line)
            continue;
        n++;
    }
    fclose(f);
    return n;
}

int main(int argc, char **argv)
{
    uint64_t specials[MAX_SPECIALS];
    int nspecials;
    long nrandom;
    unsigned long total = 0, agree = 0;
    uint64_t all = 0;

    if (argc != 4) {
        printf("usage: softfloat SPECIALS SEED NRANDOM\n");
        return 1;
    }
    nspecials = read_specials(argv[1], specials);
    rng_state = strtoull(argv[2], NULL, 10);
    nrandom = atol(argv[3]);
    if (nspecials < 1 || nrandom < 0) {
        printf("cannot read operands from %s\n", argv[1]);
        return 1;
    }
    for (int i = 0; i < nspecials; i++)
        for (int j = 0; j < nspecials; j++)
            test_ops(specials[i], specials[j], specials[(i + j) % nspecials]);
    for (long i = 0; i < nrandom; i++) {
        uint64_t a = random_operand(specials, nspecials), b, c;
        if (rng64() % 4 == 0) {
            /* b close to a or -a: cancellation and near-ties */
            b = a ^ (rng64() & ((1ULL << (rng64() % 60)) - 1)) ^ (rng64() & SIGN_BIT);
        } else {
            b = random_operand(specials, nspecials);
        }
        if (rng64() % 3 == 0) {
            /* c near -(a * b): the rounding of the product matters */
            c = (f64_mul(a, b) ^ SIGN_BIT) ^ (rng64() & 3);
        } else {
            c = random_operand(specials, nspecials);
        }
        test_ops(a, b, c);
    }

    printf("%d special operands, %ld random pairs\n", nspecials, nrandom);
    for (int op = 0; op < NOPS; op++) {
        Stats *s = &stats[op];
        printf("%-12s agree %lu/%lu", op_names[op], s->agree, s->tested);
        if (s->skipped)
            printf(" (%lu out of range)", s->skipped);
        printf(" nan=%lu", s->nans);
        for (int i = 0; i < NFLAGS; i++)
            printf(" %s=%lu", flag_names[i], s->flag_count[i]);
        printf(" check=%016llx\n", (unsigned long long)s->check);
        total += s->tested;
        agree += s->agree;
        all = (all ^ s->check) * 0x100000001b3ULL;
    }
    printf("total %lu/%lu agree, checksum %016llx\n", agree, total, (unsigned long long)all);
    if (agree != total) {
        printf("SOFTFLOAT MISMATCH\n");
        return 1;
    }
    printf("all results agree with the host\n");
    return 0;
}
