/*
 * nbody: gravitational n-body simulation with a kick-drift-kick leapfrog
 * integrator and Plummer softening.
 *
 * Usage: nbody N STEPS SEED
 *
 * A heavy central body is surrounded by N-1 lighter bodies placed on
 * roughly circular orbits drawn from a seeded generator (positions come
 * from rejection sampling, so no trigonometry is needed).  The total
 * energy, angular momentum and linear momentum are printed at ten
 * intervals.  Afterwards all velocities are reversed and the system is
 * integrated back for the same number of steps; since leapfrog is time
 * reversible, the bodies must return close to where they started.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double x[3], v[3], a[3];
    double m;
} Body;

static const double G = 1.0;
static const double SOFT2 = 1e-2; /* softening length squared */

static uint64_t rng_s;

static double rng_unit(void)
{
    /* 64-bit LCG, upper 53 bits as a fraction in [0, 1) */
    rng_s = rng_s * 2862933555777941757ULL + 3037000493ULL;
    return (double)(rng_s >> 11) * (1.0 / 9007199254740992.0);
}

static void make_system(Body *b, int n, unsigned long seed)
{
    int i, k;
    double p[3] = {0.0, 0.0, 0.0}, mtot = 0.0;
    rng_s = (uint64_t)seed ^ 0xA5A5A5A5DEADBEEFULL;
    memset(b, 0, (size_t)n * sizeof(Body));
    b[0].m = 1000.0;
    for (i = 1; i < n; i++) {
        double x, y, r2, r, speed;
        do {
            x = 2.0 * rng_unit() - 1.0;
            y = 2.0 * rng_unit() - 1.0;
            r2 = x * x + y * y;
        } while (r2 > 1.0 || r2 < 0.04);
        r = sqrt(r2);
        b[i].m = 0.01 + 0.2 * rng_unit();
        b[i].x[0] = 10.0 * x;
        b[i].x[1] = 10.0 * y;
        b[i].x[2] = 0.5 * (rng_unit() - 0.5);
        /* circular speed around the centre at radius 10 r */
        speed = sqrt(G * b[0].m / (10.0 * r));
        b[i].v[0] = -speed * y / r;
        b[i].v[1] = speed * x / r;
        b[i].v[2] = 0.1 * (rng_unit() - 0.5);
    }
    /* move to the centre-of-momentum frame */
    for (i = 0; i < n; i++) {
        for (k = 0; k < 3; k++)
            p[k] += b[i].m * b[i].v[k];
        mtot += b[i].m;
    }
    for (i = 0; i < n; i++)
        for (k = 0; k < 3; k++)
            b[i].v[k] -= p[k] / mtot;
}

static void accelerations(Body *b, int n)
{
    int i, j, k;
    for (i = 0; i < n; i++)
        for (k = 0; k < 3; k++)
            b[i].a[k] = 0.0;
    for (i = 0; i < n; i++) {
        for (j = i + 1; j < n; j++) {
            double d[3], r2, inv, inv3;
            for (k = 0; k < 3; k++)
                d[k] = b[j].x[k] - b[i].x[k];
            r2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2] + SOFT2;
            inv = 1.0 / sqrt(r2);
            inv3 = G * inv * inv * inv;
            for (k = 0; k < 3; k++) {
                b[i].a[k] += d[k] * (b[j].m * inv3);
                b[j].a[k] -= d[k] * (b[i].m * inv3);
            }
        }
    }
}

/* one kick-drift-kick step; accelerations must be current on entry */
static void leapfrog_step(Body *b, int n, double dt)
{
    int i, k;
    for (i = 0; i < n; i++)
        for (k = 0; k < 3; k++) {
            b[i].v[k] += 0.5 * dt * b[i].a[k];
            b[i].x[k] += dt * b[i].v[k];
        }
    accelerations(b, n);
    for (i = 0; i < n; i++)
        for (k = 0; k < 3; k++)
            b[i].v[k] += 0.5 * dt * b[i].a[k];
}

