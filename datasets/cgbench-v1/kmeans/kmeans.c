/*
 * kmeans: Lloyd's k-means clustering of generated points.
 *
 * Usage: kmeans NPOINTS K DIM SEED
 *
 * NPOINTS points in DIM dimensions are drawn around K hidden centres
 * (approximately normal offsets, sums of uniforms from a seeded PRNG).
 * K centroids are chosen k-means++ style (each new one drawn with
 * probability proportional to the squared distance to the nearest chosen
 * one), then assignment and update steps alternate until no point changes
 * cluster.  The total squared error must never grow between iterations and
 * the cluster sizes must add up to NPOINTS.
 * Cluster sizes, centroids and the mean squared distance to the centroids
 * are printed to 3 decimals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_POINTS 50000
#define MAX_K 16
#define MAX_DIM 8
#define MAX_ITER 200

static double point[MAX_POINTS][MAX_DIM];
static double centroid[MAX_K][MAX_DIM];
static int cluster[MAX_POINTS];
static int size[MAX_K];
static int npoints, k, dim;
static unsigned long long rng_state;

static unsigned long long next_u64(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ull;
}

static double uniform(void)
{
    return (double)(next_u64() >> 11) / 9007199254740992.0;
}

/* Coordinates are made with integers on a grid of 1/256, so that they and
   the squared distances between points are exact doubles. */
static void generate(void)
{
    int centre[MAX_K][MAX_DIM], spread[MAX_K];
    for (int c = 0; c < k; c++) {
        spread[c] = 3 + (int)(next_u64() % 13);
        for (int d = 0; d < dim; d++)
            centre[c][d] = (int)(next_u64() % 25600);
    }
    for (int i = 0; i < npoints; i++) {
        int c = (int)(next_u64() % (unsigned)k);
        for (int d = 0; d < dim; d++) {
            int offset = -2048;
            for (int j = 0; j < 4; j++)
                offset += (int)(next_u64() % 1025);
            point[i][d] = (centre[c][d] + spread[c] * offset / 2) / 256.0;
        }
    }
}

static double dist2(const double *a, const double *b)
{
    double s = 0.0;
    for (int d = 0; d < dim; d++) {
        double t = a[d] - b[d];
        s += t * t;
    }
    return s;
}

/* Index of the centroid nearest to point i among the first n; the lowest
   index wins a tie.  Stores the squared distance in *best. */
static int nearest(int i, int n, double *best)
{
    int arg = 0;
    *best = dist2(point[i], centroid[0]);
    for (int c = 1; c < n; c++) {
        double s = dist2(point[i], centroid[c]);
        if (s < *best) {
            *best = s;
            arg = c;
        }
    }
    return arg;
}

static void init_plusplus(void)
{
    static double d2[MAX_POINTS];
    int first = (int)(uniform() * npoints);
    for (int d = 0; d < dim; d++)
        centroid[0][d] = point[first][d];
    for (int c = 1; c < k; c++) {
        double total = 0.0;
        for (int i = 0; i < npoints; i++) {
            nearest(i, c, &d2[i]);
            total += d2[i];
        }
        double r = uniform() * total;
        int pick = npoints - 1;
        for (int i = 0; i < npoints; i++) {
            r -= d2[i];
            if (r < 0.0) {
                pick = i;
                break;
            }
        }
        for (int d = 0; d < dim; d++)
            centroid[c][d] = point[pick][d];
    }
}

/* Assigns every point to its nearest centroid; returns how many moved. */
static int assign(double *sse)
{
    int moved = 0;
    *sse = 0.0;
    for (int i = 0; i < npoints; i++) {
        double s;
        int c = nearest(i, k, &s);
        moved += c != cluster[i];
        cluster[i] = c;
        *sse += s;
    }
    return moved;
}

/* Moves each centroid to the mean of its points; an empty cluster keeps
   its centroid. */
static void update(void)
{
    static double sum[MAX_K][MAX_DIM];
    memset(sum, 0, sizeof sum);
    memset(size, 0, sizeof size);
    for (int i = 0; i < npoints; i++) {
        size[cluster[i]]++;
        for (int d = 0; d < dim; d++)
            sum[cluster[i]][d] += point[i][d];
    }
    for (int c = 0; c < k; c++)
        for (int d = 0; d < dim && size[c] > 0; d++)
            centroid[c][d] = sum[c][d] / size[c];
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        printf("usage: kmeans NPOINTS K DIM SEED\n");
        return 1;
    }
    npoints = atoi(argv[1]);
    k = atoi(argv[2]);
    dim = atoi(argv[3]);
    if (npoints > MAX_POINTS || k < 1 || k > MAX_K || k > npoints ||
        dim < 1 || dim > MAX_DIM) {
        printf("bad arguments\n");
        return 1;
    }
    rng_state = strtoull(argv[4], NULL, 10) * 0x9e3779b97f4a7c15ull + 1;
    generate();
    init_plusplus();

    int iter = 0, moved, grew = 0, total = 0;
    double sse, prev = 0.0;
    /* stops after an assignment step that moves no point */
    do {
        moved = assign(&sse);
        grew |= iter > 0 && sse > prev * (1.0 + 1e-12);
        prev = sse;
        update();
    } while (moved > 0 && ++iter < MAX_ITER);
    printf("points %d, k %d, dim %d: %d iterations\n", npoints, k, dim, iter);
    printf("mean squared distance %.3f\n", sse / npoints);
    for (int c = 0; c < k; c++) {
        total += size[c];
        printf("cluster %2d: %6d points, centroid", c, size[c]);
        for (int d = 0; d < dim; d++)
            printf(" %.3f", centroid[c][d]);
        printf("\n");
    }
    if (moved > 0 || grew || total != npoints) {
        printf("check failed: moved %d, error grew %d, total %d\n", moved, grew, total);
        return 1;
    }
    printf("converged, error never grew, sizes add up\n");
    return 0;
}
