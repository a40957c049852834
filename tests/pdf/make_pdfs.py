#!/usr/bin/env python3
"""Writes the test PDFs into OUTDIR from tests/pdf/minutes.txt (pages at
its form feeds), by hand, with nothing but Python, pdftoppm and qpdf:

  text.pdf      every page a text layer (Helvetica, WinAnsiEncoding)
  scanned.pdf   every page an image of text.pdf's page, no text layer
  mixed.pdf     pages 1 and 3 text, page 2 an image (OCR)
  blank.pdf     page 1 text, page 2 empty (neither text nor drawing)
  cropbox.pdf   one page whose CropBox leaves its footer line out
  huge.pdf      one page of 9000 x 9000 pt with a square on it and no
                text: rendered for OCR at 300 dpi it needs a 1.4 GB bitmap
  corrupt.pdf   a header, bytes that are no PDF, and %%EOF
  encrypted.pdf text.pdf encrypted by qpdf with a user password
  truncated.pdf text.pdf's first 1200 bytes

  make_pdfs.py OUTDIR [--scanned-copies N]   (N copies of the scanned
                                              pages, for the benchmark)
"""
import os, subprocess, sys, tempfile, zlib

HERE = os.path.dirname(os.path.abspath(__file__))
W, H = 595, 842  # A4 in points


def pdf(objects, path):
    """objects: bodies of objects 1..n (bytes); 1 is the catalog."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offs = []
    for i, body in enumerate(objects, 1):
        offs.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    with open(path, "wb") as f:
        f.write(out)


def stream(dict_entries, data, compress=True):
    if compress:
        data = zlib.compress(data, 9)
        dict_entries += b" /Filter /FlateDecode"
    return b"<< %s /Length %d >>\nstream\n" % (dict_entries, len(data)) + data + b"\nendstream"


def esc(s):
    b = s.encode("cp1252")
    return b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def text_content(lines, top=790, size=11, lead=15):
    c = [b"BT /F1 %d Tf %d TL 56 %d Td" % (size, lead, top)]
    for l in lines:
        c.append(b"(%s) Tj T*" % esc(l))
    c.append(b"ET")
    return b"\n".join(c)


def build(path, pages, media=(W, H), crop=None):
    """pages: ("text", lines) or ("image", (w, h, gray bytes)) or ("empty",) or ("square",)."""
    objs = [None, None, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for p in pages:
        res = b"/Font << /F1 3 0 R >>"
        if p[0] == "text":
            content = text_content(p[1])
            if len(p) > 2:  # a footer line at the foot of the page
                content += b"\nBT /F1 8 Tf 56 30 Td (%s) Tj ET" % esc(p[2])
        elif p[0] == "image":
            iw, ih, data = p[1]
            objs.append(stream(b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                               b"/BitsPerComponent 8" % (iw, ih), data))
            res += b" /XObject << /Im0 %d 0 R >>" % len(objs)
            content = b"q %d 0 0 %d 0 0 cm /Im0 Do Q" % media
        elif p[0] == "square":
            content = b"0 g 100 100 400 400 re f"
        else:
            content = b""
        objs.append(stream(b"", content))
        box = b" /CropBox [%d %d %d %d]" % crop if crop else b""
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d]%s /Resources << %s >> /Contents %d 0 R >>"
                    % (media[0], media[1], box, res, len(objs)))
        kids.append(len(objs))
    objs[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    pdf(objs, path)


def render(pdf_path, page, dpi=200):
    """The page as pdftoppm renders it in grey: (w, h, bytes)."""
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), pdf_path,
                        os.path.join(d, "p")], check=True)
        name = [f for f in os.listdir(d) if f.endswith(".pgm")][0]
        data = open(os.path.join(d, name), "rb").read()
    # P5\nW H\n255\n
    parts = data.split(b"\n", 3)
    w, h = map(int, parts[1].split())
    return w, h, parts[3]


def main():
    out = sys.argv[1]
    copies = int(sys.argv[sys.argv.index("--scanned-copies") + 1]) if "--scanned-copies" in sys.argv else 1
    os.makedirs(out, exist_ok=True)
    text = open(os.path.join(HERE, "minutes.txt"), encoding="utf-8").read()
    pages = [p.rstrip("\n").split("\n") for p in text.split("\f")]
    build(os.path.join(out, "text.pdf"), [("text", p) for p in pages])
    images = [render(os.path.join(out, "text.pdf"), i + 1) for i in range(len(pages))]
    build(os.path.join(out, "scanned.pdf"), [("image", im) for im in images] * copies)
    build(os.path.join(out, "mixed.pdf"), [("text", pages[0]), ("image", images[1]), ("text", pages[2])])
    build(os.path.join(out, "blank.pdf"), [("text", pages[0]), ("empty",)])
    # the CropBox leaves the footer out, as a trimmed page does its printer's marks
    build(os.path.join(out, "cropbox.pdf"), [("text", pages[0], "Socialförvaltningen, Telefon 08-508 25 000")],
          crop=(0, 50, W, H))
    build(os.path.join(out, "huge.pdf"), [("square",)], media=(9000, 9000))
    with open(os.path.join(out, "corrupt.pdf"), "wb") as f:
        f.write(b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n")
    subprocess.run(["qpdf", "--encrypt", "secret", "owner", "256", "--", os.path.join(out, "text.pdf"),
                    os.path.join(out, "encrypted.pdf")], check=True)
    with open(os.path.join(out, "truncated.pdf"), "wb") as f:
        f.write(open(os.path.join(out, "text.pdf"), "rb").read()[:1200])


if __name__ == "__main__":
    main()
