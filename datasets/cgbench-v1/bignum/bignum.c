/*
 * bignum.c - arbitrary-precision integers in base 2^32.
 *
 * Usage: bignum N BITS    (N >= 50)
 *
 * Unsigned numbers are little-endian arrays of 32-bit limbs; signed ones
 * add a sign to a magnitude.  The operations are addition, subtraction,
 * schoolbook and Karatsuba multiplication, long division (quotient limbs
 * estimated from the top limbs and corrected), conversion to and from
 * decimal, gcd, modular inverse by the extended Euclidean algorithm,
 * modular exponentiation and a Miller-Rabin test with the first twelve
 * primes as bases.
 *
 * After a self-test of multiplication and division on pseudo-random
 * operands, the tasks are: N! (two ways, and an exact division), the
 * Fibonacci number 10N (two ways, and Cassini's identity in signed
 * arithmetic), N digits of pi (Machin's formula), the primality of known
 * numbers, and an RSA round trip with two BITS/2-bit primes found by the
 * program.  Long results are shown by their length, their ends and a
 * checksum of their digits; every number shown is converted to decimal
 * and read back as a check.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KARATSUBA_MIN 16
#define CHUNK 1000000000u       /* 10^9, for decimal conversion */

typedef struct {
    uint32_t *d;                /* limbs, least significant first */
    size_t n, cap;              /* n limbs in use, the top one nonzero */
} Nat;

typedef struct {
    Nat m;
    int neg;                    /* zero is never negative */
} Int;

static int failures;

static void check(int ok, const char *what)
{
    if (!ok) {
        printf("CHECK FAILED: %s\n", what);
        failures++;
    }
}

/* ------------------------------------------------------------------ */
/* Unsigned numbers                                                    */
/* ------------------------------------------------------------------ */

static void nat_init(Nat *a)
{
    a->d = NULL;
    a->n = a->cap = 0;
}

static void nat_free(Nat *a)
{
    free(a->d);
    nat_init(a);
}

static void nat_reserve(Nat *a, size_t cap)
{
    if (cap > a->cap) {
        uint32_t *d = realloc(a->d, cap * sizeof *d);
        if (d == NULL) {
            printf("out of memory\n");
            exit(2);
        }
        a->d = d;
        a->cap = cap;
    }
}

static void nat_trim(Nat *a)
{
    while (a->n > 0 && a->d[a->n - 1] == 0)
        a->n--;
}

/* r takes over t's limbs; t is left empty. */
static void nat_move(Nat *r, Nat *t)
{
    free(r->d);
    *r = *t;
    nat_init(t);
}

/* A fresh number with room for n limbs, all zero. */
static void nat_zeros(Nat *t, size_t n)
{
    nat_init(t);
    nat_reserve(t, n + 1);
    memset(t->d, 0, (n + 1) * sizeof *t->d);
    t->n = n;
}

static void nat_set(Nat *r, uint32_t v)
{
    nat_reserve(r, 1);
    r->d[0] = v;
    r->n = v != 0;
}

static void nat_copy(Nat *r, const Nat *a)
{
    if (r == a)
        return;
    nat_reserve(r, a->n + 1);
    if (a->n > 0)
        memcpy(r->d, a->d, a->n * sizeof *a->d);
    r->n = a->n;
}

static int nat_cmp(const Nat *a, const Nat *b)
{
    size_t i = a->n;

    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    while (i-- > 0)
        if (a->d[i] != b->d[i])
            return a->d[i] < b->d[i] ? -1 : 1;
    return 0;
}

static int nat_is(const Nat *a, uint32_t v)
{
    return v == 0 ? a->n == 0 : a->n == 1 && a->d[0] == v;
}

