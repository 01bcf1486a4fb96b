// Portable reference dot kernels: weight blocks as stored x 8-bit (or f32) activations.
#include "internal.h"

static float dot_f32(const float *w, const float *x, int64_t n) {
    float s = 0;
    for (int64_t i = 0; i < n; i++) s += w[i] * x[i];
    return s;
}

static float dot_f16(const uint16_t *w, const float *x, int64_t n) {
    float s = 0;
    for (int64_t i = 0; i < n; i++) s += ek_half_to_float(w[i]) * x[i];
    return s;
}

static float dot_bf16(const uint16_t *w, const float *x, int64_t n) {
    float s = 0;
    for (int64_t i = 0; i < n; i++) s += ek_bf16_to_float(w[i]) * x[i];
    return s;
}

static float dot_q8_0(const ek_q8_0 *w, const ek_block_q8_32 *a, int64_t nb) {
    float s = 0;
    for (int64_t i = 0; i < nb; i++) {
        int32_t sum = 0;
        for (int j = 0; j < 32; j++) sum += (int32_t)w[i].qs[j] * a[i].qs[j];
        s += ek_half_to_float(w[i].d) * a[i].d * (float)sum;
    }
    return s;
}

/// Shared by Q4_0/Q4_1: the sum of unsigned nibbles times activations.
static int32_t nibble_dot(const uint8_t *qs, const int8_t *q8) {
    int32_t sum = 0;
    for (int j = 0; j < 16; j++) sum += (qs[j] & 0xF) * q8[j] + (qs[j] >> 4) * q8[j + 16];
    return sum;
}

static int32_t five_bit_dot(const uint8_t *qs, const uint8_t *qh, const int8_t *q8) {
    uint32_t h;
    memcpy(&h, qh, 4);
    int32_t sum = 0;
    for (int j = 0; j < 16; j++) {
        const int lo = (qs[j] & 0xF) | (int)(((h >> j) & 1) << 4);
        const int hi = (qs[j] >> 4) | (int)(((h >> (j + 16)) & 1) << 4);
        sum += lo * q8[j] + hi * q8[j + 16];
    }
    return sum;
}

static float dot_q4_0(const ek_q4_0 *w, const ek_block_q8_32 *a, int64_t nb) {
    float s = 0;
    for (int64_t i = 0; i < nb; i++) {
        const int32_t sum = nibble_dot(w[i].qs, a[i].qs) - 8 * a[i].sum;
        s += ek_half_to_float(w[i].d) * a[i].d * (float)sum;
    }
    return s;
}

static float dot_q4_1(const ek_q4_1 *w, const ek_block_q8_32 *a, int64_t nb) {
    float s = 0;
    for (int64_t i = 0; i < nb; i++) {
        const int32_t sum = nibble_dot(w[i].qs, a[i].qs);
        s += ek_half_to_float(w[i].d) * a[i].d * (float)sum + ek_half_to_float(w[i].m) * a[i].d * (float)a[i].sum;
    }
    return s;
}

static float dot_q5_0(const ek_q5_0 *w, const ek_block_q8_32 *a, int64_t nb) {
    float s = 0;
    for (int64_t i = 0; i < nb; i++) {
        const int32_t sum = five_bit_dot(w[i].qs, w[i].qh, a[i].qs) - 16 * a[i].sum;
        s += ek_half_to_float(w[i].d) * a[i].d * (float)sum;
    }
    return s;
}

static float dot_q5_1(const ek_q5_1 *w, const ek_block_q8_32 *a, int64_t nb) {
    float s = 0;
    for (int64_t i = 0; i < nb; i++) {
        const int32_t sum = five_bit_dot(w[i].qs, w[i].qh, a[i].qs);
        s += ek_half_to_float(w[i].d) * a[i].d * (float)sum + ek_half_to_float(w[i].m) * a[i].d * (float)a[i].sum;
    }
    return s;
}

