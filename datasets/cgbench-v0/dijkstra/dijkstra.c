/*
 * dijkstra: single-source shortest paths on a weighted graph.
 *
 * The graph is read from a text file:
 *     N M D          vertex count, edge count, 1 = directed / 0 = undirected
 *     U V W          M lines, one edge each (0-based vertices, weight >= 0)
 * Text after '#' up to the end of a line is a comment.
 *
 * Usage: dijkstra GRAPH [SOURCES]
 *
 * Shortest paths are computed from SOURCES source vertices (default 1,
 * the first one is always vertex 0) with Dijkstra's algorithm using an
 * indexed binary heap with decrease-key.  Every result is verified with a
 * shortest-path certificate (all arcs relaxed, every vertex has a tight
 * predecessor arc), and a spread-out subset of the sources is recomputed
 * with Bellman-Ford and compared vertex by vertex.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef long long i64;
typedef unsigned long long u64;

#define INF ((i64)0x3fffffffffffffffLL)
#define MAX_BF_RUNS 24

/* ------------------------------------------------------------------ */
/* Input                                                                */
/* ------------------------------------------------------------------ */

typedef struct {
    FILE *fp;
    int line;
} Reader;

/* Reads the next integer, skipping blanks and comments.
 * Returns 1 on success, 0 at end of file, -1 on a malformed token. */
static int read_int(Reader *r, i64 *out)
{
    int c;
    int neg = 0;
    i64 v = 0;
    int digits = 0;

    for (;;) {
        c = fgetc(r->fp);
        if (c == EOF)
            return 0;
        if (c == '#') {
            while (c != '\n' && c != EOF)
                c = fgetc(r->fp);
            if (c == EOF)
                return 0;
        }
        if (c == '\n')
            r->line++;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        break;
    }
    if (c == '-' || c == '+') {
        neg = (c == '-');
        c = fgetc(r->fp);
    }
    while (c >= '0' && c <= '9') {
        if (v > (INF - 9) / 10)
            return -1;
        v = v * 10 + (c - '0');
        digits++;
        c = fgetc(r->fp);
    }
    if (c == '\n')
        r->line++;
    else if (c != EOF && c != ' ' && c != '\t' && c != '\r')
        return -1;
    if (digits == 0)
        return -1;
    *out = neg ? -v : v;
    return 1;
}

