// Dequantization of stored weight blocks to f32, following gguf-py's quants.py operation order exactly
// (no fused multiply-add), so results equal gguf.quants.dequantize bit for bit.
#include "internal.h"
#include <immintrin.h>

#pragma STDC FP_CONTRACT OFF

#define EK_INLINE static inline __attribute__((always_inline))

EK_INLINE void deq_q8_0(const ek_q8_0 *x, float *y, int64_t nb) {
    for (int64_t i = 0; i < nb; i++) {
        const float d = ek_half_to_float(x[i].d);
        for (int j = 0; j < 32; j++) y[32 * i + j] = (float)x[i].qs[j] * d;
    }
}

EK_INLINE void deq_q4_0(const ek_q4_0 *x, float *y, int64_t nb) {
    for (int64_t i = 0; i < nb; i++) {
        const float d = ek_half_to_float(x[i].d);
        for (int j = 0; j < 16; j++) {
            y[32 * i + j] = d * (float)((x[i].qs[j] & 0xF) - 8);
            y[32 * i + j + 16] = d * (float)((x[i].qs[j] >> 4) - 8);
        }
    }
}

EK_INLINE void deq_q4_1(const ek_q4_1 *x, float *y, int64_t nb) {
    for (int64_t i = 0; i < nb; i++) {
        const float d = ek_half_to_float(x[i].d), m = ek_half_to_float(x[i].m);
        for (int j = 0; j < 16; j++) {
            y[32 * i + j] = d * (float)(x[i].qs[j] & 0xF) + m;
            y[32 * i + j + 16] = d * (float)(x[i].qs[j] >> 4) + m;
        }
    }
}

EK_INLINE void deq_q5_0(const ek_q5_0 *x, float *y, int64_t nb) {
    for (int64_t i = 0; i < nb; i++) {
        const float d = ek_half_to_float(x[i].d);
        uint32_t h;
        memcpy(&h, x[i].qh, 4);
        for (int j = 0; j < 16; j++) {
            const int lo = (x[i].qs[j] & 0xF) | (int)(((h >> j) & 1) << 4);
            const int hi = (x[i].qs[j] >> 4) | (int)(((h >> (j + 16)) & 1) << 4);
            y[32 * i + j] = d * (float)(lo - 16);
            y[32 * i + j + 16] = d * (float)(hi - 16);
        }
    }
}

EK_INLINE void deq_q5_1(const ek_q5_1 *x, float *y, int64_t nb) {
    for (int64_t i = 0; i < nb; i++) {
        const float d = ek_half_to_float(x[i].d), m = ek_half_to_float(x[i].m);
        uint32_t h;
        memcpy(&h, x[i].qh, 4);
        for (int j = 0; j < 16; j++) {
            const int lo = (x[i].qs[j] & 0xF) | (int)(((h >> j) & 1) << 4);
            const int hi = (x[i].qs[j] >> 4) | (int)(((h >> (j + 16)) & 1) << 4);
            y[32 * i + j] = d * (float)lo + m;
            y[32 * i + j + 16] = d * (float)hi + m;
        }
    }
}

EK_INLINE void deq_q4_K(const ek_q4_K *x, float *y, int64_t nb) {
    for (int64_t i = 0; i < nb; i++) {
        const float d = ek_half_to_float(x[i].d), dmin = ek_half_to_float(x[i].dmin);
        uint8_t sc[8], mn[8];
        ek_unpack_k_scales(x[i].scales, sc, mn);
        float *out = y + 256 * i;
        for (int c = 0; c < 4; c++) {
            const float d1 = d * (float)sc[2 * c], m1 = dmin * (float)mn[2 * c];
            const float d2 = d * (float)sc[2 * c + 1], m2 = dmin * (float)mn[2 * c + 1];
            const uint8_t *q = x[i].qs + 32 * c;
            for (int l = 0; l < 32; l++) out[64 * c + l] = d1 * (float)(q[l] & 0xF) - m1;
            for (int l = 0; l < 32; l++) out[64 * c + 32 + l] = d2 * (float)(q[l] >> 4) - m2;
        }
    }
}

