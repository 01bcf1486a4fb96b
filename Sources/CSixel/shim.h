// Includes only.
#include <sixel.h>
