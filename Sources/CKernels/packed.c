// Q4_K and Q6_K weights repacked eight rows at a time for CPUs with AVX-512 VNNI (decode and small-batch decode).
//
// Why: in the row-major Q4_K layout every 32 weights of one row need their own 6-bit scale, so each activation row
// costs three multiply-class instructions per 32 weights (maddubs, madd with the scale, add), and the small-batch
// kernel did ~3x the work of one row at B = 4 (measured: a B = 4 weight pass took 2.6-3x the CPU time of B = 1).
// Interleaving eight rows puts one row in each 32-bit lane: `vpdpbusd` multiplies 4 weights of 8 rows by the same
// 4 activation bytes (broadcast), and a sub-block's scales (one per row) are applied once per 8 rows x 32 weights.
// Per activation, 8 rows x 256 weights cost 64 dpbusd + 8 scale multiplies + 4 dpwssd for the mins, against
// 8 x 31 operations in the row-major kernel. The integer sums are exact; each row's floats are accumulated the same
// way whatever the number of activations, so a row's output is bit-identical at B = 1 and B = 4.
#include "internal.h"
#include <cpuid.h>
#include <immintrin.h>

#define EK_VNNI __attribute__((target("avx2,fma,f16c,avx512f,avx512vl,avx512bw,avx512vnni")))

/// Eight Q4_K rows' super-block i: scales and mins as bytes per row, quants interleaved per 4 weights.
typedef struct {
    uint16_t d[8];         ///< per row
    uint16_t dmin[8];      ///< per row
    uint8_t sc[8][8];      ///< [sub-block][row]
    uint8_t mn[4][8][2];   ///< [sub-block pair q][row][2q, 2q+1]
    uint8_t qs[8][4][32];  ///< [sub-block j][p][4 r + t]: low nibble = weight 8p + t, high = weight 8p + 4 + t
} ek_q4_K_x8;
_Static_assert(sizeof(ek_q4_K_x8) == 1184, "q4_K_x8");

/// Eight Q6_K rows' super-block i: the 6-bit values split into a nibble plane and a 2-bit plane, per 16 weights.
typedef struct {
    uint16_t d[8];          ///< per row
    int8_t sc[16][8];       ///< [sub-block of 16][row]
    uint8_t nib[16][2][32]; ///< [s][h][4 r + t]: low nibble = weight 16s + 8h + t, high = weight 16s + 8h + 4 + t
    uint8_t hb[16][32];     ///< [s][4 r + t]: bits 2g, 2g + 1 = the top two bits of weight 16s + 4g + t
} ek_q6_K_x8;
_Static_assert(sizeof(ek_q6_K_x8) == 1680, "q6_K_x8");

static int detect_vnni(void) {
    if (!ek_cpu_has_avx2()) return 0;
    unsigned a, b, c, d;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    const int avx512f = (b >> 16) & 1, avx512bw = (b >> 30) & 1, avx512vl = (b >> 31) & 1, vnni = (c >> 11) & 1;
    if (!(avx512f && avx512bw && avx512vl && vnni)) return 0;
    unsigned lo, hi;
    __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (lo & 0xE6) == 0xE6;  // the OS saves the opmask and all ZMM state
}

static int ek_has_vnni = -1;

int ek_packed_available(void) {
    if (ek_has_vnni < 0) ek_has_vnni = detect_vnni();
    return ek_has_vnni;
}

int ek_packed_enabled(void) { return ek_simd_enabled() && ek_packed_available(); }

size_t ek_packed_bytes(int type, int64_t n, int64_t nrows) {
    if (n % 256 != 0) return 0;
    const size_t blocks = (size_t)((nrows + 7) / 8) * (size_t)(n / 256);
    switch (type) {
    case EK_Q4_K: return blocks * sizeof(ek_q4_K_x8);
    case EK_Q6_K: return blocks * sizeof(ek_q6_K_x8);
    default: return 0;
    }
}

