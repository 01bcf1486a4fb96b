// Weight quantizers: rows of f32 values to ggml blocks (Q8_0, Q5_0, Q4_K, Q5_K, Q6_K, F16), the inverse of dequant.c.
// The scale searches are the ones llama.cpp's reference quantizers use (an affine fit over stretched grids for the
// K-quants with a min, a symmetric fit over stretched grids for Q6_K), so a file written here has the error of one
// written by llama-quantize without an importance matrix. Contraction is off so results do not depend on the CPU.
#include "internal.h"
#include <math.h>

#pragma STDC FP_CONTRACT OFF

/// Below this a group of values counts as all zero (as in ggml).
#define EK_ZERO_EPS 1e-15f

/// Round to nearest, ties to even (the default rounding mode), as an int.
static inline int ek_round(float v) { return (int)lrintf(v); }

static inline int ek_clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

/// IEEE binary32 -> binary16, round to nearest even; overflow gives infinity, NaN stays NaN.
uint16_t ek_float_to_half(float f) {
    uint32_t x;
    memcpy(&x, &f, 4);
    const uint32_t sign = (x >> 16) & 0x8000;
    const uint32_t absx = x & 0x7FFFFFFF;
    if (absx >= 0x7F800000) return (uint16_t)(sign | 0x7C00 | (absx > 0x7F800000 ? 0x200 : 0));
    if (absx >= 0x477FF000) return (uint16_t)(sign | 0x7C00);  // rounds to a value above 65504
    if (absx < 0x38800000) {                                   // below the smallest normal half: subnormal or zero
        if (absx < 0x33000000) return (uint16_t)sign;          // below half the smallest subnormal
        const uint32_t exp = absx >> 23;
        const uint32_t mant = (absx & 0x7FFFFF) | 0x800000;
        const uint32_t shift = 126 - exp;  // so that mant >> shift counts units of 2^-24
        uint32_t h = mant >> shift;
        const uint32_t rest = mant & ((1u << shift) - 1), half = 1u << (shift - 1);
        if (rest > half || (rest == half && (h & 1))) h++;
        return (uint16_t)(sign | h);
    }
    uint32_t h = ((absx >> 13) - (112u << 10));  // rebias exponent 127 -> 15, keep 10 mantissa bits
    const uint32_t rest = absx & 0x1FFF;
    if (rest > 0x1000 || (rest == 0x1000 && (h & 1))) h++;
    return (uint16_t)(sign | h);
}

// MARK: - 32-value blocks

static void q8_0_row(const float *x, ek_q8_0 *y, int64_t nb) {
    for (int64_t i = 0; i < nb; i++, x += 32) {
        float amax = 0;
        for (int j = 0; j < 32; j++) amax = fmaxf(amax, fabsf(x[j]));
        const float d = amax / 127;
        const float id = d != 0 ? 1.0f / d : 0.0f;
        y[i].d = ek_float_to_half(d);
        for (int j = 0; j < 32; j++) y[i].qs[j] = (int8_t)roundf(x[j] * id);  // ties away from zero, as ggml
    }
}

static void q5_0_row(const float *x, ek_q5_0 *y, int64_t nb) {
    for (int64_t i = 0; i < nb; i++, x += 32) {
        float amax = 0, extreme = 0;  // the value of largest magnitude, with its sign
        for (int j = 0; j < 32; j++) {
            if (fabsf(x[j]) > amax) {
                amax = fabsf(x[j]);
                extreme = x[j];
            }
        }
        const float d = extreme / -16;  // the extreme maps to level 0 (value -16 d)
        const float id = d != 0 ? 1.0f / d : 0.0f;
        y[i].d = ek_float_to_half(d);
        uint32_t qh = 0;
        for (int j = 0; j < 16; j++) {
            const int lo = ek_clamp((int)(int8_t)(x[j] * id + 16.5f), 0, 31);
            const int hi = ek_clamp((int)(int8_t)(x[j + 16] * id + 16.5f), 0, 31);
            y[i].qs[j] = (uint8_t)((lo & 0xF) | ((hi & 0xF) << 4));
            qh |= (uint32_t)(lo >> 4) << j;
            qh |= (uint32_t)(hi >> 4) << (j + 16);
        }
        memcpy(y[i].qh, &qh, 4);
    }
}

