/*
 * chess: bitboard move generator with perft.
 *
 * Usage: chess FILE MAXDEPTH [plain|hash|stats]
 *
 * Board: one 64-bit set per piece kind (a1 = bit 0, h8 = bit 63) plus a
 * square array.  Sliding attacks use per-direction ray sets built at start-up
 * and cut at the first blocker.  Moves are generated pseudo-legally, made,
 * and rejected if they leave the mover's king attacked; make/unmake handles
 * castling, en passant, promotion and an incrementally updated Zobrist key.
 *
 * The built-in self-test runs perft on the standard start position (to depth
 * 4) and on "Kiwipete" (to depth 3), or less if MAXDEPTH is smaller, and
 * compares the node counts (and, in stats mode, the capture, e.p., castle,
 * promotion, check and mate counts) with the published values.  Then FILE is processed line by line:
 *   perft FEN [;D1 n ;D2 n ...]   perft to each listed depth <= MAXDEPTH
 *   divide DEPTH FEN              per-move counts for one position
 * In hash mode perft stores subtree counts in a table keyed by Zobrist key.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t U64;
typedef uint32_t Move;

enum { WHITE, BLACK };
enum { PAWN, KNIGHT, BISHOP, ROOK, QUEEN, KING };
#define EMPTY 12
#define NO_SQ 64
#define OCC 12
#define ALL 14
#define MAX_MOVES 256

#define CASTLE_WK 1
#define CASTLE_WQ 2
#define CASTLE_BK 4
#define CASTLE_BQ 8

/* Move layout: from (6 bits), to (6), promotion type (3, 0 = none), flags. */
#define MF_CAPTURE 1u
#define MF_DOUBLE 2u
#define MF_EP 4u
#define MF_CASTLE 8u
#define M_FROM(m) ((int)((m) & 63u))
#define M_TO(m) ((int)(((m) >> 6) & 63u))
#define M_PROMO(m) ((int)(((m) >> 12) & 7u))
#define M_FLAGS(m) ((unsigned)((m) >> 15))

typedef struct {
    U64 bb[15]; /* 0-11 colour * 6 + type, 12-13 colour, 14 all */
    unsigned char sq[64];
    int side, castle, ep, halfmove, fullmove;
    U64 key;
} Pos;

typedef struct {
    Move move;
    int captured, castle, ep, halfmove;
    U64 key;
} Undo;

typedef struct {
    U64 nodes, captures, eps, castles, promos, checks, mates;
} Stats;

static const char piece_chars[] = "PNBRQKpnbrqk";
static const char castle_chars[] = "KQkq";
static const int dir_df[8] = { 0, 1, 1, -1, 0, -1, -1, 1 };
static const int dir_dr[8] = { 1, 0, 1, 1, -1, 0, -1, -1 };
/* Directions 0-3 (N, E, NE, NW) raise the square index, 4-7 lower it. */
static const int rook_dirs[4] = { 0, 1, 4, 5 };
static const int bishop_dirs[4] = { 2, 3, 6, 7 };

static U64 ray[8][64];
static U64 knight_att[64], king_att[64], pawn_att[2][64];
static int castle_mask[64];
static int bitscan_index[64];
static U64 zob_piece[12][64], zob_castle[16], zob_ep[8], zob_side;
static int failures;

static U64 bit(int s) { return (U64)1 << s; }
static int file_of(int s) { return s & 7; }
static int rank_of(int s) { return s >> 3; }

#define DEBRUIJN 0x03f79d71b4cb0a89ULL

static int lsb(U64 b)
{
    return bitscan_index[((b & (0 - b)) * DEBRUIJN) >> 58];
}

static int msb(U64 b)
{
    b |= b >> 1;
    b |= b >> 2;
    b |= b >> 4;
    b |= b >> 8;
    b |= b >> 16;
    b |= b >> 32;
    return bitscan_index[((b ^ (b >> 1)) * DEBRUIJN) >> 58];
}

