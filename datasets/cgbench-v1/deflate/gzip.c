/* Byte buffers, CRC-32, the length/distance code tables and the gzip
 * container of RFC 1952. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dfl.h"

#define GZ_FHCRC 0x02
#define GZ_FEXTRA 0x04
#define GZ_FNAME 0x08
#define GZ_FCOMMENT 0x10

void fatal(const char *msg)
{
    fprintf(stderr, "deflate: %s\n", msg);
    exit(2);
}

void buf_init(Buf *b)
{
    b->cap = 256;
    b->len = 0;
    b->data = malloc(b->cap);
    if (b->data == NULL)
        fatal("out of memory");
}

void buf_free(Buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void buf_reserve(Buf *b, size_t extra)
{
    size_t need = b->len + extra, cap = b->cap ? b->cap : 256;
    unsigned char *p;

    if (need < b->len)
        fatal("buffer too large");
    if (need <= b->cap)
        return;
    while (cap < need)
        cap *= 2;
    p = realloc(b->data, cap);
    if (p == NULL)
        fatal("out of memory");
    b->data = p;
    b->cap = cap;
}

void buf_byte(Buf *b, unsigned c)
{
    if (b->len == b->cap)
        buf_reserve(b, 1);
    b->data[b->len++] = (unsigned char)c;
}

void buf_bytes(Buf *b, const unsigned char *p, size_t n)
{
    if (n == 0)
        return;
    buf_reserve(b, n);
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

/* Reflected CRC-32 with polynomial 0x04C11DB7, one table step per byte. */
static uint32_t crc_table[256];
static int crc_ready;

