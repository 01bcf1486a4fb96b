// Internal definitions shared by the CKernels sources: weight block layouts and half-float conversion.
#ifndef EASEL_CKERNELS_INTERNAL_H
#define EASEL_CKERNELS_INTERNAL_H

#include "ckernels.h"
#include <string.h>

#define EK_QK 32
#define EK_QKK 256
#define EK_AVX2 __attribute__((target("avx2,fma,f16c")))

typedef struct { uint16_t d; int8_t qs[32]; } ek_q8_0;                           // 34 B
typedef struct { uint16_t d; uint8_t qs[16]; } ek_q4_0;                          // 18 B
typedef struct { uint16_t d, m; uint8_t qs[16]; } ek_q4_1;                       // 20 B
typedef struct { uint16_t d; uint8_t qh[4]; uint8_t qs[16]; } ek_q5_0;           // 22 B
typedef struct { uint16_t d, m; uint8_t qh[4]; uint8_t qs[16]; } ek_q5_1;        // 24 B
typedef struct { uint16_t d, dmin; uint8_t scales[12]; uint8_t qs[128]; } ek_q4_K;              // 144 B
typedef struct { uint16_t d, dmin; uint8_t scales[12]; uint8_t qh[32]; uint8_t qs[128]; } ek_q5_K; // 176 B
typedef struct { uint8_t ql[128]; uint8_t qh[64]; int8_t scales[16]; uint16_t d; } ek_q6_K;      // 210 B

_Static_assert(sizeof(ek_q8_0) == 34, "q8_0");
_Static_assert(sizeof(ek_q4_0) == 18, "q4_0");
_Static_assert(sizeof(ek_q4_1) == 20, "q4_1");
_Static_assert(sizeof(ek_q5_0) == 22, "q5_0");
_Static_assert(sizeof(ek_q5_1) == 24, "q5_1");
_Static_assert(sizeof(ek_q4_K) == 144, "q4_K");
_Static_assert(sizeof(ek_q5_K) == 176, "q5_K");
_Static_assert(sizeof(ek_q6_K) == 210, "q6_K");
_Static_assert(sizeof(ek_block_q8_32) == 40, "q8_32");
_Static_assert(sizeof(ek_block_q8_K) == 292, "q8_K");

/// Exact IEEE binary16 -> binary32 conversion without F16C.
static inline float ek_half_to_float(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000) << 16;
    uint32_t exp = (h >> 10) & 0x1F;
    uint32_t mant = h & 0x3FF;
    uint32_t bits;
    if (exp == 0) {
        if (mant == 0) {
            bits = sign;
        } else {  // subnormal: normalise
            exp = 127 - 15 + 1;
            while ((mant & 0x400) == 0) {
                mant <<= 1;
                exp--;
            }
            mant &= 0x3FF;
            bits = sign | (exp << 23) | (mant << 13);
        }
    } else if (exp == 31) {
        bits = sign | 0x7F800000 | (mant << 13);
    } else {
        bits = sign | ((exp + 127 - 15) << 23) | (mant << 13);
    }
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

static inline float ek_bf16_to_float(uint16_t h) {
    uint32_t bits = (uint32_t)h << 16;
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

/// Unpacks the 12 packed bytes of a Q4_K/Q5_K block into 8 six-bit scales and 8 six-bit mins.
static inline void ek_unpack_k_scales(const uint8_t *s, uint8_t *sc, uint8_t *mn) {
    for (int j = 0; j < 4; j++) {
        sc[j] = s[j] & 63;
        mn[j] = s[j + 4] & 63;
    }
    for (int j = 4; j < 8; j++) {
        sc[j] = (uint8_t)((s[j + 4] & 0xF) | ((s[j - 4] >> 6) << 4));
        mn[j] = (uint8_t)((s[j + 4] >> 4) | ((s[j] >> 6) << 4));
    }
}

extern int ek_simd_on;

// Scalar and AVX2 implementations (selected in dispatch.c).
int ek_dequantize_row_scalar(int type, const void *src, float *dst, int64_t n);
int ek_dequantize_row_avx2(int type, const void *src, float *dst, int64_t n);
int ek_gemv_rows_scalar(int type, int64_t n, const void *w, size_t row_bytes, int64_t nrows, const void *act, float *out);
int ek_gemv_rows_avx2(int type, int64_t n, const void *w, size_t row_bytes, int64_t nrows, const void *act, float *out);
int ek_gemm_rows_scalar(int type, int64_t n, const void *w, size_t row_bytes, int64_t nrows, const void *act,
                        size_t act_stride, int nact, float *out, int64_t out_stride);
int ek_gemm_rows_avx2(int type, int64_t n, const void *w, size_t row_bytes, int64_t nrows, const void *act,
                      size_t act_stride, int nact, float *out, int64_t out_stride);

/// Defines `attr int name(type, n, w, row_bytes, nrows, act, out)`: `out[r]` = row `r` of `w` (rows `row_bytes`
/// apart, `n` values each) dotted with `act`, through the including file's own `dot_<type>` functions; -1 for a
/// type it cannot multiply. dot_scalar.c and dot_avx2.c each expand it once, so the two share one dispatch.
#define EK_DEFINE_GEMV_ROWS(attr, name) \
attr int name(int type, int64_t n, const void *w, size_t row_bytes, int64_t nrows, const void *act, float *out) \
{ \
    for (int64_t r = 0; r < nrows; r++) { \
        const void *row = (const uint8_t *)w + (size_t)r * row_bytes; \
        float v; \
        switch (type) { \
        case EK_F32: v = dot_f32(row, act, n); break; \
        case EK_F16: v = dot_f16(row, act, n); break; \
        case EK_BF16: v = dot_bf16(row, act, n); break; \
        case EK_Q8_0: v = dot_q8_0(row, act, n / 32); break; \
        case EK_Q4_0: v = dot_q4_0(row, act, n / 32); break; \
        case EK_Q4_1: v = dot_q4_1(row, act, n / 32); break; \
        case EK_Q5_0: v = dot_q5_0(row, act, n / 32); break; \
        case EK_Q5_1: v = dot_q5_1(row, act, n / 32); break; \
        case EK_Q4_K: v = dot_q4_K(row, act, n / 256); break; \
        case EK_Q5_K: v = dot_q5_K(row, act, n / 256); break; \
        case EK_Q6_K: v = dot_q6_K(row, act, n / 256); break; \
        default: return -1; \
        } \
        out[r] = v; \
    } \
    return 0; \
}

#endif