// MARK: - K-quants with a scale and a min per 32 values (Q4_K, Q5_K)

/// Fits x[i] ≈ scale·L[i] − m (L in 0...nmax, m ≥ 0) for one group of n values, minimising Σ w·err². Starts from the
/// plain range fit, then tries `steps + 1` grids of (nmax + rmin + rdelta·k) levels over [origin, hi], solving the
/// weighted least squares for scale and min on each. As in ggml, the grid origin moves to the best min found so far,
/// so later grids start from the current best fit. Returns the scale; *m gets the (non-negative) min.
static float fit_scale_min(int n, int nmax, const float *x, const float *w, uint8_t *L, float *m, float rmin,
                           float rdelta, int steps) {
    float lo = x[0], hi = x[0], sw = w[0], swx = w[0] * x[0];
    for (int i = 1; i < n; i++) {
        lo = fminf(lo, x[i]);
        hi = fmaxf(hi, x[i]);
        sw += w[i];
        swx += w[i] * x[i];
    }
    if (lo > 0) lo = 0;
    if (hi == lo) {
        memset(L, 0, (size_t)n);
        *m = -lo;
        return 0;
    }
    float inv = nmax / (hi - lo);
    float scale = 1 / inv;
    float best = 0;
    for (int i = 0; i < n; i++) {
        L[i] = (uint8_t)ek_clamp(ek_round(inv * (x[i] - lo)), 0, nmax);
        const float e = scale * L[i] + lo - x[i];
        best += w[i] * (e * e);  // this grouping, as ggml's, so near-ties resolve the same way
    }
    uint8_t trial[32];
    for (int k = 0; k <= steps; k++) {
        inv = (rmin + rdelta * k + nmax) / (hi - lo);
        float sl = 0, sll = 0, sxl = 0;
        for (int i = 0; i < n; i++) {
            const int l = ek_clamp(ek_round(inv * (x[i] - lo)), 0, nmax);
            trial[i] = (uint8_t)l;
            sl += w[i] * l;
            sll += w[i] * l * l;
            sxl += w[i] * l * x[i];
        }
        const float det = sw * sll - sl * sl;
        if (det <= 0) continue;
        float s = (sw * sxl - swx * sl) / det;
        float o = (sll * swx - sl * sxl) / det;
        if (o > 0) {  // the offset must not be positive: refit the scale alone
            o = 0;
            s = sxl / sll;
        }
        float err = 0;
        for (int i = 0; i < n; i++) {
            const float e = s * trial[i] + o - x[i];
            err += w[i] * (e * e);
        }
        if (err < best) {
            memcpy(L, trial, (size_t)n);
            best = err;
            scale = s;
            lo = o;  // the next grids start here
        }
    }
    *m = -lo;
    return scale;
}

