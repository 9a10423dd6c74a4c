// Syscall wrappers for LinuxKernel: what Swift's Glibc module omits. One call each, no logic
// beyond argument marshalling, except gb_spawn, which must do its work between fork and exec
// where Swift cannot run (only async-signal-safe calls are allowed in the child of a threaded
// process).
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <malloc.h>
#include <linux/capability.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "CLinux.h"

_Static_assert(GB_PR_SET_NAME == PR_SET_NAME, "PR_SET_NAME");
_Static_assert(GB_PR_CAPBSET_READ == PR_CAPBSET_READ, "PR_CAPBSET_READ");
_Static_assert(GB_PR_CAPBSET_DROP == PR_CAPBSET_DROP, "PR_CAPBSET_DROP");
_Static_assert(GB_PR_SET_CHILD_SUBREAPER == PR_SET_CHILD_SUBREAPER, "PR_SET_CHILD_SUBREAPER");
_Static_assert(GB_PR_SET_NO_NEW_PRIVS == PR_SET_NO_NEW_PRIVS, "PR_SET_NO_NEW_PRIVS");
_Static_assert(GB_PR_CAP_AMBIENT == PR_CAP_AMBIENT, "PR_CAP_AMBIENT");
_Static_assert(GB_PR_CAP_AMBIENT_IS_SET == PR_CAP_AMBIENT_IS_SET, "PR_CAP_AMBIENT_IS_SET");
_Static_assert(GB_PR_CAP_AMBIENT_RAISE == PR_CAP_AMBIENT_RAISE, "PR_CAP_AMBIENT_RAISE");
_Static_assert(GB_PR_CAP_AMBIENT_LOWER == PR_CAP_AMBIENT_LOWER, "PR_CAP_AMBIENT_LOWER");

int gb_unshare(int flags) { return unshare(flags); }

int gb_setns(int fd, int nstype) { return setns(fd, nstype); }

int gb_pivot_root(const char *new_root, const char *put_old) {
    return (int)syscall(SYS_pivot_root, new_root, put_old);
}

int gb_lsetxattr(const char *path, const char *name, const void *value, unsigned long size) {
    return lsetxattr(path, name, value, size, 0);
}

long gb_lgetxattr(const char *path, const char *name, void *value, unsigned long size) {
    return (long)lgetxattr(path, name, value, size);
}

int gb_single_malloc_arena(void) {
    return mallopt(M_ARENA_MAX, 1);
}

int gb_statfs(const char *path, unsigned long long *type, unsigned long long *flags) {
    struct statfs status;
    int result = statfs(path, &status);
    if (result == 0) {
        *type = (unsigned long long)status.f_type;
        *flags = (unsigned long long)status.f_flags;
    }
    return result;
}

int gb_prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5) {
    return prctl(option, arg2, arg3, arg4, arg5);
}

int gb_pipe2(int fds[2], int flags) { return pipe2(fds, flags); }

int gb_dup3(int oldfd, int newfd, int flags) { return dup3(oldfd, newfd, flags); }

int gb_accept4(int fd, int flags) { return accept4(fd, NULL, NULL, flags); }

int gb_mount(const char *source, const char *target, const char *fstype, unsigned long flags, const char *data) {
    return mount(source, target, fstype, flags, data);
}

int gb_umount2(const char *target, int flags) { return umount2(target, flags); }

int gb_sethostname(const char *name, unsigned long length) { return sethostname(name, length); }

int gb_setresuid(unsigned int ruid, unsigned int euid, unsigned int suid) { return setresuid(ruid, euid, suid); }

int gb_setresgid(unsigned int rgid, unsigned int egid, unsigned int sgid) { return setresgid(rgid, egid, sgid); }

long gb_getrandom(void *buffer, unsigned long length, unsigned int flags) { return getrandom(buffer, length, flags); }

int gb_capget(gb_capabilities *sets) {
    struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {{0}};
    if (syscall(SYS_capget, &header, data) != 0) return -1;
    sets->effective = data[0].effective | (unsigned long long)data[1].effective << 32;
    sets->permitted = data[0].permitted | (unsigned long long)data[1].permitted << 32;
    sets->inheritable = data[0].inheritable | (unsigned long long)data[1].inheritable << 32;
    return 0;
}

int gb_capset(const gb_capabilities *sets) {
    struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {
        {(__u32)sets->effective, (__u32)sets->permitted, (__u32)sets->inheritable},
        {(__u32)(sets->effective >> 32), (__u32)(sets->permitted >> 32), (__u32)(sets->inheritable >> 32)},
    };
    return (int)syscall(SYS_capset, &header, data);
}