/* r = a + b, or r = a - b (for a >= b) when sub is set. */
static void nat_addsub(Nat *r, const Nat *a, const Nat *b, int sub)
{
    Nat t;
    uint64_t c = 0, x;
    size_t i;

    if (sub && nat_cmp(a, b) < 0) {
        printf("internal error: negative difference\n");
        exit(2);
    }
    if (a->n < b->n) {
        const Nat *y = a;
        a = b;
        b = y;
    }
    nat_zeros(&t, a->n + 1);
    for (i = 0; i < a->n; i++) {
        x = i < b->n ? b->d[i] : 0;
        c = sub ? (uint64_t)a->d[i] - x - c : (uint64_t)a->d[i] + x + c;
        t.d[i] = (uint32_t)c;
        c = sub ? c >> 63 : c >> 32;
    }
    t.d[a->n] = (uint32_t)c;
    nat_trim(&t);
    nat_move(r, &t);
}

static void nat_add(Nat *r, const Nat *a, const Nat *b)
{
    nat_addsub(r, a, b, 0);
}

static void nat_sub(Nat *r, const Nat *a, const Nat *b)
{
    nat_addsub(r, a, b, 1);
}

/* a = a * m + add, in place. */
static void nat_mul_small(Nat *a, uint32_t m, uint32_t add)
{
    uint64_t carry = add;
    size_t i;

    for (i = 0; i < a->n; i++) {
        carry += (uint64_t)a->d[i] * m;
        a->d[i] = (uint32_t)carry;
        carry >>= 32;
    }
    if (carry) {
        nat_reserve(a, a->n + 1);
        a->d[a->n++] = (uint32_t)carry;
    }
    nat_trim(a);
}

/* a = a / m in place; returns the remainder. */
static uint32_t nat_div_small(Nat *a, uint32_t m)
{
    uint64_t rem = 0, cur;
    size_t i = a->n;

    while (i-- > 0) {
        cur = (rem << 32) | a->d[i];
        a->d[i] = (uint32_t)(cur / m);
        rem = cur % m;
    }
    nat_trim(a);
    return (uint32_t)rem;
}

static uint32_t nat_mod_small(const Nat *a, uint32_t m)
{
    uint64_t rem = 0;
    size_t i = a->n;

    while (i-- > 0)
        rem = ((rem << 32) | a->d[i]) % m;
    return (uint32_t)rem;
}

static void mul_school(Nat *r, const Nat *a, const Nat *b)
{
    Nat t;
    uint64_t carry;
    size_t i, j;

    nat_zeros(&t, a->n + b->n);
    for (i = 0; i < a->n; i++) {
        carry = 0;
        for (j = 0; j < b->n; j++) {
            carry += (uint64_t)a->d[i] * b->d[j] + t.d[i + j];
            t.d[i + j] = (uint32_t)carry;
            carry >>= 32;
        }
        t.d[i + b->n] = (uint32_t)carry;
    }
    nat_trim(&t);
    nat_move(r, &t);
}

/* r = limbs [from, from + count) of a, moved up by shift limbs; r must
 * be empty. */
static void nat_limbs(Nat *r, const Nat *a, size_t from, size_t count,
                      size_t shift)
{
    size_t i;

    nat_zeros(r, count + shift);
    for (i = 0; i < count && from + i < a->n; i++)
        r->d[shift + i] = a->d[from + i];
    nat_trim(r);
}

static void nat_mul(Nat *r, const Nat *a, const Nat *b);

/* With a = a1 B^k + a0 and b = b1 B^k + b0, the middle product is
 * (a0 + a1)(b0 + b1) - a0 b0 - a1 b1: three multiplications, not four. */
static void mul_karatsuba(Nat *r, const Nat *a, const Nat *b)
{
    size_t k = (a->n > b->n ? a->n : b->n) / 2;
    Nat a0, a1, b0, b1, z0, z1, z2;

    nat_init(&z0);
    nat_init(&z1);
    nat_init(&z2);
    nat_limbs(&a0, a, 0, k, 0);
    nat_limbs(&a1, a, k, a->n, 0);
    nat_limbs(&b0, b, 0, k, 0);
    nat_limbs(&b1, b, k, b->n, 0);
    nat_mul(&z0, &a0, &b0);
    nat_mul(&z2, &a1, &b1);
    nat_add(&a0, &a0, &a1);
    nat_add(&b0, &b0, &b1);
    nat_mul(&z1, &a0, &b0);
    nat_sub(&z1, &z1, &z0);
    nat_sub(&z1, &z1, &z2);
    nat_free(&a1);
    nat_free(&b1);
    nat_limbs(&a1, &z1, 0, z1.n, k);
    nat_limbs(&b1, &z2, 0, z2.n, 2 * k);
    nat_add(&z0, &z0, &a1);
    nat_add(r, &z0, &b1);
    nat_free(&a0);
    nat_free(&a1);
    nat_free(&b0);
    nat_free(&b1);
    nat_free(&z0);
    nat_free(&z1);
    nat_free(&z2);
}

