#ifndef RJ_CCMARK_SHIM_H
#define RJ_CCMARK_SHIM_H
#include <cmark.h>
#include <stdlib.h>
#endif