unsigned long long gb_makedev(unsigned int major, unsigned int minor) { return makedev(major, minor); }
unsigned int gb_major(unsigned long long device) { return major(device); }
unsigned int gb_minor(unsigned long long device) { return minor(device); }

unsigned long gb_cmsg_space(unsigned long length) { return CMSG_SPACE(length); }
unsigned long gb_cmsg_len(unsigned long length) { return CMSG_LEN(length); }
void *gb_cmsg_firsthdr(void *message) { return CMSG_FIRSTHDR((struct msghdr *)message); }
void *gb_cmsg_nxthdr(void *message, void *header) {
    return CMSG_NXTHDR((struct msghdr *)message, (struct cmsghdr *)header);
}
void *gb_cmsg_data(void *header) { return CMSG_DATA((struct cmsghdr *)header); }

// ---- spawn ----
//
//   parent                                   child (only async-signal-safe calls)
//   pipe2(report, O_CLOEXEC), block signals
//   clone(flags | SIGCHLD) ───────────────▶  signals to default, setsid, file actions, chdir
//   read(report) ◀── errno, then _exit ───── execve fails
//                ◀── EOF (close-on-exec) ─── execve succeeds
//   a failed child is reaped before returning its errno, as glibc's posix_spawn does.

typedef struct gb_spawn_child_args {
    const char *path;
    char *const *argv;
    char *const *envp;
    const gb_file_action *actions;
    int action_count, new_session, parent_death_signal;
    /// The parent's pid, or 0 when the child is in a new pid namespace (it cannot tell).
    pid_t parent;
    const char *cwd;
    /// The close-on-exec pipe a failure is written to.
    int report;
    int error;
} gb_spawn_child_args;

/// Writes the errno of the failed step to the parent and ends the child.
static void gb_spawn_fail(gb_spawn_child_args *args) __attribute__((noreturn));
static void gb_spawn_fail(gb_spawn_child_args *args) {
    int error = errno;
    while (write(args->report, &error, sizeof error) < 0 && errno == EINTR) {}
    _exit(127);
}

/// Everything a child does between clone and exec.
static void gb_spawn_child_prepare(gb_spawn_child_args *args) {
    const gb_file_action *actions = args->actions;
    int action_count = args->action_count;
    // Park the report pipe and a copy of every source above every number an action names, so
    // a target that is also a later source still means the parent's descriptor (the two
    // passes of Go's syscall.forkAndExecInChild1). The copies are close-on-exec.
    int floor = args->report;
    for (int i = 0; i < action_count; i++) {
        if (actions[i].fd > floor) floor = actions[i].fd;
        if (actions[i].target > floor) floor = actions[i].target;
    }
    int channel = fcntl(args->report, F_DUPFD_CLOEXEC, floor + 1);
    if (channel < 0) gb_spawn_fail(args);
    args->report = channel;
    // Every signal to its default action, then none blocked: the parent's handlers must not
    // run here, and the program starts as a child of Go's os/exec (containerd, runc) does,
    // not ignoring the SIGPIPE its parent chose to ignore. Failures are for SIGKILL, SIGSTOP
    // and glibc's reserved signals, which keep their actions anyway.
    struct sigaction default_action = {0};
    default_action.sa_handler = SIG_DFL;
    for (int number = 1; number < NSIG; number++) sigaction(number, &default_action, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    if (args->new_session && setsid() < 0) gb_spawn_fail(args);
    if (args->parent_death_signal != 0) {
        if (prctl(PR_SET_PDEATHSIG, (unsigned long)args->parent_death_signal, 0, 0, 0) < 0) gb_spawn_fail(args);
        // The parent may have died before the prctl: then nobody will send the signal. A child
        // in a new pid namespace sees a parent of 0 and cannot tell, so it is not checked.
        if (args->parent != 0 && getppid() != args->parent) kill(getpid(), args->parent_death_signal);
    }
    int copies[action_count > 0 ? action_count : 1];
    for (int i = 0; i < action_count; i++) {
        if (actions[i].kind != GB_FILE_ACTION_DUPLICATE) continue;
        copies[i] = fcntl(actions[i].fd, F_DUPFD_CLOEXEC, channel + 1);
        if (copies[i] < 0) gb_spawn_fail(args);
    }
    for (int i = 0; i < action_count; i++) {
        if (actions[i].kind == GB_FILE_ACTION_DUPLICATE) {
            // dup2 onto another number leaves the target without FD_CLOEXEC.
            if (dup2(copies[i], actions[i].target) < 0) gb_spawn_fail(args);
        } else {
            // A descriptor that is not open is not an error, as in glibc's posix_spawn.
            close(actions[i].fd);
        }
    }
    if (args->cwd != NULL && chdir(args->cwd) < 0) gb_spawn_fail(args);
}

/// clone3(2)'s argument, as <linux/sched.h> declares it (CLONE_ARGS_SIZE_VER2: with `cgroup`);
/// spelled out here because that header's CLONE_ macros clash with <sched.h>'s.
struct gb_clone_args {
    unsigned long long flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid,
        set_tid_size, cgroup;
};
#define GB_CLONE_INTO_CGROUP 0x200000000ULL

/// A fork-like clone: the child returns 0 on a copy of this stack. Raw clone(2) or clone3(2)
/// rather than fork(3) so that the new namespaces come with it.
static pid_t gb_clone(int clone_flags, int cgroup_fd) {
    if (cgroup_fd >= 0) {
        struct gb_clone_args args = {0};
        args.flags = (unsigned long long)(unsigned int)clone_flags | GB_CLONE_INTO_CGROUP;
        args.exit_signal = SIGCHLD;
        args.cgroup = (unsigned long long)cgroup_fd;
        return (pid_t)syscall(SYS_clone3, &args, sizeof args);
    }
    return clone_flags == 0 ? fork() : (pid_t)syscall(SYS_clone, (unsigned long)clone_flags | SIGCHLD, NULL, NULL, NULL, NULL);
}

// ---- fork ----
//
// A spawn without the exec: the child runs on in a copy of the caller's image, the way crun
// starts a container's init. Between the clone and the return to Swift the child makes the
// same async-signal-safe steps as a spawned child, then closes its close-on-exec descriptors as
// an execve would have, so that it holds exactly what a spawned program would hold.

/// Closes every descriptor marked close-on-exec, walking /proc/self/fd with getdents64(2).
static int gb_close_on_exec_descriptors(void) {
    int directory = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directory < 0) return -1;
    char buffer[4096];
    for (;;) {
        long count = syscall(SYS_getdents64, directory, buffer, sizeof buffer);
        if (count < 0) {
            int error = errno;
            close(directory);
            errno = error;
            return -1;
        }
        if (count == 0) break;
        for (long offset = 0; offset < count;) {
            // struct linux_dirent64: d_ino (8), d_off (8), d_reclen (2), d_type (1), d_name.
            unsigned short length;
            memcpy(&length, buffer + offset + 16, sizeof length);
            const char *name = buffer + offset + 19;
            offset += length;
            if (name[0] < '0' || name[0] > '9') continue;
            int fd = 0;
            for (const char *digit = name; *digit; digit++) fd = fd * 10 + (*digit - '0');
            if (fd == directory) continue;
            int flags = fcntl(fd, F_GETFD);
            if (flags >= 0 && (flags & FD_CLOEXEC)) close(fd);
        }
    }
    close(directory);
    return 0;
}

