#ifndef GLASSBOX_CLINUX_H
#define GLASSBOX_CLINUX_H
#endif

// ---- SimKernel: fibers (Sources/CLinux/sim_threads.c) ----
// Each simulated thread is a fiber: a stack and a saved context, run on the one host thread
// that boots the machine and only while it holds the machine's baton. Handing the baton over
// is a switch of stacks, with no host scheduler in between.
#ifndef GLASSBOX_SIM_THREADS_H
#define GLASSBOX_SIM_THREADS_H
typedef struct gb_fiber gb_fiber;
/// The fiber of the calling host thread itself (it keeps its own stack); switching to it
/// resumes the host thread where it switched away.
gb_fiber *gb_fiber_for_host_thread(void);
/// A fiber that runs body(argument) on a stack of its own (16 MiB, with a guard page) the first
/// time it is switched to. When the body returns, the fiber switches for good to the fiber it
/// returned, and must not be switched to again.
gb_fiber *gb_fiber_new(gb_fiber *(*body)(void *), void *argument);
/// Saves the running fiber `from` and resumes `to`; returns when some fiber switches back to
/// `from`. Each fiber keeps its own Swift exclusivity accesses across the switch.
void gb_fiber_switch(gb_fiber *from, gb_fiber *to);
/// Frees a fiber that is not running; its stack is kept for a later fiber.
void gb_fiber_free(gb_fiber *fiber);
/// An id of the calling host thread (pthread_self).
unsigned long gb_thread_self(void);
#endif
// ---- end SimKernel section ----

// ---- LinuxKernel: syscall wrappers (Sources/CLinux/linux_syscalls.c) ----
// What Swift's Glibc module omits (it is built without _GNU_SOURCE and skips sys/prctl.h,
// sched.h's clone flags and raw syscalls). Each wrapper is one call, no logic beyond argument
// marshalling; each returns what the call returns, with errno set, as libc does. The header
// includes no system header, so importing CLinux does not bring libc into SimKernel; the
// constants below are checked against the system's own by _Static_assert in the C file.
#ifndef GLASSBOX_LINUX_SYSCALLS_H
#define GLASSBOX_LINUX_SYSCALLS_H

/// prctl(2) options and capability-header version used by LinuxKernel.
enum {
    GB_PR_SET_NAME = 15,
    GB_PR_CAPBSET_READ = 23,
    GB_PR_CAPBSET_DROP = 24,
    GB_PR_SET_CHILD_SUBREAPER = 36,
    GB_PR_SET_NO_NEW_PRIVS = 38,
    GB_PR_CAP_AMBIENT = 47,
    GB_PR_CAP_AMBIENT_IS_SET = 1,
    GB_PR_CAP_AMBIENT_RAISE = 2,
    GB_PR_CAP_AMBIENT_LOWER = 3,
};

/// unshare(2).
int gb_unshare(int flags);
/// setns(2).
int gb_setns(int fd, int nstype);
/// lsetxattr(2) with flags 0 (create or replace), and lgetxattr(2): Glibc's Swift module
/// leaves out <sys/xattr.h>.
int gb_lsetxattr(const char *path, const char *name, const void *value, unsigned long size);
long gb_lgetxattr(const char *path, const char *name, void *value, unsigned long size);

/// pivot_root(2) (raw syscall: glibc has no wrapper).
int gb_pivot_root(const char *new_root, const char *put_old);
/// mallopt(3) `M_ARENA_MAX` = 1: every thread allocates from the one main arena.
int gb_single_malloc_arena(void);
/// statfs(2): the file system's magic number and its mount's ST_ flags.
int gb_statfs(const char *path, unsigned long long *type, unsigned long long *flags);
/// prctl(2).
int gb_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5);
/// pipe2(2): fds[0] is the read end, fds[1] the write end.
int gb_pipe2(int fds[2], int flags);
/// dup3(2).
int gb_dup3(int oldfd, int newfd, int flags);
/// accept4(2), without the peer address.
int gb_accept4(int fd, int flags);
/// mount(2).
int gb_mount(const char *source, const char *target, const char *fstype, unsigned long flags, const char *data);
/// umount2(2).
int gb_umount2(const char *target, int flags);
/// sethostname(2).
int gb_sethostname(const char *name, unsigned long length);
/// setresuid(2), setresgid(2).
int gb_setresuid(unsigned int ruid, unsigned int euid, unsigned int suid);
int gb_setresgid(unsigned int rgid, unsigned int egid, unsigned int sgid);
/// getrandom(2).
long gb_getrandom(void *buffer, unsigned long length, unsigned int flags);

