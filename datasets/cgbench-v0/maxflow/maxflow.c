/*
 * maxflow: maximum flow and minimum cut with Dinic's algorithm.
 *
 * The network is read from a text file:
 *     N M S T        vertex count, arc count, source, sink
 *     U V C          M lines, one directed arc each with capacity C >= 0
 * Text after '#' up to the end of a line is a comment.
 *
 * Usage: maxflow NETWORK [PAIRS]
 *
 * For the source/sink pair named in the file the program computes a
 * maximum flow with Dinic's algorithm (level graph plus blocking flows found
 * by an iterative depth-first search with current-arc pointers), checks the
 * capacity constraints and flow conservation, extracts a minimum cut from
 * the residual network and checks that its capacity equals the flow value,
 * decomposes the flow into paths and cycles, and recomputes the value with
 * the Edmonds-Karp algorithm.  PAIRS further source/sink pairs, chosen by a
 * fixed pseudo-random sequence, are then solved and checked the same way
 * (except for the decomposition and Edmonds-Karp) and summarised.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef long long i64;
typedef unsigned long long u64;

#define CAP_LIMIT 1000000000LL
#define PRINT_CUT_LIMIT 16

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
/* Input                                                                */
/* ------------------------------------------------------------------ */

/* Reads the next integer from fp, skipping white space and comments.
 * Returns 1 on success, 0 at end of input, -1 on a malformed token. */
static int next_int(FILE *fp, i64 *out)
{
    int c, neg = 0, digits = 0;
    i64 v = 0;

    do {
        c = fgetc(fp);
        if (c == '#')
            while (c != '\n' && c != EOF)
                c = fgetc(fp);
    } while (c == ' ' || c == '\t' || c == '\r' || c == '\n');
    if (c == EOF)
        return 0;
    if (c == '-') {
        neg = 1;
        c = fgetc(fp);
    }
    for (; c >= '0' && c <= '9'; c = fgetc(fp)) {
        if (v > 100000000000000LL)
            return -1;
        v = v * 10 + (c - '0');
        digits++;
    }
    if (c == '#')
        ungetc(c, fp);
    else if (c != EOF && c != ' ' && c != '\t' && c != '\r' && c != '\n')
        return -1;
    if (digits == 0)
        return -1;
    *out = neg ? -v : v;
    return 1;
}

/* ------------------------------------------------------------------ */
/* Residual network                                                     */
/* ------------------------------------------------------------------ */

/* Arc 2i is the i-th input arc, arc 2i+1 its reverse; arc a ^ 1 is the
 * partner of arc a.  Adjacency is stored as arc indices in CSR form. */
typedef struct {
    int n, m;
    int src, sink;
    int *head;      /* head[a]: vertex the arc points to */
    i64 *cap;       /* original capacity (0 for reverse arcs) */
    i64 *res;       /* residual capacity */
    int *first;     /* first[v] .. first[v+1]-1 index adj[] */
    int *adj;       /* arc indices grouped by tail */
} Net;

static int load_net(const char *path, Net *g)
{
    FILE *fp = fopen(path, "r");
    i64 n, m, s, t, u, v, c;
    int i, *pos;

    if (fp == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        return 0;
    }
    if (next_int(fp, &n) != 1 || next_int(fp, &m) != 1 || next_int(fp, &s) != 1
        || next_int(fp, &t) != 1 || n < 2 || n > 5000000 || m < 0 || m > 20000000
        || s < 0 || s >= n || t < 0 || t >= n || s == t) {
        fprintf(stderr, "%s: bad header\n", path);
        fclose(fp);
        return 0;
    }
    g->n = (int)n;
    g->m = (int)m;
    g->src = (int)s;
    g->sink = (int)t;
    g->head = (int *)xmalloc(2 * (size_t)m, sizeof(int));
    g->cap = (i64 *)xmalloc(2 * (size_t)m, sizeof(i64));
    g->res = (i64 *)xmalloc(2 * (size_t)m, sizeof(i64));
    g->first = (int *)xmalloc((size_t)n + 1, sizeof(int));
    g->adj = (int *)xmalloc(2 * (size_t)m, sizeof(int));
    for (i = 0; i < g->m; i++) {
        if (next_int(fp, &u) != 1 || next_int(fp, &v) != 1 || next_int(fp, &c) != 1
            || u < 0 || u >= n || v < 0 || v >= n || c < 0 || c > CAP_LIMIT) {
            fprintf(stderr, "%s: bad arc %d\n", path, i);
            fclose(fp);
            return 0;
        }
        g->head[2 * i] = (int)v;
        g->head[2 * i + 1] = (int)u;
        g->cap[2 * i] = c;
        g->cap[2 * i + 1] = 0;
        g->first[u + 1]++;
        g->first[v + 1]++;
    }
    fclose(fp);
    for (i = 0; i < g->n; i++)
        g->first[i + 1] += g->first[i];
    pos = (int *)xmalloc((size_t)g->n, sizeof(int));
    memcpy(pos, g->first, (size_t)g->n * sizeof(int));
    for (i = 0; i < 2 * g->m; i++) {
        int tail = g->head[i ^ 1];
        g->adj[pos[tail]++] = i;
    }
    free(pos);
    return 1;
}

