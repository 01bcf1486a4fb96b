// AVX2/FMA/F16C dot kernels: weight blocks as stored x 8-bit activations (u8 x s8 -> s16 -> s32 with
// maddubs/madd), accumulated in f32. Compiled for the AVX2 target only; selected at run time after cpuid.
#include "internal.h"
#include <immintrin.h>

#define EK_AV static inline EK_AVX2 __attribute__((always_inline))

EK_AV float hsum_ps(__m256 x) {
    __m128 lo = _mm_add_ps(_mm256_castps256_ps128(x), _mm256_extractf128_ps(x, 1));
    lo = _mm_add_ps(lo, _mm_movehl_ps(lo, lo));
    lo = _mm_add_ss(lo, _mm_movehdup_ps(lo));
    return _mm_cvtss_f32(lo);
}

EK_AV float half(uint16_t h) { return _cvtsh_ss(h); }

/// u8 (first, < 128) x s8 pairs summed to 8 x s32.
EK_AV __m256i mul_sum_us8(__m256i u, __m256i s) {
    return _mm256_madd_epi16(_mm256_maddubs_epi16(u, s), _mm256_set1_epi16(1));
}

/// 32 bits -> 32 bytes, 0x10 where the bit is set.
EK_AV __m256i bits_to_0x10(const uint8_t *qh) {
    uint32_t x;
    memcpy(&x, qh, 4);
    const __m256i shuf = _mm256_set_epi64x(0x0303030303030303LL, 0x0202020202020202LL, 0x0101010101010101LL, 0);
    const __m256i bitmask = _mm256_set1_epi64x((long long)0x8040201008040201ULL);
    __m256i bytes = _mm256_shuffle_epi8(_mm256_set1_epi32((int)x), shuf);
    bytes = _mm256_cmpeq_epi8(_mm256_and_si256(bytes, bitmask), bitmask);
    return _mm256_and_si256(bytes, _mm256_set1_epi8(0x10));
}

EK_AV __m256i nibbles32(const uint8_t *qs) {
    const __m128i t = _mm_loadu_si128((const __m128i *)qs);
    return _mm256_and_si256(_mm256_set_m128i(_mm_srli_epi16(t, 4), t), _mm256_set1_epi8(0x0F));
}

static EK_AVX2 float dot_f32(const float *w, const float *x, int64_t n) {
    __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
    int64_t i = 0;
    for (; i + 32 <= n; i += 32) {
        a0 = _mm256_fmadd_ps(_mm256_loadu_ps(w + i), _mm256_loadu_ps(x + i), a0);
        a1 = _mm256_fmadd_ps(_mm256_loadu_ps(w + i + 8), _mm256_loadu_ps(x + i + 8), a1);
        a2 = _mm256_fmadd_ps(_mm256_loadu_ps(w + i + 16), _mm256_loadu_ps(x + i + 16), a2);
        a3 = _mm256_fmadd_ps(_mm256_loadu_ps(w + i + 24), _mm256_loadu_ps(x + i + 24), a3);
    }
    for (; i + 8 <= n; i += 8) a0 = _mm256_fmadd_ps(_mm256_loadu_ps(w + i), _mm256_loadu_ps(x + i), a0);
    float s = hsum_ps(_mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3)));
    for (; i < n; i++) s += w[i] * x[i];
    return s;
}

EK_AV __m256 load_f16(const uint16_t *p) { return _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)p)); }
EK_AV __m256 load_bf16(const uint16_t *p) {
    const __m256i v = _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)p));
    return _mm256_castsi256_ps(_mm256_slli_epi32(v, 16));
}