static int pop_lsb(U64 *b)
{
    int s = lsb(*b);
    *b &= *b - 1;
    return s;
}

static int popcount(U64 b)
{
    int n = 0;
    while (b) {
        b &= b - 1;
        n++;
    }
    return n;
}

static U64 rng_state;

static U64 rng_next(void)
{
    /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1DULL;
}

/* Set of squares reached from s by the given (file, rank) steps. */
static U64 step_set(int s, const int (*steps)[2], int n)
{
    U64 r = 0;
    for (int i = 0; i < n; i++) {
        int f = file_of(s) + steps[i][0], k = rank_of(s) + steps[i][1];
        if (f >= 0 && f < 8 && k >= 0 && k < 8) r |= bit(k * 8 + f);
    }
    return r;
}

static void init_tables(void)
{
    static const int knight_steps[8][2] = { { 1, 2 }, { 2, 1 }, { 2, -1 }, { 1, -2 },
                                            { -1, -2 }, { -2, -1 }, { -2, 1 }, { -1, 2 } };
    static const int king_steps[8][2] = { { 0, 1 }, { 1, 1 }, { 1, 0 }, { 1, -1 },
                                          { 0, -1 }, { -1, -1 }, { -1, 0 }, { -1, 1 } };
    static const int wpawn_steps[2][2] = { { -1, 1 }, { 1, 1 } };
    static const int bpawn_steps[2][2] = { { -1, -1 }, { 1, -1 } };

    for (int i = 0; i < 64; i++) bitscan_index[(bit(i) * DEBRUIJN) >> 58] = i;
    for (int s = 0; s < 64; s++) {
        knight_att[s] = step_set(s, knight_steps, 8);
        king_att[s] = step_set(s, king_steps, 8);
        pawn_att[WHITE][s] = step_set(s, wpawn_steps, 2);
        pawn_att[BLACK][s] = step_set(s, bpawn_steps, 2);
        for (int d = 0; d < 8; d++) {
            U64 r = 0;
            int f = file_of(s) + dir_df[d], k = rank_of(s) + dir_dr[d];
            while (f >= 0 && f < 8 && k >= 0 && k < 8) {
                r |= bit(k * 8 + f);
                f += dir_df[d];
                k += dir_dr[d];
            }
            ray[d][s] = r;
        }
        castle_mask[s] = 15;
    }
    castle_mask[0] = 15 & ~CASTLE_WQ;
    castle_mask[7] = 15 & ~CASTLE_WK;
    castle_mask[4] = 15 & ~(CASTLE_WK | CASTLE_WQ);
    castle_mask[56] = 15 & ~CASTLE_BQ;
    castle_mask[63] = 15 & ~CASTLE_BK;
    castle_mask[60] = 15 & ~(CASTLE_BK | CASTLE_BQ);

    rng_state = 0x9E3779B97F4A7C15ULL;
    for (int p = 0; p < 12; p++)
        for (int s = 0; s < 64; s++) zob_piece[p][s] = rng_next();
    for (int i = 0; i < 16; i++) zob_castle[i] = rng_next();
    for (int i = 0; i < 8; i++) zob_ep[i] = rng_next();
    zob_side = rng_next();
}

static U64 ray_attack(int d, int s, U64 occ)
{
    U64 a = ray[d][s], blockers = a & occ;
    if (blockers) a ^= ray[d][d < 4 ? lsb(blockers) : msb(blockers)];
    return a;
}

static U64 rook_attacks(int s, U64 occ)
{
    U64 a = 0;
    for (int i = 0; i < 4; i++) a |= ray_attack(rook_dirs[i], s, occ);
    return a;
}

static U64 bishop_attacks(int s, U64 occ)
{
    U64 a = 0;
    for (int i = 0; i < 4; i++) a |= ray_attack(bishop_dirs[i], s, occ);
    return a;
}