/// One 256-value super-block of Q4_K (nmax 15) or Q5_K (nmax 31): per-32 scale/min fits, six-bit scales and mins
/// packed into `packed`, the two f16 super-scales, and the final levels in L (recomputed from the stored scales).
static void k_scale_min_block(const float *x, int nmax, float rmin, float rdelta, int steps, uint8_t packed[12],
                              uint16_t *d_out, uint16_t *dmin_out, uint8_t L[256]) {
    float scales[8], mins[8], w[32];
    float max_scale = 0, max_min = 0;
    for (int j = 0; j < 8; j++) {
        const float *g = x + 32 * j;
        float ss = 0;
        for (int l = 0; l < 32; l++) ss += g[l] * g[l];
        const float rms = sqrtf(ss / 32);
        for (int l = 0; l < 32; l++) w[l] = rms + fabsf(g[l]);
        scales[j] = fit_scale_min(32, nmax, g, w, L + 32 * j, &mins[j], rmin, rdelta, steps);
        if (scales[j] > max_scale) max_scale = scales[j];
        if (mins[j] > max_min) max_min = mins[j];
    }
    const float inv_scale = max_scale > 0 ? 63.f / max_scale : 0.f;
    const float inv_min = max_min > 0 ? 63.f / max_min : 0.f;
    memset(packed, 0, 12);
    for (int j = 0; j < 8; j++) {
        const int ls = ek_round(inv_scale * scales[j]) > 63 ? 63 : ek_round(inv_scale * scales[j]);
        const int lm = ek_round(inv_min * mins[j]) > 63 ? 63 : ek_round(inv_min * mins[j]);
        if (j < 4) {
            packed[j] = (uint8_t)ls;
            packed[j + 4] = (uint8_t)lm;
        } else {
            packed[j + 4] = (uint8_t)((ls & 0xF) | ((lm & 0xF) << 4));
            packed[j - 4] |= (uint8_t)((ls >> 4) << 6);
            packed[j] |= (uint8_t)((lm >> 4) << 6);
        }
    }
    *d_out = ek_float_to_half(max_scale / 63.f);
    *dmin_out = ek_float_to_half(max_min / 63.f);
    const float d = ek_half_to_float(*d_out), dmin = ek_half_to_float(*dmin_out);
    uint8_t sc[8], mn[8];
    ek_unpack_k_scales(packed, sc, mn);
    for (int j = 0; j < 8; j++) {
        const float ds = d * sc[j];
        if (ds == 0) continue;  // keep the fitted levels (all dequantize to -m anyway)
        const float dm = dmin * mn[j];
        for (int l = 0; l < 32; l++) L[32 * j + l] = (uint8_t)ek_clamp(ek_round((x[32 * j + l] + dm) / ds), 0, nmax);
    }
}

static void q4_K_row(const float *x, ek_q4_K *y, int64_t nb) {
    uint8_t L[256];
    for (int64_t i = 0; i < nb; i++, x += 256) {
        k_scale_min_block(x, 15, -1.0f, 0.1f, 20, y[i].scales, &y[i].d, &y[i].dmin, L);
        for (int c = 0; c < 4; c++) {
            for (int l = 0; l < 32; l++) y[i].qs[32 * c + l] = (uint8_t)(L[64 * c + l] | (L[64 * c + 32 + l] << 4));
        }
    }
}

static void q5_K_row(const float *x, ek_q5_K *y, int64_t nb) {
    uint8_t L[256];
    for (int64_t i = 0; i < nb; i++, x += 256) {
        k_scale_min_block(x, 31, -0.5f, 0.1f, 15, y[i].scales, &y[i].d, &y[i].dmin, L);
        memset(y[i].qh, 0, 32);
        for (int c = 0; c < 4; c++) {
            for (int l = 0; l < 32; l++) {
                const int a = L[64 * c + l], b = L[64 * c + 32 + l];
                y[i].qs[32 * c + l] = (uint8_t)((a & 0xF) | ((b & 0xF) << 4));
                y[i].qh[l] |= (uint8_t)(((a >> 4) << (2 * c)) | ((b >> 4) << (2 * c + 1)));
            }
        }
    }
}

// MARK: - Q6_K (a signed scale per 16 values)

