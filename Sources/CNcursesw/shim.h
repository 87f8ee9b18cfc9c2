// The one door to ncursesw. Only ScribblesTerminal/CursesBackend.swift imports it.
// Macros and globals become static inline functions so Swift never copies a constant.
#ifndef SCRIBBLES_NCURSES_SHIM_H
#define SCRIBBLES_NCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <string.h>
#include <ncursesw/curses.h>

static inline WINDOW *scribbles_stdscr(void) { return stdscr; }
static inline int scribbles_lines(void) { return LINES; }
static inline int scribbles_cols(void) { return COLS; }
static inline int scribbles_colors(void) { return COLORS; }
static inline int scribbles_err(void) { return ERR; }
static inline int scribbles_ok(void) { return OK; }
static inline int scribbles_key_code_yes(void) { return KEY_CODE_YES; }

// Keys.
static inline int scribbles_key_up(void) { return KEY_UP; }
static inline int scribbles_key_down(void) { return KEY_DOWN; }
static inline int scribbles_key_left(void) { return KEY_LEFT; }
static inline int scribbles_key_right(void) { return KEY_RIGHT; }
static inline int scribbles_key_home(void) { return KEY_HOME; }
static inline int scribbles_key_end(void) { return KEY_END; }
static inline int scribbles_key_npage(void) { return KEY_NPAGE; }
static inline int scribbles_key_ppage(void) { return KEY_PPAGE; }
static inline int scribbles_key_enter(void) { return KEY_ENTER; }
static inline int scribbles_key_backspace(void) { return KEY_BACKSPACE; }
static inline int scribbles_key_btab(void) { return KEY_BTAB; }
static inline int scribbles_key_dc(void) { return KEY_DC; }
static inline int scribbles_key_resize(void) { return KEY_RESIZE; }
static inline int scribbles_key_mouse(void) { return KEY_MOUSE; }

// Attributes.
static inline attr_t scribbles_a_normal(void) { return A_NORMAL; }
static inline attr_t scribbles_a_bold(void) { return A_BOLD; }
static inline attr_t scribbles_a_dim(void) { return A_DIM; }
static inline attr_t scribbles_a_italic(void) { return A_ITALIC; }
static inline attr_t scribbles_a_underline(void) { return A_UNDERLINE; }
static inline attr_t scribbles_a_reverse(void) { return A_REVERSE; }

// Mouse: the buttons the reader uses (wheel and first button).
static inline mmask_t scribbles_mouse_mask(void) {
    return BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED | BUTTON_SHIFT;
}
static inline int scribbles_mouse_is_shift(mmask_t state) { return (state & BUTTON_SHIFT) != 0; }
static inline int scribbles_mouse_is_wheel_up(mmask_t state) { return (state & BUTTON4_PRESSED) != 0; }
static inline int scribbles_mouse_is_wheel_down(mmask_t state) { return (state & BUTTON5_PRESSED) != 0; }
static inline int scribbles_mouse_is_click(mmask_t state) {
    return (state & (BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED)) != 0;
}
static inline int scribbles_mouse_is_release(mmask_t state) { return (state & BUTTON1_RELEASED) != 0; }

/// Makes the C library speak the user's locale, falling back to C.UTF-8 so wide characters work
/// when LANG is unset. Returns 1 when the codeset is UTF-8.
static inline int scribbles_setup_locale(void) {
    setlocale(LC_ALL, "");
    const char *codeset = nl_langinfo(CODESET);
    if (codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0)) return 1;
    if (setlocale(LC_CTYPE, "C.UTF-8") || setlocale(LC_CTYPE, "en_US.UTF-8")) return 1;
    return 0;
}

/// Starts curses on the process's standard output and input; NULL when the terminal is unknown
/// (unlike initscr, which would exit the process).
static inline SCREEN *scribbles_newterm(void) { return newterm(NULL, stdout, stdin); }

/// Draws `count` wide characters at (y, x) with the given attributes and colour pair.
static inline int scribbles_draw(int y, int x, const wchar_t *text, int count, attr_t attrs, int pair) {
    attr_set(attrs, (short)pair, NULL);
    return mvaddnwstr(y, x, text, count);
}
#endif
