// Includes only.
#include <cblas.h>
