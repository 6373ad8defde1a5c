/*
 * raytrace: a small Whitted-style ray tracer.
 *
 * Usage: raytrace SCENEFILE WIDTH HEIGHT
 *
 * The scene file holds one or more scenes of spheres and checkered planes
 * lit by point lights, each ended by "render".  Shading is Phong (ambient,
 * diffuse, specular) with hard shadows and mirror reflection to depth 3;
 * a scene may ask for an N x N grid of samples per pixel.  For every scene
 * the program prints the image as ASCII art (one character per 2 x 4 block
 * of pixels), per-channel means and a checksum of the pixel values quantised
 * to 0..255.  Every hit point is checked to lie on its surface.  Only +, -,
 * *, / and sqrt are used on the hot path.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_OBJECTS 32
#define MAX_LIGHTS 2
#define MAX_DEPTH 3
#define MAX_W 320
#define MAX_H 240
#define EPS 1e-6

typedef struct {
    double x, y, z;
} Vec;

typedef struct {
    Vec color, color2; /* color2: second checker colour of a plane */
    double diffuse, specular, reflect, checker;
    int shininess;
} Material;

enum { SPHERE, PLANE };

typedef struct {
    int kind;
    Vec p;    /* sphere centre or plane normal */
    double r; /* sphere radius or plane offset (dot(n, x) = r) */
    Vec u, v; /* plane: axes of the checker squares */
    Material m;
} Object;

typedef struct {
    Vec pos, color;
} Light;

typedef struct {
    char name[64];
    Vec eye, target, background;
    double fov, ambient;
    int samples;
    Object obj[MAX_OBJECTS];
    int nobj;
    Light light[MAX_LIGHTS];
    int nlight;
} Scene;

typedef struct {
    long rays, shadow_rays, hits, off_surface;
} Counters;

static Counters count;
static unsigned char image[MAX_H][MAX_W][3];

static Vec vec(double x, double y, double z)
{
    Vec v;
    v.x = x;
    v.y = y;
    v.z = z;
    return v;
}

static Vec add(Vec a, Vec b) { return vec(a.x + b.x, a.y + b.y, a.z + b.z); }
static Vec sub(Vec a, Vec b) { return vec(a.x - b.x, a.y - b.y, a.z - b.z); }
static Vec scale(Vec a, double s) { return vec(a.x * s, a.y * s, a.z * s); }
static Vec mul(Vec a, Vec b) { return vec(a.x * b.x, a.y * b.y, a.z * b.z); }
static double dot(Vec a, Vec b) { return a.x * b.x + a.y * b.y + a.z * b.z; }

static Vec cross(Vec a, Vec b)
{
    return vec(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x);
}

static Vec normalize(Vec a)
{
    double len = sqrt(dot(a, a));
    return len > 0 ? scale(a, 1.0 / len) : a;
}

static double ipow(double b, int e)
{
    double r = 1.0;
    while (e > 0) {
        if (e & 1) r *= b;
        b *= b;
        e >>= 1;
    }
    return r;
}

/* Distance along the ray (origin o, unit direction d) to the object, or -1. */
static double intersect(const Object *ob, Vec o, Vec d)
{
    if (ob->kind == SPHERE) {
        Vec oc = sub(o, ob->p);
        double b = dot(oc, d), c = dot(oc, oc) - ob->r * ob->r;
        double disc = b * b - c, s, t;
        if (disc < 0) return -1;
        s = sqrt(disc);
        t = -b - s;
        if (t > EPS) return t;
        t = -b + s;
        return t > EPS ? t : -1;
    } else {
        double denom = dot(ob->p, d), t;
        if (denom > -EPS && denom < EPS) return -1;
        t = (ob->r - dot(ob->p, o)) / denom;
        return t > EPS ? t : -1;
    }
}

/* Nearest object hit closer than *tmin (updated), or -1. */
static int nearest_hit(const Scene *sc, Vec o, Vec d, double *tmin)
{
    int best = -1;
    for (int i = 0; i < sc->nobj; i++) {
        double t = intersect(&sc->obj[i], o, d);
        if (t > 0 && t < *tmin) {
            *tmin = t;
            best = i;
        }
    }
    return best;
}

/* Surface colour: a plane alternates two colours in squares of side `checker`. */
static Vec surface_color(const Object *ob, Vec p)
{
    if (ob->kind == PLANE && ob->m.checker > 0) {
        double squares = floor(dot(p, ob->u) / ob->m.checker) + floor(dot(p, ob->v) / ob->m.checker);
        if (fmod(squares, 2.0) != 0) return ob->m.color2;
    }
    return ob->m.color;
}

