#ifndef CMARK_BASELINE_H
#define CMARK_BASELINE_H
#include <stddef.h>

/// Renders `length` bytes of Markdown to HTML with libcmark, `times` times over,
/// freeing each result; returns the total number of HTML bytes produced.
size_t cmark_baseline_render_html(const char *markdown, size_t length, int options, int times);

#endif
