/*
 * astar - shortest paths on a grid map with A* and Dijkstra.
 *
 * Usage: astar SEED QUERIES MAPFILE        a map from a text file
 *        astar SEED QUERIES WIDTH HEIGHT   a map generated from SEED
 *
 * A map file has rows of '.' (free) and any other character (blocked).
 * QUERIES pairs of free cells are drawn from SEED (a cost of -1 means no
 * path).  Each query is searched with 4-connected moves (cost
 * 10, Manhattan heuristic) and with 8-connected moves (diagonals cost 14
 * and may not cut corners; octile heuristic), each by A* and by Dijkstra
 * (no heuristic), using a binary heap.  A* and Dijkstra must find the
 * same path cost; the A* path is checked step by step and hashed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define MAX_CELLS (1 << 18)

static char grid[MAX_CELLS];
static int width, height;
static int g_cost[MAX_CELLS], parent[MAX_CELLS];
static unsigned char closed[MAX_CELLS];

typedef struct {
    int f, h, cell;
} Entry;

static Entry heap[8 * MAX_CELLS + 1];   /* one push per relaxed move */
static int heap_size;

/* Orders by f, then prefers the entry nearer the goal. */
static int before(const Entry *a, const Entry *b)
{
    return a->f < b->f || (a->f == b->f && a->h < b->h);
}