#define EK_DOT_HALF(NAME, LOAD, CONV)                                                                               \
    static EK_AVX2 float NAME(const uint16_t *w, const float *x, int64_t n) {                                     \
        __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;                                                 \
        int64_t i = 0;                                                                                               \
        for (; i + 32 <= n; i += 32) {                                                                               \
            a0 = _mm256_fmadd_ps(LOAD(w + i), _mm256_loadu_ps(x + i), a0);                                           \
            a1 = _mm256_fmadd_ps(LOAD(w + i + 8), _mm256_loadu_ps(x + i + 8), a1);                                   \
            a2 = _mm256_fmadd_ps(LOAD(w + i + 16), _mm256_loadu_ps(x + i + 16), a2);                                 \
            a3 = _mm256_fmadd_ps(LOAD(w + i + 24), _mm256_loadu_ps(x + i + 24), a3);                                 \
        }                                                                                                            \
        for (; i + 8 <= n; i += 8) a0 = _mm256_fmadd_ps(LOAD(w + i), _mm256_loadu_ps(x + i), a0);                    \
        float s = hsum_ps(_mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3)));                            \
        for (; i < n; i++) s += CONV(w[i]) * x[i];                                                                   \
        return s;                                                                                                    \
    }

EK_DOT_HALF(dot_f16, load_f16, ek_half_to_float)
EK_DOT_HALF(dot_bf16, load_bf16, ek_bf16_to_float)

static EK_AVX2 float dot_q8_0(const ek_q8_0 *w, const ek_block_q8_32 *a, int64_t nb) {
    __m256 acc = _mm256_setzero_ps();
    for (int64_t i = 0; i < nb; i++) {
        const __m256i qx = _mm256_loadu_si256((const __m256i *)w[i].qs);
        const __m256i qy = _mm256_loadu_si256((const __m256i *)a[i].qs);
        const __m256i p = mul_sum_us8(_mm256_sign_epi8(qx, qx), _mm256_sign_epi8(qy, qx));
        acc = _mm256_fmadd_ps(_mm256_set1_ps(half(w[i].d) * a[i].d), _mm256_cvtepi32_ps(p), acc);
    }
    return hsum_ps(acc);
}

static EK_AVX2 float dot_q4_0(const ek_q4_0 *w, const ek_block_q8_32 *a, int64_t nb) {
    __m256 acc = _mm256_setzero_ps();
    float corr = 0;
    for (int64_t i = 0; i < nb; i++) {
        const float dd = half(w[i].d) * a[i].d;
        const __m256i p = mul_sum_us8(nibbles32(w[i].qs), _mm256_loadu_si256((const __m256i *)a[i].qs));
        acc = _mm256_fmadd_ps(_mm256_set1_ps(dd), _mm256_cvtepi32_ps(p), acc);
        corr += dd * (float)(8 * a[i].sum);
    }
    return hsum_ps(acc) - corr;
}

static EK_AVX2 float dot_q4_1(const ek_q4_1 *w, const ek_block_q8_32 *a, int64_t nb) {
    __m256 acc = _mm256_setzero_ps();
    float mins = 0;
    for (int64_t i = 0; i < nb; i++) {
        const __m256i p = mul_sum_us8(nibbles32(w[i].qs), _mm256_loadu_si256((const __m256i *)a[i].qs));
        acc = _mm256_fmadd_ps(_mm256_set1_ps(half(w[i].d) * a[i].d), _mm256_cvtepi32_ps(p), acc);
        mins += half(w[i].m) * a[i].d * (float)a[i].sum;
    }
    return hsum_ps(acc) + mins;
}

static EK_AVX2 float dot_q5_0(const ek_q5_0 *w, const ek_block_q8_32 *a, int64_t nb) {
    __m256 acc = _mm256_setzero_ps();
    float corr = 0;
    for (int64_t i = 0; i < nb; i++) {
        const float dd = half(w[i].d) * a[i].d;
        const __m256i q = _mm256_or_si256(nibbles32(w[i].qs), bits_to_0x10(w[i].qh));
        const __m256i p = mul_sum_us8(q, _mm256_loadu_si256((const __m256i *)a[i].qs));
        acc = _mm256_fmadd_ps(_mm256_set1_ps(dd), _mm256_cvtepi32_ps(p), acc);
        corr += dd * (float)(16 * a[i].sum);
    }
    return hsum_ps(acc) - corr;
}

static EK_AVX2 float dot_q5_1(const ek_q5_1 *w, const ek_block_q8_32 *a, int64_t nb) {
    __m256 acc = _mm256_setzero_ps();
    float mins = 0;
    for (int64_t i = 0; i < nb; i++) {
        const __m256i q = _mm256_or_si256(nibbles32(w[i].qs), bits_to_0x10(w[i].qh));
        const __m256i p = mul_sum_us8(q, _mm256_loadu_si256((const __m256i *)a[i].qs));
        acc = _mm256_fmadd_ps(_mm256_set1_ps(half(w[i].d) * a[i].d), _mm256_cvtepi32_ps(p), acc);
        mins += half(w[i].m) * a[i].d * (float)a[i].sum;
    }
    return hsum_ps(acc) + mins;
}

