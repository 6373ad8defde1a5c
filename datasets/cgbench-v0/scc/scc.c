/*
 * scc: strongly connected components, condensation and reachability.
 *
 * Usage: scc GRAPHS [SOURCES]
 *
 * The file holds one or more directed graphs, one after another:
 *     N M            vertex count, arc count
 *     U V            M lines, one arc each (0-based)
 * Text after '#' up to the end of a line is a comment.
 *
 * For every graph the program finds the strongly connected components with
 * Tarjan's algorithm (iterative, so deep graphs need no deep C stack) and
 * again with Kosaraju's algorithm, checks that both give the same
 * partition, builds the condensation DAG, orders it topologically with
 * Kahn's algorithm, checks the orders produced by both component
 * algorithms against the DAG, and reports longest chains in the DAG and the
 * number of arcs needed to make the graph strongly connected.  It then runs
 * breadth-first searches from vertex 0 and from SOURCES further vertices,
 * forward and backward, and checks that the vertices reachable both ways
 * are exactly the component of the source.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef long long i64;
typedef unsigned long long u64;

#define MAX_SHOW 8
#define HIST_BINS 12

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

/* Reads a non-negative integer; 1 on success, 0 at end of input, -1 on a
 * malformed token. */
static int next_int(FILE *fp, long *out)
{
    int c, digits = 0;
    long v = 0;

    do {
        c = fgetc(fp);
        if (c == '#')
            while (c != '\n' && c != EOF)
                c = fgetc(fp);
    } while (c == ' ' || c == '\t' || c == '\r' || c == '\n');
    if (c == EOF)
        return 0;
    while (c >= '0' && c <= '9') {
        if (v > 100000000L)
            return -1;
        v = v * 10 + (c - '0');
        digits++;
        c = fgetc(fp);
    }
    if (c == '#')
        ungetc(c, fp);
    else if (c != EOF && c != ' ' && c != '\t' && c != '\r' && c != '\n')
        return -1;
    if (digits == 0)
        return -1;
    *out = v;
    return 1;
}

/* ------------------------------------------------------------------ */
/* Directed graph in CSR form, with its reverse                         */
/* ------------------------------------------------------------------ */

typedef struct {
    int n, m;
    int *first;     /* first[v] .. first[v+1]-1 index to[] */
    int *to;
} Csr;

static void csr_build(Csr *c, int n, int m, const int *src, const int *dst)
{
    int i, *pos;
    c->n = n;
    c->m = m;
    c->first = (int *)xmalloc((size_t)n + 1, sizeof(int));
    c->to = (int *)xmalloc((size_t)m, sizeof(int));
    for (i = 0; i < m; i++)
        c->first[src[i] + 1]++;
    for (i = 0; i < n; i++)
        c->first[i + 1] += c->first[i];
    pos = (int *)xmalloc((size_t)n, sizeof(int));
    memcpy(pos, c->first, (size_t)n * sizeof(int));
    for (i = 0; i < m; i++)
        c->to[pos[src[i]]++] = dst[i];
    free(pos);
}

static void csr_free(Csr *c)
{
    free(c->first);
    free(c->to);
}

/* Reads the next graph; returns 1 on success, 0 at end of file, -1 on
 * error.  The reverse graph is built as well. */
static int read_graph(FILE *fp, Csr *g, Csr *rev)
{
    long n, m, a, b;
    int i, r;
    int *src, *dst;

    r = next_int(fp, &n);
    if (r == 0)
        return 0;
    if (r < 0 || next_int(fp, &m) != 1 || n < 1 || n > 10000000 || m > 50000000) {
        fprintf(stderr, "bad graph header\n");
        return -1;
    }
    src = (int *)xmalloc((size_t)m, sizeof(int));
    dst = (int *)xmalloc((size_t)m, sizeof(int));
    for (i = 0; i < (int)m; i++) {
        if (next_int(fp, &a) != 1 || next_int(fp, &b) != 1 || a >= n || b >= n) {
            fprintf(stderr, "bad arc %d\n", i);
            free(src);
            free(dst);
            return -1;
        }
        src[i] = (int)a;
        dst[i] = (int)b;
    }
    csr_build(g, (int)n, (int)m, src, dst);
    csr_build(rev, (int)n, (int)m, dst, src);
    free(src);
    free(dst);
    return 1;
}

