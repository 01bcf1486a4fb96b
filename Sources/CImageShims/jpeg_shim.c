// libjpeg behind a setjmp error manager: nothing is printed, the process never exits, every failure comes
// back as a status code plus libjpeg's own message.
#include "CImageShims.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// jpeglib.h first: jerror.h's message list depends on the configuration it pulls in.
#include <jpeglib.h>
#include <jerror.h>

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    int status;
    int warned;
    char message[JMSG_LENGTH_MAX];
} easel_error_mgr;

static void copy_message(char *dest, const char *src) {
    strncpy(dest, src, 199);
    dest[199] = '\0';
}

static void easel_error_exit(j_common_ptr cinfo) {
    easel_error_mgr *err = (easel_error_mgr *)cinfo->err;
    int code = cinfo->err->msg_code;
    cinfo->err->format_message(cinfo, err->message);
    if (code == JERR_OUT_OF_MEMORY)
        err->status = EASEL_IMG_NO_MEMORY;
    else if (code == JERR_SOF_UNSUPPORTED || code == JERR_NOT_COMPILED ||
             (code == JERR_BAD_PRECISION && (cinfo->err->msg_parm.i[0] == 12 || cinfo->err->msg_parm.i[0] == 16)))
        err->status = EASEL_IMG_UNSUPPORTED;  // valid files of kinds libjpeg was not built for (lossless, 12-bit)
    else
        err->status = EASEL_IMG_CORRUPT;
    longjmp(err->jump, 1);
}

/// Warnings (level -1) that mean the pixels would be wrong are fatal; harmless ones are kept, never printed.
static void easel_emit_message(j_common_ptr cinfo, int level) {
    if (level >= 0) return;  // trace messages
    easel_error_mgr *err = (easel_error_mgr *)cinfo->err;
    cinfo->err->num_warnings++;
    switch (cinfo->err->msg_code) {
    case JWRN_JPEG_EOF:
        cinfo->err->format_message(cinfo, err->message);
        err->status = EASEL_IMG_TRUNCATED;
        longjmp(err->jump, 1);
    case JWRN_HUFF_BAD_CODE:
#if JPEG_LIB_VERSION >= 70 || defined(C_ARITH_CODING_SUPPORTED) || defined(D_ARITH_CODING_SUPPORTED)
    case JWRN_ARITH_BAD_CODE:
#endif
    case JWRN_HIT_MARKER:
    case JWRN_MUST_RESYNC:
    case JWRN_BOGUS_PROGRESSION:
    case JWRN_NOT_SEQUENTIAL:
        cinfo->err->format_message(cinfo, err->message);
        err->status = EASEL_IMG_CORRUPT;
        longjmp(err->jump, 1);
    default:
        if (!err->warned) {
            cinfo->err->format_message(cinfo, err->message);
            err->warned = 1;
        }
    }
}

static void easel_output_message(j_common_ptr cinfo) { (void)cinfo; }

static struct jpeg_error_mgr *easel_errors(easel_error_mgr *err) {
    memset(err, 0, sizeof *err);
    jpeg_std_error(&err->pub);
    err->pub.error_exit = easel_error_exit;
    err->pub.emit_message = easel_emit_message;
    err->pub.output_message = easel_output_message;
    return &err->pub;
}

static int valid_scale(int denom) { return denom == 1 || denom == 2 || denom == 4 || denom == 8; }