// Shuffle masks that broadcast int16 element k of a 128-bit lane to all 8 positions of the lane.
static const uint8_t k_bcast16[8][32] __attribute__((aligned(32))) = {
#define B(k) {2*k, 2*k+1, 2*k, 2*k+1, 2*k, 2*k+1, 2*k, 2*k+1, 2*k, 2*k+1, 2*k, 2*k+1, 2*k, 2*k+1, 2*k, 2*k+1, \
              2*k, 2*k+1, 2*k, 2*k+1, 2*k, 2*k+1, 2*k, 2*k+1, 2*k, 2*k+1, 2*k, 2*k+1, 2*k, 2*k+1, 2*k, 2*k+1}
    B(0), B(1), B(2), B(3), B(4), B(5), B(6), B(7)
#undef B
};

/// Unpacks Q4_K/Q5_K scales: returns sc[0..7] broadcast to both lanes as int16; *mins gets mn[0..7] as int16.
EK_AV __m256i k_scales(const uint8_t *s, __m128i *mins) {
    uint32_t u[4];
    memcpy(u, s, 12);
    const uint32_t m1 = 0x3f3f3f3f, m2 = 0x0f0f0f0f, m3 = 0x03030303;
    u[3] = ((u[2] >> 4) & m2) | (((u[1] >> 6) & m3) << 4);
    const uint32_t aux = u[1] & m1;
    u[1] = (u[2] & m2) | (((u[0] >> 6) & m3) << 4);
    u[2] = aux;
    u[0] &= m1;
    const __m256i ms = _mm256_cvtepu8_epi16(_mm_set_epi32((int)u[3], (int)u[2], (int)u[1], (int)u[0]));
    *mins = _mm256_extracti128_si256(ms, 1);
    const __m128i sc = _mm256_castsi256_si128(ms);
    return _mm256_set_m128i(sc, sc);
}

EK_AV __m256i bcast16(__m256i scales, int k) {
    return _mm256_shuffle_epi8(scales, _mm256_load_si256((const __m256i *)k_bcast16[k]));
}

/// sum over sub-blocks of mins[s] * (bsums[2s] + bsums[2s+1]) as 4 x s32.
EK_AV __m128i k_min_sums(__m128i mins, const int16_t *bsums) {
    const __m128i b0 = _mm_loadu_si128((const __m128i *)bsums);
    const __m128i b1 = _mm_loadu_si128((const __m128i *)(bsums + 8));
    return _mm_madd_epi16(mins, _mm_hadd_epi16(b0, b1));
}

static EK_AVX2 float dot_q4_K(const ek_q4_K *w, const ek_block_q8_K *a, int64_t nb) {
    const __m256i m4 = _mm256_set1_epi8(0x0F);
    __m256 acc = _mm256_setzero_ps();
    __m128 accm = _mm_setzero_ps();
    for (int64_t i = 0; i < nb; i++) {
        const float d = a[i].d * half(w[i].d), dmin = a[i].d * half(w[i].dmin);
        __m128i mins;
        const __m256i scales = k_scales(w[i].scales, &mins);
        accm = _mm_fmadd_ps(_mm_set1_ps(dmin), _mm_cvtepi32_ps(k_min_sums(mins, a[i].bsums)), accm);
        const uint8_t *q4 = w[i].qs;
        const int8_t *q8 = a[i].qs;
        __m256i sumi = _mm256_setzero_si256();
        for (int c = 0; c < 4; c++) {
            const __m256i bits = _mm256_loadu_si256((const __m256i *)(q4 + 32 * c));
            const __m256i lo = _mm256_and_si256(bits, m4);
            const __m256i hi = _mm256_and_si256(_mm256_srli_epi16(bits, 4), m4);
            __m256i pl = _mm256_maddubs_epi16(lo, _mm256_loadu_si256((const __m256i *)(q8 + 64 * c)));
            __m256i ph = _mm256_maddubs_epi16(hi, _mm256_loadu_si256((const __m256i *)(q8 + 64 * c + 32)));
            pl = _mm256_madd_epi16(bcast16(scales, 2 * c), pl);
            ph = _mm256_madd_epi16(bcast16(scales, 2 * c + 1), ph);
            sumi = _mm256_add_epi32(sumi, _mm256_add_epi32(pl, ph));
        }
        acc = _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_cvtepi32_ps(sumi), acc);
    }
    accm = _mm_add_ps(accm, _mm_movehl_ps(accm, accm));
    accm = _mm_add_ss(accm, _mm_movehdup_ps(accm));
    return hsum_ps(acc) - _mm_cvtss_f32(accm);
}