/* ------------------------------------------------------------------ */
/* Tarjan                                                               */
/* ------------------------------------------------------------------ */

/* Component ids are assigned in the order components complete, which is a
 * reverse topological order of the condensation.  Returns the count. */
static int tarjan(const Csr *g, int *comp, int *max_depth)
{
    int n = g->n;
    int *index = (int *)xmalloc((size_t)n, sizeof(int));
    int *low = (int *)xmalloc((size_t)n, sizeof(int));
    int *next = (int *)xmalloc((size_t)n, sizeof(int));
    int *stack = (int *)xmalloc((size_t)n, sizeof(int));
    int *calls = (int *)xmalloc((size_t)n, sizeof(int));
    char *onstack = (char *)xmalloc((size_t)n, 1);
    int counter = 0, sp = 0, cp, ncomp = 0, root, v;

    *max_depth = 0;
    for (v = 0; v < n; v++)
        index[v] = -1;
    for (root = 0; root < n; root++) {
        if (index[root] >= 0)
            continue;
        cp = 0;
        index[root] = low[root] = counter++;
        next[root] = g->first[root];
        stack[sp++] = root;
        onstack[root] = 1;
        calls[cp++] = root;
        while (cp > 0) {
            v = calls[cp - 1];
            if (cp > *max_depth)
                *max_depth = cp;
            if (next[v] < g->first[v + 1]) {
                int w = g->to[next[v]++];
                if (index[w] < 0) {
                    index[w] = low[w] = counter++;
                    next[w] = g->first[w];
                    stack[sp++] = w;
                    onstack[w] = 1;
                    calls[cp++] = w;
                } else if (onstack[w] && index[w] < low[v]) {
                    low[v] = index[w];
                }
            } else {
                cp--;
                if (low[v] == index[v]) {
                    int w;
                    do {
                        w = stack[--sp];
                        onstack[w] = 0;
                        comp[w] = ncomp;
                    } while (w != v);
                    ncomp++;
                }
                if (cp > 0) {
                    int u = calls[cp - 1];
                    if (low[v] < low[u])
                        low[u] = low[v];
                }
            }
        }
    }
    free(index);
    free(low);
    free(next);
    free(stack);
    free(calls);
    free(onstack);
    return ncomp;
}

/* ------------------------------------------------------------------ */
/* Kosaraju                                                             */
/* ------------------------------------------------------------------ */

/* Component ids come out in topological order of the condensation. */
static int kosaraju(const Csr *g, const Csr *rev, int *comp)
{
    int n = g->n;
    int *order = (int *)xmalloc((size_t)n, sizeof(int));
    int *next = (int *)xmalloc((size_t)n, sizeof(int));
    int *stack = (int *)xmalloc((size_t)n, sizeof(int));
    char *seen = (char *)xmalloc((size_t)n, 1);
    int done = 0, ncomp = 0, root, i, sp;

    /* First pass: vertices in order of DFS completion on g. */
    for (root = 0; root < n; root++) {
        if (seen[root])
            continue;
        sp = 0;
        seen[root] = 1;
        next[root] = g->first[root];
        stack[sp++] = root;
        while (sp > 0) {
            int v = stack[sp - 1];
            if (next[v] < g->first[v + 1]) {
                int w = g->to[next[v]++];
                if (!seen[w]) {
                    seen[w] = 1;
                    next[w] = g->first[w];
                    stack[sp++] = w;
                }
            } else {
                order[done++] = v;
                sp--;
            }
        }
    }
    /* Second pass: search the reverse graph in decreasing completion time. */
    for (i = 0; i < n; i++)
        comp[i] = -1;
    for (i = n - 1; i >= 0; i--) {
        int r = order[i];
        if (comp[r] >= 0)
            continue;
        sp = 0;
        comp[r] = ncomp;
        stack[sp++] = r;
        while (sp > 0) {
            int v = stack[--sp], k;
            for (k = rev->first[v]; k < rev->first[v + 1]; k++) {
                int w = rev->to[k];
                if (comp[w] < 0) {
                    comp[w] = ncomp;
                    stack[sp++] = w;
                }
            }
        }
        ncomp++;
    }
    free(order);
    free(next);
    free(stack);
    free(seen);
    return ncomp;
}