static void pack_q6_K(int64_t n, const void *w, size_t row_bytes, int64_t nrows, void *dst) {
    const int64_t nb = n / 256, groups = (nrows + 7) / 8;
    ek_q6_K_x8 *out = dst;
    for (int64_t g = 0; g < groups; g++) {
        for (int64_t i = 0; i < nb; i++) {
            ek_q6_K_x8 *p = out + g * nb + i;
            memset(p, 0, sizeof *p);
            for (int r = 0; r < 8; r++) {
                const int64_t row = g * 8 + r;
                if (row >= nrows) continue;
                const ek_q6_K *b = (const ek_q6_K *)((const uint8_t *)w + (size_t)row * row_bytes) + i;
                uint8_t q[256];
                for (int h = 0; h < 2; h++) {
                    const uint8_t *ql = b->ql + 64 * h, *qh = b->qh + 32 * h;
                    for (int l = 0; l < 32; l++) {
                        q[128 * h + l] = (uint8_t)((ql[l] & 0xF) | (((qh[l] >> 0) & 3) << 4));
                        q[128 * h + l + 32] = (uint8_t)((ql[l + 32] & 0xF) | (((qh[l] >> 2) & 3) << 4));
                        q[128 * h + l + 64] = (uint8_t)((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4));
                        q[128 * h + l + 96] = (uint8_t)((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4));
                    }
                }
                p->d[r] = b->d;
                for (int s = 0; s < 16; s++) {
                    p->sc[s][r] = b->scales[s];
                    for (int gg = 0; gg < 4; gg++) {
                        for (int t = 0; t < 4; t++) {
                            const uint8_t v = q[16 * s + 4 * gg + t];
                            p->nib[s][gg / 2][4 * r + t] |= (uint8_t)((v & 0xF) << (4 * (gg % 2)));
                            p->hb[s][4 * r + t] |= (uint8_t)((v >> 4) << (2 * gg));
                        }
                    }
                }
            }
        }
    }
}

int ek_pack_rows(int type, int64_t n, const void *w, size_t row_bytes, int64_t nrows, void *dst) {
    if (n % 256 != 0) return -1;
    if (type == EK_Q6_K) {
        pack_q6_K(n, w, row_bytes, nrows, dst);
        return 0;
    }
    if (type != EK_Q4_K) return -1;
    const int64_t nb = n / 256, groups = (nrows + 7) / 8;
    ek_q4_K_x8 *out = dst;
    for (int64_t g = 0; g < groups; g++) {
        for (int64_t i = 0; i < nb; i++) {
            ek_q4_K_x8 *p = out + g * nb + i;
            memset(p, 0, sizeof *p);
            for (int r = 0; r < 8; r++) {
                const int64_t row = g * 8 + r;
                if (row >= nrows) continue;  // padding rows stay zero (d = 0); their outputs are never stored
                const ek_q4_K *b = (const ek_q4_K *)((const uint8_t *)w + (size_t)row * row_bytes) + i;
                p->d[r] = b->d;
                p->dmin[r] = b->dmin;
                uint8_t sc[8], mn[8];
                ek_unpack_k_scales(b->scales, sc, mn);
                for (int j = 0; j < 8; j++) {
                    p->sc[j][r] = sc[j];
                    p->mn[j / 2][r][j % 2] = mn[j];
                }
                for (int j = 0; j < 8; j++) {
                    const uint8_t *q = b->qs + 32 * (j / 2);
                    const int shift = (j % 2) * 4;
                    for (int pp = 0; pp < 4; pp++) {
                        for (int t = 0; t < 4; t++) {
                            const uint8_t lo = (q[8 * pp + t] >> shift) & 0xF;
                            const uint8_t hi = (q[8 * pp + 4 + t] >> shift) & 0xF;
                            p->qs[j][pp][4 * r + t] = (uint8_t)(lo | (hi << 4));
                        }
                    }
                }
            }
        }
    }
    return 0;
}

#define EK_VN static inline EK_VNNI __attribute__((always_inline))