static EK_AVX2 float dot_q5_K(const ek_q5_K *w, const ek_block_q8_K *a, int64_t nb) {
    const __m256i m4 = _mm256_set1_epi8(0x0F), m1 = _mm256_set1_epi8(1);
    __m256 acc = _mm256_setzero_ps();
    __m128 accm = _mm_setzero_ps();
    for (int64_t i = 0; i < nb; i++) {
        const float d = a[i].d * half(w[i].d), dmin = a[i].d * half(w[i].dmin);
        __m128i mins;
        const __m256i scales = k_scales(w[i].scales, &mins);
        accm = _mm_fmadd_ps(_mm_set1_ps(dmin), _mm_cvtepi32_ps(k_min_sums(mins, a[i].bsums)), accm);
        const uint8_t *q5 = w[i].qs;
        const int8_t *q8 = a[i].qs;
        const __m256i hbits = _mm256_loadu_si256((const __m256i *)w[i].qh);
        __m256i sumi = _mm256_setzero_si256();
        for (int c = 0; c < 4; c++) {
            const __m256i bits = _mm256_loadu_si256((const __m256i *)(q5 + 32 * c));
            const __m256i hl = _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(hbits, 2 * c), m1), 4);
            const __m256i hh = _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(hbits, 2 * c + 1), m1), 4);
            const __m256i lo = _mm256_or_si256(_mm256_and_si256(bits, m4), hl);
            const __m256i hi = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(bits, 4), m4), hh);
            __m256i pl = _mm256_maddubs_epi16(lo, _mm256_loadu_si256((const __m256i *)(q8 + 64 * c)));
            __m256i ph = _mm256_maddubs_epi16(hi, _mm256_loadu_si256((const __m256i *)(q8 + 64 * c + 32)));
            pl = _mm256_madd_epi16(bcast16(scales, 2 * c), pl);
            ph = _mm256_madd_epi16(bcast16(scales, 2 * c + 1), ph);
            sumi = _mm256_add_epi32(sumi, _mm256_add_epi32(pl, ph));
        }
        acc = _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_cvtepi32_ps(sumi), acc);
    }
    accm = _mm_add_ps(accm, _mm_movehl_ps(accm, accm));
    accm = _mm_add_ss(accm, _mm_movehdup_ps(accm));
    return hsum_ps(acc) - _mm_cvtss_f32(accm);
}

// Shuffle masks that spread int8 scales 2p and 2p+1 over bytes 0..7 and 8..15.
static const uint8_t k_pair8[8][16] __attribute__((aligned(16))) = {
#define P(p) {2*p, 2*p, 2*p, 2*p, 2*p, 2*p, 2*p, 2*p, 2*p+1, 2*p+1, 2*p+1, 2*p+1, 2*p+1, 2*p+1, 2*p+1, 2*p+1}
    P(0), P(1), P(2), P(3), P(4), P(5), P(6), P(7)
#undef P
};

EK_AV __m256i q6_scale(__m128i scales8, int p) {
    return _mm256_cvtepi8_epi16(_mm_shuffle_epi8(scales8, _mm_load_si128((const __m128i *)k_pair8[p])));
}