static void nat_mul(Nat *r, const Nat *a, const Nat *b)
{
    if (a->n < KARATSUBA_MIN || b->n < KARATSUBA_MIN)
        mul_school(r, a, b);
    else
        mul_karatsuba(r, a, b);
}

/*
 * q = a / b and r = a % b (either may be NULL).  Both operands are first
 * multiplied by 2^s so that the divisor's top limb has its high bit set;
 * then each quotient limb is estimated from the top two limbs of the
 * running remainder and the divisor's top limb.  The estimate is at most
 * two too large, and each excess is undone by adding the divisor back.
 */
static void nat_divmod(Nat *q, Nat *r, const Nat *a, const Nat *b)
{
    Nat u, v, qq;
    size_t n = b->n, i, j;
    uint32_t scale = 1;
    uint64_t qhat, p, t, carry, borrow;

    if (n == 0) {
        printf("internal error: division by zero\n");
        exit(2);
    }
    nat_init(&u);
    nat_init(&v);
    nat_init(&qq);
    nat_copy(&u, a);
    if (nat_cmp(a, b) < 0) {
        nat_set(&qq, 0);
    } else {
        while (!((b->d[n - 1] * (uint64_t)scale) & 0x80000000u))
            scale <<= 1;
        nat_copy(&v, b);
        nat_mul_small(&v, scale, 0);
        nat_mul_small(&u, scale, 0);
        nat_reserve(&u, a->n + 1);
        if (u.n == a->n)
            u.d[u.n++] = 0;
        nat_zeros(&qq, a->n - n + 1);
        for (j = a->n - n + 1; j-- > 0;) {
            qhat = (((uint64_t)u.d[j + n] << 32) | u.d[j + n - 1])
                / v.d[n - 1];
            if (qhat > 0xFFFFFFFFu)
                qhat = 0xFFFFFFFFu;
            carry = borrow = 0;
            for (i = 0; i <= n; i++) {
                p = qhat * (i < n ? v.d[i] : 0) + carry;
                carry = p >> 32;
                t = (uint64_t)u.d[i + j] - (uint32_t)p - borrow;
                u.d[i + j] = (uint32_t)t;
                borrow = t >> 63;
            }
            while (borrow) {        /* negative: add the divisor back */
                qhat--;
                carry = 0;
                for (i = 0; i <= n; i++) {
                    carry += (uint64_t)u.d[i + j] + (i < n ? v.d[i] : 0);
                    u.d[i + j] = (uint32_t)carry;
                    carry >>= 32;
                }
                borrow = !carry;
            }
            qq.d[j] = (uint32_t)qhat;
        }
        u.n = n;
        nat_trim(&u);
        nat_div_small(&u, scale);
        nat_trim(&qq);
    }
    if (q)
        nat_move(q, &qq);
    if (r)
        nat_move(r, &u);
    nat_free(&u);
    nat_free(&v);
    nat_free(&qq);
}

static void nat_mod(Nat *r, const Nat *a, const Nat *m)
{
    nat_divmod(NULL, r, a, m);
}

/* Decimal digits of a, in a new string, nine at a time from the end. */
static char *nat_to_dec(const Nat *a)
{
    size_t len = a->n * 10 + 2, i = len - 1;
    char *s = malloc(len);
    uint32_t c;
    int k;
    Nat t;

    if (s == NULL) {
        printf("out of memory\n");
        exit(2);
    }
    nat_init(&t);
    nat_copy(&t, a);
    s[i] = '\0';
    do {
        c = nat_div_small(&t, CHUNK);
        for (k = 0; k < 9 && (t.n > 0 || c > 0 || k == 0); k++) {
            s[--i] = (char)('0' + c % 10);
            c /= 10;
        }
    } while (t.n > 0);
    nat_free(&t);
    memmove(s, s + i, len - i);
    return s;
}