uint32_t crc32_update(uint32_t crc, const unsigned char *p, size_t n)
{
    if (!crc_ready) {
        uint32_t i, c;
        int k;
        for (i = 0; i < 256; i++) {
            c = i;
            for (k = 0; k < 8; k++)
                c = (c & 1u) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
            crc_table[i] = c;
        }
        crc_ready = 1;
    }
    crc ^= 0xFFFFFFFFu;
    while (n-- > 0)
        crc = crc_table[(crc ^ *p++) & 0xFFu] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

unsigned len_base[NUM_LEN_CODES], len_extra[NUM_LEN_CODES];
unsigned dist_base[NUM_DIST_CODES], dist_extra[NUM_DIST_CODES];

void tables_init(void)
{
    unsigned base = 3, e;
    int c;

    /* Codes 257..264 carry no extra bits, then each group of four
     * carries one more; 285 stands alone for length 258. */
    for (c = 0; c < 28; c++) {
        e = c < 8 ? 0 : (unsigned)(c - 4) / 4;
        len_base[c] = base;
        len_extra[c] = e;
        base += 1u << e;
    }
    len_base[28] = 258;
    len_extra[28] = 0;
    /* Distance codes 0..3 are single distances, then pairs of codes
     * share each number of extra bits. */
    base = 1;
    for (c = 0; c < NUM_DIST_CODES; c++) {
        e = c < 4 ? 0 : (unsigned)(c - 2) / 2;
        dist_base[c] = base;
        dist_extra[c] = e;
        base += 1u << e;
    }
}

static int floor_log2(unsigned x)
{
    int k = 0;
    while (x > 1) {
        x >>= 1;
        k++;
    }
    return k;
}

/* Index 0..28 of the length code for a match length 3..258. */
int length_code(unsigned len)
{
    unsigned x = len - 3;
    int k;

    if (len == 258)
        return 28;
    if (x < 8)
        return (int)x;
    k = floor_log2(x);
    return 4 * (k - 1) + (int)((x >> (k - 2)) & 3u);
}

/* Distance code 0..29 for a distance 1..32768. */
int distance_code(unsigned dist)
{
    unsigned x = dist - 1;
    int k;

    if (x < 4)
        return (int)x;
    k = floor_log2(x);
    return 2 * k + (int)((x >> (k - 1)) & 1u);
}

static void put_le32(Buf *b, uint32_t v)
{
    int i;
    for (i = 0; i < 4; i++)
        buf_byte(b, (unsigned)(v >> (8 * i)) & 0xFFu);
}

static uint32_t get_le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

void gzip_write(const unsigned char *in, size_t n, int level,
                const GzOptions *opt, Buf *out, BlockStats *st)
{
    size_t start = out->len;
    unsigned flags = 0;

    if (opt->name)
        flags |= GZ_FNAME;
    if (opt->comment)
        flags |= GZ_FCOMMENT;
    if (opt->header_crc)
        flags |= GZ_FHCRC;
    buf_byte(out, 0x1f);
    buf_byte(out, 0x8b);
    buf_byte(out, 8);
    buf_byte(out, flags);
    put_le32(out, 0);                       /* no modification time */
    buf_byte(out, level >= 9 ? 2 : level == 1 ? 4 : 0);
    buf_byte(out, 255);                     /* unknown OS */
    if (opt->name)
        buf_bytes(out, (const unsigned char *)opt->name,
                  strlen(opt->name) + 1);
    if (opt->comment)
        buf_bytes(out, (const unsigned char *)opt->comment,
                  strlen(opt->comment) + 1);
    if (opt->header_crc) {
        uint32_t c = crc32_update(0, out->data + start, out->len - start);
        buf_byte(out, c & 0xFFu);
        buf_byte(out, (c >> 8) & 0xFFu);
    }
    deflate_data(in, n, level, out, st);
    put_le32(out, crc32_update(0, in, n));
    put_le32(out, (uint32_t)n);
}

/* Skips a zero-terminated field, copying up to cap-1 bytes of it. */
static int skip_string(const unsigned char *in, size_t n, size_t *pos,
                       char *copy, size_t cap)
{
    size_t k = 0;

    while (*pos < n && in[*pos] != 0) {
        if (copy && k + 1 < cap)
            copy[k++] = (char)in[*pos];
        (*pos)++;
    }
    if (copy && cap > 0)
        copy[k] = '\0';
    if (*pos >= n)
        return Z_ERR_GZ_HEADER;
    (*pos)++;
    return Z_OK;
}

/* Decodes every member of a gzip file, appending the data to out. */
int gunzip(const unsigned char *in, size_t n, Buf *out, size_t limit,
           GzInfo *info)
{
    size_t pos = 0;
    int r;

    info->members = 0;
    info->name[0] = '\0';
    info->blocks.stored = info->blocks.fixed = info->blocks.dynamic = 0;
    if (n == 0)
        return Z_ERR_EMPTY;
    while (pos < n) {
        size_t hstart = pos, ostart = out->len, used;
        unsigned flags;

        if (n - pos < 10)
            return Z_ERR_GZ_HEADER;
        if (in[pos] != 0x1f || in[pos + 1] != 0x8b)
            return Z_ERR_MAGIC;
        if (in[pos + 2] != 8)
            return Z_ERR_METHOD;
        flags = in[pos + 3];
        if (flags & 0xE0u)
            return Z_ERR_FLAGS;
        pos += 10;
        if (flags & GZ_FEXTRA) {
            size_t xlen;
            if (n - pos < 2)
                return Z_ERR_GZ_HEADER;
            xlen = (size_t)in[pos] | (size_t)in[pos + 1] << 8;
            pos += 2;
            if (n - pos < xlen)
                return Z_ERR_GZ_HEADER;
            pos += xlen;
        }
        if (flags & GZ_FNAME) {
            r = skip_string(in, n, &pos, info->members ? NULL : info->name,
                            sizeof(info->name));
            if (r)
                return r;
        }
        if ((flags & GZ_FCOMMENT) &&
            (r = skip_string(in, n, &pos, NULL, 0)) != Z_OK)
            return r;
        if (flags & GZ_FHCRC) {
            uint32_t c;
            if (n - pos < 2)
                return Z_ERR_GZ_HEADER;
            c = crc32_update(0, in + hstart, pos - hstart);
            if ((c & 0xFFFFu) != ((unsigned)in[pos] | (unsigned)in[pos + 1] << 8))
                return Z_ERR_HEADER_CRC;
            pos += 2;
        }
        r = inflate_data(in + pos, n - pos, &used, out, limit, &info->blocks);
        if (r)
            return r;
        pos += used;
        if (n - pos < 8)
            return Z_ERR_TRAILER;
        if (crc32_update(0, out->data + ostart, out->len - ostart) !=
            get_le32(in + pos))
            return Z_ERR_CRC;
        if ((uint32_t)(out->len - ostart) != get_le32(in + pos + 4))
            return Z_ERR_SIZE;
        pos += 8;
        info->members++;
    }
    return Z_OK;
}

const char *z_error_name(int code)
{
    static const char *const names[Z_NUM_ERRORS] = {
        "ok", "unexpected end of data", "bad block type",
        "stored length mismatch", "bad code counts", "over-subscribed code",
        "incomplete code", "repeat without previous length",
        "no end-of-block code", "invalid code", "invalid symbol",
        "distance too far back", "output limit", "bad magic",
        "bad method", "reserved flags", "truncated header", "header crc",
        "truncated trailer", "crc mismatch", "size mismatch", "empty input"
    };
    if (code > 0 || -code >= Z_NUM_ERRORS)
        return "unknown";
    return names[-code];
}