static void free_net(Net *g)
{
    free(g->head);
    free(g->cap);
    free(g->res);
    free(g->first);
    free(g->adj);
}

static void reset_flow(Net *g)
{
    memcpy(g->res, g->cap, 2 * (size_t)g->m * sizeof(i64));
}

static i64 arc_flow(const Net *g, int a)
{
    return g->cap[a] - g->res[a];
}

/* ------------------------------------------------------------------ */
/* Dinic                                                                */
/* ------------------------------------------------------------------ */

typedef struct {
    int *level;
    int *queue;
    int *cur;       /* current-arc pointer into adj[] */
    int *stack;     /* arcs on the current DFS path */
    long phases;
    long augments;
} Work;

static void work_init(Work *w, int n)
{
    w->level = (int *)xmalloc((size_t)n, sizeof(int));
    w->queue = (int *)xmalloc((size_t)n, sizeof(int));
    w->cur = (int *)xmalloc((size_t)n, sizeof(int));
    w->stack = (int *)xmalloc((size_t)n, sizeof(int));
    w->phases = 0;
    w->augments = 0;
}

static void work_free(Work *w)
{
    free(w->level);
    free(w->queue);
    free(w->cur);
    free(w->stack);
}

/* Breadth-first search over residual arcs from s; fills level[] (-1 when
 * unreachable).  Returns 1 if t was reached. */
static int build_levels(const Net *g, Work *w, int s, int t)
{
    int qh = 0, qt = 0, v, k;
    for (v = 0; v < g->n; v++)
        w->level[v] = -1;
    w->level[s] = 0;
    w->queue[qt++] = s;
    while (qh < qt) {
        int u = w->queue[qh++];
        for (k = g->first[u]; k < g->first[u + 1]; k++) {
            int a = g->adj[k];
            int h = g->head[a];
            if (g->res[a] > 0 && w->level[h] < 0) {
                w->level[h] = w->level[u] + 1;
                w->queue[qt++] = h;
            }
        }
    }
    return w->level[t] >= 0;
}

/* Finds a blocking flow in the level graph; returns the amount pushed. */
static i64 blocking_flow(Net *g, Work *w, int s, int t)
{
    i64 pushed = 0;
    int depth = 0;
    int u = s;
    int v;

    for (v = 0; v < g->n; v++)
        w->cur[v] = g->first[v];
    for (;;) {
        if (u == t) {
            i64 bottleneck = g->res[w->stack[0]];
            int i, cut = 0;
            for (i = 1; i < depth; i++)
                if (g->res[w->stack[i]] < bottleneck)
                    bottleneck = g->res[w->stack[i]];
            for (i = 0; i < depth; i++) {
                int a = w->stack[i];
                g->res[a] -= bottleneck;
                g->res[a ^ 1] += bottleneck;
            }
            for (i = 0; i < depth; i++)
                if (g->res[w->stack[i]] == 0) {
                    cut = i;
                    break;
                }
            pushed += bottleneck;
            w->augments++;
            /* Resume from the tail of the first saturated arc. */
            depth = cut;
            u = g->head[w->stack[cut] ^ 1];
            continue;
        }
        while (w->cur[u] < g->first[u + 1]) {
            int a = g->adj[w->cur[u]];
            int h = g->head[a];
            if (g->res[a] > 0 && w->level[h] == w->level[u] + 1)
                break;
            w->cur[u]++;
        }
        if (w->cur[u] < g->first[u + 1]) {
            int a = g->adj[w->cur[u]];
            w->stack[depth++] = a;
            u = g->head[a];
        } else {
            /* Dead end: remove u from the level graph and retreat. */
            w->level[u] = -1;
            if (depth == 0)
                break;
            depth--;
            u = g->head[w->stack[depth] ^ 1];
            w->cur[u]++;
        }
    }
    return pushed;
}