int gb_spawn(const char *path, char *const argv[], char *const envp[],
             const gb_file_action *actions, int action_count,
             int clone_flags, int new_session, int parent_death_signal, const char *cwd, int cgroup_fd, int *pid) {
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0) return errno;
    // Signals stay blocked across clone, so none is handled in the child before its actions
    // are reset (as glibc's posix_spawn does).
    pid_t parent = (clone_flags & CLONE_NEWPID) ? 0 : getpid();
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    pid_t child = gb_clone(clone_flags, cgroup_fd);
    if (child == 0) {
        close(report[0]);
        gb_spawn_child_args args = {
            .path = path, .argv = argv, .envp = envp, .actions = actions, .action_count = action_count,
            .new_session = new_session, .parent_death_signal = parent_death_signal, .parent = parent, .cwd = cwd,
            .report = report[1], .error = 0,
        };
        gb_spawn_child_prepare(&args);
        if (path == NULL) {
            // A fork: what execve would close, the report pipe among them, whose end of file
            // tells the parent the child is ready; then back to the caller, in the child.
            if (gb_close_on_exec_descriptors() != 0) gb_spawn_fail(&args);
            *pid = 0;
            return 0;
        }
        execve(path, argv, envp);
        gb_spawn_fail(&args);
    }
    int clone_error = errno;
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    close(report[1]);
    if (child < 0) {
        close(report[0]);
        return clone_error;
    }
    int error = 0;
    ssize_t count;
    do count = read(report[0], &error, sizeof error); while (count < 0 && errno == EINTR);
    close(report[0]);
    if (count == (ssize_t)sizeof error) {
        while (waitpid(child, NULL, 0) < 0 && errno == EINTR) {}
        return error;
    }
    *pid = child;
    return 0;
}

int gb_fork(const gb_file_action *actions, int action_count, int clone_flags, int new_session,
            int parent_death_signal, const char *cwd, int cgroup_fd, int *pid) {
    return gb_spawn(NULL, NULL, NULL, actions, action_count, clone_flags, new_session, parent_death_signal, cwd, cgroup_fd, pid);
}