/// Rows 8g .. 8g + valid of one group against `na` activations (1-4, compile-time after inlining).
EK_VN void q4_K_x8_group(const ek_q4_K_x8 *w, int64_t nb, const uint8_t *act, size_t act_stride, const int na,
                         float *out, int64_t out_stride, int valid) {
    const __m256i m4 = _mm256_set1_epi8(0x0F);
    __m256 acc[4], accm[4];
    for (int k = 0; k < na; k++) {
        acc[k] = _mm256_setzero_ps();
        accm[k] = _mm256_setzero_ps();
    }
    for (int64_t i = 0; i < nb; i++) {
        const ek_q4_K_x8 *b = w + i;
        __m256i sumi[4], summ[4];
        for (int k = 0; k < na; k++) {
            const ek_block_q8_K *a = (const ek_block_q8_K *)(act + (size_t)k * act_stride) + i;
            // Sub-block sums of the activation as int16 pairs (2q, 2q+1), one pair per dword.
            const __m128i bs = _mm_hadd_epi16(_mm_loadu_si128((const __m128i *)a->bsums),
                                              _mm_loadu_si128((const __m128i *)(a->bsums + 8)));
            __m256i m = _mm256_setzero_si256();
            m = _mm256_dpwssd_epi32(m, _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)b->mn[0])),
                                    _mm256_set1_epi32(_mm_extract_epi32(bs, 0)));
            m = _mm256_dpwssd_epi32(m, _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)b->mn[1])),
                                    _mm256_set1_epi32(_mm_extract_epi32(bs, 1)));
            m = _mm256_dpwssd_epi32(m, _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)b->mn[2])),
                                    _mm256_set1_epi32(_mm_extract_epi32(bs, 2)));
            m = _mm256_dpwssd_epi32(m, _mm256_cvtepu8_epi16(_mm_loadu_si128((const __m128i *)b->mn[3])),
                                    _mm256_set1_epi32(_mm_extract_epi32(bs, 3)));
            summ[k] = m;
            sumi[k] = _mm256_setzero_si256();
        }
        for (int j = 0; j < 8; j++) {
            __m256i dlo[4], dhi[4];
            for (int k = 0; k < na; k++) dlo[k] = dhi[k] = _mm256_setzero_si256();
            for (int p = 0; p < 4; p++) {
                const __m256i bits = _mm256_loadu_si256((const __m256i *)b->qs[j][p]);
                const __m256i lo = _mm256_and_si256(bits, m4);
                const __m256i hi = _mm256_and_si256(_mm256_srli_epi16(bits, 4), m4);
                for (int k = 0; k < na; k++) {
                    const int8_t *q8 = ((const ek_block_q8_K *)(act + (size_t)k * act_stride) + i)->qs + 32 * j + 8 * p;
                    int32_t a0, a1;
                    memcpy(&a0, q8, 4);
                    memcpy(&a1, q8 + 4, 4);
                    dlo[k] = _mm256_dpbusd_epi32(dlo[k], lo, _mm256_set1_epi32(a0));
                    dhi[k] = _mm256_dpbusd_epi32(dhi[k], hi, _mm256_set1_epi32(a1));
                }
            }
            const __m256i s = _mm256_cvtepu8_epi32(_mm_loadl_epi64((const __m128i *)b->sc[j]));
            for (int k = 0; k < na; k++)
                sumi[k] = _mm256_add_epi32(sumi[k], _mm256_mullo_epi32(_mm256_add_epi32(dlo[k], dhi[k]), s));
        }
        const __m256 d = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)b->d));
        const __m256 dmin = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)b->dmin));
        for (int k = 0; k < na; k++) {
            const __m256 ad = _mm256_set1_ps(((const ek_block_q8_K *)(act + (size_t)k * act_stride) + i)->d);
            acc[k] = _mm256_fmadd_ps(_mm256_mul_ps(d, ad), _mm256_cvtepi32_ps(sumi[k]), acc[k]);
            accm[k] = _mm256_fmadd_ps(_mm256_mul_ps(dmin, ad), _mm256_cvtepi32_ps(summ[k]), accm[k]);
        }
    }
    for (int k = 0; k < na; k++) {
        float v[8];
        _mm256_storeu_ps(v, _mm256_sub_ps(acc[k], accm[k]));
        for (int r = 0; r < valid; r++) out[k * out_stride + r] = v[r];
    }
}