static EK_AVX2 float dot_q6_K(const ek_q6_K *w, const ek_block_q8_K *a, int64_t nb) {
    const __m256i m4 = _mm256_set1_epi8(0x0F), m3 = _mm256_set1_epi8(3);
    __m256 acc = _mm256_setzero_ps();
    for (int64_t i = 0; i < nb; i++) {
        const float d = a[i].d * half(w[i].d);
        const __m128i scales8 = _mm_loadu_si128((const __m128i *)w[i].scales);
        // 32 * sum_j sc[j] * bsums[j] removes the +32 offset of the stored values.
        const __m256i corr = _mm256_madd_epi16(_mm256_cvtepi8_epi16(scales8),
                                               _mm256_loadu_si256((const __m256i *)a[i].bsums));
        __m256i sumi = _mm256_setzero_si256();
        const uint8_t *ql = w[i].ql, *qh = w[i].qh;
        const int8_t *q8 = a[i].qs;
        for (int n = 0; n < 2; n++) {
            const __m256i L0 = _mm256_loadu_si256((const __m256i *)ql);
            const __m256i L1 = _mm256_loadu_si256((const __m256i *)(ql + 32));
            const __m256i H = _mm256_loadu_si256((const __m256i *)qh);
            const __m256i q0 = _mm256_or_si256(_mm256_and_si256(L0, m4), _mm256_slli_epi16(_mm256_and_si256(H, m3), 4));
            const __m256i q1 = _mm256_or_si256(
                _mm256_and_si256(L1, m4), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(H, 2), m3), 4));
            const __m256i q2 = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(L0, 4), m4),
                                               _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(H, 4), m3), 4));
            const __m256i q3 = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(L1, 4), m4),
                                               _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(H, 6), m3), 4));
            __m256i p0 = _mm256_maddubs_epi16(q0, _mm256_loadu_si256((const __m256i *)q8));
            __m256i p1 = _mm256_maddubs_epi16(q1, _mm256_loadu_si256((const __m256i *)(q8 + 32)));
            __m256i p2 = _mm256_maddubs_epi16(q2, _mm256_loadu_si256((const __m256i *)(q8 + 64)));
            __m256i p3 = _mm256_maddubs_epi16(q3, _mm256_loadu_si256((const __m256i *)(q8 + 96)));
            p0 = _mm256_madd_epi16(q6_scale(scales8, 4 * n + 0), p0);
            p1 = _mm256_madd_epi16(q6_scale(scales8, 4 * n + 1), p1);
            p2 = _mm256_madd_epi16(q6_scale(scales8, 4 * n + 2), p2);
            p3 = _mm256_madd_epi16(q6_scale(scales8, 4 * n + 3), p3);
            sumi = _mm256_add_epi32(sumi, _mm256_add_epi32(_mm256_add_epi32(p0, p1), _mm256_add_epi32(p2, p3)));
            ql += 64;
            qh += 32;
            q8 += 128;
        }
        sumi = _mm256_sub_epi32(sumi, _mm256_slli_epi32(corr, 5));
        acc = _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_cvtepi32_ps(sumi), acc);
    }
    return hsum_ps(acc);
}

EK_DEFINE_GEMV_ROWS(EK_AVX2, ek_gemv_rows_avx2)

// ---- Small-batch products: one weight block unpacked once, multiplied by up to four activation rows. ----
// Each kernel repeats its single-activation dot above operation for operation per activation, so every output is
// bit-identical to ek_gemv_rows for that activation alone (batched and one-at-a-time grading agree exactly).

#define EK_ACT(type, k) ((const type *)(act + (size_t)(k) * act_stride))

