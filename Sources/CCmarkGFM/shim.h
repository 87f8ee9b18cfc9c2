#ifndef SCRIBBLES_CCMARKGFM_SHIM_H
#define SCRIBBLES_CCMARKGFM_SHIM_H
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>

/* Parser options as a function, so Swift never copies C constants:
   footnotes on, raw HTML kept (we reduce it to text ourselves, nothing is rendered as HTML),
   invalid UTF-8 replaced by U+FFFD, the whole info string kept, source positions recorded
   (for `scribbles check`'s file:line:column). */
static inline int scribbles_cmark_options(void) {
    return CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_FULL_INFO_STRING
         | CMARK_OPT_SOURCEPOS;
}
#endif