/// Fits x[i] ≈ scale·q[i] with q in -nmax...nmax-1 for one group, minimising Σ x²·err² (weights favour the large
/// values) over the grid through the extreme value and 18 grids stretched by ±0.1…0.9 levels. Levels go to L
/// offset by nmax; returns the (signed) scale.
static float fit_symmetric(int n, int nmax, const float *x, int8_t *L) {
    float amax = 0, extreme = 0;
    for (int i = 0; i < n; i++) {
        if (fabsf(x[i]) > amax) {
            amax = fabsf(x[i]);
            extreme = x[i];
        }
    }
    if (amax < EK_ZERO_EPS) {
        memset(L, 0, (size_t)n);
        return 0;
    }
    float best_s = 0, best = 0;  // best = s·Σwxl = (Σwxl)²/Σwll, the error reduction of the least-squares scale
    for (int k = 0; k <= 18; k++) {
        const int stretch = k == 0 ? 0 : k <= 9 ? k - 10 : k - 9;  // 0 first, then -9...-1, 1...9
        const float inv = -(nmax + 0.1f * stretch) / extreme;
        float sxl = 0, sll = 0;
        for (int i = 0; i < n; i++) {
            const int l = ek_clamp(ek_round(inv * x[i]), -nmax, nmax - 1);
            const float w = x[i] * x[i];
            sxl += w * x[i] * l;
            sll += w * l * l;
        }
        if (k == 0 || (sll > 0 && sxl * sxl > best * sll)) {
            best_s = sll != 0 ? sxl / sll : 0;
            best = best_s * sxl;
            for (int i = 0; i < n; i++) L[i] = (int8_t)(nmax + ek_clamp(ek_round(inv * x[i]), -nmax, nmax - 1));
        }
    }
    return best_s;
}

static void q6_K_row(const float *x, ek_q6_K *y, int64_t nb) {
    int8_t L[256];
    float scales[16];
    for (int64_t i = 0; i < nb; i++, x += 256) {
        float max_scale = 0, max_abs = 0;
        for (int g = 0; g < 16; g++) {
            scales[g] = fit_symmetric(16, 32, x + 16 * g, L + 16 * g);
            if (fabsf(scales[g]) > max_abs) {
                max_abs = fabsf(scales[g]);
                max_scale = scales[g];
            }
        }
        if (max_abs < EK_ZERO_EPS) {
            memset(&y[i], 0, sizeof(ek_q6_K));
            continue;
        }
        const float inv = -128.f / max_scale;
        y[i].d = ek_float_to_half(1 / inv);
        for (int g = 0; g < 16; g++) {
            const int s = ek_round(inv * scales[g]);
            y[i].scales[g] = (int8_t)(s > 127 ? 127 : s);
        }
        const float d = ek_half_to_float(y[i].d);
        for (int g = 0; g < 16; g++) {
            const float ds = d * y[i].scales[g];
            if (ds == 0) continue;
            for (int l = 0; l < 16; l++) L[16 * g + l] = (int8_t)(ek_clamp(ek_round(x[16 * g + l] / ds), -32, 31) + 32);
        }
        for (int half = 0; half < 2; half++) {
            const int8_t *q = L + 128 * half;
            uint8_t *ql = y[i].ql + 64 * half, *qh = y[i].qh + 32 * half;
            for (int l = 0; l < 32; l++) {
                const int a = q[l], b = q[l + 32], c = q[l + 64], e = q[l + 96];
                ql[l] = (uint8_t)((a & 0xF) | ((c & 0xF) << 4));
                ql[l + 32] = (uint8_t)((b & 0xF) | ((e & 0xF) << 4));
                qh[l] = (uint8_t)((a >> 4) | ((b >> 4) << 2) | ((c >> 4) << 4) | ((e >> 4) << 6));
            }
        }
    }
}

int ek_quantize_row(int type, const float *src, void *dst, int64_t n) {
    switch (type) {
    case EK_F32: memcpy(dst, src, (size_t)n * 4); return 0;
    case EK_F16: {
        uint16_t *h = dst;
        for (int64_t i = 0; i < n; i++) h[i] = ek_float_to_half(src[i]);
        return 0;
    }
    case EK_Q8_0: if (n % 32) return -1; q8_0_row(src, dst, n / 32); return 0;
    case EK_Q5_0: if (n % 32) return -1; q5_0_row(src, dst, n / 32); return 0;
    case EK_Q4_K: if (n % 256) return -1; q4_K_row(src, dst, n / 256); return 0;
    case EK_Q5_K: if (n % 256) return -1; q5_K_row(src, dst, n / 256); return 0;
    case EK_Q6_K: if (n % 256) return -1; q6_K_row(src, dst, n / 256); return 0;
    default: return -1;
    }
}