static void heap_push(int f, int h, int cell)
{
    int i = heap_size++;
    Entry e;
    e.f = f;
    e.h = h;
    e.cell = cell;
    while (i > 0 && before(&e, &heap[(i - 1) / 2])) {
        heap[i] = heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    heap[i] = e;
}

static Entry heap_pop(void)
{
    Entry top = heap[0], last = heap[--heap_size];
    int i = 0, c;
    while ((c = 2 * i + 1) < heap_size) {
        if (c + 1 < heap_size && before(&heap[c + 1], &heap[c]))
            c++;
        if (!before(&heap[c], &last))
            break;
        heap[i] = heap[c];
        i = c;
    }
    heap[i] = last;
    return top;
}

static const int dr[8] = {-1, 0, 1, 0, -1, -1, 1, 1};
static const int dc[8] = {0, 1, 0, -1, -1, 1, 1, -1};

static int free_cell(int r, int c)
{
    return r >= 0 && r < height && c >= 0 && c < width &&
           grid[r * width + c] == '.';
}

/* Whether the step (dy, dx) from (r, c) is a legal move: to a free
   neighbour; diagonal only with 8 moves and without cutting a corner. */
static int legal(int r, int c, int dy, int dx, int moves)
{
    int diagonal = dy != 0 && dx != 0;
    return abs(dy) + abs(dx) > 0 && abs(dy) < 2 && abs(dx) < 2 &&
           free_cell(r + dy, c + dx) && (!diagonal || (moves == 8 &&
           free_cell(r, c + dx) && free_cell(r + dy, c)));
}

static int heuristic(int cell, int goal, int moves)
{
    int dy = abs(cell / width - goal / width), dx = abs(cell % width - goal % width);
    if (moves == 4)
        return 10 * (dx + dy);
    return 10 * (dx + dy) - 6 * (dx < dy ? dx : dy);
}

/* Searches from start to goal with 4 or 8 moves; with astar unset the
   heuristic is zero (Dijkstra).  Returns the path cost or -1, and the
   number of expanded cells in *expanded. */
static int search(int start, int goal, int moves, int astar, long *expanded)
{
    int n = width * height, k;
    for (k = 0; k < n; k++) {
        g_cost[k] = -1;
        closed[k] = 0;
    }
    *expanded = 0;
    heap_size = 0;
    g_cost[start] = 0;
    parent[start] = -1;
    heap_push(astar ? heuristic(start, goal, moves) : 0, 0, start);
    while (heap_size > 0) {
        Entry e = heap_pop();
        int cell = e.cell, r = cell / width, c = cell % width;
        if (closed[cell])
            continue;
        closed[cell] = 1;
        ++*expanded;
        if (cell == goal)
            return g_cost[cell];
        for (k = 0; k < moves; k++) {
            int nr = r + dr[k], nc = c + dc[k], next = nr * width + nc;
            int g = g_cost[cell] + (k < 4 ? 10 : 14), h;
            /* A closed cell already has its least cost (the heuristics
               are consistent), so this also skips closed cells. */
            if (!legal(r, c, dr[k], dc[k], moves) ||
                (g_cost[next] >= 0 && g_cost[next] <= g))
                continue;
            g_cost[next] = g;
            parent[next] = cell;
            h = astar ? heuristic(next, goal, moves) : 0;
            heap_push(g + h, h, next);
        }
    }
    return -1;
}

/* Follows the parents from goal back to start, checking that each step is
   a legal move and that the costs add up.  Returns a hash of the path, or
   0 when the check fails. */
static uint32_t check_path(int start, int goal, int moves, int cost)
{
    uint32_t hash = 2166136261u;
    int cell = goal, total = 0;
    while (cell != start) {
        int prev = parent[cell], r = prev / width, c = prev % width;
        int dy = cell / width - r, dx = cell % width - c;
        if (!legal(r, c, dy, dx, moves))
            return 0;
        total += dx != 0 && dy != 0 ? 14 : 10;
        hash = (hash ^ (uint32_t)cell) * 16777619u;
        cell = prev;
    }
    return total == cost ? hash : 0;
}

static uint32_t rng = 1;

static uint32_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* Random obstacles (density percent), and walls every 16 rows and
   columns with a gap in each 16-cell stretch. */
static void generate(int density)
{
    int r, c;
    for (r = 0; r < height; r++)
        for (c = 0; c < width; c++) {
            int wall = (r % 16 == 8 && c % 16 < 12) ||
                       (c % 16 == 8 && r % 16 > 2);
            grid[r * width + c] =
                wall || (int)(next_random() % 100) < density ? '#' : '.';
        }
}

static int random_free_cell(void)
{
    int cell;
    do
        cell = (int)(next_random() % (uint32_t)(width * height));
    while (grid[cell] != '.');
    return cell;
}

/* Reads the rows of a map file; returns 0, or -1 when it is not a map. */
static int load(const char *path)
{
    char line[4096];
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    width = height = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        int len = (int)strcspn(line, "\r\n");
        if (len == 0)
            continue;
        if (width == 0)
            width = len;
        if (len != width || (height + 1) * width > MAX_CELLS) {
            fclose(f);
            return -1;
        }
        memcpy(grid + height * width, line, (size_t)width);
        height++;
    }
    fclose(f);
    return height > 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
    int q, moves, free_cells = 0, i, bad = 0;
    long expanded[2] = {0, 0};

    if (argc == 5 && (width = atoi(argv[3])) > 1 &&
        (height = atoi(argv[4])) > 1 && width <= MAX_CELLS / height) {
        rng = (uint32_t)strtoul(argv[1], NULL, 10) | 1u;
        generate(20);
    } else if (argc != 4 || load(argv[3]) < 0) {
        width = height = 0;
    }
    for (i = 0; i < width * height; i++)
        free_cells += grid[i] == '.';
    if (free_cells == 0 || atoi(argv[2]) <= 0) {
        fprintf(stderr, "usage: astar SEED QUERIES MAPFILE | "
                "astar SEED QUERIES WIDTH HEIGHT\n");
        return 2;
    }
    rng = (uint32_t)strtoul(argv[1], NULL, 10) | 1u;
    printf("map %dx%d, %d free cells; per query and moves: cost, cells "
           "expanded by A* and Dijkstra, path hash\n", width, height,
           free_cells);

    for (q = atoi(argv[2]); q > 0; q--) {
        int start = random_free_cell(), goal = random_free_cell();
        printf("(%d,%d)->(%d,%d)", start / width, start % width, goal / width,
               goal % width);
        for (moves = 4; moves <= 8; moves += 4) {
            long exp_a, exp_d;
            int cost_d = search(start, goal, moves, 0, &exp_d);
            int cost_a = search(start, goal, moves, 1, &exp_a);
            uint32_t hash = cost_a < 0 ? 1 : check_path(start, goal, moves,
                                                         cost_a);
            bad += cost_a != cost_d || hash == 0;
            expanded[0] += exp_a;
            expanded[1] += exp_d;
            printf("  %d: %d %ld %ld %08lx", moves, cost_a, exp_a, exp_d,
                   (unsigned long)hash);
        }
        printf("\n");
    }
    printf("expanded in all: A* %ld, Dijkstra %ld\n", expanded[0],
           expanded[1]);
    printf("%s\n", bad ? "CHECK FAILED" :
           "A* and Dijkstra agree on every cost; paths valid");
    return bad ? 1 : 0;
}
