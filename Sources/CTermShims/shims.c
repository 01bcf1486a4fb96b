#include "CTermShims.h"

static int ets_started = 0;

int ets_start(void) {
    setlocale(LC_ALL, "");
    if (initscr() == NULL) return -1;
    ets_started = 1;
    cbreak();
    noecho();
    nonl();
    raw();
    keypad(stdscr, TRUE);
    idlok(stdscr, FALSE); // no scroll-region tricks: they would move pixels curses does not know about
    set_escdelay(25);
    if (has_colors()) {
        start_color();
        use_default_colors();
    }
    return 0;
}

void ets_stop(void) {
    if (ets_started && !isendwin()) endwin();
}

void ets_resume(void) {
    if (!ets_started) return;
    reset_prog_mode();
    clearok(curscr, TRUE);
    refresh();
}

void ets_size(int *rows, int *cols) {
    int y, x;
    getmaxyx(stdscr, y, x);
    *rows = y;
    *cols = x;
}

int ets_colors(void) { return has_colors() ? COLORS : 0; }

int ets_color_pairs(void) { return has_colors() ? COLOR_PAIRS : 0; }

int ets_init_pair(int pair, int fg, int bg) {
    return init_extended_pair(pair, fg, bg) == OK ? 0 : -1;
}

void ets_erase(void) { werase(stdscr); }

int ets_put(int y, int x, const wchar_t *chars, int count, int flags, int pair) {
    wchar_t buffer[CCHARW_MAX + 1];
    int n = count < CCHARW_MAX ? count : CCHARW_MAX;
    for (int i = 0; i < n; i++) buffer[i] = chars[i];
    buffer[n] = 0;
    attr_t attrs = A_NORMAL;
    if (flags & ETS_ATTR_BOLD) attrs |= A_BOLD;
    if (flags & ETS_ATTR_DIM) attrs |= A_DIM;
    if (flags & ETS_ATTR_UNDERLINE) attrs |= A_UNDERLINE;
    if (flags & ETS_ATTR_REVERSE) attrs |= A_REVERSE;
    if (flags & ETS_ATTR_INVISIBLE) attrs |= A_INVIS;
    if (flags & ETS_ATTR_ITALIC) attrs |= A_ITALIC;
    cchar_t cell;
    int color = pair;
    if (setcchar(&cell, buffer, attrs, (short)(pair < 32767 ? pair : 0), &color) != OK) return -1;
    return mvwadd_wch(stdscr, y, x, &cell) == OK ? 0 : -1;
}

void ets_cursor(int y, int x, int visible) {
    curs_set(visible ? 1 : 0);
    wmove(stdscr, y, x);
}

void ets_update(void) {
    wnoutrefresh(stdscr);
    doupdate();
}

void ets_invalidate(void) { clearok(curscr, TRUE); }

int ets_read_key(int timeout_ms, int *code) {
    wtimeout(stdscr, timeout_ms);
    wint_t ch = 0;
    int r = wget_wch(stdscr, &ch);
    if (r == ERR) return ETS_READ_NONE;
    *code = (int)ch;
    return r == KEY_CODE_YES ? ETS_READ_FUNCTION : ETS_READ_CHAR;
}

int ets_read_sequence(char *buffer, int capacity) {
    if (capacity < 2) return 0;
    wtimeout(stdscr, 0);
    wint_t ch = 0;
    int r = wget_wch(stdscr, &ch);
    if (r == ERR) return 0;
    if (r == KEY_CODE_YES) {
        ungetch((int)ch);
        return 0;
    }
    if (ch != '[' && ch != 'O') {
        unget_wch((wchar_t)ch);
        return 0;
    }
    int n = 0;
    int csi = ch == '[';
    buffer[n++] = (char)ch;
    while (n < capacity - 1) {
        r = wget_wch(stdscr, &ch);
        if (r == ERR) break;
        if (r == KEY_CODE_YES || ch < 0x20 || ch > 0x7E) { // not part of the sequence: leave it for the next read
            if (r == KEY_CODE_YES) ungetch((int)ch); else unget_wch((wchar_t)ch);
            break;
        }
        buffer[n++] = (char)ch;
        if (!csi || (ch >= 0x40 && ch <= 0x7E)) break; // SS3 takes one final byte; CSI ends at its final byte
    }
    buffer[n] = 0;
    return n;
}

void ets_enable_mouse(void) {
    mouseinterval(0);
    mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
}

int ets_read_mouse(int *y, int *x, int *button) {
    MEVENT event;
    if (getmouse(&event) != OK) return -1;
    *y = event.y;
    *x = event.x;
    if (event.bstate & BUTTON1_PRESSED) *button = ETS_MOUSE_LEFT;
    else if (event.bstate & BUTTON4_PRESSED) *button = ETS_MOUSE_WHEEL_UP;
    else if (event.bstate & BUTTON5_PRESSED) *button = ETS_MOUSE_WHEEL_DOWN;
    else *button = ETS_MOUSE_NONE;
    return 0;
}