static Vec trace(const Scene *sc, Vec o, Vec d, int depth)
{
    double t;
    int hit;
    const Object *ob;
    Vec p, n, base, result, view;

    count.rays++;
    t = 1e30;
    hit = nearest_hit(sc, o, d, &t);
    if (hit < 0) return sc->background;
    count.hits++;
    ob = &sc->obj[hit];
    p = add(o, scale(d, t));
    if (ob->kind == SPHERE) {
        n = scale(sub(p, ob->p), 1.0 / ob->r);
        if (fabs(dot(n, n) - 1.0) > 1e-9 * (1.0 + t / ob->r) * (1.0 + t / ob->r))
            count.off_surface++;
    } else {
        n = ob->p;
        if (fabs(dot(n, p) - ob->r) > 1e-9 * (1.0 + t + fabs(ob->r))) count.off_surface++;
    }
    if (dot(n, d) > 0) n = scale(n, -1.0); /* seen from behind */
    base = surface_color(ob, p);
    result = scale(base, sc->ambient);
    view = scale(d, -1.0);
    for (int i = 0; i < sc->nlight; i++) {
        Vec to_light = sub(sc->light[i].pos, p);
        double dist = sqrt(dot(to_light, to_light)), ndotl;
        to_light = scale(to_light, 1.0 / dist);
        ndotl = dot(n, to_light);
        if (ndotl <= 0) continue;
        count.shadow_rays++;
        if (nearest_hit(sc, p, to_light, &dist) >= 0) continue;
        result = add(result, scale(mul(base, sc->light[i].color), ob->m.diffuse * ndotl));
        if (ob->m.specular > 0) {
            Vec r = sub(scale(n, 2.0 * ndotl), to_light);
            double rdotv = dot(r, view);
            if (rdotv > 0)
                result = add(result, scale(sc->light[i].color,
                                           ob->m.specular * ipow(rdotv, ob->m.shininess)));
        }
    }
    if (ob->m.reflect > 0 && depth < MAX_DEPTH) {
        Vec r = normalize(sub(d, scale(n, 2.0 * dot(n, d))));
        Vec rc = trace(sc, p, r, depth + 1);
        result = add(scale(result, 1.0 - ob->m.reflect), scale(rc, ob->m.reflect));
    }
    return result;
}

/* Maps a linear value to 0..255 with a gamma of 2 and clamping. */
static int quantise(double v)
{
    if (v <= 0) return 0;
    if (v >= 1) return 255;
    return (int)(sqrt(v) * 255.0 + 0.5);
}

static void render(const Scene *sc, int w, int h)
{
    Vec fwd = normalize(sub(sc->target, sc->eye));
    Vec right = normalize(cross(vec(0, 1, 0), fwd));
    Vec up = cross(fwd, right);
    double half = tan(sc->fov * 3.14159265358979323846 / 360.0);
    double aspect = (double)w / h;
    int ns = sc->samples;

    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            Vec sum = vec(0, 0, 0);
            for (int sy = 0; sy < ns; sy++) {
                for (int sx = 0; sx < ns; sx++) {
                    double px = ((x + (sx + 0.5) / ns) / w * 2.0 - 1.0) * half * aspect;
                    double py = (1.0 - (y + (sy + 0.5) / ns) / h * 2.0) * half;
                    Vec d = normalize(add(fwd, add(scale(right, px), scale(up, py))));
                    sum = add(sum, trace(sc, sc->eye, d, 0));
                }
            }
            sum = scale(sum, 1.0 / (ns * ns));
            image[y][x][0] = (unsigned char)quantise(sum.x);
            image[y][x][1] = (unsigned char)quantise(sum.y);
            image[y][x][2] = (unsigned char)quantise(sum.z);
        }
    }
}

static void report(const Scene *sc, int w, int h)
{
    static const char ramp[] = " .:-=+*#%@";
    unsigned long sum[3] = { 0, 0, 0 };
    unsigned check = 2166136261u;

    printf("scene %s: %dx%d, %d objects, %d lights, %d sample(s) per pixel\n", sc->name, w, h,
           sc->nobj, sc->nlight, sc->samples * sc->samples);
    for (int y = 0; y + 4 <= h; y += 4) {
        char line[MAX_W / 2 + 1];
        int n = 0;
        for (int x = 0; x + 2 <= w; x += 2) {
            int lum = 0, level;
            for (int dy = 0; dy < 4; dy++)
                for (int dx = 0; dx < 2; dx++) {
                    const unsigned char *px = image[y + dy][x + dx];
                    lum += 54 * px[0] + 183 * px[1] + 19 * px[2];
                }
            level = lum * 10 / (256 * 8 * 256);
            line[n++] = ramp[level];
        }
        line[n] = '\0';
        printf("|%s|\n", line);
    }
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            for (int c = 0; c < 3; c++) {
                sum[c] += image[y][x][c];
                check = (check ^ image[y][x][c]) * 16777619u;
            }
    printf("mean r=%lu g=%lu b=%lu (x100)  checksum %08x\n", sum[0] * 100 / ((unsigned long)w * h),
           sum[1] * 100 / ((unsigned long)w * h), sum[2] * 100 / ((unsigned long)w * h), check);
}