EK_INLINE void deq_q5_K(const ek_q5_K *x, float *y, int64_t nb) {
    for (int64_t i = 0; i < nb; i++) {
        const float d = ek_half_to_float(x[i].d), dmin = ek_half_to_float(x[i].dmin);
        uint8_t sc[8], mn[8];
        ek_unpack_k_scales(x[i].scales, sc, mn);
        float *out = y + 256 * i;
        for (int c = 0; c < 4; c++) {
            const int s1 = 2 * c, s2 = 2 * c + 1;
            const float d1 = d * (float)sc[s1], m1 = dmin * (float)mn[s1];
            const float d2 = d * (float)sc[s2], m2 = dmin * (float)mn[s2];
            const uint8_t *q = x[i].qs + 32 * c;
            const uint8_t *qh = x[i].qh;
            for (int l = 0; l < 32; l++) {
                out[64 * c + l] = d1 * (float)((q[l] & 0xF) | (((qh[l] >> s1) & 1) << 4)) - m1;
            }
            for (int l = 0; l < 32; l++) {
                out[64 * c + 32 + l] = d2 * (float)((q[l] >> 4) | (((qh[l] >> s2) & 1) << 4)) - m2;
            }
        }
    }
}

EK_INLINE void deq_q6_K(const ek_q6_K *x, float *y, int64_t nb) {
    for (int64_t i = 0; i < nb; i++) {
        const float d = ek_half_to_float(x[i].d);
        float ds[16];
        for (int j = 0; j < 16; j++) ds[j] = d * (float)x[i].scales[j];
        for (int n = 0; n < 2; n++) {
            const uint8_t *L = x[i].ql + 64 * n, *H = x[i].qh + 32 * n;
            const float *s = ds + 8 * n;
            float *out = y + 256 * i + 128 * n;
            for (int l = 0; l < 32; l++) {
                const int is = l / 16;
                const int v0 = ((L[l] & 0xF) | (((H[l] >> 0) & 3) << 4)) - 32;
                const int v1 = ((L[l + 32] & 0xF) | (((H[l] >> 2) & 3) << 4)) - 32;
                const int v2 = ((L[l] >> 4) | (((H[l] >> 4) & 3) << 4)) - 32;
                const int v3 = ((L[l + 32] >> 4) | (((H[l] >> 6) & 3) << 4)) - 32;
                out[l] = s[is + 0] * (float)v0;
                out[l + 32] = s[is + 2] * (float)v1;
                out[l + 64] = s[is + 4] * (float)v2;
                out[l + 96] = s[is + 6] * (float)v3;
            }
        }
    }
}

EK_INLINE void deq_bf16(const uint16_t *x, float *y, int64_t n) {
    for (int64_t i = 0; i < n; i++) {
        uint32_t bits = (uint32_t)x[i] << 16;
        memcpy(&y[i], &bits, 4);
    }
}

EK_INLINE int deq_common(int type, const void *src, float *dst, int64_t n) {
    switch (type) {
    case EK_F32: memcpy(dst, src, (size_t)n * 4); return 0;
    case EK_BF16: deq_bf16(src, dst, n); return 0;
    case EK_Q8_0: deq_q8_0(src, dst, n / 32); return 0;
    case EK_Q4_0: deq_q4_0(src, dst, n / 32); return 0;
    case EK_Q4_1: deq_q4_1(src, dst, n / 32); return 0;
    case EK_Q5_0: deq_q5_0(src, dst, n / 32); return 0;
    case EK_Q5_1: deq_q5_1(src, dst, n / 32); return 0;
    case EK_Q4_K: deq_q4_K(src, dst, n / 256); return 0;
    case EK_Q5_K: deq_q5_K(src, dst, n / 256); return 0;
    case EK_Q6_K: deq_q6_K(src, dst, n / 256); return 0;
    default: return -1;
    }
}

int ek_dequantize_row_scalar(int type, const void *src, float *dst, int64_t n) {
    if (type == EK_F16) {
        const uint16_t *h = src;
        for (int64_t i = 0; i < n; i++) dst[i] = ek_half_to_float(h[i]);
        return 0;
    }
    return deq_common(type, src, dst, n);
}

EK_AVX2 int ek_dequantize_row_avx2(int type, const void *src, float *dst, int64_t n) {
    if (type == EK_F16) {
        const uint16_t *h = src;
        int64_t i = 0;
        for (; i + 8 <= n; i += 8) {
            _mm256_storeu_ps(dst + i, _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(h + i))));
        }
        for (; i < n; i++) dst[i] = ek_half_to_float(h[i]);
        return 0;
    }
    return deq_common(type, src, dst, n);
}