EK_AV void q4_K_multi(const ek_q4_K *w, const uint8_t *act, size_t act_stride, const int na, int64_t nb, float *out,
                      int64_t out_stride) {
    const __m256i m4 = _mm256_set1_epi8(0x0F);
    __m256 acc[4];
    __m128 accm[4];
    for (int k = 0; k < na; k++) {
        acc[k] = _mm256_setzero_ps();
        accm[k] = _mm_setzero_ps();
    }
    for (int64_t i = 0; i < nb; i++) {
        const float wd = half(w[i].d), wdmin = half(w[i].dmin);
        __m128i mins;
        const __m256i scales = k_scales(w[i].scales, &mins);
        __m256i sumi[4];
        for (int k = 0; k < na; k++) {
            const ek_block_q8_K *a = EK_ACT(ek_block_q8_K, k) + i;
            accm[k] = _mm_fmadd_ps(_mm_set1_ps(a->d * wdmin), _mm_cvtepi32_ps(k_min_sums(mins, a->bsums)), accm[k]);
            sumi[k] = _mm256_setzero_si256();
        }
        const uint8_t *q4 = w[i].qs;
        for (int c = 0; c < 4; c++) {
            const __m256i bits = _mm256_loadu_si256((const __m256i *)(q4 + 32 * c));
            const __m256i lo = _mm256_and_si256(bits, m4);
            const __m256i hi = _mm256_and_si256(_mm256_srli_epi16(bits, 4), m4);
            const __m256i slo = bcast16(scales, 2 * c), shi = bcast16(scales, 2 * c + 1);
            for (int k = 0; k < na; k++) {
                const int8_t *q8 = (EK_ACT(ek_block_q8_K, k) + i)->qs;
                __m256i pl = _mm256_maddubs_epi16(lo, _mm256_loadu_si256((const __m256i *)(q8 + 64 * c)));
                __m256i ph = _mm256_maddubs_epi16(hi, _mm256_loadu_si256((const __m256i *)(q8 + 64 * c + 32)));
                pl = _mm256_madd_epi16(slo, pl);
                ph = _mm256_madd_epi16(shi, ph);
                sumi[k] = _mm256_add_epi32(sumi[k], _mm256_add_epi32(pl, ph));
            }
        }
        for (int k = 0; k < na; k++) {
            const float d = (EK_ACT(ek_block_q8_K, k) + i)->d * wd;
            acc[k] = _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_cvtepi32_ps(sumi[k]), acc[k]);
        }
    }
    for (int k = 0; k < na; k++) {
        __m128 m = _mm_add_ps(accm[k], _mm_movehl_ps(accm[k], accm[k]));
        m = _mm_add_ss(m, _mm_movehdup_ps(m));
        out[k * out_stride] = hsum_ps(acc[k]) - _mm_cvtss_f32(m);
    }
}

EK_AV void q5_K_multi(const ek_q5_K *w, const uint8_t *act, size_t act_stride, const int na, int64_t nb, float *out,
                      int64_t out_stride) {
    const __m256i m4 = _mm256_set1_epi8(0x0F), m1 = _mm256_set1_epi8(1);
    __m256 acc[4];
    __m128 accm[4];
    for (int k = 0; k < na; k++) {
        acc[k] = _mm256_setzero_ps();
        accm[k] = _mm_setzero_ps();
    }
    for (int64_t i = 0; i < nb; i++) {
        const float wd = half(w[i].d), wdmin = half(w[i].dmin);
        __m128i mins;
        const __m256i scales = k_scales(w[i].scales, &mins);
        __m256i sumi[4];
        for (int k = 0; k < na; k++) {
            const ek_block_q8_K *a = EK_ACT(ek_block_q8_K, k) + i;
            accm[k] = _mm_fmadd_ps(_mm_set1_ps(a->d * wdmin), _mm_cvtepi32_ps(k_min_sums(mins, a->bsums)), accm[k]);
            sumi[k] = _mm256_setzero_si256();
        }
        const uint8_t *q5 = w[i].qs;
        const __m256i hbits = _mm256_loadu_si256((const __m256i *)w[i].qh);
        for (int c = 0; c < 4; c++) {
            const __m256i bits = _mm256_loadu_si256((const __m256i *)(q5 + 32 * c));
            const __m256i hl = _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(hbits, 2 * c), m1), 4);
            const __m256i hh = _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(hbits, 2 * c + 1), m1), 4);
            const __m256i lo = _mm256_or_si256(_mm256_and_si256(bits, m4), hl);
            const __m256i hi = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(bits, 4), m4), hh);
            const __m256i slo = bcast16(scales, 2 * c), shi = bcast16(scales, 2 * c + 1);
            for (int k = 0; k < na; k++) {
                const int8_t *q8 = (EK_ACT(ek_block_q8_K, k) + i)->qs;
                __m256i pl = _mm256_maddubs_epi16(lo, _mm256_loadu_si256((const __m256i *)(q8 + 64 * c)));
                __m256i ph = _mm256_maddubs_epi16(hi, _mm256_loadu_si256((const __m256i *)(q8 + 64 * c + 32)));
                pl = _mm256_madd_epi16(slo, pl);
                ph = _mm256_madd_epi16(shi, ph);
                sumi[k] = _mm256_add_epi32(sumi[k], _mm256_add_epi32(pl, ph));
            }
        }
        for (int k = 0; k < na; k++) {
            const float d = (EK_ACT(ek_block_q8_K, k) + i)->d * wd;
            acc[k] = _mm256_fmadd_ps(_mm256_set1_ps(d), _mm256_cvtepi32_ps(sumi[k]), acc[k]);
        }
    }
    for (int k = 0; k < na; k++) {
        __m128 m = _mm_add_ps(accm[k], _mm_movehl_ps(accm[k], accm[k]));
        m = _mm_add_ss(m, _mm_movehdup_ps(m));
        out[k * out_stride] = hsum_ps(acc[k]) - _mm_cvtss_f32(m);
    }
}

