// Includes plus re-exported constants that Swift cannot import as macros.
#include <png.h>
enum {
    CPNG_FORMAT_GRAY = PNG_FORMAT_GRAY,
    CPNG_FORMAT_GA = PNG_FORMAT_GA,
    CPNG_FORMAT_RGB = PNG_FORMAT_RGB,
    CPNG_FORMAT_RGBA = PNG_FORMAT_RGBA
};