/// Fills `info` from a header already read and sets the output colour space; returns a status.
static int prepare(j_decompress_ptr cinfo, int scale_denom, long long max_pixels, easel_jpeg_info *info) {
    info->image_width = (int)cinfo->image_width;
    info->image_height = (int)cinfo->image_height;
    info->components = cinfo->num_components;
    info->progressive = cinfo->progressive_mode ? 1 : 0;
    info->adobe_marker = cinfo->saw_Adobe_marker ? 1 : 0;
    switch (cinfo->jpeg_color_space) {
    case JCS_GRAYSCALE: info->color = EASEL_JPEG_GRAY; cinfo->out_color_space = JCS_RGB; break;
    case JCS_RGB:
    case JCS_YCbCr: info->color = EASEL_JPEG_RGB; cinfo->out_color_space = JCS_RGB; break;
    case JCS_CMYK: info->color = EASEL_JPEG_CMYK; cinfo->out_color_space = JCS_CMYK; break;
    case JCS_YCCK: info->color = EASEL_JPEG_YCCK; cinfo->out_color_space = JCS_CMYK; break;
    default:
        info->color = EASEL_JPEG_OTHER;
        snprintf(info->message, sizeof info->message, "JPEG colour space %d with %d components",
                 (int)cinfo->jpeg_color_space, cinfo->num_components);
        return EASEL_IMG_UNSUPPORTED;
    }
    if ((long long)cinfo->image_width * (long long)cinfo->image_height > max_pixels) return EASEL_IMG_TOO_LARGE;
    cinfo->scale_num = 1;
    cinfo->scale_denom = (unsigned int)scale_denom;
    jpeg_calc_output_dimensions(cinfo);
    info->output_width = (int)cinfo->output_width;
    info->output_height = (int)cinfo->output_height;
    return EASEL_IMG_OK;
}

/// Creates the decompressor over `data`, reads the header and runs `prepare`. libjpeg errors jump to the
/// caller's `setjmp`, which must already be set.
static int begin(struct jpeg_decompress_struct *cinfo, const uint8_t *data, size_t size, int scale_denom,
                 long long max_pixels, easel_jpeg_info *info) {
    jpeg_create_decompress(cinfo);
    jpeg_mem_src(cinfo, data, (unsigned long)size);
    jpeg_read_header(cinfo, TRUE);
    return prepare(cinfo, scale_denom, max_pixels, info);
}

int easel_jpeg_read_info(const uint8_t *data, size_t size, int scale_denom, long long max_pixels,
                         easel_jpeg_info *info) {
    memset(info, 0, sizeof *info);
    if (!valid_scale(scale_denom)) return EASEL_IMG_BAD_ARGUMENT;
    struct jpeg_decompress_struct cinfo;
    easel_error_mgr err;
    cinfo.err = easel_errors(&err);
    if (setjmp(err.jump)) {
        copy_message(info->message, err.message);
        jpeg_destroy_decompress(&cinfo);
        return err.status;
    }
    int status = begin(&cinfo, data, size, scale_denom, max_pixels, info);
    if (status == EASEL_IMG_OK && err.warned) copy_message(info->message, err.message);
    jpeg_destroy_decompress(&cinfo);
    return status;
}

/// One CMYK row to RGB. Adobe files store inverted values (255 = no ink).
static void cmyk_row_to_rgb(const JSAMPLE *src, uint8_t *dst, int width, int inverted) {
    for (int x = 0; x < width; x++) {
        unsigned c = src[4 * x], m = src[4 * x + 1], y = src[4 * x + 2], k = src[4 * x + 3];
        if (!inverted) { c = 255 - c; m = 255 - m; y = 255 - y; k = 255 - k; }
        dst[3 * x] = (uint8_t)((c * k + 127) / 255);
        dst[3 * x + 1] = (uint8_t)((m * k + 127) / 255);
        dst[3 * x + 2] = (uint8_t)((y * k + 127) / 255);
    }
}

