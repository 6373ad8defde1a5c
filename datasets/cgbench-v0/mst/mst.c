/*
 * mst: minimum spanning tree (forest) by Kruskal's and by Prim's algorithm.
 *
 * Usage: mst GRAPH                    read an undirected graph from a file
 *        mst SEED VERTICES [DEGREE]   generate a graph from a seed
 *
 * Graph file format:
 *     N M            vertex count, edge count
 *     U V W          M lines, one undirected edge each (0-based, integer W)
 * Text after '#' up to the end of a line is a comment.
 *
 * Edges are ordered by (weight, edge index), a strict total order, so the
 * minimum spanning forest is unique.  Kruskal's algorithm (merge sort plus
 * union-find with path compression and union by rank) and Prim's algorithm
 * (indexed binary heap with decrease-key, restarted in every component)
 * must therefore select exactly the same edges; this is checked.  The
 * forest is further verified with the cycle property: for every non-tree
 * edge the heaviest edge on the tree path between its endpoints (found with
 * binary lifting) must precede it in the edge order.  The same pass yields
 * the weight of the best spanning forest that differs from the minimum one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef long long i64;
typedef unsigned long long u64;

#define WEIGHT_LIMIT 1000000000LL
#define NO_EDGE (-1)

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
/* Graph                                                                */
/* ------------------------------------------------------------------ */

typedef struct {
    int n, m;
    int *u, *v;     /* endpoints of edge i */
    i64 *w;         /* weight of edge i */
    int *first;     /* CSR: first[x] .. first[x+1]-1 index inc[] */
    int *inc;       /* incident edge indices */
} Graph;

/* Strict total order on edges: by weight, then by index. */
static int edge_before(const Graph *g, int a, int b)
{
    return g->w[a] < g->w[b] || (g->w[a] == g->w[b] && a < b);
}

static void alloc_edges(Graph *g, int n, int m)
{
    g->n = n;
    g->m = m;
    g->u = (int *)xmalloc((size_t)m, sizeof(int));
    g->v = (int *)xmalloc((size_t)m, sizeof(int));
    g->w = (i64 *)xmalloc((size_t)m, sizeof(i64));
}

static void build_incidence(Graph *g)
{
    int i, *pos;
    g->first = (int *)xmalloc((size_t)g->n + 1, sizeof(int));
    g->inc = (int *)xmalloc(2 * (size_t)g->m, sizeof(int));
    for (i = 0; i < g->m; i++) {
        g->first[g->u[i] + 1]++;
        g->first[g->v[i] + 1]++;
    }
    for (i = 0; i < g->n; i++)
        g->first[i + 1] += g->first[i];
    pos = (int *)xmalloc((size_t)g->n, sizeof(int));
    memcpy(pos, g->first, (size_t)g->n * sizeof(int));
    for (i = 0; i < g->m; i++) {
        g->inc[pos[g->u[i]]++] = i;
        g->inc[pos[g->v[i]]++] = i;
    }
    free(pos);
}

static void free_graph(Graph *g)
{
    free(g->u);
    free(g->v);
    free(g->w);
    free(g->first);
    free(g->inc);
}

static int next_int(FILE *fp, i64 *out)
{
    int c, neg = 0, digits = 0;
    i64 val = 0;

    do {
        c = fgetc(fp);
        if (c == '#')
            while (c != '\n' && c != EOF)
                c = fgetc(fp);
    } while (c == ' ' || c == '\t' || c == '\r' || c == '\n');
    if (c == EOF)
        return 0;
    if (c == '-' || c == '+') {
        neg = (c == '-');
        c = fgetc(fp);
    }
    while (c >= '0' && c <= '9') {
        if (val > WEIGHT_LIMIT * 100)
            return -1;
        val = val * 10 + (c - '0');
        digits++;
        c = fgetc(fp);
    }
    if (c == '#')
        ungetc(c, fp);
    else if (c != EOF && c != ' ' && c != '\t' && c != '\r' && c != '\n')
        return -1;
    if (digits == 0)
        return -1;
    *out = neg ? -val : val;
    return 1;
}