EK_AV void q6_K_multi(const ek_q6_K *w, const uint8_t *act, size_t act_stride, const int na, int64_t nb, float *out,
                      int64_t out_stride) {
    const __m256i m4 = _mm256_set1_epi8(0x0F), m3 = _mm256_set1_epi8(3);
    __m256 acc[4];
    for (int k = 0; k < na; k++) acc[k] = _mm256_setzero_ps();
    for (int64_t i = 0; i < nb; i++) {
        const float wd = half(w[i].d);
        const __m128i scales8 = _mm_loadu_si128((const __m128i *)w[i].scales);
        const __m256i scales16 = _mm256_cvtepi8_epi16(scales8);
        __m256i sumi[4];
        for (int k = 0; k < na; k++) sumi[k] = _mm256_setzero_si256();
        const uint8_t *ql = w[i].ql, *qh = w[i].qh;
        for (int n = 0; n < 2; n++) {
            const __m256i L0 = _mm256_loadu_si256((const __m256i *)ql);
            const __m256i L1 = _mm256_loadu_si256((const __m256i *)(ql + 32));
            const __m256i H = _mm256_loadu_si256((const __m256i *)qh);
            const __m256i q0 = _mm256_or_si256(_mm256_and_si256(L0, m4), _mm256_slli_epi16(_mm256_and_si256(H, m3), 4));
            const __m256i q1 = _mm256_or_si256(
                _mm256_and_si256(L1, m4), _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(H, 2), m3), 4));
            const __m256i q2 = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(L0, 4), m4),
                                               _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(H, 4), m3), 4));
            const __m256i q3 = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(L1, 4), m4),
                                               _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(H, 6), m3), 4));
            const __m256i s0 = q6_scale(scales8, 4 * n + 0), s1 = q6_scale(scales8, 4 * n + 1);
            const __m256i s2 = q6_scale(scales8, 4 * n + 2), s3 = q6_scale(scales8, 4 * n + 3);
            for (int k = 0; k < na; k++) {
                const int8_t *q8 = (EK_ACT(ek_block_q8_K, k) + i)->qs + 128 * n;
                __m256i p0 = _mm256_maddubs_epi16(q0, _mm256_loadu_si256((const __m256i *)q8));
                __m256i p1 = _mm256_maddubs_epi16(q1, _mm256_loadu_si256((const __m256i *)(q8 + 32)));
                __m256i p2 = _mm256_maddubs_epi16(q2, _mm256_loadu_si256((const __m256i *)(q8 + 64)));
                __m256i p3 = _mm256_maddubs_epi16(q3, _mm256_loadu_si256((const __m256i *)(q8 + 96)));
                p0 = _mm256_madd_epi16(s0, p0);
                p1 = _mm256_madd_epi16(s1, p1);
                p2 = _mm256_madd_epi16(s2, p2);
                p3 = _mm256_madd_epi16(s3, p3);
                sumi[k] = _mm256_add_epi32(sumi[k], _mm256_add_epi32(_mm256_add_epi32(p0, p1), _mm256_add_epi32(p2, p3)));
            }
            ql += 64;
            qh += 32;
        }
        for (int k = 0; k < na; k++) {
            const ek_block_q8_K *a = EK_ACT(ek_block_q8_K, k) + i;
            const __m256i corr = _mm256_madd_epi16(scales16, _mm256_loadu_si256((const __m256i *)a->bsums));
            const __m256i s = _mm256_sub_epi32(sumi[k], _mm256_slli_epi32(corr, 5));
            acc[k] = _mm256_fmadd_ps(_mm256_set1_ps(a->d * wd), _mm256_cvtepi32_ps(s), acc[k]);
        }
    }
    for (int k = 0; k < na; k++) out[k * out_stride] = hsum_ps(acc[k]);
}

