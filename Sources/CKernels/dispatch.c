// Run-time selection between the AVX2 and scalar kernels, activation quantizers and f32 helpers.
#include "internal.h"
#include <cpuid.h>
#include <immintrin.h>
#include <math.h>

static int detect_avx2(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    const int fma = (c >> 12) & 1, osxsave = (c >> 27) & 1, avx = (c >> 28) & 1, f16c = (c >> 29) & 1;
    if (!(fma && osxsave && avx && f16c)) return 0;
    unsigned lo, hi;
    __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 6) != 6) return 0;  // the OS saves XMM and YMM state
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b >> 5) & 1;
}

static int ek_has_avx2 = -1;
int ek_simd_on = -1;

int ek_cpu_has_avx2(void) {
    if (ek_has_avx2 < 0) ek_has_avx2 = detect_avx2();
    return ek_has_avx2;
}

void ek_set_simd_enabled(int enabled) { ek_simd_on = enabled && ek_cpu_has_avx2(); }

int ek_simd_enabled(void) {
    if (ek_simd_on < 0) ek_simd_on = ek_cpu_has_avx2();
    return ek_simd_on;
}

int ek_activation_kind(int type) {
    switch (type) {
    case EK_F32: case EK_F16: case EK_BF16: return EK_ACT_F32;
    case EK_Q8_0: case EK_Q4_0: case EK_Q4_1: case EK_Q5_0: case EK_Q5_1: return EK_ACT_Q8_32;
    case EK_Q4_K: case EK_Q5_K: case EK_Q6_K: return EK_ACT_Q8_K;
    default: return -1;
    }
}

size_t ek_activation_bytes(int kind, int64_t n) {
    switch (kind) {
    case EK_ACT_F32: return (size_t)n * sizeof(float);
    case EK_ACT_Q8_32: return (size_t)(n / 32) * sizeof(ek_block_q8_32);
    case EK_ACT_Q8_K: return (size_t)(n / 256) * sizeof(ek_block_q8_K);
    default: return 0;
    }
}

static void quantize_q8_32(const float *x, ek_block_q8_32 *y, int64_t nb) {
    for (int64_t i = 0; i < nb; i++) {
        const float *v = x + 32 * i;
        float amax = 0;
        for (int j = 0; j < 32; j++) amax = fmaxf(amax, fabsf(v[j]));
        const float d = amax / 127.0f, id = d != 0 ? 1.0f / d : 0.0f;
        int32_t sum = 0;
        for (int j = 0; j < 32; j++) {
            const int q = (int)lrintf(v[j] * id);
            y[i].qs[j] = (int8_t)q;
            sum += q;
        }
        y[i].d = d;
        y[i].sum = sum;
    }
}

// llama.cpp's quantize_row_q8_K_ref: the signed value of largest magnitude maps to -127.
static void quantize_q8_K(const float *x, ek_block_q8_K *y, int64_t nb) {
    for (int64_t i = 0; i < nb; i++) {
        const float *v = x + 256 * i;
        float max = 0, amax = 0;
        for (int j = 0; j < 256; j++) {
            const float a = fabsf(v[j]);
            if (a > amax) {
                amax = a;
                max = v[j];
            }
        }
        if (amax == 0) {
            memset(&y[i], 0, sizeof y[i]);
            continue;
        }
        const float iscale = -127.0f / max;
        for (int j = 0; j < 256; j++) {
            const int q = (int)lrintf(iscale * v[j]);
            y[i].qs[j] = (int8_t)(q > 127 ? 127 : q);
        }
        for (int j = 0; j < 16; j++) {
            int sum = 0;
            for (int l = 0; l < 16; l++) sum += y[i].qs[16 * j + l];
            y[i].bsums[j] = (int16_t)sum;
        }
        y[i].d = 1.0f / iscale;
    }
}

EK_AVX2 static inline float hmax_ps(__m256 v) {
    __m128 m = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    m = _mm_max_ps(m, _mm_movehl_ps(m, m));
    m = _mm_max_ss(m, _mm_movehdup_ps(m));
    return _mm_cvtss_f32(m);
}

EK_AVX2 static inline float hmin_ps(__m256 v) {
    __m128 m = _mm_min_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    m = _mm_min_ps(m, _mm_movehl_ps(m, m));
    m = _mm_min_ss(m, _mm_movehdup_ps(m));
    return _mm_cvtss_f32(m);
}

