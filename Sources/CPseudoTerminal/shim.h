/* Pseudo-terminal calls for the end-to-end tests. glibc declares these only under feature macros
   that Swift's Glibc module is not built with, so they are declared here; the symbols are libc's. */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>

extern int posix_openpt(int flags);
extern int grantpt(int fd);
extern int unlockpt(int fd);
extern char *ptsname(int fd);

/* posix_spawnattr flag from <spawn.h> (GNU extension): start the child in a new session. */
static const short pty_spawn_setsid = 0x80;

/* ioctl is variadic, which Swift does not import. */
static inline int pty_set_size(int fd, unsigned short columns, unsigned short rows) {
    struct winsize size = { rows, columns, 0, 0 };
    return ioctl(fd, TIOCSWINSZ, &size);
}
