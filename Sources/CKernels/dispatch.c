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

void ek_quantize_activation(int kind, const float *x, void *dst, int64_t n) {
    switch (kind) {
    case EK_ACT_F32: memcpy(dst, x, (size_t)n * sizeof(float)); break;
    case EK_ACT_Q8_32: quantize_q8_32(x, dst, n / 32); break;
    case EK_ACT_Q8_K: quantize_q8_K(x, dst, n / 256); break;
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