EK_AV void q8_0_multi(const ek_q8_0 *w, const uint8_t *act, size_t act_stride, const int na, int64_t nb, float *out,
                      int64_t out_stride) {
    __m256 acc[4];
    for (int k = 0; k < na; k++) acc[k] = _mm256_setzero_ps();
    for (int64_t i = 0; i < nb; i++) {
        const __m256i qx = _mm256_loadu_si256((const __m256i *)w[i].qs);
        const __m256i ax = _mm256_sign_epi8(qx, qx);
        const float wd = half(w[i].d);
        for (int k = 0; k < na; k++) {
            const ek_block_q8_32 *a = EK_ACT(ek_block_q8_32, k) + i;
            const __m256i qy = _mm256_loadu_si256((const __m256i *)a->qs);
            const __m256i p = mul_sum_us8(ax, _mm256_sign_epi8(qy, qx));
            acc[k] = _mm256_fmadd_ps(_mm256_set1_ps(wd * a->d), _mm256_cvtepi32_ps(p), acc[k]);
        }
    }
    for (int k = 0; k < na; k++) out[k * out_stride] = hsum_ps(acc[k]);
}

/// Calls KERNEL with a compile-time activation count (1–4) so each count gets its own unrolled code.
#define EK_MULTI_SWITCH(KERNEL, W, A, NA)                                                                            \
    switch (NA) {                                                                                                  \
    case 1: KERNEL(W, A, act_stride, 1, nb, o, out_stride); break;                                                 \
    case 2: KERNEL(W, A, act_stride, 2, nb, o, out_stride); break;                                                 \
    case 3: KERNEL(W, A, act_stride, 3, nb, o, out_stride); break;                                                 \
    default: KERNEL(W, A, act_stride, 4, nb, o, out_stride); break;                                                \
    }

EK_AVX2 int ek_gemm_rows_avx2(int type, int64_t n, const void *w, size_t row_bytes, int64_t nrows, const void *act_,
                      size_t act_stride, int nact, float *out, int64_t out_stride) {
    const uint8_t *act = act_;
    if (type != EK_Q4_K && type != EK_Q5_K && type != EK_Q6_K && type != EK_Q8_0) {
        for (int64_t r = 0; r < nrows; r++) {
            const void *row = (const uint8_t *)w + (size_t)r * row_bytes;
            for (int k = 0; k < nact; k++) {
                if (ek_gemv_rows_avx2(type, n, row, row_bytes, 1, act + (size_t)k * act_stride,
                                      out + k * out_stride + r) != 0)
                    return -1;
            }
        }
        return 0;
    }
    for (int64_t r = 0; r < nrows; r++) {
        const void *row = (const uint8_t *)w + (size_t)r * row_bytes;
        // Groups of four activations; the row stays in L1 between groups.
        for (int k0 = 0; k0 < nact; k0 += 4) {
            const int na = nact - k0 < 4 ? nact - k0 : 4;
            const uint8_t *a = act + (size_t)k0 * act_stride;
            float *o = out + k0 * out_stride + r;
            switch (type) {
            case EK_Q4_K: {
                const int64_t nb = n / 256;
                EK_MULTI_SWITCH(q4_K_multi, row, a, na)
                break;
            }
            case EK_Q5_K: {
                const int64_t nb = n / 256;
                EK_MULTI_SWITCH(q5_K_multi, row, a, na)
                break;
            }
            case EK_Q6_K: {
                const int64_t nb = n / 256;
                EK_MULTI_SWITCH(q6_K_multi, row, a, na)
                break;
            }
            default: {
                const int64_t nb = n / 32;
                EK_MULTI_SWITCH(q8_0_multi, row, a, na)
                break;
            }
            }
        }
    }
    return 0;
}
