#include "print/qr_svg.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>

namespace kapstok::print {
namespace {

const char kUrl[] = "https://kapstok.github.io/handboek/kenmerken/eigen-kracht-versterken/";

// Whether the 7x7 finder pattern (dark ring, light ring, dark 3x3 core) sits
// with its top-left module at (x, y).
bool HasFinder(const QrMatrix& m, int x, int y) {
  for (int dy = 0; dy < 7; ++dy)
    for (int dx = 0; dx < 7; ++dx) {
      bool ring = dx == 0 || dy == 0 || dx == 6 || dy == 6;
      bool core = dx >= 2 && dx <= 4 && dy >= 2 && dy <= 4;
      char want = ring || core ? '1' : '0';
      if (m.dark[static_cast<size_t>(y + dy) * m.size + x + dx] != want) return false;
    }
  return true;
}

TEST(QrSvgTest, EncodesAUrlAsAValidQrMatrix) {
  QrMatrix m = EncodeQr(kUrl);
  ASSERT_GT(m.size, 0);
  EXPECT_EQ((m.size - 21) % 4, 0) << "QR sizes are 21 + 4 * (version - 1)";
  EXPECT_EQ(m.dark.size(), static_cast<size_t>(m.size) * m.size);
  EXPECT_TRUE(HasFinder(m, 0, 0));
  EXPECT_TRUE(HasFinder(m, m.size - 7, 0));
  EXPECT_TRUE(HasFinder(m, 0, m.size - 7));
  EXPECT_FALSE(HasFinder(m, m.size - 7, m.size - 7));
}

TEST(QrSvgTest, SameTextGivesSameSvg) {
  EXPECT_EQ(QrSvg(kUrl, "QR"), QrSvg(kUrl, "QR"));
  EXPECT_NE(QrSvg(kUrl, "QR"), QrSvg(std::string(kUrl) + "x", "QR"));
}

TEST(QrSvgTest, SvgIsAnAccessibleImageWithAQuietZone) {
  QrMatrix m = EncodeQr(kUrl);
  std::string svg = MatrixSvg(m, "QR-code: <a & \"b\">");
  const std::string n = std::to_string(m.size + 8);
  EXPECT_NE(svg.find("viewBox=\"0 0 " + n + " " + n + "\""), std::string::npos) << svg;
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("aria-label=\"QR-code: &lt;a &amp; &quot;b&quot;&gt;\""), std::string::npos);
  EXPECT_NE(svg.find("<title>QR-code: &lt;a &amp; &quot;b&quot;&gt;</title>"), std::string::npos);
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_TRUE(svg.ends_with("</svg>"));
}

TEST(QrSvgTest, PathDrawsExactlyTheDarkModules) {
  QrMatrix m = EncodeQr(kUrl);
  std::string svg = MatrixSvg(m, "QR");
  // Redraw the path's runs "Mx yhWv1h-Wz" into a grid and compare.
  std::string drawn(m.dark.size(), '0');
  std::regex run("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");
  int runs = 0;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), run); it != std::sregex_iterator();
       ++it, ++runs) {
    int x = std::stoi((*it)[1]) - 4, y = std::stoi((*it)[2]) - 4, w = std::stoi((*it)[3]);
    ASSERT_EQ(w, std::stoi((*it)[4]));
    ASSERT_GE(x, 0);
    ASSERT_LE(x + w, m.size);
    ASSERT_LT(y, m.size);
    for (int i = 0; i < w; ++i) drawn[static_cast<size_t>(y) * m.size + x + i] = '1';
  }
  EXPECT_GT(runs, 0);
  EXPECT_EQ(drawn, m.dark);
}

TEST(QrSvgTest, EmptyOrTooLongTextGivesNoSvg) {
  EXPECT_EQ(QrSvg("", "QR"), "");
  EXPECT_EQ(QrSvg(std::string(8000, 'x'), "QR"), "");  // beyond version 40
}

}  // namespace
}  // namespace kapstok::print
