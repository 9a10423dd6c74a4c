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

/// Writes the errno of the failed step to the parent and ends the child.
static void gb_spawn_fail(int channel) __attribute__((noreturn));
static void gb_spawn_fail(int channel) {
    int error = errno;
    while (write(channel, &error, sizeof error) < 0 && errno == EINTR) {}
    _exit(127);
}

static void gb_spawn_child(const char *path, char *const argv[], char *const envp[],
                           const gb_file_action *actions, int action_count, int new_session,
                           int parent_death_signal, pid_t parent, const char *cwd, int report) __attribute__((noreturn));
static void gb_spawn_child(const char *path, char *const argv[], char *const envp[],
                           const gb_file_action *actions, int action_count, int new_session,
                           int parent_death_signal, pid_t parent, const char *cwd, int report) {
    // Park the report pipe and a copy of every source above every number an action names, so
    // a target that is also a later source still means the parent's descriptor (the two
    // passes of Go's syscall.forkAndExecInChild1). The copies are close-on-exec.
    int floor = report;
    for (int i = 0; i < action_count; i++) {
        if (actions[i].fd > floor) floor = actions[i].fd;
        if (actions[i].target > floor) floor = actions[i].target;
    }
    int channel = fcntl(report, F_DUPFD_CLOEXEC, floor + 1);
    if (channel < 0) gb_spawn_fail(report);
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
    if (new_session && setsid() < 0) gb_spawn_fail(channel);
    if (parent_death_signal != 0) {
        if (prctl(PR_SET_PDEATHSIG, (unsigned long)parent_death_signal, 0, 0, 0) < 0) gb_spawn_fail(channel);
        // The parent may have died before the prctl: then nobody will send the signal. A child
        // in a new pid namespace sees a parent of 0 and cannot tell, so it is not checked.
        if (parent != 0 && getppid() != parent) kill(getpid(), parent_death_signal);
    }
    int copies[action_count > 0 ? action_count : 1];
    for (int i = 0; i < action_count; i++) {
        if (actions[i].kind != GB_FILE_ACTION_DUPLICATE) continue;
        copies[i] = fcntl(actions[i].fd, F_DUPFD_CLOEXEC, channel + 1);
        if (copies[i] < 0) gb_spawn_fail(channel);
    }
    for (int i = 0; i < action_count; i++) {
        if (actions[i].kind == GB_FILE_ACTION_DUPLICATE) {
            // dup2 onto another number leaves the target without FD_CLOEXEC.
            if (dup2(copies[i], actions[i].target) < 0) gb_spawn_fail(channel);
        } else {
            // A descriptor that is not open is not an error, as in glibc's posix_spawn.
            close(actions[i].fd);
        }
    }
    if (cwd != NULL && chdir(cwd) < 0) gb_spawn_fail(channel);
    execve(path, argv, envp);
    gb_spawn_fail(channel);
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
        gb_spawn_child(path, argv, envp, actions, action_count, new_session, parent_death_signal, parent, cwd, report[1]);
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
