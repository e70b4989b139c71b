/* Landlock, the Linux security module an unprivileged process uses to restrict itself (and what it
   executes). The constants and structures are spelled out here, as in the kernel's uapi header of
   ABI 6, because the system's <linux/landlock.h> may be older than the kernel; syscall(2) is
   variadic, which Swift does not import. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef O_PATH
#define O_PATH 010000000 /* glibc defines it only under _GNU_SOURCE */
#endif

#define TROUPE_LANDLOCK_CREATE_RULESET 444
#define TROUPE_LANDLOCK_ADD_RULE 445
#define TROUPE_LANDLOCK_RESTRICT_SELF 446

struct troupe_landlock_ruleset_attr {
    uint64_t handled_access_fs;
    uint64_t handled_access_net;
    uint64_t scoped;
};

struct troupe_landlock_path_beneath_attr {
    uint64_t allowed_access;
    int32_t parent_fd;
} __attribute__((packed));

/* The Landlock ABI version the kernel offers; 0 or less when it offers none. */
static inline int troupe_landlock_abi(void) {
    long version = syscall(TROUPE_LANDLOCK_CREATE_RULESET, NULL, 0, 1U /* LANDLOCK_CREATE_RULESET_VERSION */);
    return version < 0 ? -errno : (int)version;
}

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/socket.h>

#if defined(__x86_64__)
#define TROUPE_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define TROUPE_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif

/* A seccomp filter for what Landlock does not cover. socket(2) may make, only with
   `allow_network`, IPv4, IPv6 and netlink sockets (Landlock refuses TCP only: without the network
   this refuses UDP too); every other family is refused — Unix sockets above all (a tmux, docker
   or other daemon's socket on a path would run things outside), and vsock, packet and the rest.
   socketpair(2) stays for stream and seqpacket pairs (a process and its children), not datagram
   ones, which can still send to a path. io_uring (it makes sockets without socket(2)) and the
   other ABIs (32-bit, x32) are refused outright. Needs no_new_privs, which the Landlock
   restriction has set. Returns 0, -ENOSYS on a CPU it has no filter for, or a negative errno. */
static inline int troupe_seccomp_restrict_sockets(int allow_network) {
#ifdef TROUPE_AUDIT_ARCH
    /* Without the network, these families compare with a value no family has: netlink too (as
       root it would reconfigure the machine's interfaces; with the network, name lookups ask it
       which addresses are configured). */
    unsigned int inet = allow_network ? AF_INET : 0xFFFF, inet6 = allow_network ? AF_INET6 : 0xFFFF;
    unsigned int netlink = allow_network ? AF_NETLINK : 0xFFFF;
    struct sock_filter filter[] = {
        /* 0 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        /* 1 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, TROUPE_AUDIT_ARCH, 1, 0),
        /* 2 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
        /* 3 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        /* 4 */ BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000 /* x32 */, 0, 1),
        /* 5 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
        /* 6 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 425 /* io_uring_setup */, 9, 0),   /* → 16 deny */
        /* 7 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_socket, 2, 0),                 /* → 10 */
        /* 8 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_socketpair, 8, 0),             /* → 17 */
        /* 9 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        /* 10 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
        /* 11 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, netlink, 3, 0),                   /* → 15 allow */
        /* 12 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, inet, 2, 0),
        /* 13 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, inet6, 1, 0),
        /* 14 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EACCES),
        /* 15 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        /* 16 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EACCES),
        /* 17 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[1])),
        /* 18 */ BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0xF /* the type without its flags */),
        /* 19 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SOCK_STREAM, 2, 0),               /* → 22 allow */
        /* 20 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SOCK_SEQPACKET, 1, 0),
        /* 21 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EACCES),
        /* 22 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog program = { (unsigned short)(sizeof(filter) / sizeof(filter[0])), filter };
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -errno;
    if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program, 0, 0) != 0) return -errno;
    return 0;
#else
    (void)allow_network;
    return -ENOSYS;
#endif
}

/* Gives up every capability for good — the bounding set, the ambient, permitted, effective and
   inheritable ones — so a command run as root cannot use root's privileges: change files' owners
   or modes it does not own, reconfigure the network, read other processes' memory or
   environment. Without CAP_SETPCAP (an ordinary user, who has none) it changes nothing. */
static inline void troupe_drop_capabilities(void) {
    for (int capability = 0; capability < 64; capability++) prctl(PR_CAPBSET_DROP, capability, 0, 0, 0);
    prctl(47 /* PR_CAP_AMBIENT */, 4 /* PR_CAP_AMBIENT_CLEAR_ALL */, 0, 0, 0);
    struct { uint32_t version; int pid; } header = { 0x20080522 /* _LINUX_CAPABILITY_VERSION_3 */, 0 };
    struct { uint32_t effective, permitted, inheritable; } data[2] = { { 0, 0, 0 }, { 0, 0, 0 } };
    syscall(SYS_capset, &header, data);
}

