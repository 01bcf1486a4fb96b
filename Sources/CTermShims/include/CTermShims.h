// C shims for what Swift cannot call in ncursesw: macros, globals and variadic functions.
// NCURSES_WIDECHAR must match Sources/CNCursesW/shim.h.
#ifndef EASEL_CTERMSHIMS_H
#define EASEL_CTERMSHIMS_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1 // SwiftPM drops pkg-config's -D flags; must match CNCursesW.
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/// Key codes that ets_read_key reports for function keys (the curses KEY_* values).
enum ets_key {
    ETS_KEY_DOWN = KEY_DOWN,
    ETS_KEY_UP = KEY_UP,
    ETS_KEY_LEFT = KEY_LEFT,
    ETS_KEY_RIGHT = KEY_RIGHT,
    ETS_KEY_HOME = KEY_HOME,
    ETS_KEY_END = KEY_END,
    ETS_KEY_BACKSPACE = KEY_BACKSPACE,
    ETS_KEY_DC = KEY_DC,
    ETS_KEY_NPAGE = KEY_NPAGE,
    ETS_KEY_PPAGE = KEY_PPAGE,
    ETS_KEY_ENTER = KEY_ENTER,
    ETS_KEY_RESIZE = KEY_RESIZE,
    ETS_KEY_F1 = KEY_F(1),
    ETS_KEY_BTAB = KEY_BTAB,
    ETS_KEY_MOUSE = KEY_MOUSE,
};

/// What ets_read_key found.
enum ets_read_result {
    ETS_READ_NONE = 0,     // timeout, nothing read
    ETS_READ_CHAR = 1,     // *code is a Unicode scalar
    ETS_READ_FUNCTION = 2, // *code is a KEY_* value
};

/// Attribute bits, combined by ets_attributes.
enum ets_attribute_flag {
    ETS_ATTR_BOLD = 1,
    ETS_ATTR_DIM = 2,
    ETS_ATTR_UNDERLINE = 4,
    ETS_ATTR_REVERSE = 8,
    ETS_ATTR_INVISIBLE = 16,
    ETS_ATTR_ITALIC = 32,
};

/// Starts curses on the terminal: locale, cbreak, no echo, keypad, short Esc delay, colours. Returns 0 on success.
int ets_start(void);
/// Ends curses and restores the terminal (safe to call twice).
void ets_stop(void);
/// Resumes curses after ets_stop (for example after running $EDITOR).
void ets_resume(void);
/// The screen size in cells.
void ets_size(int *rows, int *cols);
/// The number of colours the terminal has (0 without colour).
int ets_colors(void);
/// The number of colour pairs available.
int ets_color_pairs(void);
/// Defines a colour pair; -1 is the terminal's default colour. Returns 0 on success.
int ets_init_pair(int pair, int fg, int bg);
/// Erases the whole screen buffer (no output until ets_update).
void ets_erase(void);
/// Writes one cell: a spacing character with up to 4 combining characters, attribute flags and a colour pair.
int ets_put(int y, int x, const wchar_t *chars, int count, int flags, int pair);
/// Moves the cursor and sets its visibility (0 hidden, 1 normal).
void ets_cursor(int y, int x, int visible);
/// Sends the buffer to the terminal (wnoutrefresh + doupdate).
void ets_update(void);
/// Makes the next ets_update repaint every cell.
void ets_invalidate(void);
/// Mouse buttons that ets_read_mouse reports.
enum ets_mouse_button {
    ETS_MOUSE_NONE = 0,
    ETS_MOUSE_LEFT = 1,
    ETS_MOUSE_WHEEL_UP = 4,
    ETS_MOUSE_WHEEL_DOWN = 5,
};

/// Turns on reports of left presses and the wheel (xterm mouse tracking).
void ets_enable_mouse(void);
/// After ets_read_key reported KEY_MOUSE: the cell and the button (an ets_mouse_button). Returns 0 on success.
int ets_read_mouse(int *y, int *x, int *button);
/// Reads one key, waiting at most timeout_ms (-1 waits forever). Returns an ets_read_result.
int ets_read_key(int timeout_ms, int *code);
/// After ets_read_key returned ESC: the rest of an escape sequence curses did not recognise for this TERM
/// ("[1~" for Home from tmux under TERM=xterm-256color), read without waiting into buffer (NUL-terminated).
/// Returns its length; 0, reading nothing, when no CSI or SS3 sequence follows (a lone Esc).
int ets_read_sequence(char *buffer, int capacity);

#endif