static U64 piece_attacks(int type, int s, U64 occ)
{
    switch (type) {
    case KNIGHT: return knight_att[s];
    case BISHOP: return bishop_attacks(s, occ);
    case ROOK: return rook_attacks(s, occ);
    case QUEEN: return rook_attacks(s, occ) | bishop_attacks(s, occ);
    default: return king_att[s];
    }
}

/* Is square s attacked by side `by`? */
static int attacked(const Pos *p, int s, int by)
{
    const U64 *b = &p->bb[by * 6];
    U64 diag = b[BISHOP] | b[QUEEN], line = b[ROOK] | b[QUEEN];
    if (pawn_att[by ^ 1][s] & b[PAWN]) return 1;
    if (knight_att[s] & b[KNIGHT]) return 1;
    if (king_att[s] & b[KING]) return 1;
    if (diag && (bishop_attacks(s, p->bb[ALL]) & diag)) return 1;
    if (line && (rook_attacks(s, p->bb[ALL]) & line)) return 1;
    return 0;
}

static int king_sq(const Pos *p, int side)
{
    return lsb(p->bb[side * 6 + KING]);
}

static int in_check(const Pos *p)
{
    return attacked(p, king_sq(p, p->side), p->side ^ 1);
}

static U64 compute_key(const Pos *p)
{
    U64 k = 0;
    for (int s = 0; s < 64; s++)
        if (p->sq[s] != EMPTY) k ^= zob_piece[p->sq[s]][s];
    k ^= zob_castle[p->castle];
    if (p->ep != NO_SQ) k ^= zob_ep[file_of(p->ep)];
    if (p->side == BLACK) k ^= zob_side;
    return k;
}

static void put_piece(Pos *p, int pc, int s)
{
    U64 m = bit(s);
    p->bb[pc] |= m;
    p->bb[OCC + pc / 6] |= m;
    p->bb[ALL] |= m;
    p->sq[s] = (unsigned char)pc;
    p->key ^= zob_piece[pc][s];
}

static void remove_piece(Pos *p, int s)
{
    int pc = p->sq[s];
    U64 m = bit(s);
    p->bb[pc] &= ~m;
    p->bb[OCC + pc / 6] &= ~m;
    p->bb[ALL] &= ~m;
    p->sq[s] = EMPTY;
    p->key ^= zob_piece[pc][s];
}

/* ---------- move generation ---------- */

static Move make_mv(int from, int to, int promo, unsigned flags)
{
    return (Move)from | (Move)to << 6 | (Move)promo << 12 | (Move)flags << 15;
}

static int add_pawn_moves(Move *list, int n, int from, int to, unsigned flags)
{
    if (rank_of(to) == 0 || rank_of(to) == 7) {
        for (int t = QUEEN; t >= KNIGHT; t--) list[n++] = make_mv(from, to, t, flags);
    } else {
        list[n++] = make_mv(from, to, 0, flags);
    }
    return n;
}

static int gen_castles(const Pos *p, Move *list, int n)
{
    int us = p->side, base = us * 56, right = us == WHITE ? CASTLE_WK : CASTLE_BK;
    /* King side first, then queen side (whose right is the next bit). */
    for (int wing = 0; wing < 2; wing++, right <<= 1) {
        int dir = wing ? -1 : 1;
        U64 between = (U64)(wing ? 0x0E : 0x60) << base;
        if (!(p->castle & right) || p->sq[base + 4] != us * 6 + KING ||
            p->sq[wing ? base : base + 7] != us * 6 + ROOK || (p->bb[ALL] & between) ||
            attacked(p, base + 4, us ^ 1) || attacked(p, base + 4 + dir, us ^ 1))
            continue;
        list[n++] = make_mv(base + 4, base + 4 + 2 * dir, 0, MF_CASTLE);
    }
    return n;
}

