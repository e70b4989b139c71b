#include <stdio.h>
#include <editline/readline.h>

/* libedit keeps its state in mutable C globals. Swift 6 rejects direct access to them
   ("not concurrency-safe"), so the few we need are exposed through tiny inline functions. */
static inline void cle_set_completer(rl_completion_func_t *fn) { rl_attempted_completion_function = fn; }
static inline void cle_set_catch_signals(int on) { rl_catch_signals = on; }
static inline void cle_set_append_character(int c) { rl_completion_append_character = c; }
static inline const char *cle_line_buffer(void) { return rl_line_buffer; }
/* Must be set before the first readline()/rl_initialize(): libedit installs its EL_GETCFN
   adapter only if this is non-NULL at init time. The adapter stores the returned int as one
   wchar_t, so the function returns whole Unicode scalars, not UTF-8 bytes. */
static inline void cle_set_getc(int (*fn)(FILE *)) { rl_getc_function = fn; }

#include <sys/ioctl.h>
#include <unistd.h>
/* ioctl is variadic, which Swift does not import: the terminal size through a plain function.
   Returns 0 and fills columns/rows when fd is a terminal. */
static inline int cle_terminal_size(int fd, int *columns, int *rows) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_col == 0) return -1;
    *columns = size.ws_col;
    *rows = size.ws_row;
    return 0;
}
