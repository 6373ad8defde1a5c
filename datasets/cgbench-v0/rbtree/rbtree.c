/*
 * rbtree: a red-black tree driven by a text file of commands.
 *
 * Usage: rbtree COMMANDFILE [SCALE]
 *
 * The tree maps long keys to long values.  Commands, one per line
 * (blank lines and lines starting with '#' are ignored):
 *   insert K...          insert keys (value = line number); existing keys
 *                        get their value replaced
 *   delete K...          remove keys
 *   find K...            look keys up and print their values
 *   walk                 print the first keys of an in-order walk
 *   rwalk                print the last keys, walking backwards
 *   range LO HI          count and sum the keys in [LO, HI]
 *   check                verify all red-black and search-tree invariants
 *   random N RANGE SEED  N*SCALE pseudo-random inserts, deletes and finds
 *                        with keys in [0, RANGE), cross-checked against a
 *                        plain presence table
 *   clear                remove every key
 * SCALE (default 1) multiplies the operation count of "random" commands.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Node {
    struct Node *left, *right, *parent;
    long key;
    long value;
    int red;
} Node;

typedef struct {
    Node *root;
    long size;
} Tree;

/* Shared black leaf sentinel. */
static Node nil_node = {&nil_node, &nil_node, &nil_node, 0, 0, 0};
#define NIL (&nil_node)

/* Counters of rebalancing work, reported by "check". */
static long rotations, recolourings;

static void rotate_left(Tree *t, Node *x)
{
    Node *y = x->right;
    x->right = y->left;
    if (y->left != NIL) y->left->parent = x;
    y->parent = x->parent;
    if (x->parent == NIL)
        t->root = y;
    else if (x == x->parent->left)
        x->parent->left = y;
    else
        x->parent->right = y;
    y->left = x;
    x->parent = y;
    rotations++;
}

static void rotate_right(Tree *t, Node *x)
{
    Node *y = x->left;
    x->left = y->right;
    if (y->right != NIL) y->right->parent = x;
    y->parent = x->parent;
    if (x->parent == NIL)
        t->root = y;
    else if (x == x->parent->right)
        x->parent->right = y;
    else
        x->parent->left = y;
    y->right = x;
    x->parent = y;
    rotations++;
}

static Node *tree_find(const Tree *t, long key)
{
    Node *n = t->root;
    while (n != NIL && n->key != key) n = key < n->key ? n->left : n->right;
    return n;
}

static Node *subtree_min(Node *n)
{
    while (n->left != NIL) n = n->left;
    return n;
}

static Node *subtree_max(Node *n)
{
    while (n->right != NIL) n = n->right;
    return n;
}

static Node *next_node(Node *n)
{
    Node *p;
    if (n->right != NIL) return subtree_min(n->right);
    p = n->parent;
    while (p != NIL && n == p->right) {
        n = p;
        p = p->parent;
    }
    return p;
}

static Node *prev_node(Node *n)
{
    Node *p;
    if (n->left != NIL) return subtree_max(n->left);
    p = n->parent;
    while (p != NIL && n == p->left) {
        n = p;
        p = p->parent;
    }
    return p;
}

/* First node whose key is >= key, or NIL. */
static Node *lower_bound(const Tree *t, long key)
{
    Node *n = t->root, *best = NIL;
    while (n != NIL) {
        if (n->key >= key) {
            best = n;
            n = n->left;
        } else {
            n = n->right;
        }
    }
    return best;
}

static void insert_fixup(Tree *t, Node *z)
{
    while (z->parent->red) {
        Node *p = z->parent, *g = p->parent;
        if (p == g->left) {
            Node *u = g->right;
            if (u->red) {
                p->red = 0;
                u->red = 0;
                g->red = 1;
                z = g;
                recolourings++;
                continue;
            }
            if (z == p->right) {
                z = p;
                rotate_left(t, z);
                p = z->parent;
            }
            p->red = 0;
            g->red = 1;
            rotate_right(t, g);
        } else {
            Node *u = g->left;
            if (u->red) {
                p->red = 0;
                u->red = 0;
                g->red = 1;
                z = g;
                recolourings++;
                continue;
            }
            if (z == p->left) {
                z = p;
                rotate_right(t, z);
                p = z->parent;
            }
            p->red = 0;
            g->red = 1;
            rotate_left(t, g);
        }
    }
    t->root->red = 0;
}

