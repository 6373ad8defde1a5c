/*
 * patricia: an IPv4 routing table in a PATRICIA (path-compressed binary)
 * trie, checked against a linear table.
 *
 * Usage: patricia ROUTEFILE NROUTES NLOOKUPS SEED
 *
 * ROUTEFILE holds lines "A.B.C.D/LEN HOP"; other lines, and anything
 * after the hop, are ignored.  Then NROUTES seeded routes are added (all
 * in five /6 blocks, so that many nest), every fifth of them is deleted,
 * and NLOOKUPS addresses are matched by longest prefix.  Every eighth
 * lookup is repeated by scanning the linear table, which must agree, and
 * the trie's node counts are checked after each phase.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define MAX_ROUTES 200000

typedef struct Node {
    uint32_t key;               /* prefix bits; the rest are zero */
    int len;                    /* prefix length, 0..32 */
    int hop;                    /* next hop, or -1 for a branching node */
    struct Node *child[2];
} Node;

typedef struct {
    uint32_t key;
    int len, hop;               /* len -1: deleted */
} Route;

static Node *root;
static Route table[MAX_ROUTES], gen[MAX_ROUTES / 2];
static int ntable, nlive;

static uint32_t mask(int len)
{
    return len == 0 ? 0 : 0xFFFFFFFFu << (32 - len);
}

static int bit(uint32_t key, int i)
{
    return (int)((key >> (31 - i)) & 1u);
}

static Node *new_node(uint32_t key, int len, int hop)
{
    Node *n = malloc(sizeof(*n));
    if (n == NULL)
        exit(2);
    n->key = key;
    n->len = len;
    n->hop = hop;
    n->child[0] = n->child[1] = NULL;
    return n;
}

/* Adds or replaces a route; returns 1 if it was new. */
static int insert(uint32_t key, int len, int hop)
{
    Node **link = &root, *n, *m;
    int common = 0;

    while ((n = *link) != NULL) {
        int limit = n->len < len ? n->len : len;
        for (common = 0; common < limit && !bit(n->key ^ key, common); common++)
            ;
        if (common < n->len)
            break;
        if (n->len == len) {
            int added = n->hop < 0;
            n->hop = hop;
            return added;
        }
        link = &n->child[bit(key, n->len)];
    }
    m = new_node(key, len, hop);
    if (n != NULL && common == len) {
        /* The new prefix contains n. */
        m->child[bit(n->key, len)] = n;
    } else if (n != NULL) {
        /* They part at bit common: join them under a branching node. */
        Node *g = new_node(key & mask(common), common, -1);
        g->child[bit(key, common)] = m;
        g->child[bit(n->key, common)] = n;
        m = g;
    }
    *link = m;
    return 1;
}

/* Splices out the node at *link if it is a branching node that no longer
 * has two children. */
static void prune(Node **link)
{
    Node *n = *link;

    if (n->hop >= 0 || (n->child[0] && n->child[1]))
        return;
    *link = n->child[0] ? n->child[0] : n->child[1];
    free(n);
}

/* Removes a route; returns 1 if it was present. */
static int delete(uint32_t key, int len)
{
    Node **link = &root, **plink = NULL, *n;

    while ((n = *link) != NULL && n->len < len &&
           (key & mask(n->len)) == n->key) {
        plink = link;
        link = &n->child[bit(key, n->len)];
    }
    if (n == NULL || n->len != len || n->key != key || n->hop < 0)
        return 0;
    n->hop = -1;
    prune(link);
    if (plink)
        prune(plink);
    return 1;
}

/* Hop of the longest prefix containing addr, or -1; *len gets its length. */
static int lookup(uint32_t addr, int *len)
{
    Node *n = root;
    int hop = -1;

    *len = -1;
    while (n != NULL && (addr & mask(n->len)) == n->key) {
        if (n->hop >= 0) {
            hop = n->hop;
            *len = n->len;
        }
        if (n->len == 32)
            break;
        n = n->child[bit(addr, n->len)];
    }
    return hop;
}

/* The linear table: later entries for a prefix override earlier ones. */
static void table_delete(uint32_t key, int len)
{
    int i;
    for (i = 0; i < ntable; i++)
        if (table[i].key == key && table[i].len == len)
            table[i].len = -1;
}

static int table_lookup(uint32_t addr, int *len)
{
    int i, hop = -1;

    *len = -1;
    for (i = 0; i < ntable; i++)
        if (table[i].len >= 0 && table[i].len >= *len &&
            (addr & mask(table[i].len)) == table[i].key) {
            *len = table[i].len;
            hop = table[i].hop;
        }
    return hop;
}

