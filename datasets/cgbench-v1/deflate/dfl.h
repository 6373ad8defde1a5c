#ifndef DFL_H
#define DFL_H

#include <stddef.h>
#include <stdint.h>

/* A growable byte buffer. */
typedef struct {
    unsigned char *data;
    size_t len, cap;
} Buf;

void buf_init(Buf *b);
void buf_free(Buf *b);
void buf_reserve(Buf *b, size_t extra);
void buf_byte(Buf *b, unsigned c);
void buf_bytes(Buf *b, const unsigned char *p, size_t n);
void fatal(const char *msg);

uint32_t crc32_update(uint32_t crc, const unsigned char *p, size_t n);

/* Length codes 257..285 and distance codes 0..29 (RFC 1951, 3.2.5). */
#define NUM_LEN_CODES 29
#define NUM_DIST_CODES 30
extern unsigned len_base[NUM_LEN_CODES], len_extra[NUM_LEN_CODES];
extern unsigned dist_base[NUM_DIST_CODES], dist_extra[NUM_DIST_CODES];
void tables_init(void);
int length_code(unsigned len);
int distance_code(unsigned dist);

typedef struct {
    long stored, fixed, dynamic;
} BlockStats;

/* Code lengths, at most maxbits, for an optimal-ish prefix code. */
void build_lengths(const uint32_t *freq, int n, int maxbits, int pad,
                   unsigned char *len);

void deflate_data(const unsigned char *in, size_t n, int level, Buf *out,
                  BlockStats *st);

enum {
    Z_OK = 0,
    Z_ERR_EOF = -1,
    Z_ERR_BTYPE = -2,
    Z_ERR_STORED_LEN = -3,
    Z_ERR_HEADER_COUNTS = -4,
    Z_ERR_OVERSUBSCRIBED = -5,
    Z_ERR_INCOMPLETE = -6,
    Z_ERR_REPEAT = -7,
    Z_ERR_NO_EOB = -8,
    Z_ERR_BAD_CODE = -9,
    Z_ERR_BAD_SYMBOL = -10,
    Z_ERR_DISTANCE = -11,
    Z_ERR_LIMIT = -12,
    Z_ERR_MAGIC = -13,
    Z_ERR_METHOD = -14,
    Z_ERR_FLAGS = -15,
    Z_ERR_GZ_HEADER = -16,
    Z_ERR_HEADER_CRC = -17,
    Z_ERR_TRAILER = -18,
    Z_ERR_CRC = -19,
    Z_ERR_SIZE = -20,
    Z_ERR_EMPTY = -21
};
#define Z_NUM_ERRORS 22

const char *z_error_name(int code);

int inflate_data(const unsigned char *in, size_t n, size_t *used, Buf *out,
                 size_t limit, BlockStats *st);

typedef struct {
    const char *name;
    const char *comment;
    int header_crc;
} GzOptions;

typedef struct {
    int members;
    char name[64];
    BlockStats blocks;
} GzInfo;

void gzip_write(const unsigned char *in, size_t n, int level,
                const GzOptions *opt, Buf *out, BlockStats *st);
int gunzip(const unsigned char *in, size_t n, Buf *out, size_t limit,
           GzInfo *info);

#endif