static i64 dinic(Net *g, Work *w, int s, int t)
{
    i64 flow = 0;
    reset_flow(g);
    while (build_levels(g, w, s, t)) {
        w->phases++;
        flow += blocking_flow(g, w, s, t);
    }
    return flow;
}

/* ------------------------------------------------------------------ */
/* Edmonds-Karp (shortest augmenting paths), used as a cross-check        */
/* ------------------------------------------------------------------ */

static i64 edmonds_karp(Net *g, int s, int t, long *paths)
{
    int *via = (int *)xmalloc((size_t)g->n, sizeof(int));
    int *queue = (int *)xmalloc((size_t)g->n, sizeof(int));
    i64 flow = 0;
    int v, k;

    reset_flow(g);
    *paths = 0;
    for (;;) {
        int qh = 0, qt = 0;
        i64 b;
        for (v = 0; v < g->n; v++)
            via[v] = -1;
        via[s] = -2;
        queue[qt++] = s;
        while (qh < qt && via[t] == -1) {
            int u = queue[qh++];
            for (k = g->first[u]; k < g->first[u + 1]; k++) {
                int a = g->adj[k];
                int h = g->head[a];
                if (g->res[a] > 0 && via[h] == -1) {
                    via[h] = a;
                    queue[qt++] = h;
                }
            }
        }
        if (via[t] == -1)
            break;
        b = -1;
        for (v = t; v != s; v = g->head[via[v] ^ 1])
            if (b < 0 || g->res[via[v]] < b)
                b = g->res[via[v]];
        for (v = t; v != s; v = g->head[via[v] ^ 1]) {
            g->res[via[v]] -= b;
            g->res[via[v] ^ 1] += b;
        }
        flow += b;
        (*paths)++;
    }
    free(via);
    free(queue);
    return flow;
}

/* ------------------------------------------------------------------ */
/* Checks                                                               */
/* ------------------------------------------------------------------ */

/* Verifies capacity constraints, skew symmetry and conservation for the
 * flow held in g->res.  Returns the number of violations. */
static long check_flow(const Net *g, int s, int t, i64 value)
{
    i64 *excess = (i64 *)xmalloc((size_t)g->n, sizeof(i64));
    long bad = 0;
    int i, v;

    for (i = 0; i < g->m; i++) {
        int a = 2 * i;
        i64 f = arc_flow(g, a);
        if (f < 0 || f > g->cap[a])
            bad++;
        if (arc_flow(g, a ^ 1) != -f)
            bad++;
        excess[g->head[a]] += f;
        excess[g->head[a ^ 1]] -= f;
    }
    for (v = 0; v < g->n; v++) {
        if (v == s) {
            if (excess[v] != -value)
                bad++;
        } else if (v == t) {
            if (excess[v] != value)
                bad++;
        } else if (excess[v] != 0) {
            bad++;
        }
    }
    free(excess);
    return bad;
}

/* Marks the source side of a minimum cut (vertices reachable from s in the
 * residual network) and returns the cut capacity.  The side[] array gets 1
 * for source-side vertices. */