/* Pseudo-legal moves; castling through check is already excluded. */
static int gen_moves(const Pos *p, Move *list)
{
    int us = p->side, n = 0;
    U64 own = p->bb[OCC + us], enemy = p->bb[OCC + (us ^ 1)];
    U64 pawns = p->bb[us * 6 + PAWN];
    int fwd = us == WHITE ? 8 : -8, start_rank = us == WHITE ? 1 : 6;

    while (pawns) {
        int s = pop_lsb(&pawns), t = s + fwd;
        U64 caps = pawn_att[us][s] & enemy;
        if (!(p->bb[ALL] & bit(t))) {
            n = add_pawn_moves(list, n, s, t, 0);
            if (rank_of(s) == start_rank && !(p->bb[ALL] & bit(t + fwd)))
                list[n++] = make_mv(s, t + fwd, 0, MF_DOUBLE);
        }
        while (caps) n = add_pawn_moves(list, n, s, pop_lsb(&caps), MF_CAPTURE);
        if (p->ep != NO_SQ && (pawn_att[us][s] & bit(p->ep)))
            list[n++] = make_mv(s, p->ep, 0, MF_CAPTURE | MF_EP);
    }
    for (int type = KNIGHT; type <= KING; type++) {
        U64 pieces = p->bb[us * 6 + type];
        while (pieces) {
            int s = pop_lsb(&pieces);
            U64 targets = piece_attacks(type, s, p->bb[ALL]) & ~own;
            while (targets) {
                int t = pop_lsb(&targets);
                list[n++] = make_mv(s, t, 0, (enemy & bit(t)) ? MF_CAPTURE : 0);
            }
        }
    }
    return gen_castles(p, list, n);
}

/* ---------- make / unmake ---------- */

/* Returns 0 if the move leaves the mover's king attacked (it is still made). */
static int make_move(Pos *p, Move m, Undo *u)
{
    int from = M_FROM(m), to = M_TO(m), promo = M_PROMO(m);
    unsigned flags = M_FLAGS(m);
    int us = p->side, pc = p->sq[from];

    u->move = m;
    u->captured = EMPTY;
    u->castle = p->castle;
    u->ep = p->ep;
    u->halfmove = p->halfmove;
    u->key = p->key;

    if (p->ep != NO_SQ) p->key ^= zob_ep[file_of(p->ep)];
    p->ep = NO_SQ;
    p->halfmove++;
    if (flags & MF_EP) {
        int cs = to + (us == WHITE ? -8 : 8);
        u->captured = p->sq[cs];
        remove_piece(p, cs);
    } else if (flags & MF_CAPTURE) {
        u->captured = p->sq[to];
        remove_piece(p, to);
    }
    remove_piece(p, from);
    put_piece(p, promo ? us * 6 + promo : pc, to);
    if (flags & MF_CASTLE) {
        int rfrom = to > from ? from + 3 : from - 4, rto = to > from ? from + 1 : from - 1;
        remove_piece(p, rfrom);
        put_piece(p, us * 6 + ROOK, rto);
    }
    if (flags & MF_DOUBLE) {
        p->ep = (from + to) / 2;
        p->key ^= zob_ep[file_of(p->ep)];
    }
    if (pc % 6 == PAWN || u->captured != EMPTY) p->halfmove = 0;
    p->key ^= zob_castle[p->castle];
    p->castle &= castle_mask[from] & castle_mask[to];
    p->key ^= zob_castle[p->castle];
    if (us == BLACK) p->fullmove++;
    p->side = us ^ 1;
    p->key ^= zob_side;
    return !attacked(p, king_sq(p, us), us ^ 1);
}

static void unmake_move(Pos *p, const Undo *u)
{
    Move m = u->move;
    int from = M_FROM(m), to = M_TO(m);
    unsigned flags = M_FLAGS(m);
    int us = p->side ^ 1;
    int pc = M_PROMO(m) ? us * 6 + PAWN : p->sq[to];

    p->side = us;
    remove_piece(p, to);
    put_piece(p, pc, from);
    if (flags & MF_EP)
        put_piece(p, u->captured, to + (us == WHITE ? -8 : 8));
    else if (u->captured != EMPTY)
        put_piece(p, u->captured, to);
    if (flags & MF_CASTLE) {
        int rfrom = to > from ? from + 3 : from - 4, rto = to > from ? from + 1 : from - 1;
        remove_piece(p, rto);
        put_piece(p, us * 6 + ROOK, rfrom);
    }
    if (us == BLACK) p->fullmove--;
    p->castle = u->castle;
    p->ep = u->ep;
    p->halfmove = u->halfmove;
    p->key = u->key;
}