/* Returns 1 if a new node was added, 0 if an existing value was replaced. */
static int tree_insert(Tree *t, long key, long value)
{
    Node *parent = NIL, *n = t->root, *z;
    while (n != NIL) {
        if (key == n->key) {
            n->value = value;
            return 0;
        }
        parent = n;
        n = key < n->key ? n->left : n->right;
    }
    z = malloc(sizeof *z);
    if (!z) {
        printf("out of memory\n");
        exit(1);
    }
    z->key = key;
    z->value = value;
    z->left = z->right = NIL;
    z->parent = parent;
    z->red = 1;
    if (parent == NIL)
        t->root = z;
    else if (key < parent->key)
        parent->left = z;
    else
        parent->right = z;
    t->size++;
    insert_fixup(t, z);
    return 1;
}

/* Puts v where u was, as seen from u's parent.  v may be the sentinel. */
static void replace_child(Tree *t, Node *u, Node *v)
{
    if (u->parent == NIL)
        t->root = v;
    else if (u == u->parent->left)
        u->parent->left = v;
    else
        u->parent->right = v;
    v->parent = u->parent;
}

static void delete_fixup(Tree *t, Node *x)
{
    while (x != t->root && !x->red) {
        Node *p = x->parent;
        if (x == p->left) {
            Node *w = p->right;
            if (w->red) {
                w->red = 0;
                p->red = 1;
                rotate_left(t, p);
                w = p->right;
            }
            if (!w->left->red && !w->right->red) {
                w->red = 1;
                x = p;
                recolourings++;
            } else {
                if (!w->right->red) {
                    w->left->red = 0;
                    w->red = 1;
                    rotate_right(t, w);
                    w = p->right;
                }
                w->red = p->red;
                p->red = 0;
                w->right->red = 0;
                rotate_left(t, p);
                x = t->root;
            }
        } else {
            Node *w = p->left;
            if (w->red) {
                w->red = 0;
                p->red = 1;
                rotate_right(t, p);
                w = p->left;
            }
            if (!w->left->red && !w->right->red) {
                w->red = 1;
                x = p;
                recolourings++;
            } else {
                if (!w->left->red) {
                    w->right->red = 0;
                    w->red = 1;
                    rotate_left(t, w);
                    w = p->left;
                }
                w->red = p->red;
                p->red = 0;
                w->left->red = 0;
                rotate_right(t, p);
                x = t->root;
            }
        }
    }
    x->red = 0;
}

/* Returns 1 if the key was present and has been removed. */
static int tree_delete(Tree *t, long key)
{
    Node *z = tree_find(t, key), *x;
    int removed_red;
    if (z == NIL) return 0;
    removed_red = z->red;
    if (z->left == NIL) {
        x = z->right;
        replace_child(t, z, x);
    } else if (z->right == NIL) {
        x = z->left;
        replace_child(t, z, x);
    } else {
        /* Move the successor y into z's place. */
        Node *y = subtree_min(z->right);
        removed_red = y->red;
        x = y->right;
        if (y->parent == z) {
            x->parent = y;
        } else {
            replace_child(t, y, x);
            y->right = z->right;
            y->right->parent = y;
        }
        replace_child(t, z, y);
        y->left = z->left;
        y->left->parent = y;
        y->red = z->red;
    }
    free(z);
    t->size--;
    if (!removed_red) delete_fixup(t, x);
    NIL->parent = NIL;
    return 1;
}

static void free_subtree(Node *n)
{
    while (n != NIL) {
        Node *right = n->right;
        free_subtree(n->left);
        free(n);
        n = right;
    }
}

static void tree_clear(Tree *t)
{
    free_subtree(t->root);
    t->root = NIL;
    t->size = 0;
}

/*
 * Checks the subtree rooted at n: keys strictly within (lo, hi) where the
 * bounds apply only when has_lo / has_hi are set, correct parent links, no
 * red node with a red child, and equal black heights.  Returns the black
 * height, or -1 on a violation (described in *why).  Counts nodes in *count
 * and records the maximum depth in *depth.
 */