/// Rounds 32 floats times `scale` to int8 (nearest even) and stores them; returns the 8 int32 partial sums.
EK_AVX2 static inline __m256i round_store32(const float *v, __m256 scale, int8_t *out) {
    const __m256i a = _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_loadu_ps(v), scale));
    const __m256i b = _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_loadu_ps(v + 8), scale));
    const __m256i c = _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_loadu_ps(v + 16), scale));
    const __m256i d = _mm256_cvtps_epi32(_mm256_mul_ps(_mm256_loadu_ps(v + 24), scale));
    // packs work per 128-bit lane; the final permute restores element order.
    const __m256i ab = _mm256_packs_epi32(a, b), cd = _mm256_packs_epi32(c, d);
    __m256i q = _mm256_packs_epi16(ab, cd);
    q = _mm256_permutevar8x32_epi32(q, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
    _mm256_storeu_si256((__m256i *)out, q);
    return _mm256_add_epi32(_mm256_add_epi32(a, b), _mm256_add_epi32(c, d));
}

EK_AVX2 static inline int32_t hsum_epi32(__m256i v) {
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4E));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xB1));
    return _mm_cvtsi128_si32(s);
}

EK_AVX2 static void quantize_q8_32_avx2(const float *x, ek_block_q8_32 *y, int64_t nb) {
    const __m256 sign = _mm256_set1_ps(-0.0f);
    for (int64_t i = 0; i < nb; i++) {
        const float *v = x + 32 * i;
        __m256 m = _mm256_andnot_ps(sign, _mm256_loadu_ps(v));
        for (int j = 8; j < 32; j += 8) m = _mm256_max_ps(m, _mm256_andnot_ps(sign, _mm256_loadu_ps(v + j)));
        const float amax = hmax_ps(m);
        const float d = amax / 127.0f, id = d != 0 ? 1.0f / d : 0.0f;
        y[i].d = d;
        y[i].sum = hsum_epi32(round_store32(v, _mm256_set1_ps(id), y[i].qs));
    }
}

EK_AVX2 static void quantize_q8_K_avx2(const float *x, ek_block_q8_K *y, int64_t nb) {
    for (int64_t i = 0; i < nb; i++) {
        const float *v = x + 256 * i;
        __m256 mx = _mm256_loadu_ps(v), mn = mx;
        for (int j = 8; j < 256; j += 8) {
            const __m256 t = _mm256_loadu_ps(v + j);
            mx = _mm256_max_ps(mx, t);
            mn = _mm256_min_ps(mn, t);
        }
        const float hi = hmax_ps(mx), lo = hmin_ps(mn);
        const float max = hi >= -lo ? hi : lo;
        if (max == 0) {
            memset(&y[i], 0, sizeof y[i]);
            continue;
        }
        const float iscale = -127.0f / max;
        const __m256 scale = _mm256_set1_ps(iscale);
        for (int j = 0; j < 256; j += 32) round_store32(v + j, scale, y[i].qs + j);
        for (int j = 0; j < 16; j++) {
            const __m128i b = _mm_loadu_si128((const __m128i *)(y[i].qs + 16 * j));
            const __m128i s = _mm_madd_epi16(_mm_cvtepi8_epi16(b), _mm_set1_epi16(1));
            const __m128i t = _mm_madd_epi16(_mm_cvtepi8_epi16(_mm_srli_si128(b, 8)), _mm_set1_epi16(1));
            __m128i u = _mm_add_epi32(s, t);
            u = _mm_add_epi32(u, _mm_shuffle_epi32(u, 0x4E));
            u = _mm_add_epi32(u, _mm_shuffle_epi32(u, 0xB1));
            y[i].bsums[j] = (int16_t)_mm_cvtsi128_si32(u);
        }
        y[i].d = 1.0f / iscale;
    }
}

void ek_quantize_activation(int kind, const float *x, void *dst, int64_t n) {
    const int simd = ek_simd_enabled();
    switch (kind) {
    case EK_ACT_F32: memcpy(dst, x, (size_t)n * sizeof(float)); break;
    case EK_ACT_Q8_32: simd ? quantize_q8_32_avx2(x, dst, n / 32) : quantize_q8_32(x, dst, n / 32); break;
    case EK_ACT_Q8_K: simd ? quantize_q8_K_avx2(x, dst, n / 256) : quantize_q8_K(x, dst, n / 256); break;
    default: break;
    }
}