/* Reads decimal digits; 0 if s has anything else. */
static int nat_from_dec(Nat *r, const char *s)
{
    uint32_t chunk = 0, scale = 1;

    nat_set(r, 0);
    if (*s == '\0')
        return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return 0;
        chunk = chunk * 10 + (uint32_t)(*s - '0');
        scale *= 10;
        if (scale == CHUNK || s[1] == '\0') {
            nat_mul_small(r, scale, chunk);
            chunk = 0;
            scale = 1;
        }
    }
    return 1;
}

static void nat_swap(Nat *a, Nat *b)
{
    Nat t = *a;

    *a = *b;
    *b = t;
}

static void nat_gcd(Nat *r, const Nat *a, const Nat *b)
{
    Nat x, y;

    nat_init(&x);
    nat_init(&y);
    nat_copy(&x, a);
    nat_copy(&y, b);
    while (y.n > 0) {
        nat_mod(&x, &x, &y);
        nat_swap(&x, &y);
    }
    nat_move(r, &x);
    nat_free(&y);
}

/* r = b^e mod m, scanning the exponent from its top bit. */
static void nat_powmod(Nat *r, const Nat *b, const Nat *e, const Nat *m)
{
    Nat acc, base;
    size_t i = e->n;
    int bit;

    nat_init(&acc);
    nat_init(&base);
    nat_mod(&base, b, m);
    nat_set(&acc, 1);
    nat_mod(&acc, &acc, m);
    while (i-- > 0)
        for (bit = 31; bit >= 0; bit--) {
            nat_mul(&acc, &acc, &acc);
            nat_mod(&acc, &acc, m);
            if ((e->d[i] >> bit) & 1) {
                nat_mul(&acc, &acc, &base);
                nat_mod(&acc, &acc, m);
            }
        }
    nat_move(r, &acc);
    nat_free(&base);
}

/* ------------------------------------------------------------------ */
/* Signed numbers                                                      */
/* ------------------------------------------------------------------ */

static void int_init(Int *a)
{
    nat_init(&a->m);
    a->neg = 0;
}

static void int_add(Int *r, const Int *a, const Int *b)
{
    int an = a->neg, bn = b->neg;

    if (an == bn) {
        nat_add(&r->m, &a->m, &b->m);
        r->neg = an;
    } else if (nat_cmp(&a->m, &b->m) >= 0) {
        nat_sub(&r->m, &a->m, &b->m);
        r->neg = an;
    } else {
        nat_sub(&r->m, &b->m, &a->m);
        r->neg = bn;
    }
    if (r->m.n == 0)
        r->neg = 0;
}

static void int_sub(Int *r, const Int *a, const Int *b)
{
    Int nb = *b;        /* shares b's limbs, read only */

    nb.neg = b->m.n > 0 && !b->neg;
    int_add(r, a, &nb);
}

static void int_mul(Int *r, const Int *a, const Int *b)
{
    int neg = a->neg != b->neg;

    nat_mul(&r->m, &a->m, &b->m);
    r->neg = neg && r->m.n > 0;
}

static void int_set(Int *r, const Nat *m, int neg)
{
    nat_copy(&r->m, m);
    r->neg = neg && m->n > 0;
}