static int read_graph(const char *path, Graph *g)
{
    FILE *fp = fopen(path, "r");
    i64 n, m, a, b, w;
    int i;

    if (fp == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        return 0;
    }
    if (next_int(fp, &n) != 1 || next_int(fp, &m) != 1 || n < 1 || n > 10000000
        || m < 0 || m > 50000000) {
        fprintf(stderr, "%s: bad header\n", path);
        fclose(fp);
        return 0;
    }
    alloc_edges(g, (int)n, (int)m);
    for (i = 0; i < g->m; i++) {
        if (next_int(fp, &a) != 1 || next_int(fp, &b) != 1 || next_int(fp, &w) != 1
            || a < 0 || a >= n || b < 0 || b >= n || w < -WEIGHT_LIMIT
            || w > WEIGHT_LIMIT) {
            fprintf(stderr, "%s: bad edge %d\n", path, i);
            fclose(fp);
            return 0;
        }
        g->u[i] = (int)a;
        g->v[i] = (int)b;
        g->w[i] = w;
    }
    fclose(fp);
    return 1;
}

/* xorshift64* generator */
static u64 rng_state;

static u64 rng_next(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dULL;
}

static int rng_below(int bound)
{
    return (int)((rng_next() >> 33) % (u64)bound);
}

/* Random points in a square; each vertex gets DEGREE edges, mostly to
 * vertices with nearby indices and sometimes to a random far vertex.  The
 * weight is the Manhattan distance between the endpoints plus one, so many
 * weights tie.  A few vertices are left without edges of their own. */
static void generate_graph(Graph *g, u64 seed, int n, int degree)
{
    int *px = (int *)xmalloc((size_t)n, sizeof(int));
    int *py = (int *)xmalloc((size_t)n, sizeof(int));
    int x, k, m = 0;

    rng_state = seed * 0x9e3779b97f4a7c15ULL + 0x1234567ULL;
    if (rng_state == 0)
        rng_state = 1;
    for (x = 0; x < n; x++) {
        px[x] = rng_below(1000);
        py[x] = rng_below(1000);
    }
    alloc_edges(g, n, n * degree);
    for (x = 0; x < n; x++) {
        if (n > 100 && rng_below(500) == 0)
            continue;
        for (k = 0; k < degree; k++) {
            int y;
            i64 dx, dy;
            if (rng_below(16) == 0)
                y = rng_below(n);
            else
                y = (int)(((i64)x + 1 + rng_below(48)) % n);
            if (y == x)
                continue;
            dx = px[x] - px[y];
            dy = py[x] - py[y];
            g->u[m] = x;
            g->v[m] = y;
            g->w[m] = (dx < 0 ? -dx : dx) + (dy < 0 ? -dy : dy) + 1;
            m++;
        }
    }
    g->m = m;
    free(px);
    free(py);
}

/* ------------------------------------------------------------------ */
/* Kruskal                                                              */
/* ------------------------------------------------------------------ */

typedef struct {
    int *parent;
    int *rank;
    long finds;
    long hops;
} UnionFind;

static void uf_init(UnionFind *uf, int n)
{
    int i;
    uf->parent = (int *)xmalloc((size_t)n, sizeof(int));
    uf->rank = (int *)xmalloc((size_t)n, sizeof(int));
    for (i = 0; i < n; i++)
        uf->parent[i] = i;
    uf->finds = 0;
    uf->hops = 0;
}

static void uf_free(UnionFind *uf)
{
    free(uf->parent);
    free(uf->rank);
}

static int uf_find(UnionFind *uf, int x)
{
    int root = x;
    uf->finds++;
    while (uf->parent[root] != root) {
        root = uf->parent[root];
        uf->hops++;
    }
    /* Path compression: point every vertex on the path at the root. */
    while (uf->parent[x] != root) {
        int next = uf->parent[x];
        uf->parent[x] = root;
        x = next;
    }
    return root;
}

/* Returns 1 if a and b were in different sets (which are then merged). */
static int uf_union(UnionFind *uf, int a, int b)
{
    int ra = uf_find(uf, a), rb = uf_find(uf, b);
    if (ra == rb)
        return 0;
    if (uf->rank[ra] < uf->rank[rb]) {
        int t = ra;
        ra = rb;
        rb = t;
    }
    uf->parent[rb] = ra;
    if (uf->rank[ra] == uf->rank[rb])
        uf->rank[ra]++;
    return 1;
}

