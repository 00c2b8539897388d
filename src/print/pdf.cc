#include "print/pdf.h"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "base/text.h"
#include "print/handout.h"
#include "print/subprocess.h"

namespace kapstok::print {

namespace fs = std::filesystem;

namespace {

constexpr int kMaxParallelPrints = 2;  // each Chromium runs several processes

bool IsExecutable(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(path.c_str(), X_OK) == 0;
}

std::string ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The last `n` non-empty lines of `text`, for error messages.
std::string LastLines(const std::string& text, int n) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!Trim(line).empty()) lines.push_back(line);
  std::string out;
  for (size_t i = lines.size() > static_cast<size_t>(n) ? lines.size() - n : 0; i < lines.size(); ++i)
    out += "\n    " + lines[i];
  return out;
}

// "YYYYMMDDHHMMSS" (UTC) for SOURCE_DATE_EPOCH, or 1980-01-01 without it.
std::string PdfDate() {
  time_t t = 315532800;  // 1980-01-01T00:00:00Z
  if (const char* e = std::getenv("SOURCE_DATE_EPOCH")) {
    char* end = nullptr;
    long long v = std::strtoll(e, &end, 10);
    if (end && *end == '\0' && v >= 0) t = static_cast<time_t>(v);
  }
  struct tm tm;
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y%m%d%H%M%S", &tm);
  return buf;
}

// Removes a temporary folder when it goes out of scope.
class TempDir {
 public:
  TempDir() {
    std::error_code ec;
    std::string pattern = (fs::temp_directory_path(ec) / "kapstok-pdf-XXXXXX").string();
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (mkdtemp(buf.data())) path_ = buf.data();
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

Status WriteFile(const std::string& path, const std::string& bytes) {
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  out.close();
  if (!out) return Status::IOError(path, "cannot write");
  return Status::OK();
}

}  // namespace

std::vector<PdfJob> PdfJobs(const model::SiteModel& model) {
  std::vector<PdfJob> jobs;
  const auto& print = model.config().print;
  if (!print) return jobs;
  for (const model::Page* p : model.PagesOfType(print->type))
    jobs.push_back({HandoutUrl(*p) + "index.html", HandoutPdfPath(*p), true, print->max_pages});
  jobs.push_back({HandbookUrl(*print) + "index.html", HandbookPdfPath(*print), true, 0, true});
  return jobs;
}

Status FindChromium(std::string* path) {
  if (const char* env = std::getenv("KAPSTOK_CHROMIUM"); env && *env) {
    if (!IsExecutable(env)) return Status::NotFound(env, "KAPSTOK_CHROMIUM is not an executable");
    *path = env;
    return Status::OK();
  }
  const char* path_env = std::getenv("PATH");
  std::string dirs = path_env ? path_env : "/usr/bin:/bin";
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    std::istringstream in(dirs);
    for (std::string dir; std::getline(in, dir, ':');) {
      std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
      if (IsExecutable(candidate)) {
        *path = candidate;
        return Status::OK();
      }
    }
  }
  return Status::NotFound("chromium",
                          "`build --pdf` prints with headless Chromium; install it with "
                          "scripts/install-deps.sh pdf (Debian package chromium) or set "
                          "KAPSTOK_CHROMIUM");
}

Status PrintToPdf(const std::string& chromium, const std::string& html_file,
                  const std::string& pdf_file, const std::string& profile_dir, bool outline,
                  int timeout_seconds) {
  std::error_code ec;
  fs::create_directories(profile_dir, ec);
  fs::remove(pdf_file, ec);
  const std::string log = profile_dir + "/chromium.log";
  std::vector<std::string> args = {chromium,
                                   "--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--disable-background-networking",
                                   "--disable-extensions",
                                   "--disable-sync",
                                   "--no-first-run",
                                   "--mute-audio",
                                   "--font-render-hinting=none",
                                   "--no-pdf-header-footer",
                                   "--user-data-dir=" + profile_dir,
                                   "--print-to-pdf=" + pdf_file};
  if (outline) args.push_back("--generate-pdf-document-outline");
  args.push_back("file://" + html_file);
  ProcessResult run;
  if (Status s = RunProcess(args, profile_dir, log, timeout_seconds, &run); !s.ok()) return s;
  const std::string what = "printing " + html_file;
  if (run.timed_out)
    return Status::IOError(what, "Chromium did not finish within " +
                                     std::to_string(timeout_seconds) + " s" +
                                     LastLines(ReadWhole(log), 5));
  if (run.exit_code != 0 || !fs::exists(pdf_file, ec))
    return Status::IOError(what, "Chromium failed (exit status " + std::to_string(run.exit_code) +
                                     ")" + LastLines(ReadWhole(log), 5));
  return Status::OK();
}

int CountPdfPages(const std::string& pdf) {
  int n = 0;
  for (size_t at = pdf.find("/Type /Page"); at != std::string::npos;
       at = pdf.find("/Type /Page", at + 1)) {
    const size_t end = at + 11;
    if (end >= pdf.size() || !std::isalpha(static_cast<unsigned char>(pdf[end]))) ++n;
  }
  return n;
}