/* r = a^-1 mod m by the extended Euclidean algorithm; 0 if there is none. */
static int nat_modinv(Nat *r, const Nat *a, const Nat *m)
{
    Nat r0, r1, q, rem;
    Int s0, s1, t, qi;
    int ok;

    nat_init(&r0);
    nat_init(&r1);
    nat_init(&q);
    nat_init(&rem);
    int_init(&s0);
    int_init(&s1);
    int_init(&t);
    int_init(&qi);
    nat_mod(&r0, a, m);
    nat_copy(&r1, m);
    nat_set(&s0.m, 1);
    /* invariant: r0 = s0 a (mod m) and r1 = s1 a (mod m) */
    while (r1.n > 0) {
        nat_divmod(&q, &rem, &r0, &r1);
        nat_move(&r0, &r1);
        nat_move(&r1, &rem);
        int_set(&qi, &q, 0);
        int_mul(&t, &qi, &s1);
        int_sub(&t, &s0, &t);
        nat_move(&s0.m, &s1.m);
        s0.neg = s1.neg;
        nat_move(&s1.m, &t.m);
        s1.neg = t.neg;
    }
    ok = nat_is(&r0, 1);
    if (ok) {
        nat_mod(r, &s0.m, m);
        if (s0.neg && r->n > 0)
            nat_sub(r, m, r);
    }
    nat_free(&r0);
    nat_free(&r1);
    nat_free(&q);
    nat_free(&rem);
    nat_free(&s0.m);
    nat_free(&s1.m);
    nat_free(&t.m);
    nat_free(&qi.m);
    return ok;
}

/* ------------------------------------------------------------------ */
/* Primes                                                              */
/* ------------------------------------------------------------------ */

static const uint32_t mr_bases[12] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29,
                                      31, 37};
/* Miller-Rabin with the bases above, after trial division. */
static int is_prime(const Nat *n)
{
    Nat d, nm1, x, b;
    size_t s = 0, k;
    int i, composite = 0;

    if (n->n == 0 || nat_is(n, 1))
        return 0;
    for (i = 0; i < 12; i++) {
        if (nat_is(n, mr_bases[i]))
            return 1;
        if (nat_mod_small(n, mr_bases[i]) == 0)
            return 0;
    }
    nat_init(&d);
    nat_init(&nm1);
    nat_init(&x);
    nat_init(&b);
    nat_copy(&nm1, n);
    nm1.d[0]--;                 /* n is odd here */
    nat_copy(&d, &nm1);
    for (; d.d[0] % 2 == 0; s++)
        nat_div_small(&d, 2);
    /* n passes for base b if b^d = 1 or b^(d 2^k) = n-1 for a k < s */
    for (i = 0; i < 12 && !composite; i++) {
        nat_set(&b, mr_bases[i]);
        nat_powmod(&x, &b, &d, n);
        composite = !nat_is(&x, 1);
        for (k = 0; k < s && composite; k++) {
            composite = nat_cmp(&x, &nm1) != 0;
            nat_mul(&x, &x, &x);
            nat_mod(&x, &x, n);
        }
    }
    nat_free(&d);
    nat_free(&nm1);
    nat_free(&x);
    nat_free(&b);
    return !composite;
}

/* ------------------------------------------------------------------ */
/* Helpers for the tasks                                               */
/* ------------------------------------------------------------------ */

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint32_t rng_next(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 32);
}

/* A random number of exactly bits bits. */
static void nat_random(Nat *r, size_t bits)
{
    size_t i, k;

    nat_set(r, 1);
    for (i = 1; i < bits; i += k) {
        k = bits - i < 16 ? bits - i : 16;
        nat_mul_small(r, 1u << k, rng_next() >> (32 - k));
    }
}