/* Bottom-up merge sort of edge indices in edge order. */
static void sort_edges(const Graph *g, int *idx)
{
    int n = g->m, width, i;
    int *tmp = (int *)xmalloc((size_t)n, sizeof(int));
    int *src = idx, *dst = tmp;

    for (width = 1; width < n; width *= 2) {
        for (i = 0; i < n; i += 2 * width) {
            int lo = i;
            int mid = (i + width < n) ? i + width : n;
            int hi = (i + 2 * width < n) ? i + 2 * width : n;
            int a = lo, b = mid, k = lo;
            while (a < mid && b < hi) {
                if (edge_before(g, src[b], src[a]))
                    dst[k++] = src[b++];
                else
                    dst[k++] = src[a++];
            }
            while (a < mid)
                dst[k++] = src[a++];
            while (b < hi)
                dst[k++] = src[b++];
        }
        {
            int *t = src;
            src = dst;
            dst = t;
        }
    }
    if (src != idx)
        memcpy(idx, src, (size_t)n * sizeof(int));
    free(tmp);
}

/* Fills chosen[] with the forest edges in the order Kruskal picks them and
 * returns their number; *components receives the number of trees. */
static int kruskal(const Graph *g, int *chosen, int *components, UnionFind *uf)
{
    int *order = (int *)xmalloc((size_t)g->m, sizeof(int));
    int i, count = 0;

    for (i = 0; i < g->m; i++)
        order[i] = i;
    sort_edges(g, order);
    for (i = 0; i < g->m && count < g->n - 1; i++) {
        int e = order[i];
        if (uf_union(uf, g->u[e], g->v[e]))
            chosen[count++] = e;
    }
    *components = g->n - count;
    free(order);
    return count;
}

/* ------------------------------------------------------------------ */
/* Prim                                                                 */
/* ------------------------------------------------------------------ */

typedef struct {
    const Graph *g;
    int size;
    int *item;
    int *pos;
    int *key;       /* key[x]: best edge connecting x to the tree, or NO_EDGE */
    long ops;
} Heap;

static int heap_less(const Heap *h, int a, int b)
{
    return edge_before(h->g, h->key[a], h->key[b]);
}

static void heap_set(Heap *h, int i, int x)
{
    h->item[i] = x;
    h->pos[x] = i;
}

static void heap_up(Heap *h, int i)
{
    int x = h->item[i];
    while (i > 0) {
        int p = (i - 1) >> 1;
        if (!heap_less(h, x, h->item[p]))
            break;
        heap_set(h, i, h->item[p]);
        i = p;
        h->ops++;
    }
    heap_set(h, i, x);
}

static void heap_down(Heap *h, int i)
{
    int x = h->item[i];
    for (;;) {
        int c = 2 * i + 1;
        if (c >= h->size)
            break;
        if (c + 1 < h->size && heap_less(h, h->item[c + 1], h->item[c]))
            c++;
        if (!heap_less(h, h->item[c], x))
            break;
        heap_set(h, i, h->item[c]);
        i = c;
        h->ops++;
    }
    heap_set(h, i, x);
}

static int prim(const Graph *g, int *chosen, int *components, long *heap_ops)
{
    Heap h;
    char *done = (char *)xmalloc((size_t)g->n, 1);
    int count = 0, root, k;

    h.g = g;
    h.size = 0;
    h.item = (int *)xmalloc((size_t)g->n, sizeof(int));
    h.pos = (int *)xmalloc((size_t)g->n, sizeof(int));
    h.key = (int *)xmalloc((size_t)g->n, sizeof(int));
    h.ops = 0;
    for (root = 0; root < g->n; root++) {
        h.pos[root] = -1;
        h.key[root] = NO_EDGE;
    }
    *components = 0;
    for (root = 0; root < g->n; root++) {
        if (done[root])
            continue;
        (*components)++;
        done[root] = 1;
        k = root;
        for (;;) {
            int x = k, j;
            for (j = g->first[x]; j < g->first[x + 1]; j++) {
                int e = g->inc[j];
                int y = g->u[e] == x ? g->v[e] : g->u[e];
                if (done[y])
                    continue;
                if (h.key[y] == NO_EDGE) {
                    h.key[y] = e;
                    heap_set(&h, h.size++, y);
                    heap_up(&h, h.size - 1);
                } else if (edge_before(g, e, h.key[y])) {
                    h.key[y] = e;
                    heap_up(&h, h.pos[y]);
                }
            }
            if (h.size == 0)
                break;
            k = h.item[0];
            h.size--;
            if (h.size > 0) {
                heap_set(&h, 0, h.item[h.size]);
                heap_down(&h, 0);
            }
            h.pos[k] = -1;
            done[k] = 1;
            chosen[count++] = h.key[k];
        }
    }
    *heap_ops = h.ops;
    free(h.item);
    free(h.pos);
    free(h.key);
    free(done);
    return count;
}