static int gen_legal(Pos *p, Move *list)
{
    Move pseudo[MAX_MOVES];
    int n = gen_moves(p, pseudo), k = 0;
    Undo u;
    for (int i = 0; i < n; i++) {
        if (make_move(p, pseudo[i], &u)) list[k++] = pseudo[i];
        unmake_move(p, &u);
    }
    return k;
}

static int has_legal_move(Pos *p)
{
    Move pseudo[MAX_MOVES];
    int n = gen_moves(p, pseudo);
    Undo u;
    for (int i = 0; i < n; i++) {
        int ok = make_move(p, pseudo[i], &u);
        unmake_move(p, &u);
        if (ok) return 1;
    }
    return 0;
}

static int pos_equal(const Pos *a, const Pos *b)
{
    return memcmp(a->bb, b->bb, sizeof a->bb) == 0 && memcmp(a->sq, b->sq, sizeof a->sq) == 0 &&
           a->side == b->side && a->castle == b->castle && a->ep == b->ep &&
           a->halfmove == b->halfmove && a->fullmove == b->fullmove && a->key == b->key;
}

/* ---------- FEN ---------- */

static int parse_fen(Pos *p, const char *fen)
{
    int r = 7, f = 0, n;
    const char *c = fen;

    memset(p, 0, sizeof *p);
    memset(p->sq, EMPTY, sizeof p->sq);
    while (*c == ' ') c++;
    for (; *c && *c != ' '; c++) {
        const char *q = strchr(piece_chars, *c);
        if (*c == '/') {
            if (f != 8 || r == 0) return 0;
            r--;
            f = 0;
        } else if (*c >= '1' && *c <= '8') {
            f += *c - '0';
            if (f > 8) return 0;
        } else if (q != NULL) {
            if (f >= 8) return 0;
            put_piece(p, (int)(q - piece_chars), r * 8 + f);
            f++;
        } else {
            return 0;
        }
    }
    if (r != 0 || f != 8) return 0;
    while (*c == ' ') c++;
    if (*c == 'w') p->side = WHITE;
    else if (*c == 'b') p->side = BLACK;
    else return 0;
    c++;
    while (*c == ' ') c++;
    for (; *c && *c != ' '; c++) {
        const char *q = strchr(castle_chars, *c);
        if (q != NULL) p->castle |= 1 << (q - castle_chars);
        else if (*c != '-') return 0;
    }
    while (*c == ' ') c++;
    p->ep = NO_SQ;
    if (*c >= 'a' && *c <= 'h' && (c[1] == '3' || c[1] == '6')) {
        p->ep = (c[1] - '1') * 8 + (c[0] - 'a');
        c += 2;
    } else if (*c == '-') {
        c++;
    } else {
        return 0;
    }
    /* An e.p. square needs the pawn that just passed over it. */
    if (p->ep != NO_SQ) {
        int pawn_sq = p->ep + (p->side == WHITE ? -8 : 8);
        if (rank_of(p->ep) != (p->side == WHITE ? 5 : 2) || p->sq[p->ep] != EMPTY ||
            p->sq[pawn_sq] != (p->side ^ 1) * 6 + PAWN)
            return 0;
    }
    p->halfmove = 0;
    p->fullmove = 1;
    if (sscanf(c, "%d %d", &p->halfmove, &n) == 2) p->fullmove = n;
    if (p->halfmove < 0 || p->halfmove > 999 || p->fullmove < 1 || p->fullmove > 9999)
        return 0;
    if (popcount(p->bb[KING]) != 1 || popcount(p->bb[6 + KING]) != 1) return 0;
    if ((p->bb[PAWN] | p->bb[6 + PAWN]) & 0xFF000000000000FFULL) return 0;
    p->key = compute_key(p);
    /* The side not to move must not be in check. */
    return !attacked(p, king_sq(p, p->side ^ 1), p->side);
}

