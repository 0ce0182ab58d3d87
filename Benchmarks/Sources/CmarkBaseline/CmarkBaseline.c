#include "CmarkBaseline.h"
#include <cmark.h>
#include <stdlib.h>
#include <string.h>

size_t cmark_baseline_render_html(const char *markdown, size_t length, int options, int times) {
    size_t total = 0;
    for (int i = 0; i < times; i++) {
        char *html = cmark_markdown_to_html(markdown, length, options);
        total += strlen(html);
        free(html);
    }
    return total;
}