/* ------------------------------------------------------------------ */
/* Verification by the cycle property (binary lifting on the forest)    */
/* ------------------------------------------------------------------ */

typedef struct {
    int levels;
    int *depth;
    int *comp;
    int **up;       /* up[k][x]: 2^k-th ancestor (root maps to itself) */
    int **maxe;     /* maxe[k][x]: heaviest edge on that 2^k step, or NO_EDGE */
} Lifting;

static int heavier(const Graph *g, int a, int b)
{
    if (a == NO_EDGE)
        return b;
    if (b == NO_EDGE)
        return a;
    return edge_before(g, a, b) ? b : a;
}

static void build_lifting(const Graph *g, const int *tree, int count, Lifting *L)
{
    int n = g->n, i, k, head, tail;
    int *first = (int *)xmalloc((size_t)n + 1, sizeof(int));
    int *adj = (int *)xmalloc(2 * (size_t)count + 1, sizeof(int));
    int *pos = (int *)xmalloc((size_t)n, sizeof(int));
    int *queue = (int *)xmalloc((size_t)n, sizeof(int));
    char *seen = (char *)xmalloc((size_t)n, 1);

    for (i = 0; i < count; i++) {
        first[g->u[tree[i]] + 1]++;
        first[g->v[tree[i]] + 1]++;
    }
    for (i = 0; i < n; i++)
        first[i + 1] += first[i];
    memcpy(pos, first, (size_t)n * sizeof(int));
    for (i = 0; i < count; i++) {
        adj[pos[g->u[tree[i]]]++] = tree[i];
        adj[pos[g->v[tree[i]]]++] = tree[i];
    }

    L->levels = 1;
    while ((1 << L->levels) < n)
        L->levels++;
    L->depth = (int *)xmalloc((size_t)n, sizeof(int));
    L->comp = (int *)xmalloc((size_t)n, sizeof(int));
    L->up = (int **)xmalloc((size_t)L->levels, sizeof(int *));
    L->maxe = (int **)xmalloc((size_t)L->levels, sizeof(int *));
    for (k = 0; k < L->levels; k++) {
        L->up[k] = (int *)xmalloc((size_t)n, sizeof(int));
        L->maxe[k] = (int *)xmalloc((size_t)n, sizeof(int));
    }

    /* Breadth-first search from each root gives parents in BFS order, so
     * ancestors are always processed before descendants. */
    head = tail = 0;
    for (i = 0; i < n; i++) {
        if (seen[i])
            continue;
        seen[i] = 1;
        L->up[0][i] = i;
        L->maxe[0][i] = NO_EDGE;
        L->depth[i] = 0;
        L->comp[i] = i;
        queue[tail++] = i;
        while (head < tail) {
            int x = queue[head++], j;
            for (j = first[x]; j < first[x + 1]; j++) {
                int e = adj[j];
                int y = g->u[e] == x ? g->v[e] : g->u[e];
                if (seen[y])
                    continue;
                seen[y] = 1;
                L->up[0][y] = x;
                L->maxe[0][y] = e;
                L->depth[y] = L->depth[x] + 1;
                L->comp[y] = i;
                queue[tail++] = y;
            }
        }
    }
    for (k = 1; k < L->levels; k++) {
        for (i = 0; i < n; i++) {
            int mid = L->up[k - 1][i];
            L->up[k][i] = L->up[k - 1][mid];
            L->maxe[k][i] = heavier(g, L->maxe[k - 1][i], L->maxe[k - 1][mid]);
        }
    }
    free(first);
    free(adj);
    free(pos);
    free(queue);
    free(seen);
}

static void free_lifting(Lifting *L)
{
    int k;
    for (k = 0; k < L->levels; k++) {
        free(L->up[k]);
        free(L->maxe[k]);
    }
    free(L->up);
    free(L->maxe);
    free(L->depth);
    free(L->comp);
}