/* posix_spawnattr flag from <spawn.h> (a GNU extension): start the child in a new session, away
   from the terminal's. */
static const short troupe_spawn_setsid = 0x80;

/* GNU extensions glibc declares only under _GNU_SOURCE, which Swift's import does not set:
   a pipe created close-on-exec (pipe2, glibc 2.9) and a spawn action closing every descriptor
   from a number up (glibc 2.34). */
extern int pipe2(int fds[2], int flags);
#include <spawn.h>
extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from) __attribute__((weak));

/* A pipe whose two ends are closed on exec; 0, or -1 with errno set. */
static inline int troupe_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

/* Adds to `actions`: close every descriptor from `from` up in the child — with glibc 2.34's
   closefrom action, or, on an older glibc (the symbol is weak), one close action per descriptor
   open now. Returns 0, or an errno. */
static inline int troupe_spawn_close_from(posix_spawn_file_actions_t *actions, int from) {
    if (posix_spawn_file_actions_addclosefrom_np) return posix_spawn_file_actions_addclosefrom_np(actions, from);
    DIR *folder = opendir("/proc/self/fd");
    if (!folder) return errno;
    int own = dirfd(folder);
    int failure = 0;
    for (struct dirent *entry; (entry = readdir(folder)) != NULL;) {
        int fd = atoi(entry->d_name);
        if (entry->d_name[0] < '0' || entry->d_name[0] > '9' || fd < from || fd == own) continue;
        if ((failure = posix_spawn_file_actions_addclose(actions, fd)) != 0) break;
    }
    closedir(folder);
    return failure;
}

/* Every way of changing the file system Landlock can refuse at ABI `abi`. */
static inline uint64_t troupe_landlock_write_access(int abi) {
    uint64_t access = (1ULL << 1) /* WRITE_FILE */ | (1ULL << 4) /* REMOVE_DIR */ | (1ULL << 5) /* REMOVE_FILE */
        | (1ULL << 6) /* MAKE_CHAR */ | (1ULL << 7) /* MAKE_DIR */ | (1ULL << 8) /* MAKE_REG */ | (1ULL << 9) /* MAKE_SOCK */
        | (1ULL << 10) /* MAKE_FIFO */ | (1ULL << 11) /* MAKE_BLOCK */ | (1ULL << 12) /* MAKE_SYM */;
    if (abi >= 2) access |= (1ULL << 13); /* REFER */
    if (abi >= 3) access |= (1ULL << 14); /* TRUNCATE */
    if (abi >= 5) access |= (1ULL << 15); /* IOCTL_DEV: no terminal or device ioctls (TIOCSTI) */
    return access;
}

/* Restricts this process, from now on and in everything it executes: files may be read only
   beneath `paths` and changed only beneath the last of them — the first `file_only_count` are
   single files only read and written (/dev/null), the next `read_only_count` are only read (every
   top-level folder but /dev, and the harmless devices: no terminal of the user's can be read);
   unless `allow_network`, no TCP connection made or port bound (ABI 4 and later); no connecting
   to abstract Unix sockets outside the sandbox and no signals to processes outside it (ABI 6 and
   later). Paths that do not exist are skipped. Returns 0, or a negative errno. */
static inline int troupe_landlock_restrict(
    const char *const *paths, int count, int file_only_count, int read_only_count, int allow_network) {
    int abi = troupe_landlock_abi();
    if (abi < 1) return abi < 0 ? abi : -ENOSYS;
    const uint64_t read_file = 1ULL << 2;
    uint64_t write_access = troupe_landlock_write_access(abi);
    struct troupe_landlock_ruleset_attr attributes = { write_access | read_file, 0, 0 };
    if (abi >= 4 && !allow_network) attributes.handled_access_net = (1ULL << 0) | (1ULL << 1); /* BIND_TCP, CONNECT_TCP */
    if (abi >= 6) attributes.scoped = (1ULL << 0) | (1ULL << 1); /* ABSTRACT_UNIX_SOCKET, SIGNAL */
    size_t size = abi >= 6   ? sizeof(struct troupe_landlock_ruleset_attr)
                  : abi >= 4 ? offsetof(struct troupe_landlock_ruleset_attr, scoped)
                             : offsetof(struct troupe_landlock_ruleset_attr, handled_access_net);
    int ruleset = (int)syscall(TROUPE_LANDLOCK_CREATE_RULESET, &attributes, size, 0);
    if (ruleset < 0) return -errno;
    for (int index = 0; index < count; index++) {
        int folder = open(paths[index], O_PATH | O_CLOEXEC);
        if (folder < 0) continue;
        uint64_t allowed = index < file_only_count ? ((1ULL << 1) | (abi >= 3 ? (1ULL << 14) : 0) | read_file)
                           : index < file_only_count + read_only_count ? read_file
                                                                       : write_access | read_file;
        struct troupe_landlock_path_beneath_attr rule = { allowed, folder };
        long added = syscall(TROUPE_LANDLOCK_ADD_RULE, ruleset, 1 /* LANDLOCK_RULE_PATH_BENEATH */, &rule, 0);
        int failure = errno;
        close(folder);
        if (added < 0) {
            close(ruleset);
            return -failure;
        }
    }
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || syscall(TROUPE_LANDLOCK_RESTRICT_SELF, ruleset, 0) != 0) {
        int failure = errno;
        close(ruleset);
        return -failure;
    }
    close(ruleset);
    return 0;
}