static uint32_t fnv(const char *s)
{
    uint32_t h = 2166136261u;

    while (*s)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

/* Decimal digits of a, checked by reading them back. */
static char *to_dec_checked(const Nat *a)
{
    char *s = nat_to_dec(a);
    Nat t;

    nat_init(&t);
    check(nat_from_dec(&t, s) && nat_cmp(&t, a) == 0, "decimal round trip");
    nat_free(&t);
    return s;
}

/* Prints a number whole, or by its length, ends and digit checksum;
 * returns its digits. */
static char *show(const char *label, const Nat *a)
{
    char *s = to_dec_checked(a);
    size_t len = strlen(s);

    if (len <= 60)
        printf("%s = %s\n", label, s);
    else
        printf("%s = %.20s...%s (%lu digits, fnv %08lx)\n", label, s,
               s + len - 20, (unsigned long)len, (unsigned long)fnv(s));
    return s;
}

/* The product lo * (lo+1) * ... * hi, by halves. */
static void product(Nat *r, uint32_t lo, uint32_t hi)
{
    Nat a, b;
    uint32_t mid;

    if (hi - lo < 8) {
        nat_set(r, 1);
        for (; lo <= hi; lo++)
            nat_mul_small(r, lo, 0);
        return;
    }
    mid = lo + (hi - lo) / 2;
    nat_init(&a);
    nat_init(&b);
    product(&a, lo, mid);
    product(&b, mid + 1, hi);
    nat_mul(r, &a, &b);
    nat_free(&a);
    nat_free(&b);
}

/* F(k) and F(k+1) by doubling: F(2k) = F(k)(2F(k+1) - F(k)) and
 * F(2k+1) = F(k)^2 + F(k+1)^2. */
static void fib_pair(Nat *f, Nat *g, unsigned long k)
{
    Nat a, b, t;

    if (k == 0) {
        nat_set(f, 0);
        nat_set(g, 1);
        return;
    }
    nat_init(&a);
    nat_init(&b);
    nat_init(&t);
    fib_pair(&a, &b, k / 2);
    nat_add(&t, &b, &b);
    nat_sub(&t, &t, &a);
    nat_mul(&t, &t, &a);        /* F(2j) */
    nat_mul(&a, &a, &a);
    nat_mul(&b, &b, &b);
    nat_add(&b, &a, &b);        /* F(2j+1) */
    if (k % 2 == 0) {
        nat_move(f, &t);
        nat_move(g, &b);
    } else {
        nat_move(f, &b);
        nat_add(g, &t, f);
    }
    nat_free(&a);
    nat_free(&b);
    nat_free(&t);
}

static void fib_iter(Nat *f, unsigned long k)
{
    Nat a, b;

    nat_init(&a);
    nat_init(&b);
    nat_set(&a, 0);
    nat_set(&b, 1);
    while (k-- > 0) {
        nat_add(&a, &a, &b);
        nat_swap(&a, &b);
    }
    nat_move(f, &a);
    nat_free(&b);
}

/* ------------------------------------------------------------------ */
/* Tasks                                                               */
/* ------------------------------------------------------------------ */

static void self_test(void)
{
    Nat a, b, q, r, t, u;
    int i, ok = 1;

    nat_init(&a);
    nat_init(&b);
    nat_init(&q);
    nat_init(&r);
    nat_init(&t);
    nat_init(&u);
    for (i = 0; i < 60; i++) {
        nat_random(&a, 32 + rng_next() % 2400);
        nat_random(&b, 32 + rng_next() % 1400);
        if (i % 7 == 0)         /* long runs of one bits */
            for (size_t k = 0; k < b.n; k++)
                b.d[k] |= 0xFFFF0000u;
        /* Karatsuba against schoolbook, and a = q b + r with r < b */
        mul_school(&t, &a, &b);
        nat_mul(&u, &a, &b);
        ok &= nat_cmp(&t, &u) == 0;
        nat_divmod(&q, &r, &a, &b);
        nat_mul(&t, &q, &b);
        nat_add(&t, &t, &r);
        ok &= nat_cmp(&t, &a) == 0 && nat_cmp(&r, &b) < 0;
    }
    printf("self-test of multiplication and division: %s\n",
           ok ? "ok" : "FAILED");
    check(ok, "self-test");
    nat_free(&a);
    nat_free(&b);
    nat_free(&q);
    nat_free(&r);
    nat_free(&t);
    nat_free(&u);
}

static void task_factorial(uint32_t n)
{
    Nat f, g, half, rest;
    uint32_t i;
    char label[24];

    nat_init(&f);
    nat_init(&g);
    nat_init(&half);
    nat_init(&rest);
    product(&f, 1, n);
    nat_set(&g, 1);
    for (i = 2; i <= n; i++)
        nat_mul_small(&g, i, 0);
    check(nat_cmp(&f, &g) == 0, "factorial by halves and by steps");
    snprintf(label, sizeof label, "%lu!", (unsigned long)n);
    free(show(label, &f));
    /* n! / (n/2)! must be the product of the upper half, exactly */
    product(&half, 1, n / 2);
    nat_divmod(&g, &rest, &f, &half);
    product(&half, n / 2 + 1, n);
    check(rest.n == 0 && nat_cmp(&g, &half) == 0, "factorial quotient");
    nat_free(&f);
    nat_free(&g);
    nat_free(&half);
    nat_free(&rest);
}

static void task_fibonacci(unsigned long n)
{
    Nat f, g, h;
    Int a, b, c, sq;
    char label[32];

    nat_init(&f);
    nat_init(&g);
    nat_init(&h);
    int_init(&a);
    int_init(&b);
    int_init(&c);
    int_init(&sq);
    fib_pair(&f, &g, n);
    fib_iter(&h, n);
    check(nat_cmp(&f, &h) == 0, "fibonacci by doubling and by steps");
    snprintf(label, sizeof label, "F(%lu)", n);
    free(show(label, &f));
    /* Cassini: F(n-1) F(n+1) - F(n)^2 = (-1)^n */
    nat_sub(&h, &g, &f);
    int_set(&a, &h, 0);
    int_set(&b, &g, 0);
    int_set(&c, &f, 0);
    int_mul(&a, &a, &b);
    int_mul(&sq, &c, &c);
    int_sub(&a, &a, &sq);
    printf("F(%lu)F(%lu) - F(%lu)^2 = %s1\n", n - 1, n + 1, n,
           a.neg ? "-" : "");
    check(nat_is(&a.m, 1) && a.neg == (int)(n % 2), "Cassini identity");
    nat_free(&f);
    nat_free(&g);
    nat_free(&h);
    nat_free(&a.m);
    nat_free(&b.m);
    nat_free(&c.m);
    nat_free(&sq.m);
}

/* term = 10^(digits+10) / x, then sum of (-1)^k term / (2k+1) with term
 * divided by x^2 each step: arctan(1/x) scaled. */
static void arctan_inv(Nat *sum, uint32_t x, const Nat *scale)
{
    Nat term, part;
    Int acc, p;
    uint32_t k;

    nat_init(&term);
    nat_init(&part);
    int_init(&acc);
    int_init(&p);
    nat_copy(&term, scale);
    nat_div_small(&term, x);
    for (k = 0; term.n > 0; k++) {
        nat_copy(&part, &term);
        nat_div_small(&part, 2 * k + 1);
        int_set(&p, &part, k % 2);
        int_add(&acc, &acc, &p);
        nat_div_small(&term, x * x);
    }
    nat_copy(sum, &acc.m);
    nat_free(&term);
    nat_free(&part);
    nat_free(&acc.m);
    nat_free(&p.m);
}

/* N digits of pi from pi = 16 arctan(1/5) - 4 arctan(1/239), with ten
 * guard digits, checked against the first hundred. */
static void task_pi(uint32_t digits)
{
    static const char known[] =
        "31415926535897932384626433832795028841971693993751"
        "058209749445923078164062862089986280348253421170679";
    Nat scale, a, b;
    uint32_t i;
    char *s;

    nat_init(&scale);
    nat_init(&a);
    nat_init(&b);
    nat_set(&scale, 1);
    for (i = 0; i < digits + 10; i++)
        nat_mul_small(&scale, 10, 0);
    arctan_inv(&a, 5, &scale);
    arctan_inv(&b, 239, &scale);
    nat_mul_small(&a, 16, 0);
    nat_mul_small(&b, 4, 0);
    nat_sub(&a, &a, &b);
    for (i = 0; i < 10; i++)
        nat_div_small(&a, 10);
    s = to_dec_checked(&a);
    printf("pi = %c.%.50s... (%lu decimals, fnv %08lx)\n", s[0], s + 1,
           (unsigned long)strlen(s + 1), (unsigned long)fnv(s));
    check(strlen(s) == digits + 1 && strncmp(s, known, digits < 100 ?
          digits + 1 : 101) == 0, "digits of pi");
    free(s);
    nat_free(&scale);
    nat_free(&a);
    nat_free(&b);
}

static void task_primes(void)
{
    static const char *const numbers[] = {
        "2305843009213693951", "147573952589676412927",
        "618970019642690137449562111", "162259276829213363391578010288127",
        "170141183460469231731687303715884105727", "18446744073709551617",
        "18446744073709551557", "18446744073709551559", "561",
        "3215031751", "2152302898747", "3825123056546413051", "521",
    };
    static const char expect[] = "PCPPPCPCCCCCP";
    Nat x;
    size_t i;
    int p;

    nat_init(&x);
    printf("primes:");
    for (i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        nat_from_dec(&x, numbers[i]);
        p = is_prime(&x);
        printf(" %.10s%s:%c", numbers[i], strlen(numbers[i]) > 10 ? ".." : "",
               p ? 'P' : 'C');
        check(p == (expect[i] == 'P'), "known primality");
    }
    printf("\n");
    nat_free(&x);
}

/* A random prime of the given size: the first after a random start. */
static void find_prime(Nat *p, size_t bits)
{
    nat_random(p, bits);
    p->d[0] |= 1;
    while (!is_prime(p))
        nat_mul_small(p, 1, 2);
}

static void task_rsa(size_t bits)
{
    Nat p, q, n, phi, e, d, m, c, t;
    Nat *all[] = {&p, &q, &n, &phi, &e, &d, &m, &c, &t};
    size_t i;
    int round, ok = 1;
    uint32_t hash = 2166136261u;

    for (i = 0; i < sizeof all / sizeof all[0]; i++)
        nat_init(all[i]);
    find_prime(&p, bits / 2);
    do
        find_prime(&q, bits - bits / 2);
    while (nat_cmp(&p, &q) == 0);
    nat_mul(&n, &p, &q);
    p.d[0]--;                   /* p and q are odd: now p-1 and q-1 */
    q.d[0]--;
    nat_mul(&phi, &p, &q);
    /* the smallest odd e from 65537 up that is prime to phi */
    nat_set(&e, 65537);
    for (nat_gcd(&t, &e, &phi); !nat_is(&t, 1); nat_gcd(&t, &e, &phi))
        nat_mul_small(&e, 1, 2);
    check(nat_modinv(&d, &e, &phi), "rsa inverse");
    printf("rsa: primes of %lu and %lu bits, e = %lu\n",
           (unsigned long)(bits / 2), (unsigned long)(bits - bits / 2),
           (unsigned long)e.d[0]);
    free(show("n", &n));
    for (round = 0; round < 4; round++) {
        nat_random(&m, bits - 2);      /* below n */
        nat_powmod(&c, &m, &e, &n);
        nat_powmod(&t, &c, &d, &n);
        ok &= nat_cmp(&t, &m) == 0 && nat_cmp(&c, &m) != 0;
        for (i = 0; i < c.n; i++)
            hash = (hash ^ c.d[i]) * 16777619u;
    }
    printf("rsa: 4 messages decrypted %s, ciphertext hash %08lx\n",
           ok ? "correctly" : "WRONGLY", (unsigned long)hash);
    check(ok, "rsa round trip");
    for (i = 0; i < sizeof all / sizeof all[0]; i++)
        nat_free(all[i]);
}

int main(int argc, char **argv)
{
    long n = argc == 3 ? strtol(argv[1], NULL, 10) : 0;
    long bits = argc == 3 ? strtol(argv[2], NULL, 10) : 0;

    if (n < 50 || n > 5000 || bits < 16 || bits > 2048) {
        printf("usage: bignum N BITS (50 <= N <= 5000, 16 <= BITS <= 2048)\n");
        return 2;
    }
    self_test();
    task_factorial((uint32_t)n);
    task_fibonacci((unsigned long)n * 10);
    task_pi((uint32_t)n);
    task_primes();
    task_rsa((size_t)bits);
    if (failures)
        printf("%d checks FAILED\n", failures);
    else
        printf("all checks passed\n");
    return failures != 0;
}
