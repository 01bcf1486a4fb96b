// libpng: decode through the simplified png_image API (every PNG kind, alpha over white), encode through the
// full write API so that the file holds IHDR, IDAT and IEND only. Nothing is printed; errors are returned.
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

int easel_png_decode(const uint8_t *data, size_t size, long long max_pixels, uint8_t *out, size_t out_size,
                     easel_png_info *info) {
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
    if ((long long)image.width * (long long)image.height > max_pixels) {
        png_image_free(&image);
        return EASEL_IMG_TOO_LARGE;
    }
    if ((size_t)image.width * (size_t)image.height * 3 != out_size) {
        png_image_free(&image);
        return EASEL_IMG_BAD_ARGUMENT;
    }
    image.format = PNG_FORMAT_RGB;
    // Without a gAMA or sRGB chunk, 16-bit samples are sRGB like 8-bit ones (not linear light).
    image.flags |= PNG_IMAGE_FLAG_16BIT_sRGB;
    png_color white = {255, 255, 255};
    if (!png_image_finish_read(&image, &white, out, 0, NULL)) {
        copy_png_message(info->message, image.message);
        png_image_free(&image);
        return classify(info->message);
    }
    if (image.warning_or_error) copy_png_message(info->message, image.message);
    png_image_free(&image);
    return EASEL_IMG_OK;
}

typedef struct {
    uint8_t *data;
    size_t size, capacity;
    char message[200];
} easel_png_writer;

static void easel_png_error(png_structp png, png_const_charp message) {
    easel_png_writer *writer = png_get_error_ptr(png);
    copy_png_message(writer->message, message);
    png_longjmp(png, 1);
}

static void easel_png_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

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
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &writer, easel_png_error, easel_png_warning);
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