/* ------------------------------------------------------------------ */
/* Condensation                                                         */
/* ------------------------------------------------------------------ */

/* Builds the condensation DAG (no parallel arcs, no loops). */
static void condense(const Csr *g, const int *comp, int ncomp, Csr *dag)
{
    int *members_first = (int *)xmalloc((size_t)ncomp + 1, sizeof(int));
    int *members = (int *)xmalloc((size_t)g->n, sizeof(int));
    int *pos = (int *)xmalloc((size_t)ncomp, sizeof(int));
    int *mark = (int *)xmalloc((size_t)ncomp, sizeof(int));
    int *src = (int *)xmalloc((size_t)g->m, sizeof(int));
    int *dst = (int *)xmalloc((size_t)g->m, sizeof(int));
    int v, c, k, count = 0;

    for (v = 0; v < g->n; v++)
        members_first[comp[v] + 1]++;
    for (c = 0; c < ncomp; c++)
        members_first[c + 1] += members_first[c];
    memcpy(pos, members_first, (size_t)ncomp * sizeof(int));
    for (v = 0; v < g->n; v++)
        members[pos[comp[v]]++] = v;
    for (c = 0; c < ncomp; c++)
        mark[c] = -1;
    for (c = 0; c < ncomp; c++) {
        int i;
        for (i = members_first[c]; i < members_first[c + 1]; i++) {
            v = members[i];
            for (k = g->first[v]; k < g->first[v + 1]; k++) {
                int d = comp[g->to[k]];
                if (d != c && mark[d] != c) {
                    mark[d] = c;
                    src[count] = c;
                    dst[count] = d;
                    count++;
                }
            }
        }
    }
    csr_build(dag, ncomp, count, src, dst);
    free(members_first);
    free(members);
    free(pos);
    free(mark);
    free(src);
    free(dst);
}

/* Kahn's algorithm with a FIFO queue; returns how many components were
 * ordered (fewer than dag->n would mean a cycle). */
static int topo_order(const Csr *dag, int *order, int *rank)
{
    int n = dag->n, head = 0, tail = 0, v, k;
    int *indeg = (int *)xmalloc((size_t)n, sizeof(int));

    for (v = 0; v < n; v++)
        for (k = dag->first[v]; k < dag->first[v + 1]; k++)
            indeg[dag->to[k]]++;
    for (v = 0; v < n; v++)
        if (indeg[v] == 0)
            order[tail++] = v;
    while (head < tail) {
        v = order[head++];
        for (k = dag->first[v]; k < dag->first[v + 1]; k++)
            if (--indeg[dag->to[k]] == 0)
                order[tail++] = dag->to[k];
    }
    for (v = 0; v < n; v++)
        rank[v] = -1;
    for (v = 0; v < tail; v++)
        rank[order[v]] = v;
    free(indeg);
    return tail;
}

/* ------------------------------------------------------------------ */
/* Breadth-first search                                                 */
/* ------------------------------------------------------------------ */

/* Distances from s (-1 when unreachable); returns the number reached and
 * the largest distance through *ecc. */
static int bfs(const Csr *g, int s, int *dist, int *queue, int *ecc)
{
    int head = 0, tail = 0, v, k;
    for (v = 0; v < g->n; v++)
        dist[v] = -1;
    dist[s] = 0;
    queue[tail++] = s;
    while (head < tail) {
        v = queue[head++];
        for (k = g->first[v]; k < g->first[v + 1]; k++) {
            int w = g->to[k];
            if (dist[w] < 0) {
                dist[w] = dist[v] + 1;
                queue[tail++] = w;
            }
        }
    }
    *ecc = dist[queue[tail - 1]];
    return tail;
}

/* ------------------------------------------------------------------ */
/* Per-graph analysis                                                   */
/* ------------------------------------------------------------------ */

static u64 rng = 0x853c49e6748fea9bULL;

static u64 rng_next(void)
{
    u64 x = rng;
    rng = x * 6364136223846793005ULL + 1442695040888963407ULL;
    x ^= x >> 22;
    return x ^ (x >> 41);
}