int ek_dequantize_row(int type, const void *src, float *dst, int64_t n) {
    return ek_simd_enabled() ? ek_dequantize_row_avx2(type, src, dst, n) : ek_dequantize_row_scalar(type, src, dst, n);
}

int ek_gemv_rows(int type, int64_t n, const void *w, size_t row_bytes, int64_t nrows, const void *act, float *out) {
    return ek_simd_enabled() ? ek_gemv_rows_avx2(type, n, w, row_bytes, nrows, act, out)
                             : ek_gemv_rows_scalar(type, n, w, row_bytes, nrows, act, out);
}

int ek_gemm_rows(int type, int64_t n, const void *w, size_t row_bytes, int64_t nrows, const void *act,
                 size_t act_stride, int nact, float *out, int64_t out_stride) {
    return ek_gemm_rows_with(ek_simd_enabled(), type, n, w, row_bytes, nrows, act, act_stride, nact, out,
                             out_stride);
}

int ek_gemm_rows_with(int simd, int type, int64_t n, const void *w, size_t row_bytes, int64_t nrows, const void *act,
                      size_t act_stride, int nact, float *out, int64_t out_stride) {
    return simd && ek_cpu_has_avx2()
               ? ek_gemm_rows_avx2(type, n, w, row_bytes, nrows, act, act_stride, nact, out, out_stride)
               : ek_gemm_rows_scalar(type, n, w, row_bytes, nrows, act, act_stride, nact, out, out_stride);
}

int ek_dequantize_row_with(int simd, int type, const void *src, float *dst, int64_t n) {
    return simd && ek_cpu_has_avx2() ? ek_dequantize_row_avx2(type, src, dst, n)
                                     : ek_dequantize_row_scalar(type, src, dst, n);
}

int ek_gemv_rows_with(int simd, int type, int64_t n, const void *w, size_t row_bytes, int64_t nrows, const void *act,
                      float *out) {
    return simd && ek_cpu_has_avx2() ? ek_gemv_rows_avx2(type, n, w, row_bytes, nrows, act, out)
                                     : ek_gemv_rows_scalar(type, n, w, row_bytes, nrows, act, out);
}

static EK_AVX2 float dot_f32_avx2(const float *a, const float *b, int64_t n) {
    float s = 0;
    ek_gemv_rows_avx2(EK_F32, n, a, 0, 1, b, &s);
    return s;
}

float ek_dot_f32(const float *a, const float *b, int64_t n) {
    if (ek_simd_enabled()) return dot_f32_avx2(a, b, n);
    float s = 0;
    for (int64_t i = 0; i < n; i++) s += a[i] * b[i];
    return s;
}

static EK_AVX2 void axpy_avx2(float alpha, const float *x, float *y, int64_t n) {
    const __m256 va = _mm256_set1_ps(alpha);
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        _mm256_storeu_ps(y + i, _mm256_fmadd_ps(va, _mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i)));
    }
    for (; i < n; i++) y[i] += alpha * x[i];
}

void ek_axpy_f32(float alpha, const float *x, float *y, int64_t n) {
    if (ek_simd_enabled()) {
        axpy_avx2(alpha, x, y, n);
        return;
    }
    for (int64_t i = 0; i < n; i++) y[i] += alpha * x[i];
}

static EK_AVX2 float stream_sum_avx2(const float *x, int64_t n) {
    __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
    int64_t i = 0;
    for (; i + 32 <= n; i += 32) {
        a0 = _mm256_add_ps(a0, _mm256_load_ps(x + i));
        a1 = _mm256_add_ps(a1, _mm256_load_ps(x + i + 8));
        a2 = _mm256_add_ps(a2, _mm256_load_ps(x + i + 16));
        a3 = _mm256_add_ps(a3, _mm256_load_ps(x + i + 24));
    }
    __m256 s = _mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3));
    float out[8];
    _mm256_storeu_ps(out, s);
    float t = out[0] + out[1] + out[2] + out[3] + out[4] + out[5] + out[6] + out[7];
    for (; i < n; i++) t += x[i];
    return t;
}

float ek_stream_sum_f32(const float *x, int64_t n) {
    if (ek_simd_enabled() && ((uintptr_t)x & 31) == 0) return stream_sum_avx2(x, n);
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int64_t i = 0;
    for (; i + 4 <= n; i += 4) {
        s0 += x[i];
        s1 += x[i + 1];
        s2 += x[i + 2];
        s3 += x[i + 3];
    }
    for (; i < n; i++) s0 += x[i];
    return s0 + s1 + s2 + s3;
}