/* Counts routes (count[0]) and branching nodes (count[1]); returns the
 * number of branching nodes without two children, which must be none. */
static int walk(const Node *n, long count[2])
{
    if (n == NULL)
        return 0;
    count[n->hop < 0]++;
    return (n->hop < 0 && (!n->child[0] || !n->child[1])) +
           walk(n->child[0], count) + walk(n->child[1], count);
}

static int check(const char *phase)
{
    long count[2] = {0, 0};
    int bad = walk(root, count) || count[0] != nlive;

    printf("%s: %ld routes, %ld branching nodes, %s\n", phase, count[0],
           count[1], bad ? "TRIE BAD" : "ok");
    return bad;
}

static void add(uint32_t key, int len, int hop)
{
    nlive += insert(key, len, hop);
    if (ntable < MAX_ROUTES) {
        table[ntable].key = key;
        table[ntable].len = len;
        table[ntable++].hop = hop;
    }
}

static uint64_t rng_state;

static uint32_t rng(void)
{
    /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 2685821657736338717u) >> 32);
}

int main(int argc, char **argv)
{
    static const unsigned char lengths[16] = {
        8, 10, 12, 14, 16, 16, 18, 20, 21, 22, 23, 24, 24, 24, 28, 32
    };
    char line[200];
    long nlookups, i, hits = 0, by_len[33];
    int nroutes, len, hop, len2, failures = 0;
    uint32_t sum = 2166136261u;
    FILE *f;

    if (argc != 5 || (f = fopen(argv[1], "r")) == NULL) {
        fprintf(stderr, "usage: patricia ROUTEFILE NROUTES NLOOKUPS SEED\n");
        return 2;
    }
    nroutes = (int)strtol(argv[2], NULL, 10);
    nlookups = strtol(argv[3], NULL, 10);
    rng_state = strtoull(argv[4], NULL, 10) * 0x9E3779B97F4A7C15u + 1;
    if (nroutes < 1 || nroutes > MAX_ROUTES / 2)
        return 2;

    /* A.B.C.D/LEN HOP, with host bits cleared; other lines are skipped. */
    while (fgets(line, sizeof(line), f)) {
        char *p = line, *end;
        unsigned long part[6];
        int k;
        for (k = 0; k < 6; k++, p = end) {
            p += *p == '.' || *p == '/';
            part[k] = strtoul(p, &end, 10) & 255u;
            if (end == p)
                break;
        }
        if (k == 6) {
            len = (int)(part[4] % 33);
            add((uint32_t)(part[0] << 24 | part[1] << 16 | part[2] << 8 | part[3]) &
                    mask(len), len, (int)part[5]);
        }
    }
    fclose(f);
    failures += check("file");

    for (i = 0; i < nroutes; i++) {
        /* Keys in five /6 blocks, so that many prefixes nest. */
        uint32_t r = rng();
        len = lengths[r % 16];
        gen[i].key = ((r >> 8) % 5u * 13u << 26 | rng() >> 6) & mask(len);
        gen[i].len = len;
        gen[i].hop = (int)(r >> 26);
        add(gen[i].key, len, gen[i].hop);
    }
    failures += check("generated");
    for (i = 0; i < nroutes; i += 5) {
        nlive -= delete(gen[i].key, gen[i].len);
        table_delete(gen[i].key, gen[i].len);
    }
    failures += check("deleted");

    memset(by_len, 0, sizeof(by_len));
    for (i = 0; i < nlookups; i++) {
        uint32_t addr = rng();
        if (i % 2 == 0) {
            /* An address inside a generated prefix, present or deleted. */
            const Route *g = &gen[rng() % (uint32_t)nroutes];
            addr = g->key | (addr & ~mask(g->len));
        }
        hop = lookup(addr, &len);
        if (hop >= 0) {
            hits++;
            by_len[len]++;
        }
        sum = (sum ^ (uint32_t)(hop + 1)) * 16777619u;
        if (i % 8 == 0)
            failures += table_lookup(addr, &len2) != hop || len2 != len;
    }
    printf("%ld lookups: %ld matched, %ld without a route, checksum %08lx\n",
           nlookups, hits, nlookups - hits, (unsigned long)sum);
    printf("matches by prefix length:");
    for (len = 0; len <= 32; len++)
        if (by_len[len])
            printf(" /%d:%ld", len, by_len[len]);
    printf("\n");
    if (failures) {
        printf("%d checks FAILED\n", failures);
        return 1;
    }
    printf("all %ld lookups agree with the linear table where checked\n",
           nlookups);
    return 0;
}