static i64 min_cut(const Net *g, int s, int *side, int *queue, int *cut_arcs)
{
    int qh = 0, qt = 0, i, k;
    i64 capacity = 0;

    memset(side, 0, (size_t)g->n * sizeof(int));
    side[s] = 1;
    queue[qt++] = s;
    while (qh < qt) {
        int u = queue[qh++];
        for (k = g->first[u]; k < g->first[u + 1]; k++) {
            int a = g->adj[k];
            int h = g->head[a];
            if (g->res[a] > 0 && !side[h]) {
                side[h] = 1;
                queue[qt++] = h;
            }
        }
    }
    *cut_arcs = 0;
    for (i = 0; i < g->m; i++) {
        int a = 2 * i;
        if (side[g->head[a ^ 1]] && !side[g->head[a]]) {
            capacity += g->cap[a];
            (*cut_arcs)++;
        }
    }
    return capacity;
}

/* Decomposes the current flow into s-t paths and cycles, consuming a copy
 * of the arc flows.  Returns the total value carried by the paths. */
static i64 decompose(const Net *g, int s, int t, long *npaths, long *ncycles,
                     int *longest)
{
    i64 *f = (i64 *)xmalloc((size_t)g->m, sizeof(i64));
    int *cur = (int *)xmalloc((size_t)g->n, sizeof(int));
    int *onpath = (int *)xmalloc((size_t)g->n, sizeof(int));
    int *path = (int *)xmalloc((size_t)g->n + 1, sizeof(int));
    i64 total = 0;
    int i, v;

    *npaths = 0;
    *ncycles = 0;
    *longest = 0;
    for (i = 0; i < g->m; i++)
        f[i] = arc_flow(g, 2 * i);
    for (v = 0; v < g->n; v++) {
        cur[v] = g->first[v];
        onpath[v] = -1;
    }
    for (;;) {
        int depth = 0;
        int u = s;
        onpath[s] = 0;
        for (;;) {
            int a = -1;
            if (u == t)
                break;
            while (cur[u] < g->first[u + 1]) {
                int c = g->adj[cur[u]];
                if ((c & 1) == 0 && f[c >> 1] > 0) {
                    a = c;
                    break;
                }
                cur[u]++;
            }
            if (a < 0)
                break;
            path[depth++] = a;
            u = g->head[a];
            if (onpath[u] >= 0) {
                /* Cancel the cycle that closes at u. */
                int from = onpath[u], j;
                i64 b = f[path[from] >> 1];
                for (j = from; j < depth; j++)
                    if (f[path[j] >> 1] < b)
                        b = f[path[j] >> 1];
                for (j = from; j < depth; j++) {
                    f[path[j] >> 1] -= b;
                    if (j > from)
                        onpath[g->head[path[j] ^ 1]] = -1;
                }
                (*ncycles)++;
                depth = from;
            } else {
                onpath[u] = depth;
            }
        }
        if (u != t) {
            for (i = 0; i < depth; i++)
                onpath[g->head[path[i]]] = -1;
            onpath[s] = -1;
            break;
        } else {
            i64 b = f[path[0] >> 1];
            for (i = 1; i < depth; i++)
                if (f[path[i] >> 1] < b)
                    b = f[path[i] >> 1];
            for (i = 0; i < depth; i++) {
                f[path[i] >> 1] -= b;
                onpath[g->head[path[i]]] = -1;
            }
            onpath[s] = -1;
            total += b;
            (*npaths)++;
            if (depth > *longest)
                *longest = depth;
        }
    }
    free(f);
    free(cur);
    free(onpath);
    free(path);
    return total;
}

/* ------------------------------------------------------------------ */
/* Driver                                                               */
/* ------------------------------------------------------------------ */

static u64 rng = 0x6a09e667f3bcc909ULL;

static u64 rng_next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static u64 mix(u64 h, u64 v)
{
    h = (h ^ v) * 0x100000001b3ULL;
    return h ^ (h >> 32);
}

