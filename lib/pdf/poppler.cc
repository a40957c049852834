// poppler's C++ frontend behind C functions. Its page text runs the same
// TextOutputDev (reading order, no physical layout) as pdftotext, where
// poppler-glib's poppler_page_get_text gives the selection text, which
// differs from pdftotext's on most real minutes. No exception leaves here.
#include "pdf_internal.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>

struct pkpdf_doc {
    poppler::document *doc;
};

// poppler's messages go here instead of standard error: the last one of
// this thread names what went wrong when a document does not open
static thread_local char last_message[200];

static void on_poppler_message(const std::string &msg, void *)
{
    const char *m = msg.c_str();
    if (std::strncmp(m, "error: ", 7) == 0) // its category, which the caller's message says already
        m += 7;
    std::snprintf(last_message, sizeof last_message, "%s", m);
}

static void quiet_poppler()
{
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function(on_poppler_message, nullptr); });
}

extern "C" pkpdf_doc *pkpdf_open(const char *data, size_t len, int *why, char *msg, size_t msgn)
{
    try {
        quiet_poppler();
        last_message[0] = 0;
        if (len > 0x7fffffff) {
            *why = PKPDF_EDAMAGED;
            std::snprintf(msg, msgn, "too large for poppler");
            return nullptr;
        }
        poppler::document *doc = poppler::document::load_from_raw_data(data, (int)len);
        if (!doc) {
            *why = PKPDF_EDAMAGED;
            std::snprintf(msg, msgn, "%s", last_message);
            return nullptr;
        }
        if (doc->is_locked()) {
            delete doc;
            *why = PKPDF_ELOCKED;
            msg[0] = 0;
            return nullptr;
        }
        pkpdf_doc *d = new pkpdf_doc;
        d->doc = doc;
        return d;
    } catch (const std::bad_alloc &) {
        *why = PKPDF_ENOMEM;
    } catch (...) {
        *why = PKPDF_EDAMAGED;
    }
    std::snprintf(msg, msgn, "%s", last_message);
    return nullptr;
}

extern "C" int pkpdf_pages(const pkpdf_doc *d) { return d->doc->pages(); }

extern "C" int pkpdf_page_text(pkpdf_doc *d, int i, char **text, size_t *len)
{
    *text = nullptr;
    *len = 0;
    try {
        std::unique_ptr<poppler::page> p(d->doc->create_page(i));
        if (!p)
            return PKPDF_EDAMAGED;
        poppler::byte_array b = p->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout).to_utf8();
        char *s = static_cast<char *>(std::malloc(b.size() + 1));
        if (!s)
            return PKPDF_ENOMEM;
        if (!b.empty())
            std::memcpy(s, b.data(), b.size());
        s[b.size()] = 0;
        *text = s;
        *len = b.size();
        return PKPDF_OK;
    } catch (const std::bad_alloc &) {
        return PKPDF_ENOMEM;
    } catch (...) {
        return PKPDF_EDAMAGED;
    }
}

extern "C" int pkpdf_page_render(pkpdf_doc *d, int i, double dpi, pkpdf_image *out)
{
    std::memset(out, 0, sizeof *out);
    try {
        std::unique_ptr<poppler::page> p(d->doc->create_page(i));
        if (!p)
            return PKPDF_EDAMAGED;
        poppler::page_renderer r;
        r.set_image_format(poppler::image::format_gray8);
        r.set_render_hint(poppler::page_renderer::antialiasing, true);
        r.set_render_hint(poppler::page_renderer::text_antialiasing, true);
        // held as it is, not copied: a large page costs its bitmap once more, not twice
        std::unique_ptr<poppler::image> img(new poppler::image(r.render_page(p.get(), dpi, dpi)));
        if (!img->is_valid() || img->width() <= 0 || img->height() <= 0)
            return PKPDF_ENOMEM; // the bitmap could not be allocated
        out->pix = reinterpret_cast<const unsigned char *>(img->const_data());
        out->w = img->width();
        out->h = img->height();
        out->stride = img->bytes_per_row();
        out->own = img.release();
        return PKPDF_OK;
    } catch (const std::bad_alloc &) {
        return PKPDF_ENOMEM;
    } catch (...) {
        return PKPDF_EDAMAGED;
    }
}

extern "C" void pkpdf_image_free(pkpdf_image *img)
{
    delete static_cast<poppler::image *>(img->own);
    std::memset(img, 0, sizeof *img);
}

extern "C" void pkpdf_close(pkpdf_doc *d)
{
    if (!d)
        return;
    delete d->doc;
    delete d;
}