static long analyse(int gi, const Csr *g, const Csr *rev, int sources)
{
    int n = g->n;
    int *tcomp = (int *)xmalloc((size_t)n, sizeof(int));
    int *kcomp = (int *)xmalloc((size_t)n, sizeof(int));
    int *size, *minv, *map, *order, *rank, *chain, *wchain, *dist, *rdist, *queue;
    int tn, kn, depth, ordered, v, c, k, s;
    int dag_sources = 0, dag_sinks = 0, largest = 0, singles = 0;
    int best_chain = 0, best_wchain = 0, ecc, reached;
    long bad = 0;
    long hist[HIST_BINS];
    i64 pair_total = 0;
    u64 h = 0xcbf29ce484222325ULL;
    Csr dag;

    printf("graph %d: %d vertices, %d arcs\n", gi, n, g->m);
    tn = tarjan(g, tcomp, &depth);
    kn = kosaraju(g, rev, kcomp);
    printf("  tarjan: %d components (search depth %d); kosaraju: %d components\n",
           tn, depth, kn);

    /* Same partition: the map from Tarjan ids to Kosaraju ids must be a
     * well-defined bijection. */
    map = (int *)xmalloc((size_t)tn, sizeof(int));
    for (c = 0; c < tn; c++)
        map[c] = -1;
    if (tn != kn)
        bad++;
    else {
        int *used = (int *)xmalloc((size_t)kn, sizeof(int));
        for (v = 0; v < n; v++) {
            if (map[tcomp[v]] < 0) {
                if (used[kcomp[v]])
                    bad++;
                used[kcomp[v]] = 1;
                map[tcomp[v]] = kcomp[v];
            } else if (map[tcomp[v]] != kcomp[v]) {
                bad++;
            }
        }
        free(used);
    }
    printf("  partitions: %s\n", bad == 0 ? "identical" : "DIFFERENT");

    size = (int *)xmalloc((size_t)tn, sizeof(int));
    minv = (int *)xmalloc((size_t)tn, sizeof(int));
    for (c = 0; c < tn; c++)
        minv[c] = -1;
    for (v = 0; v < n; v++) {
        size[tcomp[v]]++;
        if (minv[tcomp[v]] < 0)
            minv[tcomp[v]] = v;
    }
    for (c = 0; c < tn; c++) {
        if (size[c] > largest)
            largest = size[c];
        if (size[c] == 1)
            singles++;
    }
    printf("  largest component %d vertices, %d single-vertex components\n",
           largest, singles);

    condense(g, tcomp, tn, &dag);
    order = (int *)xmalloc((size_t)tn, sizeof(int));
    rank = (int *)xmalloc((size_t)tn, sizeof(int));
    ordered = topo_order(&dag, order, rank);
    if (ordered != tn)
        bad++;
    for (c = 0; c < tn; c++) {
        int outdeg = dag.first[c + 1] - dag.first[c];
        if (outdeg == 0)
            dag_sinks++;
        for (k = dag.first[c]; k < dag.first[c + 1]; k++) {
            int d = dag.to[k];
            /* Tarjan numbers components in reverse topological order,
             * Kosaraju in topological order, Kahn by construction. */
            if (!(c > d) || !(map[c] < map[d]) || !(rank[c] < rank[d]))
                bad++;
        }
    }
    {
        int *indeg = (int *)xmalloc((size_t)tn, sizeof(int));
        for (k = 0; k < dag.m; k++)
            indeg[dag.to[k]]++;
        for (c = 0; c < tn; c++)
            if (indeg[c] == 0)
                dag_sources++;
        free(indeg);
    }
    printf("  condensation: %d arcs, %d sources, %d sinks, topological order %s\n",
           dag.m, dag_sources, dag_sinks, ordered == tn ? "complete" : "INCOMPLETE");
    printf("  arcs needed to make it strongly connected: %d\n",
           tn == 1 ? 0 : (dag_sources > dag_sinks ? dag_sources : dag_sinks));

    printf("  order:");
    for (k = 0; k < ordered && k < MAX_SHOW; k++)
        printf(" [%d:%d]", minv[order[k]], size[order[k]]);
    if (ordered > MAX_SHOW)
        printf(" ... [%d:%d]", minv[order[ordered - 1]], size[order[ordered - 1]]);
    printf("\n");

    /* Longest chains in the DAG, counted in components and in vertices. */
    chain = (int *)xmalloc((size_t)tn, sizeof(int));
    wchain = (int *)xmalloc((size_t)tn, sizeof(int));
    for (k = ordered - 1; k >= 0; k--) {
        int best = 0, wbest = 0, e;
        c = order[k];
        for (e = dag.first[c]; e < dag.first[c + 1]; e++) {
            int d = dag.to[e];
            if (chain[d] > best)
                best = chain[d];
            if (wchain[d] > wbest)
                wbest = wchain[d];
        }
        chain[c] = best + 1;
        wchain[c] = wbest + size[c];
        if (chain[c] > best_chain)
            best_chain = chain[c];
        if (wchain[c] > best_wchain)
            best_wchain = wchain[c];
    }
    printf("  longest chain: %d components, heaviest chain: %d vertices\n",
           best_chain, best_wchain);

    /* Breadth-first searches. */
    dist = (int *)xmalloc((size_t)n, sizeof(int));
    rdist = (int *)xmalloc((size_t)n, sizeof(int));
    queue = (int *)xmalloc((size_t)n, sizeof(int));
    for (s = 0; s <= sources; s++) {
        int src = s == 0 ? 0 : (int)(rng_next() % (u64)n);
        int recc, rreached, both = 0, mismatch = 0;
        reached = bfs(g, src, dist, queue, &ecc);
        rreached = bfs(rev, src, rdist, queue, &recc);
        for (v = 0; v < n; v++) {
            int in_both = dist[v] >= 0 && rdist[v] >= 0;
            both += in_both;
            if (in_both != (tcomp[v] == tcomp[src]))
                mismatch++;
            if (dist[v] >= 0)
                h = (h ^ (u64)(dist[v] + 1)) * 0x100000001b3ULL;
        }
        bad += mismatch;
        pair_total += reached;
        if (s == 0) {
            for (k = 0; k < HIST_BINS; k++)
                hist[k] = 0;
            for (v = 0; v < n; v++)
                if (dist[v] >= 0)
                    hist[dist[v] < HIST_BINS - 1 ? dist[v] : HIST_BINS - 1]++;
            printf("  bfs from 0: reaches %d (eccentricity %d), reached from %d "
                   "(within %d steps), both ways %d\n",
                   reached, ecc, rreached, recc, both);
            printf("  distance histogram:");
            for (k = 0; k < HIST_BINS && k <= ecc; k++)
                printf(" %ld", hist[k]);
            if (ecc >= HIST_BINS)
                printf(" (last bin %d+)", HIST_BINS - 1);
            printf("\n");
        } else if (s <= 3) {
            printf("  bfs from %d: reaches %d (eccentricity %d), reached from %d, "
                   "component %d\n", src, reached, ecc, rreached, both);
        }
    }
    if (sources > 0)
        printf("  %d extra sources: %lld reachable pairs in total\n", sources,
               pair_total);
    printf("  bfs checksum: %016llx\n", h);
    printf("  checks: %s\n", bad == 0 ? "ok" : "FAILED");

    csr_free(&dag);
    free(tcomp);
    free(kcomp);
    free(map);
    free(size);
    free(minv);
    free(order);
    free(rank);
    free(chain);
    free(wchain);
    free(dist);
    free(rdist);
    free(queue);
    return bad;
}

int main(int argc, char **argv)
{
    FILE *fp;
    Csr g, rev;
    int sources = 0, count = 0, r;
    long bad = 0;

    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: scc GRAPHS [SOURCES]\n");
        return 2;
    }
    if (argc == 3) {
        sources = atoi(argv[2]);
        if (sources < 0 || sources > 10000000) {
            fprintf(stderr, "bad source count\n");
            return 2;
        }
    }
    fp = fopen(argv[1], "r");
    if (fp == NULL) {
        fprintf(stderr, "cannot open %s\n", argv[1]);
        return 1;
    }
    while ((r = read_graph(fp, &g, &rev)) == 1) {
        bad += analyse(count, &g, &rev, sources);
        count++;
        csr_free(&g);
        csr_free(&rev);
    }
    fclose(fp);
    if (r < 0)
        return 1;
    printf("%d graphs, all checks %s\n", count, bad == 0 ? "ok" : "FAILED");
    return 0;
}
