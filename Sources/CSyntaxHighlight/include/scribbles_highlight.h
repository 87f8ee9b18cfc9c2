// The C face of KDE's KSyntaxHighlighting (Kate's engine), built into a library of its own
// that ScribblesHighlight loads with dlopen on the first code block to colour, so processes
// that show no code never load Qt.
#ifndef SCRIBBLES_HIGHLIGHT_H
#define SCRIBBLES_HIGHLIGHT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// One token of a highlighted text: its line (0-based), its start and length in bytes of that
/// line (UTF-8), and its kind, KSyntaxHighlighting::Theme::TextStyle (0 is Normal, never sent).
typedef void (*scribbles_token_fn)(void *context, int32_t line, int32_t start, int32_t length, int32_t style);

/// 1 when the library has a syntax definition of this name (`Python`, `C++`).
int scribbles_highlight_has(const char *name);

/// Highlights `length` bytes of UTF-8 `text`, split at line feeds, with the definition `name`,
/// calling `token` for each token that is not plain text. Returns 0 when `name` is unknown.
/// Calls are serialized inside (the library's repository is not thread-safe).
int scribbles_highlight(const char *name, const char *text, size_t length, scribbles_token_fn token, void *context);

#ifdef __cplusplus
}
#endif

#endif
