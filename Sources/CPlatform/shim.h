#ifndef LEADCHECK_CPLATFORM_SHIM_H
#define LEADCHECK_CPLATFORM_SHIM_H

// What Swift cannot reach or express well: fallocate(2) and O_DIRECT, which glibc declares only
// under _GNU_SOURCE (the Glibc module is built without it), statfs's file-system magic numbers,
// and a SIMD byte scan (Swift's SIMD types compiled to far slower code here than SSE2
// intrinsics).

#include <stddef.h>
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#if defined(__SSE2__)
/// One bit per byte of the sixteen at `bytes` that a JSON string cannot hold as is.
static inline unsigned lc_json_special_mask(const uint8_t *bytes) {
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i lastControl = _mm_set1_epi8(0x1F);
    __m128i v = _mm_loadu_si128((const __m128i *)bytes);
    // Unsigned v <= 0x1F exactly when max(v, 0x1F) == 0x1F.
    __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(v, lastControl), lastControl);
    __m128i special = _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash));
    return (unsigned)_mm_movemask_epi8(_mm_or_si128(control, special));
}
#endif

/// The length of the longest prefix of bytes[0..<count] that a JSON string can hold as is: no
/// byte below 0x20, no '"' and no '\\' (RFC 8259 §7). Sixteen bytes per step with SSE2, and no
/// byte-by-byte tail, which was a fifth of the scan's time with most fields under 16 bytes: the
/// last step re-reads the final sixteen bytes, and a string shorter than that is read as a
/// sixteen-byte block when the block stays within its 4 KiB (the bytes past `count` are read,
/// never used; memory protection is per page, and 4 KiB is the smallest page size, so the read
/// cannot fault).
static inline size_t lc_json_clean_prefix(const uint8_t *bytes, size_t count) {
    size_t i = 0;
#if defined(__SSE2__)
    if (count >= 16) {
        for (; i + 16 <= count; i += 16) {
            unsigned mask = lc_json_special_mask(bytes + i);
            if (mask != 0) return i + (size_t)__builtin_ctz(mask);
        }
        if (i == count) return count;
        size_t last = count - 16;
        unsigned mask = lc_json_special_mask(bytes + last) >> (i - last);
        return mask != 0 ? i + (size_t)__builtin_ctz(mask) : count;
    }
    if (count > 0 && ((uintptr_t)bytes & 4095) <= 4096 - 16) {
        unsigned mask = lc_json_special_mask(bytes) & ((1u << count) - 1);
        return mask != 0 ? (size_t)__builtin_ctz(mask) : count;
    }
#endif
    for (; i < count; i++) {
        uint8_t byte = bytes[i];
        if (byte < 0x20 || byte == '"' || byte == '\\') return i;
    }
    return count;
}

#ifdef __linux__
#include <errno.h>
#include <linux/falloc.h>
#include <sys/syscall.h>
#include <unistd.h>

/// Reserves [offset, offset + length) of `fd` without changing its size (FALLOC_FL_KEEP_SIZE).
/// Returns 0, or -1 with errno set (EOPNOTSUPP where the file system cannot).
static inline int lc_reserve_file_range(int fd, long long offset, long long length) {
    return (int)syscall(SYS_fallocate, fd, FALLOC_FL_KEEP_SIZE, (long long)offset, (long long)length);
}

#include <fcntl.h>
#include <linux/magic.h>
#include <sys/vfs.h>

/// Opens `path` (an existing file) a second time for writing with O_DIRECT. Returns the
/// descriptor, or -1 with errno set (EINVAL where the file system cannot).
static inline int lc_open_direct(const char *path) {
    // __O_DIRECT: glibc's per-architecture value, exposed as O_DIRECT only under _GNU_SOURCE.
    return open(path, O_WRONLY | __O_DIRECT | O_CLOEXEC);
}

/// 1 when `fd` lives in memory (tmpfs, ramfs), where O_DIRECT still goes through the page cache
/// and so saves nothing; 0 otherwise or when it cannot tell.
static inline int lc_is_memory_file_system(int fd) {
    struct statfs info;
    if (fstatfs(fd, &info) != 0) return 0;
    return info.f_type == TMPFS_MAGIC || info.f_type == RAMFS_MAGIC;
}
#endif

#endif