static double energy(const Body *b, int n)
{
    int i, j, k;
    double kin = 0.0, pot = 0.0;
    for (i = 0; i < n; i++) {
        double v2 = 0.0;
        for (k = 0; k < 3; k++)
            v2 += b[i].v[k] * b[i].v[k];
        kin += 0.5 * b[i].m * v2;
        for (j = i + 1; j < n; j++) {
            double r2 = SOFT2;
            for (k = 0; k < 3; k++) {
                double d = b[j].x[k] - b[i].x[k];
                r2 += d * d;
            }
            pot -= G * b[i].m * b[j].m / sqrt(r2);
        }
    }
    return kin + pot;
}

static double angular_momentum_z(const Body *b, int n)
{
    int i;
    double l = 0.0;
    for (i = 0; i < n; i++)
        l += b[i].m * (b[i].x[0] * b[i].v[1] - b[i].x[1] * b[i].v[0]);
    return l;
}

static double momentum_norm(const Body *b, int n)
{
    int i, k;
    double p[3] = {0.0, 0.0, 0.0};
    for (i = 0; i < n; i++)
        for (k = 0; k < 3; k++)
            p[k] += b[i].m * b[i].v[k];
    return sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
}

int main(int argc, char **argv)
{
    int n, steps, s, i, k, interval;
    unsigned long seed;
    double dt = 0.001, e0, l0, worst = 0.0, rmax = 0.0;
    Body *b, *start;
    if (argc != 4) {
        fprintf(stderr, "usage: nbody N STEPS SEED\n");
        return 1;
    }
    n = atoi(argv[1]);
    steps = atoi(argv[2]);
    seed = strtoul(argv[3], NULL, 10);
    if (n < 2 || n > 100000 || steps < 1) {
        fprintf(stderr, "bad arguments\n");
        return 1;
    }
    b = malloc((size_t)n * sizeof(Body));
    start = malloc((size_t)n * sizeof(Body));
    if (!b || !start) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    make_system(b, n, seed);
    memcpy(start, b, (size_t)n * sizeof(Body));
    accelerations(b, n);
    e0 = energy(b, n);
    l0 = angular_momentum_z(b, n);
    printf("nbody n=%d steps=%d seed=%lu dt=%g\n", n, steps, seed, dt);
    printf("step %6d energy %.8f Lz %.6f\n", 0, e0, l0);
    interval = steps >= 10 ? steps / 10 : 1;
    for (s = 1; s <= steps; s++) {
        leapfrog_step(b, n, dt);
        if (s % interval == 0 || s == steps) {
            double e = energy(b, n);
            printf("step %6d energy %.8f drift %+.2e Lz %.6f |P| %s\n", s, e,
                   (e - e0) / fabs(e0), angular_momentum_z(b, n),
                   momentum_norm(b, n) < 1e-9 ? "~0" : "NONZERO");
        }
    }
    printf("body 1 at (%.5f, %.5f, %.5f)\n", b[1].x[0], b[1].x[1], b[1].x[2]);

    /* integrate backwards by reversing velocities */
    for (i = 0; i < n; i++)
        for (k = 0; k < 3; k++)
            b[i].v[k] = -b[i].v[k];
    accelerations(b, n);
    for (s = 0; s < steps; s++)
        leapfrog_step(b, n, dt);
    for (i = 0; i < n; i++)
        for (k = 0; k < 3; k++) {
            double d = fabs(b[i].x[k] - start[i].x[k]);
            if (d > worst)
                worst = d;
            if (fabs(start[i].x[k]) > rmax)
                rmax = fabs(start[i].x[k]);
        }
    printf("time reversal: max position error %s (relative to size %.3f)\n",
           worst < 1e-6 * rmax ? "< 1e-6" : "LARGE", rmax);
    printf("final energy %.8f\n", energy(b, n));
    free(b);
    free(start);
    return 0;
}