int FillTocPages(std::string* html, const std::map<std::string, int>& pages, int first_page) {
  static const std::string kMarker = "<span class=\"toc-page\" data-pdf=\"";
  std::string out;
  int page = first_page;
  size_t pos = 0;
  for (size_t at = html->find(kMarker); at != std::string::npos; at = html->find(kMarker, pos)) {
    const size_t path_at = at + kMarker.size();
    const size_t path_end = html->find('"', path_at);
    if (path_end == std::string::npos || html->compare(path_end, 9, "\"></span>") != 0) return 0;
    auto it = pages.find(html->substr(path_at, path_end - path_at));
    if (it == pages.end() || it->second <= 0) return 0;
    out.append(*html, pos, path_end + 2 - pos);
    out += std::to_string(page);
    page += it->second;
    pos = path_end + 2;
  }
  if (pos == 0) return 0;  // no table of contents
  out.append(*html, pos);
  *html = std::move(out);
  return page - 1;
}

void SetPdfDates(std::string* pdf, const std::string& date) {
  for (const char* key : {"/CreationDate (D:", "/ModDate (D:"}) {
    const size_t key_len = std::strlen(key);
    for (size_t at = pdf->find(key); at != std::string::npos; at = pdf->find(key, at + 1)) {
      size_t digits = at + key_len;
      size_t n = 0;
      while (n < date.size() && digits + n < pdf->size() &&
             std::isdigit(static_cast<unsigned char>((*pdf)[digits + n])))
        ++n;
      if (n == date.size()) pdf->replace(digits, n, date);
    }
  }
}

Status MakePdfs(const model::SiteModel& model, const OutputFiles& site_files, OutputFiles* out,
                DiagnosticSink* sink) {
  std::vector<PdfJob> jobs = PdfJobs(model);
  if (jobs.empty()) return Status::OK();
  std::string chromium;
  if (Status s = FindChromium(&chromium); !s.ok()) return s;
  TempDir tmp;
  if (tmp.path().empty()) return Status::IOError("temporary folder", std::strerror(errno));
  // The print pages link their stylesheets relatively, so the whole site goes
  // to the temporary folder (it is small); nothing here writes to the site.
  const std::string site_dir = tmp.path() + "/site";
  for (const OutputFile& f : site_files)
    if (Status s = WriteFile(site_dir + "/" + f.path, f.bytes); !s.ok()) return s;

  std::vector<Status> results(jobs.size());
  auto job_dir = [&](size_t i) { return tmp.path() + "/job-" + std::to_string(i); };
  auto print = [&](size_t i) {
    const std::string html = site_dir + "/" + jobs[i].html_path;
    if (!fs::exists(html))
      return Status::NotFound(jobs[i].html_path, "the print page was not rendered");
    return PrintToPdf(chromium, html, job_dir(i) + "/out.pdf", job_dir(i), jobs[i].outline);
  };
  // 1. The handouts, in parallel.
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < jobs.size();)
      if (!jobs[i].contents) results[i] = print(i);
  };
  std::vector<std::thread> threads;
  const size_t n_threads = std::min<size_t>(kMaxParallelPrints, jobs.size());
  for (size_t t = 1; t < n_threads; ++t) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
  // 2. The whole-site page, with the handouts' page counts in its contents.
  std::map<std::string, int> pages;
  for (size_t i = 0; i < jobs.size(); ++i)
    if (!jobs[i].contents && results[i].ok())
      pages[jobs[i].pdf_path] = CountPdfPages(ReadWhole(job_dir(i) + "/out.pdf"));
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (!jobs[i].contents) continue;
    const std::string html_file = site_dir + "/" + jobs[i].html_path;
    const std::string original = ReadWhole(html_file);
    std::string numbered = original;
    const int expected = FillTocPages(&numbered, pages, 2);  // after a one-page cover
    if (expected > 0) (void)WriteFile(html_file, numbered);
    results[i] = print(i);
    if (results[i].ok() && expected > 0 &&
        CountPdfPages(ReadWhole(job_dir(i) + "/out.pdf")) != expected) {
      (void)WriteFile(html_file, original);  // the numbers would be wrong: leave them out
      results[i] = print(i);
    }
  }

  const std::string date = PdfDate();
  for (size_t i = 0; i < jobs.size(); ++i) {
    if (!results[i].ok()) {
      sink->Error({jobs[i].html_path, 0, 0}, results[i].message());
      continue;
    }
    OutputFile pdf{jobs[i].pdf_path, ReadWhole(job_dir(i) + "/out.pdf")};
    SetPdfDates(&pdf.bytes, date);
    if (int pages = CountPdfPages(pdf.bytes); jobs[i].max_pages > 0 && pages > jobs[i].max_pages)
      sink->Warning({jobs[i].html_path, 0, 0},
                    pdf.path + " has " + std::to_string(pages) + " pages; handouts should fit on " +
                        std::to_string(jobs[i].max_pages) + " (print.max_pages in kapstok.yaml)");
    out->push_back(std::move(pdf));
  }
  return Status::OK();
}

}  // namespace kapstok::print