int easel_jpeg_decode(const uint8_t *data, size_t size, int scale_denom, long long max_pixels, uint8_t *out,
                      size_t out_size, easel_jpeg_info *info) {
    memset(info, 0, sizeof *info);
    if (!valid_scale(scale_denom)) return EASEL_IMG_BAD_ARGUMENT;
    struct jpeg_decompress_struct cinfo;
    easel_error_mgr err;
    JSAMPLE *volatile cmyk = NULL;
    cinfo.err = easel_errors(&err);
    if (setjmp(err.jump)) {
        copy_message(info->message, err.message);
        free(cmyk);
        jpeg_destroy_decompress(&cinfo);
        return err.status;
    }
    int status = begin(&cinfo, data, size, scale_denom, max_pixels, info);
    if (status == EASEL_IMG_OK && (size_t)info->output_width * (size_t)info->output_height * 3 != out_size)
        status = EASEL_IMG_BAD_ARGUMENT;
    if (status != EASEL_IMG_OK) {
        jpeg_destroy_decompress(&cinfo);
        return status;
    }
    int is_cmyk = cinfo.out_color_space == JCS_CMYK;
    jpeg_start_decompress(&cinfo);
    size_t stride = (size_t)cinfo.output_width * 3;
    if (is_cmyk) {
        cmyk = malloc((size_t)cinfo.output_width * 4);
        if (!cmyk) {
            jpeg_destroy_decompress(&cinfo);
            return EASEL_IMG_NO_MEMORY;
        }
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JDIMENSION y = cinfo.output_scanline;
        if (is_cmyk) {
            JSAMPROW row = cmyk;
            if (jpeg_read_scanlines(&cinfo, &row, 1) == 1)
                cmyk_row_to_rgb(cmyk, out + y * stride, (int)cinfo.output_width, cinfo.saw_Adobe_marker);
        } else {
            JSAMPROW rows[16];
            JDIMENSION count = cinfo.output_height - y;
            if (count > 16) count = 16;
            for (JDIMENSION i = 0; i < count; i++) rows[i] = out + (y + i) * stride;
            jpeg_read_scanlines(&cinfo, rows, count);
        }
    }
    jpeg_finish_decompress(&cinfo);
    if (err.warned) copy_message(info->message, err.message);
    free(cmyk);
    jpeg_destroy_decompress(&cinfo);
    return EASEL_IMG_OK;
}

typedef struct {
    unsigned char *buffer;
    unsigned long size;
} easel_jpeg_dest;

int easel_jpeg_encode(const uint8_t *pixels, int width, int height, int color, int quality, int progressive,
                      const uint8_t *exif, size_t exif_size, uint8_t **out, size_t *out_size, char message[200]) {
    *out = NULL;
    *out_size = 0;
    message[0] = '\0';
    if (width <= 0 || height <= 0 || width > 65500 || height > 65500) {
        copy_message(message, "JPEG width and height must be between 1 and 65500");
        return EASEL_IMG_BAD_ARGUMENT;
    }
    struct jpeg_compress_struct cinfo;
    easel_error_mgr err;
    easel_jpeg_dest dest = {NULL, 0};
    cinfo.err = easel_errors(&err);
    if (setjmp(err.jump)) {
        copy_message(message, err.message);
        jpeg_destroy_compress(&cinfo);
        free(dest.buffer);
        return err.status;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, &dest.buffer, &dest.size);
    cinfo.image_width = (JDIMENSION)width;
    cinfo.image_height = (JDIMENSION)height;
    switch (color) {
    case EASEL_JPEG_GRAY: cinfo.input_components = 1; cinfo.in_color_space = JCS_GRAYSCALE; break;
    case EASEL_JPEG_CMYK:
    case EASEL_JPEG_YCCK: cinfo.input_components = 4; cinfo.in_color_space = JCS_CMYK; break;
    default: cinfo.input_components = 3; cinfo.in_color_space = JCS_RGB; break;
    }
    jpeg_set_defaults(&cinfo);
    if (color == EASEL_JPEG_YCCK) jpeg_set_colorspace(&cinfo, JCS_YCCK);
    jpeg_set_quality(&cinfo, quality, TRUE);
    if (progressive) jpeg_simple_progression(&cinfo);
    jpeg_start_compress(&cinfo, TRUE);
    if (exif && exif_size > 0 && exif_size <= 65533)
        jpeg_write_marker(&cinfo, JPEG_APP0 + 1, exif, (unsigned int)exif_size);
    size_t stride = (size_t)width * (size_t)cinfo.input_components;
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + cinfo.next_scanline * stride);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    *out = dest.buffer;
    *out_size = dest.size;
    return EASEL_IMG_OK;
}

void easel_free(void *pointer) { free(pointer); }
