// A small persistent thread pool for the engine's parallel loops. Workers spin briefly between jobs (decode runs
// a job every few hundred microseconds) and then sleep on a condition variable. Measured on a shared 2-core
// machine, DispatchQueue.concurrentPerform ran both halves of a 200 µs job on the calling thread in 195 of 200
// calls, because a sleeping dispatch worker is not scheduled in time; a spinning worker is already running.
#include "ckernels.h"
#include <immintrin.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <time.h>

#define EK_MAX_WORKERS 255
#define EK_SPIN_BEFORE_SLEEP 8192

// ticket = generation << 32 | next chunk index. A chunk is claimed by a CAS that keeps the generation, so a
// worker can never take a chunk of a later job by mistake.
static _Atomic uint64_t ticket;
static _Atomic int64_t done_chunks;
static _Atomic int sleepers;
static _Atomic int64_t job_chunks;
static ek_task_fn job_fn;
static void *job_ctx;

static pthread_mutex_t sleep_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t sleep_cond = PTHREAD_COND_INITIALIZER;
static pthread_mutex_t run_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t start_mutex = PTHREAD_MUTEX_INITIALIZER;
static int started_workers = 0;
static _Thread_local int in_pool = 0;
// After a job whose caller had to wait far longer than its own share took (a worker was descheduled by other
// programs on a busy machine), the next jobs run on the calling thread alone; then the pool is tried again.
static _Atomic int inline_jobs_left = 0;
#define EK_BACKOFF_JOBS 256

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void run_chunks(uint32_t gen) {
    for (;;) {
        uint64_t t = atomic_load_explicit(&ticket, memory_order_acquire);
        if ((uint32_t)(t >> 32) != gen || (int64_t)(t & 0xFFFFFFFFu) >= atomic_load_explicit(&job_chunks, memory_order_relaxed)) {
            return;
        }
        if (!atomic_compare_exchange_weak_explicit(&ticket, &t, t + 1, memory_order_acq_rel, memory_order_acquire)) {
            continue;
        }
        job_fn(job_ctx, (int64_t)(t & 0xFFFFFFFFu));
        atomic_fetch_add_explicit(&done_chunks, 1, memory_order_release);
    }
}

static void *worker_main(void *arg) {
    (void)arg;
    in_pool = 1;
    uint32_t seen = (uint32_t)(atomic_load(&ticket) >> 32);
    for (;;) {
        int spins = 0;
        uint32_t gen;
        while ((gen = (uint32_t)(atomic_load_explicit(&ticket, memory_order_acquire) >> 32)) == seen) {
            if (++spins < EK_SPIN_BEFORE_SLEEP) {
                // Yield now and then: on a busy machine the thread we wait for may need this very core.
                if ((spins & 127) == 0) {
                    sched_yield();
                } else {
                    _mm_pause();
                }
                continue;
            }
            pthread_mutex_lock(&sleep_mutex);
            atomic_fetch_add(&sleepers, 1);
            while ((uint32_t)(atomic_load(&ticket) >> 32) == seen) pthread_cond_wait(&sleep_cond, &sleep_mutex);
            atomic_fetch_sub(&sleepers, 1);
            pthread_mutex_unlock(&sleep_mutex);
            spins = 0;
        }
        seen = gen;
        run_chunks(gen);
    }
    return NULL;
}

static void ensure_workers(int count) {
    if (count > EK_MAX_WORKERS) count = EK_MAX_WORKERS;
    pthread_mutex_lock(&start_mutex);
    while (started_workers < count) {
        pthread_t thread;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        if (pthread_create(&thread, &attr, worker_main, NULL) != 0) {
            pthread_attr_destroy(&attr);
            break;
        }
        pthread_attr_destroy(&attr);
        started_workers++;
    }
    pthread_mutex_unlock(&start_mutex);
}

void ek_parallel_run(int threads, int64_t chunks, ek_task_fn fn, void *ctx) {
    if (chunks <= 0) return;
    // Inline when one thread is asked for, when called from inside a job (nested), or while another thread is
    // running a job (the pool runs one job at a time).
    if (threads <= 1 || chunks == 1 || chunks > 0xFFFFFFFFLL || in_pool || pthread_mutex_trylock(&run_mutex) != 0) {
        for (int64_t c = 0; c < chunks; c++) fn(ctx, c);
        return;
    }
    if (atomic_load_explicit(&inline_jobs_left, memory_order_relaxed) > 0) {
        atomic_fetch_sub_explicit(&inline_jobs_left, 1, memory_order_relaxed);
        pthread_mutex_unlock(&run_mutex);
        for (int64_t c = 0; c < chunks; c++) fn(ctx, c);
        return;
    }
    ensure_workers(threads - 1);
    job_fn = fn;
    job_ctx = ctx;
    atomic_store_explicit(&job_chunks, chunks, memory_order_relaxed);
    atomic_store_explicit(&done_chunks, 0, memory_order_relaxed);
    const uint32_t gen = (uint32_t)(atomic_load(&ticket) >> 32) + 1;
    atomic_store(&ticket, (uint64_t)gen << 32);  // publishes the job (seq_cst, pairs with the sleepers check)
    if (atomic_load(&sleepers) > 0) {
        pthread_mutex_lock(&sleep_mutex);
        pthread_cond_broadcast(&sleep_cond);
        pthread_mutex_unlock(&sleep_mutex);
    }
    in_pool = 1;
    const int64_t started = now_ns();
    run_chunks(gen);
    in_pool = 0;
    const int64_t own = now_ns() - started;
    int spins = 0;
    while (atomic_load_explicit(&done_chunks, memory_order_acquire) < chunks) {
        if ((++spins & 127) != 0) {
            _mm_pause();
        } else {
            sched_yield();  // a worker holding the last chunk may be waiting for this core
        }
    }
    const int64_t waited = now_ns() - started - own;
    if (waited > 200000 && waited > own) atomic_store_explicit(&inline_jobs_left, EK_BACKOFF_JOBS, memory_order_relaxed);
    pthread_mutex_unlock(&run_mutex);
}