static int check_subtree(const Node *n, const Node *parent, int has_lo, long lo, int has_hi,
                         long hi, int level, long *count, int *depth, const char **why)
{
    int bl, br;
    if (n == NIL) {
        if (level > *depth) *depth = level;
        return 1;
    }
    (*count)++;
    if (n->parent != parent) {
        *why = "bad parent link";
        return -1;
    }
    if ((has_lo && n->key <= lo) || (has_hi && n->key >= hi)) {
        *why = "search order violated";
        return -1;
    }
    if (n->red && (n->left->red || n->right->red)) {
        *why = "red node with red child";
        return -1;
    }
    bl = check_subtree(n->left, n, has_lo, lo, 1, n->key, level + 1, count, depth, why);
    if (bl < 0) return -1;
    br = check_subtree(n->right, n, 1, n->key, has_hi, hi, level + 1, count, depth, why);
    if (br < 0) return -1;
    if (bl != br) {
        *why = "unequal black heights";
        return -1;
    }
    return bl + !n->red;
}

/* Verifies the whole tree; prints a report line and returns 1 if valid. */
static int tree_check(const Tree *t, const char *label)
{
    long count = 0;
    int depth = 0, bh;
    const char *why = "ok";
    if (NIL->red || NIL->left != NIL || NIL->right != NIL) {
        why = "sentinel damaged";
        bh = -1;
    } else if (t->root->red) {
        why = "red root";
        bh = -1;
    } else {
        bh = check_subtree(t->root, NIL, 0, 0, 0, 0, 0, &count, &depth, &why);
        if (bh >= 0 && count != t->size) {
            why = "size mismatch";
            bh = -1;
        }
    }
    if (bh < 0) {
        printf("%s: INVALID (%s)\n", label, why);
        return 0;
    }
    printf("%s: size=%ld black_height=%d height=%d ok\n", label, t->size, bh, depth);
    return 1;
}

static unsigned long long rng_state;

static unsigned long rng_next(void)
{
    /* xorshift64* generator, 32 bits of output. */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (unsigned long)((rng_state * 2685821657736338717ULL) >> 32);
}

/* The "random" command: mixed operations cross-checked with a table. */
static int random_ops(Tree *t, long nops, long range, unsigned long long seed)
{
    unsigned char *present;
    long ins = 0, del = 0, hits = 0, misses = 0, errors = 0;
    unsigned long sum = 0;
    Node *n;
    if (range < 1 || range > 10000000L || nops < 0) {
        printf("random: bad arguments\n");
        return 0;
    }
    present = calloc((size_t)range, 1);
    if (!present) return 0;
    for (n = t->root == NIL ? NIL : subtree_min(t->root); n != NIL; n = next_node(n))
        if (n->key >= 0 && n->key < range) present[n->key] = 1;
    rng_state = seed * 0x9e3779b97f4a7c15ULL + 1;
    for (long i = 0; i < nops; i++) {
        unsigned long r = rng_next();
        long key = (long)(rng_next() % (unsigned long)range);
        unsigned op = (unsigned)(r % 10);
        if (op < 5) {
            int added = tree_insert(t, key, i);
            if (added != !present[key]) errors++;
            ins += added;
            present[key] = 1;
        } else if (op < 8) {
            int removed = tree_delete(t, key);
            if (removed != present[key]) errors++;
            del += removed;
            present[key] = 0;
        } else {
            Node *f = tree_find(t, key);
            if ((f != NIL) != present[key]) errors++;
            if (f != NIL) {
                hits++;
                sum = sum * 31u + (unsigned long)f->value;
            } else {
                misses++;
            }
        }
    }
    for (long k = 0; k < range; k++)
        if (present[k] && tree_find(t, k) == NIL) errors++;
    free(present);
    printf("random: ops=%ld inserted=%ld deleted=%ld found=%ld missed=%ld valsum=%08lx size=%ld errors=%ld\n",
           nops, ins, del, hits, misses, sum & 0xffffffffUL, t->size, errors);
    return errors == 0;
}

/* Reads the next integer from *p; returns 0 if there is none. */
static int next_long(char **p, long *out)
{
    char *end;
    while (**p == ' ' || **p == '\t') (*p)++;
    if (**p == '\0' || **p == '\n' || **p == '\r') return 0;
    *out = strtol(*p, &end, 10);
    if (end == *p) return 0;
    *p = end;
    return 1;
}

