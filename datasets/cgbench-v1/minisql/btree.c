/* B+ tree indexes: entries (key, row) in leaves chained left to right;
   inner nodes hold separators, the first entry of each right subtree. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "minisql.h"

#define BT_MAX 16

struct BtNode {
    int leaf, n;
    Value key[BT_MAX + 1];     /* one spare slot before a split */
    int row[BT_MAX + 1];
    BtNode *child[BT_MAX + 2];
    BtNode *next;
};

static int entry_cmp(const Value *ka, int ra, const Value *kb, int rb)
{
    int c = value_cmp(ka, kb);
    if (c)
        return c;
    return ra < rb ? -1 : ra > rb;
}

/* Number of entries of n that are below (key, row), or with or_equal
   below or equal to it; a binary search. */
static int count_below(const BtNode *n, const Value *key, int row, int or_equal)
{
    int lo = 0, hi = n->n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        int c = entry_cmp(&n->key[mid], n->row[mid], key, row);
        if (c < 0 || (or_equal && c == 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static BtNode *new_node(int leaf)
{
    BtNode *n = xmalloc(sizeof *n);
    memset(n, 0, sizeof *n);
    n->leaf = leaf;
    return n;
}

static void put_entry(BtNode *n, int pos, const Value *key, int row)
{
    memmove(&n->key[pos + 1], &n->key[pos], (size_t)(n->n - pos) * sizeof(Value));
    memmove(&n->row[pos + 1], &n->row[pos], (size_t)(n->n - pos) * sizeof(int));
    n->key[pos] = *key;
    n->row[pos] = row;
    n->n++;
}

/* Inserts into the subtree at n.  When n splits, returns the new right
   sibling and stores the separator to push up in *up_key, *up_row. */
static BtNode *insert_rec(BtNode *n, const Value *key, int row, Value *up_key, int *up_row)
{
    int pos;
    if (n->leaf) {
        pos = count_below(n, key, row, 0);
        put_entry(n, pos, key, row);
        if (n->n <= BT_MAX)
            return NULL;
        BtNode *right = new_node(1);
        int keep = n->n / 2;
        right->n = n->n - keep;
        memcpy(right->key, &n->key[keep], (size_t)right->n * sizeof(Value));
        memcpy(right->row, &n->row[keep], (size_t)right->n * sizeof(int));
        n->n = keep;
        right->next = n->next;
        n->next = right;
        *up_key = right->key[0];
        *up_row = right->row[0];
        return right;
    }
    pos = count_below(n, key, row, 1);
    Value k;
    int r;
    BtNode *split = insert_rec(n->child[pos], key, row, &k, &r);
    if (split == NULL)
        return NULL;
    memmove(&n->child[pos + 2], &n->child[pos + 1], (size_t)(n->n - pos) * sizeof(BtNode *));
    n->child[pos + 1] = split;
    put_entry(n, pos, &k, r);
    if (n->n <= BT_MAX)
        return NULL;
    BtNode *right = new_node(0);
    int mid = n->n / 2;
    right->n = n->n - mid - 1;
    memcpy(right->key, &n->key[mid + 1], (size_t)right->n * sizeof(Value));
    memcpy(right->row, &n->row[mid + 1], (size_t)right->n * sizeof(int));
    memcpy(right->child, &n->child[mid + 1], (size_t)(right->n + 1) * sizeof(BtNode *));
    *up_key = n->key[mid];
    *up_row = n->row[mid];
    n->n = mid;
    return right;
}

void index_insert(Index *ix, const Value *key, int row)
{
    Value k;
    int r;
    if (ix->root == NULL)
        ix->root = new_node(1);
    BtNode *split = insert_rec(ix->root, key, row, &k, &r);
    if (split) {
        BtNode *root = new_node(0);
        root->n = 1;
        root->key[0] = k;
        root->row[0] = r;
        root->child[0] = ix->root;
        root->child[1] = split;
        ix->root = root;
    }
    ix->count++;
}

/* Positions c at the first entry whose key is >= key (the first entry
   of all when key is NULL). */
void index_seek(Index *ix, const Value *key, BtCursor *c)
{
    BtNode *n = ix->root;
    c->leaf = NULL;
    c->pos = 0;
    if (n == NULL)
        return;
    while (!n->leaf)
        n = n->child[key ? count_below(n, key, INT_MIN, 0) : 0];
    c->leaf = n;
    c->pos = key ? count_below(n, key, INT_MIN, 0) : 0;
}

int cursor_get(BtCursor *c, const Value **key, int *row)
{
    while (c->leaf && c->pos >= c->leaf->n) {
        c->leaf = c->leaf->next;
        c->pos = 0;
    }
    if (c->leaf == NULL)
        return 0;
    *key = &c->leaf->key[c->pos];
    *row = c->leaf->row[c->pos];
    c->pos++;
    return 1;
}

int index_contains(Index *ix, const Value *key)
{
    BtCursor c;
    const Value *k;
    int row;
    index_seek(ix, key, &c);
    return cursor_get(&c, &k, &row) && value_cmp(k, key) == 0;
}

static void free_node(BtNode *n)
{
    if (n == NULL)
        return;
    if (!n->leaf)
        for (int i = 0; i <= n->n; i++)
            free_node(n->child[i]);
    free(n);
}

void index_clear(Index *ix)
{
    free_node(ix->root);
    ix->root = NULL;
    ix->count = 0;
}

void index_rebuild(Index *ix)
{
    Table *t = ix->table;
    index_clear(ix);
    for (int r = 0; r < t->nrows; r++)
        index_insert(ix, &t->cells[(size_t)r * (size_t)t->ncols + (size_t)ix->col], r);
}

/* Checks the subtree at n: fill, order, separator bounds (lo <= entries
   < hi) and equal leaf depth.  Returns its height, or -1 if broken. */
static int verify_node(BtNode *n, int is_root, const Value *lok, int lor,
                       const Value *hik, int hir)
{
    if (n->n > BT_MAX || (!is_root && n->n < BT_MAX / 2) || (!n->leaf && n->n < 1))
        return -1;
    for (int i = 0; i < n->n; i++) {
        if (i > 0 && entry_cmp(&n->key[i - 1], n->row[i - 1], &n->key[i], n->row[i]) >= 0)
            return -1;
        if (lok && entry_cmp(&n->key[i], n->row[i], lok, lor) < 0)
            return -1;
        if (hik && entry_cmp(&n->key[i], n->row[i], hik, hir) >= 0)
            return -1;
    }
    if (n->leaf)
        return 1;
    int height = -1;
    for (int i = 0; i <= n->n; i++) {
        int h = verify_node(n->child[i], 0,
                            i > 0 ? &n->key[i - 1] : lok, i > 0 ? n->row[i - 1] : lor,
                            i < n->n ? &n->key[i] : hik, i < n->n ? n->row[i] : hir);
        if (h < 0 || (height >= 0 && h != height))
            return -1;
        height = h;
    }
    return height + 1;
}

/* Full check against the table: the tree's shape, and that the leaf chain
   holds exactly one correct entry per row.  Returns 1 if sound. */
int index_verify(Index *ix, int *depth)
{
    Table *t = ix->table;
    *depth = 0;
    if (ix->root == NULL)
        return t->nrows == 0 && ix->count == 0;
    *depth = verify_node(ix->root, 1, NULL, 0, NULL, 0);
    if (*depth < 0 || ix->count != t->nrows)
        return 0;
    unsigned char *seen = xmalloc((size_t)t->nrows + 1);
    memset(seen, 0, (size_t)t->nrows + 1);
    BtCursor c;
    const Value *key, *prev = NULL;
    int row, count = 0, ok = 1;
    index_seek(ix, NULL, &c);
    while (ok && cursor_get(&c, &key, &row)) {
        if (row < 0 || row >= t->nrows || seen[row]) {
            ok = 0;
            break;
        }
        const Value *cell = &t->cells[(size_t)row * (size_t)t->ncols + (size_t)ix->col];
        if (cell->type != key->type || value_cmp(cell, key) != 0 ||
            (prev && value_cmp(prev, key) > 0) ||
            (ix->unique && prev && key->type != V_NULL && value_cmp(prev, key) == 0))
            ok = 0;
        seen[row] = 1;
        prev = key;
        count++;
    }
    free(seen);
    return ok && count == t->nrows;
}
