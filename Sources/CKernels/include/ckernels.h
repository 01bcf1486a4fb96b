// CKernels: quantized block kernels for the inference engine (dequantize, activation quantizers, vec_dot).
// Only the Tensor module imports this header; raw pointers never leave that module's API unchecked.
#ifndef EASEL_CKERNELS_H
#define EASEL_CKERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// ggml type ids (the subset the engine computes with).
enum {
    EK_F32 = 0,
    EK_F16 = 1,
    EK_Q4_0 = 2,
    EK_Q4_1 = 3,
    EK_Q5_0 = 6,
    EK_Q5_1 = 7,
    EK_Q8_0 = 8,
    EK_Q4_K = 12,
    EK_Q5_K = 13,
    EK_Q6_K = 14,
    EK_BF16 = 30,
};

/// What a weight type's dot kernel takes as the activation row.
enum {
    EK_ACT_F32 = 0,   ///< plain f32 values
    EK_ACT_Q8_32 = 1, ///< ek_block_q8_32 blocks of 32
    EK_ACT_Q8_K = 2,  ///< ek_block_q8_K blocks of 256
};

/// An 8-bit activation block of 32 values: value[i] = d * qs[i]; sum = sum of qs.
typedef struct {
    float d;
    int32_t sum;
    int8_t qs[32];
} ek_block_q8_32;

/// An 8-bit activation block of 256 values (llama.cpp's Q8_K): value[i] = d * qs[i]; bsums[j] = sum of qs[16j..<16j+16].
typedef struct {
    float d;
    int8_t qs[256];
    int16_t bsums[16];
} ek_block_q8_K;

/// 1 when this CPU has AVX2, FMA and F16C (checked once with cpuid).
int ek_cpu_has_avx2(void);
/// Whether the vectorised kernels are used (default: when the CPU has them). Tests switch it off to check the scalar ones.
void ek_set_simd_enabled(int enabled);
int ek_simd_enabled(void);

/// The activation format the dot kernel of `type` wants, or -1 for an unsupported type.
int ek_activation_kind(int type);
/// Bytes of activation storage for a row of `n` values of the given kind.
size_t ek_activation_bytes(int kind, int64_t n);
/// Quantizes (or copies) a row of `n` f32 values into the activation format `kind`. `n` must be a multiple of the
/// kind's block size (32 or 256; 1 for f32).
void ek_quantize_activation(int kind, const float *x, void *dst, int64_t n);

/// Dequantizes `n` values (a multiple of the type's block size) from `src` into `dst`. Returns 0, or -1 for an
/// unsupported type.
int ek_dequantize_row(int type, const void *src, float *dst, int64_t n);

/// Quantizes `n` f32 values (a multiple of the type's block size) from `src` into `type` blocks at `dst`, with
/// llama.cpp's reference scale searches. Types: F32, F16, Q8_0, Q5_0, Q4_K, Q5_K, Q6_K. Returns 0, or -1 for
/// another type or a length that is not whole blocks.
int ek_quantize_row(int type, const float *src, void *dst, int64_t n);
/// IEEE binary32 -> binary16, round to nearest even (overflow gives infinity).
uint16_t ek_float_to_half(float f);

/// out[r] = dot(weight row r, activation) for `nrows` rows of `n` values each, rows `row_bytes` apart.
/// `act` holds the activation in the format ek_activation_kind(type) names. Returns 0, or -1 for an unsupported type.
int ek_gemv_rows(int type, int64_t n, const void *w, size_t row_bytes, int64_t nrows, const void *act, float *out);

/// The small-batch product: out[k * out_stride + r] = dot(weight row r, activation k) for `nact` activation rows
/// (each in the format ek_activation_kind(type) names, `act_stride` bytes apart). Each weight row is read from memory
/// once for all of them; the AVX2 Q4_K/Q5_K/Q6_K/Q8_0 kernels also unpack each weight block once per four
/// activations. Every output equals what ek_gemv_rows gives for that activation alone, bit for bit.
/// Returns 0, or -1 for an unsupported type.
int ek_gemm_rows(int type, int64_t n, const void *w, size_t row_bytes, int64_t nrows, const void *act,
                 size_t act_stride, int nact, float *out, int64_t out_stride);
int ek_gemm_rows_with(int simd, int type, int64_t n, const void *w, size_t row_bytes, int64_t nrows, const void *act,
                      size_t act_stride, int nact, float *out, int64_t out_stride);

/// The same two operations with the implementation chosen explicitly (simd = 1: AVX2, 0: portable scalar).
/// simd = 1 on a CPU without AVX2 falls back to scalar.
int ek_dequantize_row_with(int simd, int type, const void *src, float *dst, int64_t n);
int ek_gemv_rows_with(int simd, int type, int64_t n, const void *w, size_t row_bytes, int64_t nrows, const void *act,
                      float *out);

/// Rows repacked eight at a time for CPUs with AVX-512 VNNI (Q4_K and Q6_K): 1 when this CPU has them, and whether
/// they are in use now (available and the vectorised kernels are on).
int ek_packed_available(void);
int ek_packed_enabled(void);
/// Bytes of the repacked copy of `nrows` rows of `n` values of `type` (0 when the type is not repacked).
size_t ek_packed_bytes(int type, int64_t n, int64_t nrows);
/// Repacks `nrows` rows (`row_bytes` apart) into `dst` (ek_packed_bytes bytes). Returns 0, or -1 for another type.
int ek_pack_rows(int type, int64_t n, const void *w, size_t row_bytes, int64_t nrows, void *dst);
/// ek_gemm_rows on a repacked copy for rows row0 ..< row1 (row0 a multiple of 8) of a matrix of `nrows` rows:
/// out[k * out_stride + r] = dot(row r, activation k). Each row's output is the same at any `nact`.
/// Returns 0, or -1 when the type, the CPU or row0 does not fit.
int ek_gemm_packed(int type, int64_t n, const void *packed, int64_t row0, int64_t row1, int64_t nrows,
                   const void *act, size_t act_stride, int nact, float *out, int64_t out_stride);
/// A unit of parallel work: runs chunk `chunk` of a job.
typedef void (*ek_task_fn)(void *ctx, int64_t chunk);
/// Runs fn(ctx, c) for every c in 0..<chunks on up to `threads` threads (the caller and threads - 1 persistent
/// workers that take chunks as they become free) and returns when all are done. Nested calls, calls while another
/// thread runs a job, and threads <= 1 run the chunks inline on the calling thread.
void ek_parallel_run(int threads, int64_t chunks, ek_task_fn fn, void *ctx);

/// Plain f32 helpers (vectorised when possible).
float ek_dot_f32(const float *a, const float *b, int64_t n);
/// y += alpha * x
void ek_axpy_f32(float alpha, const float *x, float *y, int64_t n);

/// Sums `n` floats with two or more accumulators (used by the bandwidth benchmark: one streaming read per byte).
float ek_stream_sum_f32(const float *x, int64_t n);

#ifdef __cplusplus
}
#endif

#endif