static int read_vec(const char **s, Vec *v)
{
    int used;
    if (sscanf(*s, "%lf %lf %lf%n", &v->x, &v->y, &v->z, &used) != 3) return 0;
    *s += used;
    return 1;
}

static int read_material(const char *s, Material *m, int plane)
{
    int used;
    if (!read_vec(&s, &m->color)) return 0;
    m->color2 = m->color;
    m->checker = 0;
    if (plane) {
        if (!read_vec(&s, &m->color2) || sscanf(s, "%lf%n", &m->checker, &used) != 1) return 0;
        s += used;
    }
    return sscanf(s, "%lf %lf %d %lf", &m->diffuse, &m->specular, &m->shininess, &m->reflect) == 4 &&
           m->shininess >= 0 && m->shininess <= 1000 && m->reflect >= 0 && m->reflect <= 1;
}

static void reset_scene(Scene *sc)
{
    memset(sc, 0, sizeof *sc);
    strcpy(sc->name, "unnamed");
    sc->eye = vec(0, 1, -5);
    sc->fov = 60;
    sc->ambient = 0.1;
    sc->samples = 1;
}

/* Parses one scene line; returns 0 on a syntax error. */
static int parse_line(Scene *sc, char *line)
{
    char word[16];
    int used;
    const char *rest;

    if (sscanf(line, "%15s%n", word, &used) != 1 || word[0] == '#') return 1;
    rest = line + used;
    if (strcmp(word, "name") == 0) {
        return sscanf(rest, " %63s", sc->name) == 1;
    } else if (strcmp(word, "camera") == 0) {
        return read_vec(&rest, &sc->eye) && read_vec(&rest, &sc->target) &&
               sscanf(rest, "%lf", &sc->fov) == 1 && sc->fov > 1 && sc->fov < 170;
    } else if (strcmp(word, "background") == 0) {
        return read_vec(&rest, &sc->background);
    } else if (strcmp(word, "ambient") == 0) {
        return sscanf(rest, "%lf", &sc->ambient) == 1;
    } else if (strcmp(word, "samples") == 0) {
        return sscanf(rest, "%d", &sc->samples) == 1 && sc->samples >= 1 && sc->samples <= 4;
    } else if (strcmp(word, "light") == 0) {
        Light *l = &sc->light[sc->nlight];
        if (sc->nlight >= MAX_LIGHTS) return 0;
        sc->nlight++;
        return read_vec(&rest, &l->pos) && read_vec(&rest, &l->color);
    } else if (strcmp(word, "sphere") == 0 || strcmp(word, "plane") == 0) {
        Object *ob = &sc->obj[sc->nobj];
        if (sc->nobj >= MAX_OBJECTS) return 0;
        sc->nobj++;
        ob->kind = word[0] == 's' ? SPHERE : PLANE;
        if (!read_vec(&rest, &ob->p) || sscanf(rest, "%lf%n", &ob->r, &used) != 1) return 0;
        if (ob->kind == PLANE) {
            double len = sqrt(dot(ob->p, ob->p));
            if (len == 0) return 0;
            ob->p = scale(ob->p, 1.0 / len);
            ob->u = normalize(cross(ob->p, fabs(ob->p.y) < 0.9 ? vec(0, 1, 0) : vec(1, 0, 0)));
            ob->v = cross(ob->p, ob->u);
        } else if (ob->r <= 0) {
            return 0;
        }
        return read_material(rest + used, &ob->m, ob->kind == PLANE);
    }
    return 0;
}

int main(int argc, char **argv)
{
    static Scene sc;
    char line[256];
    int w, h, lineno = 0, scenes = 0;
    FILE *f;

    if (argc != 4) {
        printf("usage: raytrace SCENEFILE WIDTH HEIGHT\n");
        return 1;
    }
    w = atoi(argv[2]);
    h = atoi(argv[3]);
    if (w < 2 || h < 4 || w > MAX_W || h > MAX_H) return 1;
    f = fopen(argv[1], "r");
    if (!f) return 1;
    reset_scene(&sc);
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (strncmp(line, "render", 6) == 0) {
            render(&sc, w, h);
            report(&sc, w, h);
            scenes++;
            reset_scene(&sc);
        } else if (!parse_line(&sc, line)) {
            printf("syntax error on line %d\n", lineno);
            fclose(f);
            return 1;
        }
    }
    fclose(f);
    printf("%d scenes, %ld rays, %ld shadow rays, %ld hits\n", scenes, count.rays,
           count.shadow_rays, count.hits);
    printf("surface check: %s (%ld hit points off their surface)\n",
           count.off_surface ? "FAILED" : "ok", count.off_surface);
    return count.off_surface ? 1 : 0;
}
