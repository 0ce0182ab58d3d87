// libpq's header: at the top of the include path where pkg-config puts it
// (macOS, or Debian with pkg-config), else in Debian's postgresql folder.
#if __has_include(<libpq-fe.h>)
#include <libpq-fe.h>
#else
#include <postgresql/libpq-fe.h>
#endif
