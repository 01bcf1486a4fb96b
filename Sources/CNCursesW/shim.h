// Includes and defines only; C logic lives in CTermShims.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1 // SwiftPM drops pkg-config's -D flags; must match CTermShims.
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
