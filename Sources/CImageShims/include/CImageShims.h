// C helpers for the Imaging module: libjpeg with a setjmp error manager (never prints, never exits),
// and libpng decode/encode. Raw pointers and return codes stay inside the Imaging module.
#ifndef EASEL_CIMAGESHIMS_H
#define EASEL_CIMAGESHIMS_H

#include <stddef.h>
#include <stdint.h>

/// Result codes shared by every function below.
typedef enum {
    EASEL_IMG_OK = 0,
    EASEL_IMG_CORRUPT = 1,      // the data is damaged; `message` says how
    EASEL_IMG_TRUNCATED = 2,    // the data ends early
    EASEL_IMG_TOO_LARGE = 3,    // width * height is over the caller's pixel limit; nothing was allocated
    EASEL_IMG_UNSUPPORTED = 4,  // a valid file of a kind we do not decode; `message` says which
    EASEL_IMG_NO_MEMORY = 5,
    EASEL_IMG_BAD_ARGUMENT = 6  // the caller's buffer does not match the image
} easel_img_status;

/// Colour model of a JPEG file as stored.
typedef enum {
    EASEL_JPEG_GRAY = 1,
    EASEL_JPEG_RGB = 3,   // RGB or YCbCr
    EASEL_JPEG_CMYK = 4,
    EASEL_JPEG_YCCK = 5,
    EASEL_JPEG_OTHER = 0
} easel_jpeg_color;

/// What a JPEG header says, plus the output size at the requested DCT scale.
typedef struct {
    int image_width, image_height;    // stored size (before EXIF orientation)
    int output_width, output_height;  // size after DCT scaling by 1/scale_denom
    int components;
    int color;                        // easel_jpeg_color
    int progressive;
    int adobe_marker;                 // 1 when an Adobe APP14 marker was seen (CMYK values are inverted)
    char message[200];                // libjpeg's message for a failure or the first tolerated warning
} easel_jpeg_info;

/// Reads only the JPEG header. `scale_denom` is 1, 2, 4 or 8. Refuses images over `max_pixels` (full size).
int easel_jpeg_read_info(const uint8_t *data, size_t size, int scale_denom, long long max_pixels,
                         easel_jpeg_info *info);

/// Decodes the JPEG at 1/scale_denom into `out` as RGB8 rows; `out_size` must be exactly
/// output_width * output_height * 3 as reported by easel_jpeg_read_info for the same scale.
/// Grey is expanded; CMYK and YCCK are converted to RGB (Adobe-inverted values handled).
int easel_jpeg_decode(const uint8_t *data, size_t size, int scale_denom, long long max_pixels, uint8_t *out,
                      size_t out_size, easel_jpeg_info *info);

/// Encodes pixels to JPEG. `color` (easel_jpeg_color) gives the input layout: RGB 3 bytes, GRAY 1 byte,
/// CMYK and YCCK 4 bytes per pixel (stored as given, with the Adobe marker libjpeg writes; YCCK is the
/// file's colour transform). `exif` (may be NULL) is written as an APP1 segment starting "Exif\0\0".
/// On success *out is a malloc'ed buffer the caller frees with easel_free.
int easel_jpeg_encode(const uint8_t *pixels, int width, int height, int color, int quality,
                      int progressive, const uint8_t *exif, size_t exif_size, uint8_t **out, size_t *out_size,
                      char message[200]);

/// What a PNG header says.
typedef struct {
    int width, height;
    int has_alpha, is_color, is_palette, is_16bit;
    char message[200];
} easel_png_info;

/// Reads only the PNG header (IHDR and the chunks before the image data).
int easel_png_read_info(const uint8_t *data, size_t size, long long max_pixels, easel_png_info *info);

/// Decodes any PNG (grey, palette, 16-bit, interlaced, with alpha) to RGB8, alpha composited over white.
/// `out_size` must be exactly width * height * 3.
int easel_png_decode(const uint8_t *data, size_t size, long long max_pixels, uint8_t *out, size_t out_size,
                     easel_png_info *info);

/// Encodes RGB8 pixels as an 8-bit RGB PNG holding only IHDR, IDAT and IEND (no metadata).
/// On success *out is a malloc'ed buffer the caller frees with easel_free.
int easel_png_encode(const uint8_t *pixels, int width, int height, int compression_level, uint8_t **out,
                     size_t *out_size, char message[200]);

/// Frees a buffer returned by an encoder.
void easel_free(void *pointer);

#endif
