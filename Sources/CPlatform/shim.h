#ifndef LEADCHECK_CPLATFORM_SHIM_H
#define LEADCHECK_CPLATFORM_SHIM_H

// Operating-system calls the Swift Glibc module does not expose: glibc declares fallocate(2)
// only under _GNU_SOURCE, which the module is built without, so this calls the system call
// directly.

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
#endif

#endif