/* The parent of process `pid` read from /proc, or -1; `zombie` says whether it has already ended. */
static inline int troupe_parent_of(int pid, int *zombie) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *file = fopen(path, "re");
    if (!file) return -1;
    char buffer[1024];
    size_t count = fread(buffer, 1, sizeof buffer - 1, file);
    fclose(file);
    buffer[count] = 0;
    char *end = strrchr(buffer, ')'); /* the command name may hold spaces and parentheses */
    char state;
    int parent;
    if (!end || sscanf(end + 1, " %c %d", &state, &parent) != 2) return -1;
    if (zombie) *zombie = state == 'Z';
    return parent;
}

/* Kills every living process below this one except `spared`, again while new ones appear, and
   reaps what comes back to it. */
static inline void troupe_kill_descendants(int spared) {
    int self = getpid();
    for (int round = 0; round < 8; round++) {
        DIR *proc = opendir("/proc");
        if (!proc) return;
        int found = 0;
        struct dirent *entry;
        while ((entry = readdir(proc))) {
            int pid = atoi(entry->d_name);
            int zombie = 0;
            if (pid <= 1 || pid == self || pid == spared || troupe_parent_of(pid, &zombie) < 0 || zombie) continue;
            for (int ancestor = pid, depth = 0; depth < 256 && ancestor > 1; depth++) {
                ancestor = troupe_parent_of(ancestor, NULL);
                if (ancestor == self) {
                    kill(pid, SIGKILL);
                    found++;
                    break;
                }
            }
        }
        closedir(proc);
        while (waitpid(-1, NULL, WNOHANG) > 0) {}
        if (!found) return;
    }
}

/* Runs `path` with `argv` as a child of this process, which becomes the subreaper of everything the
   child starts: what leaves its process group, its session or its environment still comes back
   here, and is killed when the child ends or when this process is told to stop (SIGTERM, SIGINT,
   SIGHUP — the child, in the same process group, is told too). Ends as the child ended: the same
   exit status, or the same signal. Returns only when the child cannot be started (126). */
static inline int troupe_supervise(const char *path, char *const argv[]) {
    prctl(36 /* PR_SET_CHILD_SUBREAPER */, 1, 0, 0, 0);
    sigset_t watched, previous;
    sigemptyset(&watched);
    sigaddset(&watched, SIGCHLD);
    sigaddset(&watched, SIGTERM);
    sigaddset(&watched, SIGINT);
    sigaddset(&watched, SIGHUP);
    sigprocmask(SIG_BLOCK, &watched, &previous);
    pid_t child = fork();
    if (child < 0) return 126;
    if (child == 0) {
        sigprocmask(SIG_SETMASK, &previous, NULL);
        execv(path, argv);
        _exit(127);
    }
    int status = 0;
    for (;;) {
        siginfo_t info;
        int received = sigwaitinfo(&watched, &info);
        if (received < 0) {
            if (errno == EINTR) continue;
            break;
        }
        if (received != SIGCHLD) {
            troupe_kill_descendants(child);
            continue;
        }
        pid_t reaped;
        int reapedStatus;
        int ended = 0;
        while ((reaped = waitpid(-1, &reapedStatus, WNOHANG)) > 0) {
            if (reaped == child) {
                status = reapedStatus;
                ended = 1;
            }
        }
        if (ended) break;
    }
    troupe_kill_descendants(-1);
    if (WIFSIGNALED(status)) {
        int ending = WTERMSIG(status);
        signal(ending, SIG_DFL);
        sigprocmask(SIG_SETMASK, &previous, NULL);
        sigset_t only;
        sigemptyset(&only);
        sigaddset(&only, ending);
        sigprocmask(SIG_UNBLOCK, &only, NULL);
        kill(getpid(), ending);
    }
    exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
}

