// libpng: header check through the simplified png_image API, decode and encode through the full API (every PNG
// kind, alpha over white; written files hold IHDR, IDAT and IEND only). Nothing is printed; errors are returned.
#include "CImageShims.h"

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <png.h>

static void copy_png_message(char *dest, const char *src) {
    strncpy(dest, src, 199);
    dest[199] = '\0';
}

/// libpng reports data that ends early with messages like "read beyond end of data" or "Not enough image data".
static int classify(const char *message) {
    if (strstr(message, "end of data") || strstr(message, "Not enough") || strstr(message, "too short") ||
        strstr(message, "Read Error"))
        return EASEL_IMG_TRUNCATED;
    return EASEL_IMG_CORRUPT;
}

/// libpng's error callback for decode and encode: the error pointer is the caller's 200-byte message buffer.
static void easel_png_error(png_structp png, png_const_charp message) {
    copy_png_message(png_get_error_ptr(png), message);
    png_longjmp(png, 1);
}

/// Warnings are dropped: nothing is printed.
static void easel_png_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

static void fill_info(const png_image *image, easel_png_info *info) {
    info->width = (int)image->width;
    info->height = (int)image->height;
    info->has_alpha = (image->format & PNG_FORMAT_FLAG_ALPHA) ? 1 : 0;
    info->is_color = (image->format & PNG_FORMAT_FLAG_COLOR) ? 1 : 0;
    info->is_palette = (image->format & PNG_FORMAT_FLAG_COLORMAP) ? 1 : 0;
    info->is_16bit = (image->format & PNG_FORMAT_FLAG_LINEAR) ? 1 : 0;
}

int easel_png_read_info(const uint8_t *data, size_t size, long long max_pixels, easel_png_info *info) {
    memset(info, 0, sizeof *info);
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, data, size)) {
        copy_png_message(info->message, image.message);
        png_image_free(&image);
        return classify(info->message);
    }
    fill_info(&image, info);
    png_image_free(&image);
    if ((long long)info->width * (long long)info->height > max_pixels) return EASEL_IMG_TOO_LARGE;
    return EASEL_IMG_OK;
}

/// Reads from a memory buffer for libpng's full API; running past the end is an error naming truncation.
typedef struct {
    const uint8_t *data;
    size_t size, offset;
    char message[200];
} easel_png_reader;

static void easel_png_read(png_structp png, png_bytep bytes, size_t count) {
    easel_png_reader *reader = png_get_io_ptr(png);
    if (count > reader->size - reader->offset) png_error(png, "read beyond end of data");
    memcpy(bytes, reader->data + reader->offset, count);
    reader->offset += count;
}