/// Rows 8g .. 8g + valid of one Q6_K group against `na` activations: sub-block s of 16 weights starts its dot at
/// -32 x the activation's sum over those 16 (the stored values are offset by 32) and is scaled once for 8 rows.
EK_VN void q6_K_x8_group(const ek_q6_K_x8 *w, int64_t nb, const uint8_t *act, size_t act_stride, const int na,
                         float *out, int64_t out_stride, int valid) {
    const __m256i m4 = _mm256_set1_epi8(0x0F), m3 = _mm256_set1_epi8(3);
    __m256 acc[4];
    for (int k = 0; k < na; k++) acc[k] = _mm256_setzero_ps();
    for (int64_t i = 0; i < nb; i++) {
        const ek_q6_K_x8 *b = w + i;
        __m256i sumi[4];
        for (int k = 0; k < na; k++) sumi[k] = _mm256_setzero_si256();
        for (int s = 0; s < 16; s++) {
            const __m256i n0 = _mm256_loadu_si256((const __m256i *)b->nib[s][0]);
            const __m256i n1 = _mm256_loadu_si256((const __m256i *)b->nib[s][1]);
            const __m256i h = _mm256_loadu_si256((const __m256i *)b->hb[s]);
            const __m256i w0 = _mm256_or_si256(_mm256_and_si256(n0, m4), _mm256_slli_epi16(_mm256_and_si256(h, m3), 4));
            const __m256i w1 = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(n0, 4), m4),
                                               _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(h, 2), m3), 4));
            const __m256i w2 = _mm256_or_si256(_mm256_and_si256(n1, m4),
                                               _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(h, 4), m3), 4));
            const __m256i w3 = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(n1, 4), m4),
                                               _mm256_slli_epi16(_mm256_and_si256(_mm256_srli_epi16(h, 6), m3), 4));
            const __m256i scale = _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)b->sc[s]));
            for (int k = 0; k < na; k++) {
                const ek_block_q8_K *a = (const ek_block_q8_K *)(act + (size_t)k * act_stride) + i;
                const int8_t *q8 = a->qs + 16 * s;
                int32_t a0, a1, a2, a3;
                memcpy(&a0, q8, 4);
                memcpy(&a1, q8 + 4, 4);
                memcpy(&a2, q8 + 8, 4);
                memcpy(&a3, q8 + 12, 4);
                __m256i dot = _mm256_set1_epi32(-32 * (int32_t)a->bsums[s]);
                dot = _mm256_dpbusd_epi32(dot, w0, _mm256_set1_epi32(a0));
                dot = _mm256_dpbusd_epi32(dot, w1, _mm256_set1_epi32(a1));
                dot = _mm256_dpbusd_epi32(dot, w2, _mm256_set1_epi32(a2));
                dot = _mm256_dpbusd_epi32(dot, w3, _mm256_set1_epi32(a3));
                sumi[k] = _mm256_add_epi32(sumi[k], _mm256_mullo_epi32(dot, scale));
            }
        }
        const __m256 d = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)b->d));
        for (int k = 0; k < na; k++) {
            const __m256 ad = _mm256_set1_ps(((const ek_block_q8_K *)(act + (size_t)k * act_stride) + i)->d);
            acc[k] = _mm256_fmadd_ps(_mm256_mul_ps(d, ad), _mm256_cvtepi32_ps(sumi[k]), acc[k]);
        }
    }
    for (int k = 0; k < na; k++) {
        float v[8];
        _mm256_storeu_ps(v, acc[k]);
        for (int r = 0; r < valid; r++) out[k * out_stride + r] = v[r];
    }
}

#define EK_GROUP_SWITCH(KERNEL)                                                                                      \
    switch (na) {                                                                                                  \
    case 1: KERNEL(group, nb, a, act_stride, 1, o, out_stride, valid); break;                                      \
    case 2: KERNEL(group, nb, a, act_stride, 2, o, out_stride, valid); break;                                      \
    case 3: KERNEL(group, nb, a, act_stride, 3, o, out_stride, valid); break;                                      \
    default: KERNEL(group, nb, a, act_stride, 4, o, out_stride, valid); break;                                     \
    }

/// Rows row0 ..< row1 (whole groups of eight) of a repacked matrix against `nact` activations, four at a time.
#define EK_PACKED_GEMM(NAME, BLOCK, KERNEL)                                                                        \
    static EK_VNNI void NAME(int64_t n, const void *w, int64_t row0, int64_t row1, int64_t nrows,                  \
                             const uint8_t *act, size_t act_stride, int nact, float *out, int64_t out_stride) {    \
        const int64_t nb = n / 256;                                                                                \
        const BLOCK *packed = w;                                                                                   \
        for (int64_t g = row0 / 8; g * 8 < row1; g++) {                                                           \
            const int valid = (int)((nrows - g * 8) < 8 ? (nrows - g * 8) : 8);                                   \
            const BLOCK *group = packed + g * nb;                                                                  \
            for (int k0 = 0; k0 < nact; k0 += 4) {                                                                 \
                const int na = nact - k0 < 4 ? nact - k0 : 4;                                                      \
                const uint8_t *a = act + (size_t)k0 * act_stride;                                                  \
                float *o = out + k0 * out_stride + g * 8;                                                          \
                EK_GROUP_SWITCH(KERNEL)                                                                            \
            }                                                                                                      \
        }                                                                                                          \
    }

EK_PACKED_GEMM(gemm_packed_q6_vnni, ek_q6_K_x8, q6_K_x8_group)
EK_PACKED_GEMM(gemm_packed_q4_vnni, ek_q4_K_x8, q4_K_x8_group)

int ek_gemm_packed(int type, int64_t n, const void *packed, int64_t row0, int64_t row1, int64_t nrows,
                   const void *act, size_t act_stride, int nact, float *out, int64_t out_stride) {
    if (!ek_packed_available() || row0 % 8 != 0 || n % 256 != 0) return -1;
    switch (type) {
    case EK_Q4_K: gemm_packed_q4_vnni(n, packed, row0, row1, nrows, act, act_stride, nact, out, out_stride); return 0;
    case EK_Q6_K: gemm_packed_q6_vnni(n, packed, row0, row1, nrows, act, act_stride, nact, out, out_stride); return 0;
    default: return -1;
    }
}