static void write_fen(const Pos *p, char *out)
{
    char *o = out;
    for (int r = 7; r >= 0; r--) {
        int gap = 0;
        for (int f = 0; f < 8; f++) {
            int pc = p->sq[r * 8 + f];
            if (pc == EMPTY) {
                gap++;
                continue;
            }
            if (gap) *o++ = (char)('0' + gap);
            gap = 0;
            *o++ = piece_chars[pc];
        }
        if (gap) *o++ = (char)('0' + gap);
        if (r) *o++ = '/';
    }
    *o++ = ' ';
    *o++ = p->side == WHITE ? 'w' : 'b';
    *o++ = ' ';
    if (!p->castle) *o++ = '-';
    for (int i = 0; i < 4; i++)
        if (p->castle & (1 << i)) *o++ = castle_chars[i];
    *o++ = ' ';
    if (p->ep == NO_SQ) {
        *o++ = '-';
    } else {
        *o++ = (char)('a' + file_of(p->ep));
        *o++ = (char)('1' + rank_of(p->ep));
    }
    sprintf(o, " %d %d", p->halfmove, p->fullmove);
}

/* ---------- move text ---------- */

static void move_uci(Move m, char *out)
{
    out[0] = (char)('a' + file_of(M_FROM(m)));
    out[1] = (char)('1' + rank_of(M_FROM(m)));
    out[2] = (char)('a' + file_of(M_TO(m)));
    out[3] = (char)('1' + rank_of(M_TO(m)));
    out[4] = M_PROMO(m) ? "pnbrqk"[M_PROMO(m)] : '\0';
    out[5] = '\0';
}

/* ---------- perft ---------- */

static U64 perft(Pos *p, int depth)
{
    Move list[MAX_MOVES];
    int n = gen_moves(p, list);
    U64 nodes = 0;
    Undo u;
    for (int i = 0; i < n; i++) {
        if (make_move(p, list[i], &u)) nodes += depth > 1 ? perft(p, depth - 1) : 1;
        unmake_move(p, &u);
    }
    return nodes;
}

static void perft_stats(Pos *p, int depth, Stats *st)
{
    Move list[MAX_MOVES];
    int n = gen_moves(p, list);
    Undo u;
    for (int i = 0; i < n; i++) {
        Move m = list[i];
        if (make_move(p, m, &u)) {
            if (depth > 1) {
                perft_stats(p, depth - 1, st);
            } else {
                st->nodes++;
                if (M_FLAGS(m) & MF_CAPTURE) st->captures++;
                if (M_FLAGS(m) & MF_EP) st->eps++;
                if (M_FLAGS(m) & MF_CASTLE) st->castles++;
                if (M_PROMO(m)) st->promos++;
                if (in_check(p)) {
                    st->checks++;
                    if (!has_legal_move(p)) st->mates++;
                }
            }
        }
        unmake_move(p, &u);
    }
}

typedef struct {
    U64 key;
    U64 nodes;
    int depth;
} TTEntry;

#define TT_BITS 15
static TTEntry *tt;
static U64 tt_hits, tt_stores;

static U64 perft_hashed(Pos *p, int depth)
{
    Move list[MAX_MOVES];
    TTEntry *e;
    int n;
    U64 nodes = 0;
    Undo u;

    e = &tt[p->key & ((1u << TT_BITS) - 1)];
    if (e->depth == depth && e->key == p->key) {
        tt_hits++;
        return e->nodes;
    }
    n = gen_moves(p, list);
    for (int i = 0; i < n; i++) {
        if (make_move(p, list[i], &u)) nodes += depth > 1 ? perft_hashed(p, depth - 1) : 1;
        unmake_move(p, &u);
    }
    if (e->depth <= depth) {
        e->key = p->key;
        e->depth = depth;
        e->nodes = nodes;
        tt_stores++;
    }
    return nodes;
}