/// The three capset(2) sets of a thread, each capability number a bit of a 64-bit word (the
/// kernel's _LINUX_CAPABILITY_VERSION_3 splits each set into two 32-bit halves).
typedef struct gb_capabilities {
    unsigned long long effective;
    unsigned long long permitted;
    unsigned long long inheritable;
} gb_capabilities;
/// capget(2) of the calling thread with the version 3 header.
int gb_capget(gb_capabilities *sets);
/// capset(2) of the calling thread with the version 3 header.
int gb_capset(const gb_capabilities *sets);

/// makedev(3), major(3), minor(3).
unsigned long long gb_makedev(unsigned int major, unsigned int minor);
unsigned int gb_major(unsigned long long device);
unsigned int gb_minor(unsigned long long device);

/// CMSG_SPACE(3), CMSG_LEN(3), CMSG_FIRSTHDR(3), CMSG_NXTHDR(3), CMSG_DATA(3); `message` is a
/// struct msghdr, `header` a struct cmsghdr.
unsigned long gb_cmsg_space(unsigned long length);
unsigned long gb_cmsg_len(unsigned long length);
void *gb_cmsg_firsthdr(void *message);
void *gb_cmsg_nxthdr(void *message, void *header);
void *gb_cmsg_data(void *header);

/// One entry of a spawn's file actions, applied in order in the child.
enum { GB_FILE_ACTION_DUPLICATE = 0, GB_FILE_ACTION_CLOSE = 1 };
typedef struct gb_file_action {
    int kind;
    /// DUPLICATE: the parent's descriptor copied; CLOSE: the descriptor closed.
    int fd;
    /// DUPLICATE: the child's descriptor number that receives the copy.
    int target;
} gb_file_action;

/// clone(2) with `clone_flags` (CLONE_NEW* bits; 0 forks) and SIGCHLD, then in the child only
/// async-signal-safe calls: every signal's action back to SIG_DFL and an empty signal mask,
/// setsid(2) when `new_session`, prctl(2) PR_SET_PDEATHSIG when `parent_death_signal` is not 0
/// (the child kills itself with it at once when the parent is already gone), the file actions,
/// chdir(2) to `cwd` when not NULL, execve(2). A failure in the child is written to the parent through a
/// close-on-exec pipe: the child exits, the parent reaps it and returns the errno, so no
/// process remains (as posix_spawn(3) reports it). Returns 0 with *pid set, or an errno.
/// With `cgroup_fd` not -1 the clone is clone3(2) with CLONE_INTO_CGROUP: the child starts in
/// the cgroup v2 directory that descriptor names.
int gb_spawn(const char *path, char *const argv[], char *const envp[],
             const gb_file_action *actions, int action_count,
             int clone_flags, int new_session, int parent_death_signal, const char *cwd, int cgroup_fd, int *pid);

/// gb_spawn without the exec: in the child (*pid set to 0) the call returns 0 after the same
/// steps as a spawned child's, and after closing every close-on-exec descriptor as execve(2)
/// would have; the child then runs on in a copy of the caller's image. Only for a caller with a
/// single thread: the child has only the one that called. In the parent, as gb_spawn: 0 with
/// *pid set, or the errno of the step that failed, the child reaped.
int gb_fork(const gb_file_action *actions, int action_count, int clone_flags, int new_session,
            int parent_death_signal, const char *cwd, int cgroup_fd, int *pid);
#endif
// ---- end LinuxKernel section ----
