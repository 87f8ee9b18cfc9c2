#ifndef SCRIBBLES_CCMARKGFM_SHIM_H
#define SCRIBBLES_CCMARKGFM_SHIM_H
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm/syntax_extension.h>

/* Parser options as a function, so Swift never copies C constants:
   footnotes on, raw HTML kept (we reduce it to text ourselves, nothing is rendered as HTML),
   the whole info string kept, source positions recorded (for `scribbles check`'s
   file:line:column). No CMARK_OPT_VALIDATE_UTF8: cmark is only ever given the UTF-8 of a
   Swift string (invalid bytes were made U+FFFD when the note was decoded) with ASCII and
   whole characters put in by the passes before it, and checking it again was 1% of `render`. */
static inline int scribbles_cmark_options(void) {
    return CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE | CMARK_OPT_FULL_INFO_STRING | CMARK_OPT_SOURCEPOS;
}

/* Frees an extension's list of trigger characters and leaves it empty. The API only sets the
   list (`cmark_syntax_extension_set_special_inline_chars` drops the old one unfreed); the
   struct comes from libcmark-gfm-dev's own syntax_extension.h. */
static inline void scribbles_clear_special_inline_chars(cmark_syntax_extension *extension) {
    cmark_llist_free(cmark_get_default_mem_allocator(), extension->special_inline_chars);
    extension->special_inline_chars = NULL;
}
#endif