/* ---------- published results ---------- */

typedef struct {
    const char *name;
    const char *fen;
    int depths, quick; /* depths known; depths run by the self-test */
    Stats s[5]; /* nodes captures e.p. castles promotions checks mates */
} Published;

static const Published published[] = {
    { "start", "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", 5, 4,
      { { 20, 0, 0, 0, 0, 0, 0 },
        { 400, 0, 0, 0, 0, 0, 0 },
        { 8902, 34, 0, 0, 0, 12, 0 },
        { 197281, 1576, 0, 0, 0, 469, 8 },
        { 4865609, 82719, 258, 0, 0, 27351, 347 } } },
    { "kiwipete", "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1", 4, 3,
      { { 48, 8, 0, 2, 0, 0, 0 },
        { 2039, 351, 1, 91, 0, 3, 0 },
        { 97862, 17102, 45, 3162, 0, 993, 1 },
        { 4085603, 757163, 1929, 128013, 15172, 25523, 43 },
        { 0, 0, 0, 0, 0, 0, 0 } } },
};

enum { MODE_PLAIN, MODE_HASH, MODE_STATS };
static int mode;

static U64 run_perft(Pos *p, int depth, Stats *st)
{
    memset(st, 0, sizeof *st);
    if (mode == MODE_STATS) {
        perft_stats(p, depth, st);
    } else if (mode == MODE_HASH) {
        st->nodes = perft_hashed(p, depth);
    } else {
        st->nodes = perft(p, depth);
    }
    return st->nodes;
}

static void check(int ok, const char *what)
{
    if (!ok) {
        failures++;
        printf("  CHECK FAILED: %s\n", what);
    }
}

static void print_stats(const Stats *s)
{
    printf(" captures=%llu ep=%llu castles=%llu promotions=%llu checks=%llu mates=%llu",
           (unsigned long long)s->captures, (unsigned long long)s->eps,
           (unsigned long long)s->castles, (unsigned long long)s->promos,
           (unsigned long long)s->checks, (unsigned long long)s->mates);
}

static void self_test(int maxdepth)
{
    for (size_t i = 0; i < sizeof published / sizeof published[0]; i++) {
        const Published *pub = &published[i];
        Pos p, saved;
        int limit = maxdepth < pub->quick ? maxdepth : pub->quick;
        if (!parse_fen(&p, pub->fen)) {
            check(0, "built-in FEN");
            continue;
        }
        saved = p;
        for (int d = 1; d <= limit; d++) {
            Stats st;
            const Stats *want = &pub->s[d - 1];
            int ok;
            run_perft(&p, d, &st);
            ok = st.nodes == want->nodes;
            if (mode == MODE_STATS)
                ok = ok && st.captures == want->captures && st.eps == want->eps &&
                     st.castles == want->castles && st.promos == want->promos &&
                     st.checks == want->checks && st.mates == want->mates;
            printf("published %s perft(%d) = %llu", pub->name, d, (unsigned long long)st.nodes);
            if (mode == MODE_STATS) print_stats(&st);
            printf(" : %s\n", ok ? "match" : "MISMATCH");
            check(ok, "published perft");
            check(pos_equal(&p, &saved), "position restored after perft");
        }
    }
}

/* ---------- file commands ---------- */