/* Heaviest edge on the tree path between a and b (same tree). */
static int path_max(const Graph *g, const Lifting *L, int a, int b)
{
    int best = NO_EDGE, k;
    if (L->depth[a] < L->depth[b]) {
        int t = a;
        a = b;
        b = t;
    }
    for (k = L->levels - 1; k >= 0; k--) {
        if (L->depth[a] - (1 << k) >= L->depth[b]) {
            best = heavier(g, best, L->maxe[k][a]);
            a = L->up[k][a];
        }
    }
    if (a == b)
        return best;
    for (k = L->levels - 1; k >= 0; k--) {
        if (L->up[k][a] != L->up[k][b]) {
            best = heavier(g, best, L->maxe[k][a]);
            best = heavier(g, best, L->maxe[k][b]);
            a = L->up[k][a];
            b = L->up[k][b];
        }
    }
    best = heavier(g, best, L->maxe[0][a]);
    best = heavier(g, best, L->maxe[0][b]);
    return best;
}

/* ------------------------------------------------------------------ */
/* Driver                                                               */
/* ------------------------------------------------------------------ */

static int is_number(const char *s)
{
    if (*s == '\0')
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

static u64 hash_edges(const Graph *g, const int *edges, int count)
{
    u64 h = 0x84222325cbf29ce4ULL;
    int i;
    for (i = 0; i < count; i++) {
        h ^= (u64)edges[i] * 0x9e3779b97f4a7c15ULL + (u64)g->w[edges[i]];
        h = (h << 23 | h >> 41) * 0xc2b2ae3d27d4eb4fULL;
    }
    return h;
}

static void sort_ints(int *a, int n)
{
    /* Shell sort with a fixed gap sequence; enough for a check. */
    static const int gaps[] = { 88573, 29524, 9841, 3280, 1093, 364, 121, 40, 13, 4, 1 };
    size_t gi;
    for (gi = 0; gi < sizeof gaps / sizeof gaps[0]; gi++) {
        int gap = gaps[gi], i;
        for (i = gap; i < n; i++) {
            int v = a[i], j = i;
            while (j >= gap && a[j - gap] > v) {
                a[j] = a[j - gap];
                j -= gap;
            }
            a[j] = v;
        }
    }
}

int main(int argc, char **argv)
{
    Graph g;
    UnionFind uf;
    Lifting L;
    int *kedges, *pedges, *in_tree, *degree;
    int kcount, pcount, kcomp, pcomp, i, maxdeg = 0, leaves = 0;
    long heap_ops, violations = 0, mismatched = 0;
    i64 kweight = 0, pweight = 0, second = 0, heaviest = 0;
    int have_second = 0, second_in = -1, second_out = -1;
    long tied = 0;

    if (argc == 2 && !is_number(argv[1])) {
        if (!read_graph(argv[1], &g))
            return 1;
        printf("graph from file: ");
    } else if ((argc == 3 || argc == 4) && is_number(argv[1]) && is_number(argv[2])) {
        int n = atoi(argv[2]);
        int degree = argc == 4 ? atoi(argv[3]) : 3;
        if (n < 2 || n > 5000000 || degree < 1 || degree > 64
            || (i64)n * degree > 50000000) {
            fprintf(stderr, "bad size\n");
            return 2;
        }
        generate_graph(&g, (u64)strtoul(argv[1], NULL, 10), n, degree);
        printf("generated graph (seed %s): ", argv[1]);
    } else {
        fprintf(stderr, "usage: mst GRAPH | mst SEED VERTICES [DEGREE]\n");
        return 2;
    }
    build_incidence(&g);
    printf("%d vertices, %d edges\n", g.n, g.m);

    kedges = (int *)xmalloc((size_t)g.n, sizeof(int));
    pedges = (int *)xmalloc((size_t)g.n, sizeof(int));
    uf_init(&uf, g.n);
    kcount = kruskal(&g, kedges, &kcomp, &uf);
    pcount = prim(&g, pedges, &pcomp, &heap_ops);

    for (i = 0; i < kcount; i++)
        kweight += g.w[kedges[i]];
    for (i = 0; i < pcount; i++)
        pweight += g.w[pedges[i]];
    printf("kruskal: %d edges, %d components, weight %lld\n", kcount, kcomp, kweight);
    printf("kruskal union-find: %ld finds, %ld parent hops\n", uf.finds, uf.hops);
    printf("prim: %d edges, %d components, weight %lld\n", pcount, pcomp, pweight);
    printf("prim heap: %ld sift moves\n", heap_ops);

    if (g.n <= 24) {
        printf("forest edges in kruskal order:\n");
        for (i = 0; i < kcount; i++)
            printf("  %d - %d  w %lld\n", g.u[kedges[i]], g.v[kedges[i]],
                   g.w[kedges[i]]);
    } else if (kcount > 0) {
        printf("heaviest forest edges:");
        for (i = kcount - 1; i >= 0 && i >= kcount - 5; i--)
            printf(" %d-%d(%lld)", g.u[kedges[i]], g.v[kedges[i]], g.w[kedges[i]]);
        printf("\n");
    }

    /* Kruskal and Prim must choose the same set of edges. */
    if (kcount != pcount || kcomp != pcomp || kweight != pweight)
        mismatched++;
    else {
        int *a = (int *)xmalloc((size_t)kcount, sizeof(int));
        int *b = (int *)xmalloc((size_t)pcount, sizeof(int));
        memcpy(a, kedges, (size_t)kcount * sizeof(int));
        memcpy(b, pedges, (size_t)pcount * sizeof(int));
        sort_ints(a, kcount);
        sort_ints(b, pcount);
        for (i = 0; i < kcount; i++)
            if (a[i] != b[i])
                mismatched++;
        printf("edge set hash: %016llx\n", hash_edges(&g, a, kcount));
        free(a);
        free(b);
    }
    printf("kruskal vs prim: %s\n", mismatched == 0 ? "same forest" : "DIFFERENT");

    /* Cycle property and the best forest that differs from the minimum. */
    in_tree = (int *)xmalloc((size_t)g.m, sizeof(int));
    degree = (int *)xmalloc((size_t)g.n, sizeof(int));
    for (i = 0; i < kcount; i++) {
        in_tree[kedges[i]] = 1;
        degree[g.u[kedges[i]]]++;
        degree[g.v[kedges[i]]]++;
        if (g.w[kedges[i]] > heaviest || i == 0)
            heaviest = g.w[kedges[i]];
    }
    build_lifting(&g, kedges, kcount, &L);
    for (i = 0; i < g.m; i++) {
        int a = g.u[i], b = g.v[i], e;
        i64 delta;
        if (in_tree[i] || a == b)
            continue;
        if (L.comp[a] != L.comp[b]) {
            violations++;
            continue;
        }
        e = path_max(&g, &L, a, b);
        if (e == NO_EDGE || !edge_before(&g, e, i)) {
            violations++;
            continue;
        }
        delta = g.w[i] - g.w[e];
        if (delta == 0)
            tied++;
        if (!have_second || delta < second) {
            have_second = 1;
            second = delta;
            second_in = i;
            second_out = e;
        }
    }
    printf("cycle property: %s (%ld violations)\n",
           violations == 0 ? "ok" : "FAILED", violations);
    if (have_second)
        printf("second-best forest: weight %lld (swap in %d-%d w %lld, out %d-%d w %lld)\n",
               kweight + second, g.u[second_in], g.v[second_in], g.w[second_in],
               g.u[second_out], g.v[second_out], g.w[second_out]);
    else
        printf("second-best forest: none\n");
    printf("non-tree edges that tie with their path maximum: %ld\n", tied);

    {
        int maxdepth = 0, deepest = 0;
        for (i = 0; i < g.n; i++) {
            if (degree[i] > maxdeg)
                maxdeg = degree[i];
            if (degree[i] == 1)
                leaves++;
            if (L.depth[i] > maxdepth) {
                maxdepth = L.depth[i];
                deepest = i;
            }
        }
        printf("forest shape: max degree %d, %d leaves, heaviest edge %lld, "
               "deepest vertex %d at depth %d from %d\n",
               maxdeg, leaves, heaviest, deepest, maxdepth, L.comp[deepest]);
    }

    free_lifting(&L);
    free(in_tree);
    free(degree);
    free(kedges);
    free(pedges);
    uf_free(&uf);
    free_graph(&g);
    return 0;
}