int main(int argc, char **argv)
{
    Net g;
    Work w;
    int *side, *queue;
    int pairs = 0, p, i, cut_arcs, side_size, printed;
    i64 flow, cutcap, ekflow, decomposed;
    long bad, ekpaths, npaths, ncycles, total_bad = 0;
    int longest;
    u64 h = 0xcbf29ce484222325ULL;
    i64 best = -1, sum = 0;
    int best_s = 0, best_t = 0, zero_pairs = 0;

    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: maxflow NETWORK [PAIRS]\n");
        return 2;
    }
    if (argc == 3) {
        pairs = atoi(argv[2]);
        if (pairs < 0 || pairs > 10000000) {
            fprintf(stderr, "bad pair count\n");
            return 2;
        }
    }
    if (!load_net(argv[1], &g))
        return 1;
    work_init(&w, g.n);
    side = (int *)xmalloc((size_t)g.n, sizeof(int));
    queue = (int *)xmalloc((size_t)g.n, sizeof(int));

    printf("network: %d vertices, %d arcs, source %d, sink %d\n",
           g.n, g.m, g.src, g.sink);

    flow = dinic(&g, &w, g.src, g.sink);
    printf("max flow: %lld\n", flow);
    printf("dinic: %ld phases, %ld augmenting paths\n", w.phases, w.augments);
    bad = check_flow(&g, g.src, g.sink, flow);
    printf("conservation and capacity check: %s (%ld violations)\n",
           bad == 0 ? "ok" : "FAILED", bad);
    total_bad += bad;

    cutcap = min_cut(&g, g.src, side, queue, &cut_arcs);
    side_size = 0;
    for (i = 0; i < g.n; i++)
        side_size += side[i];
    printf("min cut: %d vertices on the source side, %d on the sink side\n",
           side_size, g.n - side_size);
    printf("min cut: %d arcs, capacity %lld (%s)\n", cut_arcs, cutcap,
           cutcap == flow ? "equals flow" : "MISMATCH");
    if (cutcap != flow)
        total_bad++;
    printed = 0;
    for (i = 0; i < g.m && printed < PRINT_CUT_LIMIT; i++) {
        int a = 2 * i;
        if (side[g.head[a ^ 1]] && !side[g.head[a]]) {
            printf("  cut arc %d -> %d, capacity %lld\n", g.head[a ^ 1],
                   g.head[a], g.cap[a]);
            printed++;
        }
    }
    if (printed < cut_arcs)
        printf("  ... %d more\n", cut_arcs - printed);

    decomposed = decompose(&g, g.src, g.sink, &npaths, &ncycles, &longest);
    printf("decomposition: %ld paths (longest %d arcs), %ld cycles, value %lld (%s)\n",
           npaths, longest, ncycles, decomposed,
           decomposed == flow ? "ok" : "MISMATCH");
    if (decomposed != flow)
        total_bad++;

    ekflow = edmonds_karp(&g, g.src, g.sink, &ekpaths);
    printf("edmonds-karp: %lld with %ld augmenting paths (%s)\n", ekflow, ekpaths,
           ekflow == flow ? "agrees" : "DISAGREES");
    if (ekflow != flow)
        total_bad++;

    if (pairs > 0) {
        w.phases = 0;
        w.augments = 0;
        for (p = 0; p < pairs; p++) {
            int s = (int)(rng_next() % (u64)g.n);
            int t = (int)(rng_next() % (u64)(g.n - 1));
            if (t >= s)
                t++;
            flow = dinic(&g, &w, s, t);
            bad = check_flow(&g, s, t, flow);
            cutcap = min_cut(&g, s, side, queue, &cut_arcs);
            if (cutcap != flow)
                bad++;
            total_bad += bad;
            if (p < 8)
                printf("pair %d: %d -> %d flow %lld, cut %d arcs%s\n", p, s, t,
                       flow, cut_arcs, bad ? " FAILED" : "");
            if (flow > best) {
                best = flow;
                best_s = s;
                best_t = t;
            }
            if (flow == 0)
                zero_pairs++;
            sum += flow;
            h = mix(h, (u64)flow);
            h = mix(h, (u64)cut_arcs);
        }
        printf("pairs: %d solved, %d with zero flow, total flow %lld\n", pairs,
               zero_pairs, sum);
        printf("largest: %d -> %d flow %lld\n", best_s, best_t, best);
        printf("pairs dinic: %ld phases, %ld augmenting paths\n", w.phases,
               w.augments);
        printf("pairs checksum: %016llx\n", h);
    }
    printf("all checks: %s\n", total_bad == 0 ? "ok" : "FAILED");

    free(side);
    free(queue);
    work_free(&w);
    free_net(&g);
    return 0;
}