static void cmd_perft(const char *rest, int maxdepth)
{
    Pos p, saved;
    const char *semi = strchr(rest, ';');
    char fen[128], out[128];
    size_t len = semi ? (size_t)(semi - rest) : strlen(rest);

    while (len > 0 && rest[len - 1] == ' ') len--;
    if (len >= sizeof fen) len = sizeof fen - 1;
    memcpy(fen, rest, len);
    fen[len] = '\0';
    if (!parse_fen(&p, fen)) {
        printf("bad FEN: %s\n", fen);
        check(0, "FEN parse");
        return;
    }
    write_fen(&p, out);
    printf("position %s\n", out);
    saved = p;
    while (semi) {
        int d;
        unsigned long long want;
        Stats st;
        if (sscanf(semi, ";D%d %llu", &d, &want) == 2 && d >= 1 && d <= maxdepth) {
            run_perft(&p, d, &st);
            printf("  perft(%d) = %llu", d, (unsigned long long)st.nodes);
            if (mode == MODE_STATS) print_stats(&st);
            printf(" expected %llu : %s\n", want, st.nodes == want ? "ok" : "WRONG");
            check(st.nodes == want, "perft count");
            check(pos_equal(&p, &saved), "position restored after perft");
        }
        semi = strchr(semi + 1, ';');
    }
}

static void cmd_divide(const char *rest)
{
    Pos p, saved;
    Move legal[MAX_MOVES];
    char name[8], fen[128];
    U64 total = 0;
    int depth, used, n;

    if (sscanf(rest, "%d %n", &depth, &used) != 1 || depth < 1 || !parse_fen(&p, rest + used)) {
        printf("bad divide line\n");
        check(0, "divide parse");
        return;
    }
    write_fen(&p, fen);
    printf("divide %d %s\n", depth, fen);
    saved = p;
    n = gen_legal(&p, legal);
    for (int i = 0; i < n; i++) {
        Undo u;
        U64 count;
        move_uci(legal[i], name);
        make_move(&p, legal[i], &u);
        check(p.key == compute_key(&p), "incremental key");
        count = depth > 1 ? perft(&p, depth - 1) : 1;
        unmake_move(&p, &u);
        check(pos_equal(&p, &saved), "unmake restores position");
        printf("  %-5s %llu\n", name, (unsigned long long)count);
        total += count;
    }
    printf("  moves %d total %llu", n, (unsigned long long)total);
    for (size_t i = 0; i < sizeof published / sizeof published[0]; i++) {
        if (strcmp(fen, published[i].fen) == 0 && depth <= published[i].depths) {
            int ok = total == published[i].s[depth - 1].nodes;
            printf(" (published %s: %s)", published[i].name, ok ? "match" : "MISMATCH");
            check(ok, "divide total");
        }
    }
    printf("\n");
}

int main(int argc, char **argv)
{
    FILE *f;
    char line[2048];
    int maxdepth;

    if (argc < 3) {
        printf("usage: chess FILE MAXDEPTH [plain|hash|stats]\n");
        return 1;
    }
    maxdepth = atoi(argv[2]);
    if (argc > 3 && strcmp(argv[3], "hash") == 0) mode = MODE_HASH;
    else if (argc > 3 && strcmp(argv[3], "stats") == 0) mode = MODE_STATS;
    else mode = MODE_PLAIN;
    if (maxdepth < 1 || maxdepth > 8) return 1;
    f = fopen(argv[1], "r");
    if (!f) return 1;
    init_tables();
    tt = calloc((size_t)1 << TT_BITS, sizeof *tt);
    if (!tt) return 1;

    self_test(maxdepth);
    while (fgets(line, sizeof line, f)) {
        size_t len = strcspn(line, "\r\n");
        line[len] = '\0';
        if (strncmp(line, "perft ", 6) == 0) cmd_perft(line + 6, maxdepth);
        else if (strncmp(line, "divide ", 7) == 0) cmd_divide(line + 7);
    }
    fclose(f);
    if (mode == MODE_HASH)
        printf("hash table: %llu stores, %llu hits\n", (unsigned long long)tt_stores,
               (unsigned long long)tt_hits);
    printf("%s (%d failed checks)\n", failures ? "CHECKS FAILED" : "all checks passed", failures);
    free(tt);
    return failures ? 1 : 0;
}