/// Decodes through libpng's full API (the simplified API mixes up rows of interlaced 16-bit images with
/// alpha in libpng 1.6.39): expand palette and low bit depths, scale 16 bits to 8, grey to RGB, then
/// composite any alpha over white in the 8-bit values.
int easel_png_decode(const uint8_t *data, size_t size, long long max_pixels, uint8_t *out, size_t out_size,
                     easel_png_info *info) {
    memset(info, 0, sizeof *info);
    easel_png_reader reader;
    memset(&reader, 0, sizeof reader);
    reader.data = data;
    reader.size = size;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, reader.message, easel_png_error,
                                             easel_png_warning);
    if (!png) return EASEL_IMG_NO_MEMORY;
    png_infop png_info = png_create_info_struct(png);
    if (!png_info) {
        png_destroy_read_struct(&png, NULL, NULL);
        return EASEL_IMG_NO_MEMORY;
    }
    uint8_t *volatile rgba = NULL;
    png_bytep *volatile rows = NULL;
    if (setjmp(png_jmpbuf(png))) {
        copy_png_message(info->message, reader.message);
        png_destroy_read_struct(&png, &png_info, NULL);
        free(rgba);
        free(rows);
        return classify(info->message);
    }
    png_set_read_fn(png, &reader, easel_png_read);
    png_set_user_limits(png, 0x7fffffff, 0x7fffffff);  // our own pixel limit applies instead
    png_read_info(png, png_info);
    png_uint_32 width = png_get_image_width(png, png_info), height = png_get_image_height(png, png_info);
    int color_type = png_get_color_type(png, png_info), depth = png_get_bit_depth(png, png_info);
    int has_trns = png_get_valid(png, png_info, PNG_INFO_tRNS) != 0;
    info->width = (int)width;
    info->height = (int)height;
    info->has_alpha = (color_type & PNG_COLOR_MASK_ALPHA) || has_trns;
    info->is_color = (color_type & PNG_COLOR_MASK_COLOR) != 0;
    info->is_palette = color_type == PNG_COLOR_TYPE_PALETTE;
    info->is_16bit = depth == 16;
    int status = EASEL_IMG_OK;
    if ((long long)width * (long long)height > max_pixels)
        status = EASEL_IMG_TOO_LARGE;
    else if ((size_t)width * (size_t)height * 3 != out_size)
        status = EASEL_IMG_BAD_ARGUMENT;
    if (status != EASEL_IMG_OK) {
        png_destroy_read_struct(&png, &png_info, NULL);
        return status;
    }
    png_set_expand(png);  // palette to RGB, grey below 8 bits to 8, tRNS to an alpha channel
    png_set_scale_16(png);
    png_set_gray_to_rgb(png);
    int interlaced = png_get_interlace_type(png, png_info) != PNG_INTERLACE_NONE;
    png_set_interlace_handling(png);
    png_read_update_info(png, png_info);
    int channels = png_get_channels(png, png_info);  // 3 or 4 now
    size_t row_bytes = png_get_rowbytes(png, png_info);
    if ((channels != 3 && channels != 4) || row_bytes != (size_t)width * (size_t)channels)
        png_error(png, "unexpected PNG layout after expansion");
    if (!interlaced) {
        // Row by row: 16-bit samples are scaled to 8 as each row is read, and alpha is composited one row at a
        // time, so the peak is the 8-bit RGB output plus one row (a 16-bit RGBA 10000x10000 PNG took 720 MB:
        // the output and a whole RGBA copy).
        if (channels == 4) {
            rgba = malloc((size_t)width * 4);
            if (!rgba) png_error(png, "out of memory");
        }
        for (png_uint_32 y = 0; y < height; y++) {
            uint8_t *row_out = out + (size_t)y * width * 3;
            if (channels == 3) {
                png_read_row(png, row_out, NULL);
                continue;
            }
            png_read_row(png, rgba, NULL);
            for (size_t i = 0; i < width; i++) {
                unsigned a = rgba[4 * i + 3], white = 255 * (255 - a);
                row_out[3 * i] = (uint8_t)((rgba[4 * i] * a + white + 127) / 255);
                row_out[3 * i + 1] = (uint8_t)((rgba[4 * i + 1] * a + white + 127) / 255);
                row_out[3 * i + 2] = (uint8_t)((rgba[4 * i + 2] * a + white + 127) / 255);
            }
        }
        png_read_end(png, NULL);
        png_destroy_read_struct(&png, &png_info, NULL);
        free(rgba);
        return EASEL_IMG_OK;
    }
    rows = malloc(sizeof(png_bytep) * height);
    if (!rows) png_error(png, "out of memory");
    uint8_t *target = out;
    if (channels == 4) {
        rgba = malloc((size_t)width * (size_t)height * 4);
        if (!rgba) png_error(png, "out of memory");
        target = rgba;
    }
    for (png_uint_32 y = 0; y < height; y++) rows[y] = target + (size_t)y * row_bytes;
    png_read_image(png, rows);
    png_read_end(png, NULL);
    if (channels == 4) {
        size_t count = (size_t)width * (size_t)height;
        for (size_t i = 0; i < count; i++) {
            unsigned a = rgba[4 * i + 3], white = 255 * (255 - a);
            out[3 * i] = (uint8_t)((rgba[4 * i] * a + white + 127) / 255);
            out[3 * i + 1] = (uint8_t)((rgba[4 * i + 1] * a + white + 127) / 255);
            out[3 * i + 2] = (uint8_t)((rgba[4 * i + 2] * a + white + 127) / 255);
        }
    }
    png_destroy_read_struct(&png, &png_info, NULL);
    free(rgba);
    free(rows);
    return EASEL_IMG_OK;
}

typedef struct {
    uint8_t *data;
    size_t size, capacity;
    char message[200];
} easel_png_writer;

static void easel_png_write(png_structp png, png_bytep bytes, size_t count) {
    easel_png_writer *writer = png_get_io_ptr(png);
    if (writer->size + count > writer->capacity) {
        size_t capacity = writer->capacity ? writer->capacity : 65536;
        while (capacity < writer->size + count) capacity *= 2;
        uint8_t *grown = realloc(writer->data, capacity);
        if (!grown) png_error(png, "out of memory while writing PNG");
        writer->data = grown;
        writer->capacity = capacity;
    }
    memcpy(writer->data + writer->size, bytes, count);
    writer->size += count;
}

static void easel_png_flush(png_structp png) { (void)png; }

int easel_png_encode(const uint8_t *pixels, int width, int height, int compression_level, uint8_t **out,
                     size_t *out_size, char message[200]) {
    *out = NULL;
    *out_size = 0;
    message[0] = '\0';
    if (width <= 0 || height <= 0) {
        copy_png_message(message, "PNG width and height must be at least 1");
        return EASEL_IMG_BAD_ARGUMENT;
    }
    easel_png_writer writer;
    memset(&writer, 0, sizeof writer);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, writer.message, easel_png_error,
                                              easel_png_warning);
    if (!png) return EASEL_IMG_NO_MEMORY;
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        return EASEL_IMG_NO_MEMORY;
    }
    if (setjmp(png_jmpbuf(png))) {
        copy_png_message(message, writer.message);
        png_destroy_write_struct(&png, &info);
        free(writer.data);
        return EASEL_IMG_CORRUPT;
    }
    png_set_write_fn(png, &writer, easel_png_write, easel_png_flush);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, compression_level < 0 ? 0 : compression_level > 9 ? 9 : compression_level);
    png_write_info(png, info);
    size_t stride = (size_t)width * 3;
    for (int y = 0; y < height; y++) png_write_row(png, (png_const_bytep)(pixels + (size_t)y * stride));
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    *out = writer.data;
    *out_size = writer.size;
    return EASEL_IMG_OK;
}
