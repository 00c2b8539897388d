#include "print/qr_svg.h"

#include <qrencode.h>

#include <memory>

#include "base/text.h"

namespace kapstok::print {

namespace {

constexpr int kQuietZone = 4;  // modules of white around the code (ISO/IEC 18004)

struct QrCodeDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

QrMatrix EncodeQr(std::string_view text) {
  QrMatrix m;
  std::string data(text);  // libqrencode wants a NUL-terminated string
  if (data.empty() || data.find('\0') != std::string::npos) return m;
  // Version 0: the smallest that holds the data; QRcode_free releases it.
  std::unique_ptr<QRcode, QrCodeDeleter> code(
      QRcode_encodeString8bit(data.c_str(), 0, QR_ECLEVEL_M));
  if (!code) return m;
  m.size = code->width;
  m.dark.resize(static_cast<size_t>(m.size) * m.size);
  for (size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = (code->data[i] & 1) ? '1' : '0';
  return m;
}

std::string MatrixSvg(const QrMatrix& matrix, std::string_view label) {
  const int n = matrix.size + 2 * kQuietZone;
  std::string path;
  // One horizontal run of dark modules per "M x y h w v1 h-w z" subpath.
  for (int y = 0; y < matrix.size; ++y) {
    for (int x = 0; x < matrix.size;) {
      if (matrix.dark[static_cast<size_t>(y) * matrix.size + x] != '1') {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < matrix.size &&
             matrix.dark[static_cast<size_t>(y) * matrix.size + x + run] == '1')
        ++run;
      path += "M" + std::to_string(x + kQuietZone) + " " + std::to_string(y + kQuietZone) +
              "h" + std::to_string(run) + "v1h-" + std::to_string(run) + "z";
      x += run;
    }
  }
  const std::string size = std::to_string(n);
  const std::string name = HtmlEscape(label);
  std::string svg = "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                    size + " " + size + "\" role=\"img\" aria-label=\"" + name +
                    "\" shape-rendering=\"crispEdges\"><title>" + name +
                    "</title><rect width=\"" + size + "\" height=\"" + size +
                    "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
  return svg;
}

std::string QrSvg(std::string_view text, std::string_view label) {
  QrMatrix m = EncodeQr(text);
  if (m.size == 0) return {};
  return MatrixSvg(m, label);
}

}  // namespace kapstok::print