static void *xmalloc(size_t count, size_t size)
{
    void *p;
    if (count == 0)
        count = 1;
    p = calloc(count, size);
    if (p == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    return p;
}

/* ------------------------------------------------------------------ */
/* Graph in compressed sparse row form                                   */
/* ------------------------------------------------------------------ */

typedef struct {
    int n;          /* vertices */
    int m;          /* edges as given in the file */
    int directed;
    int *eu, *ev;   /* edge list */
    i64 *ew;
    int arcs;       /* number of arcs (2m when undirected) */
    int *start;     /* start[v] .. start[v+1]-1 index the arcs out of v */
    int *to;
    i64 *w;
} Graph;

static int load_graph(const char *path, Graph *g)
{
    Reader r;
    i64 n, m, d, u, v, w;
    int i;
    int *fill;

    r.fp = fopen(path, "r");
    r.line = 1;
    if (r.fp == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        return 0;
    }
    if (read_int(&r, &n) != 1 || read_int(&r, &m) != 1 || read_int(&r, &d) != 1
        || n < 1 || n > 10000000 || m < 0 || m > 50000000 || (d != 0 && d != 1)) {
        fprintf(stderr, "%s: bad header\n", path);
        fclose(r.fp);
        return 0;
    }
    g->n = (int)n;
    g->m = (int)m;
    g->directed = (int)d;
    g->eu = (int *)xmalloc((size_t)m, sizeof(int));
    g->ev = (int *)xmalloc((size_t)m, sizeof(int));
    g->ew = (i64 *)xmalloc((size_t)m, sizeof(i64));
    for (i = 0; i < g->m; i++) {
        if (read_int(&r, &u) != 1 || read_int(&r, &v) != 1 || read_int(&r, &w) != 1) {
            fprintf(stderr, "%s:%d: bad edge %d\n", path, r.line, i);
            fclose(r.fp);
            return 0;
        }
        if (u < 0 || u >= n || v < 0 || v >= n || w < 0 || w > 1000000000LL) {
            fprintf(stderr, "%s:%d: edge %d out of range\n", path, r.line, i);
            fclose(r.fp);
            return 0;
        }
        g->eu[i] = (int)u;
        g->ev[i] = (int)v;
        g->ew[i] = w;
    }
    fclose(r.fp);

    g->arcs = g->directed ? g->m : 2 * g->m;
    g->start = (int *)xmalloc((size_t)g->n + 1, sizeof(int));
    g->to = (int *)xmalloc((size_t)g->arcs, sizeof(int));
    g->w = (i64 *)xmalloc((size_t)g->arcs, sizeof(i64));
    for (i = 0; i < g->m; i++) {
        g->start[g->eu[i] + 1]++;
        if (!g->directed)
            g->start[g->ev[i] + 1]++;
    }
    for (i = 0; i < g->n; i++)
        g->start[i + 1] += g->start[i];
    fill = (int *)xmalloc((size_t)g->n, sizeof(int));
    memcpy(fill, g->start, (size_t)g->n * sizeof(int));
    for (i = 0; i < g->m; i++) {
        int a = fill[g->eu[i]]++;
        g->to[a] = g->ev[i];
        g->w[a] = g->ew[i];
        if (!g->directed) {
            a = fill[g->ev[i]]++;
            g->to[a] = g->eu[i];
            g->w[a] = g->ew[i];
        }
    }
    free(fill);
    return 1;
}

static void free_graph(Graph *g)
{
    free(g->eu);
    free(g->ev);
    free(g->ew);
    free(g->start);
    free(g->to);
    free(g->w);
}

/* ------------------------------------------------------------------ */
/* Indexed binary min-heap keyed by dist[], ties broken by vertex id     */
/* ------------------------------------------------------------------ */

typedef struct {
    int size;
    int *item;      /* heap array of vertices */
    int *pos;       /* pos[v] = index of v in item[], or -1 */
    const i64 *key;
    long pushes, pops, decreases, swaps;
} Heap;

static void heap_init(Heap *h, int n, const i64 *key)
{
    int i;
    h->size = 0;
    h->item = (int *)xmalloc((size_t)n, sizeof(int));
    h->pos = (int *)xmalloc((size_t)n, sizeof(int));
    for (i = 0; i < n; i++)
        h->pos[i] = -1;
    h->key = key;
    h->pushes = h->pops = h->decreases = h->swaps = 0;
}

static void heap_free(Heap *h)
{
    free(h->item);
    free(h->pos);
}

static int heap_less(const Heap *h, int a, int b)
{
    i64 ka = h->key[a], kb = h->key[b];
    return ka < kb || (ka == kb && a < b);
}

static void heap_place(Heap *h, int i, int v)
{
    h->item[i] = v;
    h->pos[v] = i;
}

static void sift_up(Heap *h, int i)
{
    int v = h->item[i];
    while (i > 0) {
        int parent = (i - 1) / 2;
        int pv = h->item[parent];
        if (!heap_less(h, v, pv))
            break;
        heap_place(h, i, pv);
        h->swaps++;
        i = parent;
    }
    heap_place(h, i, v);
}

static void sift_down(Heap *h, int i)
{
    int v = h->item[i];
    for (;;) {
        int c = 2 * i + 1;
        if (c >= h->size)
            break;
        if (c + 1 < h->size && heap_less(h, h->item[c + 1], h->item[c]))
            c++;
        if (!heap_less(h, h->item[c], v))
            break;
        heap_place(h, i, h->item[c]);
        h->swaps++;
        i = c;
    }
    heap_place(h, i, v);
}

static void heap_push_or_decrease(Heap *h, int v)
{
    if (h->pos[v] < 0) {
        heap_place(h, h->size, v);
        h->size++;
        h->pushes++;
        sift_up(h, h->size - 1);
    } else {
        h->decreases++;
        sift_up(h, h->pos[v]);
    }
}

static int heap_pop(Heap *h)
{
    int top = h->item[0];
    h->pops++;
    h->size--;
    h->pos[top] = -1;
    if (h->size > 0) {
        heap_place(h, 0, h->item[h->size]);
        sift_down(h, 0);
    }
    return top;
}

/* ------------------------------------------------------------------ */
/* Shortest path algorithms                                             */
/* ------------------------------------------------------------------ */

/* Dijkstra from src.  pred[v] is the arc index used to reach v (-1 for the
 * source and for unreachable vertices). */
static void dijkstra(const Graph *g, int src, i64 *dist, int *pred, Heap *h)
{
    int v;
    for (v = 0; v < g->n; v++) {
        dist[v] = INF;
        pred[v] = -1;
    }
    dist[src] = 0;
    heap_push_or_decrease(h, src);
    while (h->size > 0) {
        int u = heap_pop(h);
        int a;
        i64 du = dist[u];
        for (a = g->start[u]; a < g->start[u + 1]; a++) {
            int t = g->to[a];
            i64 nd = du + g->w[a];
            if (nd < dist[t]) {
                dist[t] = nd;
                pred[t] = a;
                heap_push_or_decrease(h, t);
            }
        }
    }
}

/* Bellman-Ford over the edge list; returns the number of rounds used. */
static int bellman_ford(const Graph *g, int src, i64 *dist)
{
    int v, i, round;
    for (v = 0; v < g->n; v++)
        dist[v] = INF;
    dist[src] = 0;
    for (round = 1; round <= g->n; round++) {
        int changed = 0;
        for (i = 0; i < g->m; i++) {
            int a = g->eu[i], b = g->ev[i];
            i64 w = g->ew[i];
            if (dist[a] != INF && dist[a] + w < dist[b]) {
                dist[b] = dist[a] + w;
                changed = 1;
            }
            if (!g->directed && dist[b] != INF && dist[b] + w < dist[a]) {
                dist[a] = dist[b] + w;
                changed = 1;
            }
        }
        if (!changed)
            return round;
    }
    return round;
}

/* Checks that dist[] and pred[] form a valid shortest path tree.
 * Returns the number of violations found. */
static int check_certificate(const Graph *g, int src, const i64 *dist,
                             const int *pred, const int *tail)
{
    int bad = 0;
    int u, a;
    if (dist[src] != 0 || pred[src] != -1)
        bad++;
    for (u = 0; u < g->n; u++) {
        if (dist[u] == INF) {
            if (pred[u] != -1)
                bad++;
            continue;
        }
        for (a = g->start[u]; a < g->start[u + 1]; a++)
            if (dist[u] + g->w[a] < dist[g->to[a]])
                bad++;
        if (u != src) {
            a = pred[u];
            if (a < 0 || g->to[a] != u || dist[tail[a]] == INF
                || dist[tail[a]] + g->w[a] != dist[u])
                bad++;
        }
    }
    return bad;
}

/* ------------------------------------------------------------------ */
/* Reporting                                                            */
/* ------------------------------------------------------------------ */

static u64 mix(u64 h, u64 v)
{
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h *= 0xff51afd7ed558ccdULL;
    return h ^ (h >> 29);
}

static void print_path(const Graph *g, const int *pred, const int *tail,
                       const i64 *dist, int target, int *scratch)
{
    int len = 0, v = target, i;
    if (dist[target] == INF) {
        printf("  to %d: unreachable\n", target);
        return;
    }
    while (v >= 0) {
        scratch[len++] = v;
        v = pred[v] < 0 ? -1 : tail[pred[v]];
        if (len > g->n)
            break;
    }
    printf("  to %d: dist %lld, %d hops:", target, dist[target], len - 1);
    for (i = len - 1; i >= 0; i--) {
        if (len > 14 && i < len - 6 && i > 5) {
            if (i == len - 7)
                printf(" ...");
            continue;
        }
        printf(" %d", scratch[i]);
    }
    printf("\n");
}

static u64 rng_state = 0x243f6a8885a308d3ULL;

static u64 rng_next(void)
{
    u64 z;
    rng_state += 0x9e3779b97f4a7c15ULL;
    z = rng_state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

int main(int argc, char **argv)
{
    Graph g;
    Heap h;
    i64 *dist, *bdist;
    int *pred, *tail, *scratch;
    int sources = 1;
    int s, v, a, stride;
    long bad_cert = 0, bf_runs = 0, bf_mismatch = 0, bf_rounds = 0;
    long long reach_pairs = 0;
    i64 longest = 0;
    u64 checksum = 0;

    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: dijkstra GRAPH [SOURCES]\n");
        return 2;
    }
    if (argc == 3) {
        sources = atoi(argv[2]);
        if (sources < 1 || sources > 1000000) {
            fprintf(stderr, "bad source count\n");
            return 2;
        }
    }
    if (!load_graph(argv[1], &g))
        return 1;

    dist = (i64 *)xmalloc((size_t)g.n, sizeof(i64));
    bdist = (i64 *)xmalloc((size_t)g.n, sizeof(i64));
    pred = (int *)xmalloc((size_t)g.n, sizeof(int));
    scratch = (int *)xmalloc((size_t)g.n + 1, sizeof(int));
    tail = (int *)xmalloc((size_t)g.arcs, sizeof(int));
    for (v = 0; v < g.n; v++)
        for (a = g.start[v]; a < g.start[v + 1]; a++)
            tail[a] = v;
    heap_init(&h, g.n, dist);

    printf("graph: %d vertices, %d edges, %s\n", g.n, g.m,
           g.directed ? "directed" : "undirected");

    stride = sources / MAX_BF_RUNS;
    if (stride < 1)
        stride = 1;

    for (s = 0; s < sources; s++) {
        int src = (s == 0) ? 0 : (int)(rng_next() % (u64)g.n);
        int reached = 0;
        int far = src;
        int b;

        dijkstra(&g, src, dist, pred, &h);
        b = check_certificate(&g, src, dist, pred, tail);
        bad_cert += b;

        for (v = 0; v < g.n; v++) {
            checksum = mix(checksum, dist[v] == INF ? 0xffffffffULL : (u64)dist[v]);
            if (dist[v] != INF) {
                reached++;
                if (dist[v] > dist[far] || (dist[v] == dist[far] && v < far))
                    far = v;
            }
        }
        reach_pairs += reached;
        if (dist[far] > longest)
            longest = dist[far];

        if (s % stride == 0 && bf_runs < MAX_BF_RUNS) {
            bf_runs++;
            bf_rounds += bellman_ford(&g, src, bdist);
            for (v = 0; v < g.n; v++)
                if (bdist[v] != dist[v])
                    bf_mismatch++;
        }

        if (s == 0) {
            i64 total = 0;
            printf("source %d: %d reachable, farthest %d at distance %lld\n",
                   src, reached, far, dist[far]);
            for (v = 0; v < g.n; v++)
                if (dist[v] != INF)
                    total += dist[v];
            printf("sum of distances: %lld\n", total);
            if (g.n <= 40) {
                for (v = 0; v < g.n; v++) {
                    if (dist[v] == INF)
                        printf("  d[%d] = inf\n", v);
                    else
                        printf("  d[%d] = %lld\n", v, dist[v]);
                }
            }
            printf("paths:\n");
            print_path(&g, pred, tail, dist, far, scratch);
            print_path(&g, pred, tail, dist, g.n - 1, scratch);
            print_path(&g, pred, tail, dist, g.n / 2, scratch);
            print_path(&g, pred, tail, dist, g.n / 3, scratch);
            printf("certificate violations: %d\n", b);
        } else if (s < 6) {
            printf("source %d: %d reachable, farthest %d at distance %lld\n",
                   src, reached, far, dist[far]);
        }
    }

    printf("sources: %d\n", sources);
    printf("reachable pairs: %lld\n", reach_pairs);
    printf("longest shortest path: %lld\n", longest);
    printf("heap: %ld pushes, %ld pops, %ld decrease-keys, %ld moves\n",
           h.pushes, h.pops, h.decreases, h.swaps);
    printf("certificate check: %s (%ld violations)\n",
           bad_cert == 0 ? "ok" : "FAILED", bad_cert);
    printf("bellman-ford check: %ld sources, %ld rounds, %s (%ld mismatches)\n",
           bf_runs, bf_rounds, bf_mismatch == 0 ? "ok" : "FAILED", bf_mismatch);
    printf("checksum: %016llx\n", checksum);

    heap_free(&h);
    free(dist);
    free(bdist);
    free(pred);
    free(scratch);
    free(tail);
    free_graph(&g);
    return 0;
}
