// QrSvg turns a text (the absolute URL of a page) into a QR code drawn as an
// inline SVG, so a printed handout leads back to the online page. The code
// comes from libqrencode (error correction level M, 8-bit mode) and is drawn
// as one path of dark modules inside a four-module quiet zone, with
// role="img", an aria-label and a <title> for assistive technology. Owned by
// the `print` stage.
#ifndef KAPSTOK_PRINT_QR_SVG_H_
#define KAPSTOK_PRINT_QR_SVG_H_

#include <string>
#include <string_view>

namespace kapstok::print {

// The modules of a QR code: size x size, row-major, true = dark.
struct QrMatrix {
  int size = 0;
  std::string dark;  // size*size bytes, '1' dark, '0' light
};

// Encodes `text`; returns a matrix of size 0 when libqrencode fails (text too
// long for a QR code, or out of memory).
QrMatrix EncodeQr(std::string_view text);

// The SVG element for `matrix`, `label` being its accessible name (escaped
// here). Its viewBox counts modules; the width and height are for CSS to set.
std::string MatrixSvg(const QrMatrix& matrix, std::string_view label);

// EncodeQr + MatrixSvg; "" when the text cannot be encoded.
std::string QrSvg(std::string_view text, std::string_view label);

}  // namespace kapstok::print

#endif  // KAPSTOK_PRINT_QR_SVG_H_