static float dot_q4_K(const ek_q4_K *w, const ek_block_q8_K *a, int64_t nb) {
    float s = 0;
    for (int64_t i = 0; i < nb; i++) {
        uint8_t sc[8], mn[8];
        ek_unpack_k_scales(w[i].scales, sc, mn);
        int32_t sumi = 0, summ = 0;
        for (int c = 0; c < 4; c++) {
            int32_t lo = 0, hi = 0;
            const uint8_t *q = w[i].qs + 32 * c;
            const int8_t *q8 = a[i].qs + 64 * c;
            for (int l = 0; l < 32; l++) {
                lo += (q[l] & 0xF) * q8[l];
                hi += (q[l] >> 4) * q8[l + 32];
            }
            sumi += sc[2 * c] * lo + sc[2 * c + 1] * hi;
        }
        for (int j = 0; j < 8; j++) summ += mn[j] * (a[i].bsums[2 * j] + a[i].bsums[2 * j + 1]);
        s += a[i].d * ek_half_to_float(w[i].d) * (float)sumi - a[i].d * ek_half_to_float(w[i].dmin) * (float)summ;
    }
    return s;
}

static float dot_q5_K(const ek_q5_K *w, const ek_block_q8_K *a, int64_t nb) {
    float s = 0;
    for (int64_t i = 0; i < nb; i++) {
        uint8_t sc[8], mn[8];
        ek_unpack_k_scales(w[i].scales, sc, mn);
        int32_t sumi = 0, summ = 0;
        for (int c = 0; c < 4; c++) {
            int32_t lo = 0, hi = 0;
            const uint8_t *q = w[i].qs + 32 * c;
            const int8_t *q8 = a[i].qs + 64 * c;
            for (int l = 0; l < 32; l++) {
                lo += ((q[l] & 0xF) | (((w[i].qh[l] >> (2 * c)) & 1) << 4)) * q8[l];
                hi += ((q[l] >> 4) | (((w[i].qh[l] >> (2 * c + 1)) & 1) << 4)) * q8[l + 32];
            }
            sumi += sc[2 * c] * lo + sc[2 * c + 1] * hi;
        }
        for (int j = 0; j < 8; j++) summ += mn[j] * (a[i].bsums[2 * j] + a[i].bsums[2 * j + 1]);
        s += a[i].d * ek_half_to_float(w[i].d) * (float)sumi - a[i].d * ek_half_to_float(w[i].dmin) * (float)summ;
    }
    return s;
}

static float dot_q6_K(const ek_q6_K *w, const ek_block_q8_K *a, int64_t nb) {
    float s = 0;
    for (int64_t i = 0; i < nb; i++) {
        int32_t part[16] = {0};
        for (int n = 0; n < 2; n++) {
            const uint8_t *L = w[i].ql + 64 * n, *H = w[i].qh + 32 * n;
            const int8_t *q8 = a[i].qs + 128 * n;
            for (int l = 0; l < 32; l++) {
                const int is = 8 * n + l / 16;
                part[is + 0] += (((L[l] & 0xF) | (((H[l] >> 0) & 3) << 4)) - 32) * q8[l];
                part[is + 2] += (((L[l + 32] & 0xF) | (((H[l] >> 2) & 3) << 4)) - 32) * q8[l + 32];
                part[is + 4] += (((L[l] >> 4) | (((H[l] >> 4) & 3) << 4)) - 32) * q8[l + 64];
                part[is + 6] += (((L[l + 32] >> 4) | (((H[l] >> 6) & 3) << 4)) - 32) * q8[l + 96];
            }
        }
        int32_t sumi = 0;
        for (int j = 0; j < 16; j++) sumi += w[i].scales[j] * part[j];
        s += a[i].d * ek_half_to_float(w[i].d) * (float)sumi;
    }
    return s;
}

EK_DEFINE_GEMV_ROWS(, ek_gemv_rows_scalar)

int ek_gemm_rows_scalar(int type, int64_t n, const void *w, size_t row_bytes, int64_t nrows, const void *act,
                        size_t act_stride, int nact, float *out, int64_t out_stride) {
    // One weight row at a time against every activation, so the row is read from memory once (then from cache).
    for (int64_t r = 0; r < nrows; r++) {
        const void *row = (const uint8_t *)w + (size_t)r * row_bytes;
        for (int k = 0; k < nact; k++) {
            if (ek_gemv_rows_scalar(type, n, row, row_bytes, 1, (const uint8_t *)act + (size_t)k * act_stride,
                                    out + k * out_stride + r) != 0)
                return -1;
        }
    }
    return 0;
}