static int word_is(const char *s, const char *w)
{
    size_t n = strlen(w);
    return strncmp(s, w, n) == 0 && (s[n] == '\0' || s[n] == ' ' || s[n] == '\t' ||
                                     s[n] == '\n' || s[n] == '\r');
}

#define WALK_SHOW 16

int main(int argc, char **argv)
{
    Tree tree = {NIL, 0};
    char line[4096];
    long lineno = 0, scale = 1, failures = 0;
    FILE *f;

    if (argc < 2 || argc > 3) {
        printf("usage: rbtree COMMANDFILE [SCALE]\n");
        return 1;
    }
    if (argc == 3) scale = atol(argv[2]);
    f = fopen(argv[1], "r");
    if (!f) {
        printf("cannot open %s\n", argv[1]);
        return 1;
    }
    while (fgets(line, sizeof line, f)) {
        char *p = line;
        long a, b, c, k;
        lineno++;
        while (*p == ' ' || *p == '\t') p++;
        if (*p == '#' || *p == '\n' || *p == '\r' || *p == '\0') continue;
        if (word_is(p, "insert")) {
            long added = 0, replaced = 0;
            p += 6;
            while (next_long(&p, &k)) {
                if (tree_insert(&tree, k, lineno))
                    added++;
                else
                    replaced++;
            }
            printf("insert: %ld added, %ld replaced, size=%ld\n", added, replaced, tree.size);
        } else if (word_is(p, "delete")) {
            long removed = 0, missing = 0;
            p += 6;
            while (next_long(&p, &k)) {
                if (tree_delete(&tree, k))
                    removed++;
                else
                    missing++;
            }
            printf("delete: %ld removed, %ld missing, size=%ld\n", removed, missing, tree.size);
        } else if (word_is(p, "find")) {
            p += 4;
            printf("find:");
            while (next_long(&p, &k)) {
                Node *n = tree_find(&tree, k);
                if (n == NIL)
                    printf(" %ld=none", k);
                else
                    printf(" %ld=%ld", k, n->value);
            }
            printf("\n");
        } else if (word_is(p, "walk") || word_is(p, "rwalk")) {
            int backwards = *p == 'r';
            long shown = 0;
            Node *n = NIL;
            if (tree.root != NIL)
                n = backwards ? subtree_max(tree.root) : subtree_min(tree.root);
            printf("%s:", backwards ? "rwalk" : "walk");
            for (; n != NIL && shown < WALK_SHOW; n = backwards ? prev_node(n) : next_node(n), shown++)
                printf(" %ld", n->key);
            printf("%s (size %ld)\n", shown < tree.size ? " ..." : "", tree.size);
        } else if (word_is(p, "range")) {
            long count = 0;
            unsigned long sum = 0;
            p += 5;
            if (!next_long(&p, &a) || !next_long(&p, &b)) {
                printf("line %ld: range needs two numbers\n", lineno);
                continue;
            }
            for (Node *n = lower_bound(&tree, a); n != NIL && n->key <= b; n = next_node(n)) {
                count++;
                sum += (unsigned long)n->key;
            }
            printf("range [%ld, %ld]: count=%ld sum=%lu\n", a, b, count, sum & 0xffffffffUL);
        } else if (word_is(p, "check")) {
            char label[64];
            sprintf(label, "check line %ld", lineno);
            if (!tree_check(&tree, label)) failures++;
        } else if (word_is(p, "random")) {
            p += 6;
            if (!next_long(&p, &a) || !next_long(&p, &b) || !next_long(&p, &c)) {
                printf("line %ld: random needs three numbers\n", lineno);
                continue;
            }
            if (!random_ops(&tree, a * scale, b, (unsigned long long)c)) failures++;
        } else if (word_is(p, "clear")) {
            tree_clear(&tree);
            printf("clear: size=0\n");
        } else {
            printf("line %ld: unknown command\n", lineno);
        }
    }
    fclose(f);
    if (!tree_check(&tree, "final")) failures++;
    printf("rotations=%ld recolourings=%ld failures=%ld\n", rotations, recolourings, failures);
    tree_clear(&tree);
    return 0;
}
