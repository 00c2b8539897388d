#include "pipeline/build.h"

#include <mutex>
#include <thread>
#include <unordered_set>

#include "base/parallel.h"
#include "base/text.h"
#include "base/timing.h"
#include "config/config.h"
#include "content/loader.h"
#include "model/site_model.h"
#include "output/writer.h"
#include "pipeline/anchor_check.h"
#include "pipeline/search_docs.h"
#include "pipeline/stages.h"
#include "print/handout.h"
#include "print/pdf.h"
#include "reflect/reflect_page.h"
#include "render/feeds.h"
#include "render/site_renderer.h"
#include "render/theme.h"
#include "search/search_index.h"

namespace kapstok::pipeline {

void CopyTree(const FileSystem& fs, const std::string& dir, const std::string& prefix,
              OutputFiles* out, DiagnosticSink* sink) {
  std::vector<DirEntry> entries;
  if (!fs.ListTree(dir, &entries).ok()) return;
  for (const DirEntry& e : entries) {
    std::string path = JoinPath(dir, e.path);
    if (e.is_symlink || !e.is_regular) {
      sink->Error({path, 0, 0}, "symbolic links are not allowed in the theme");
      continue;
    }
    OutputFile f{JoinPath(prefix, e.path), {}};
    if (Status s = fs.ReadFile(path, &f.bytes); !s.ok()) {
      sink->Error({path, 0, 0}, s.message());
      continue;
    }
    out->push_back(std::move(f));
  }
}

namespace {

// Builds the search index of `model` on a thread of its own, started by the
// constructor, while the caller renders and writes the pages. With a
// `writer`, each search/d document file is written from that thread as it
// is made (and comes back without bytes); the paths it wrote and its first
// write failure are kept here under a lock of their own and handed over
// only by Finish(), because the build's flush() reads its own `emitted` and
// `emit_failure` without a lock. `model` and `writer` must outlive this
// object; destroying it without Finish() joins the thread and drops the
// index.
class SearchThread {
 public:
  SearchThread(const model::SiteModel& model, std::string language, output::SiteWriter* writer)
      : thread_([this, &model, language = std::move(language), writer] {
          Run(model, language, writer);
        }) {}

  // Joins the thread; adds the paths it wrote to *emitted and its write
  // failure, if any, to *emit_failure (unless that holds one already);
  // returns the index's files, the written ones without bytes. Call once.
  OutputFiles Finish(std::unordered_set<std::string>* emitted, Status* emit_failure) {
    thread_.join();
    emitted->insert(emitted_.begin(), emitted_.end());
    if (!failure_.ok() && emit_failure->ok()) *emit_failure = std::move(failure_);
    return std::move(index_);
  }

 private:
  void Run(const model::SiteModel& model, const std::string& language,
           output::SiteWriter* writer) {
    StageTimer index_timer;
    search::Options search_options{language};
    if (writer) {
      search_options.emit_document = [this, writer](const OutputFile& f) {
        Status s = writer->Write(f.path, f.bytes);
        std::lock_guard<std::mutex> lock(mu_);
        emitted_.push_back(f.path);
        if (!s.ok() && failure_.ok()) failure_ = std::move(s);
      };
    }
    index_ = search::BuildIndex(SearchDocuments(model), search_options);
    index_timer.Mark("search (thread)");
  }

  std::mutex mu_;
  std::vector<std::string> emitted_;  // under mu_
  Status failure_;                    // under mu_
  OutputFiles index_;
  std::jthread thread_;  // last: starts after, and joins before, the members above
};

}  // namespace

BuildResult Build(const FileSystem& fs, const BuildOptions& options, DiagnosticSink* sink) {
  BuildResult result;
  const std::string& dir = options.project_dir;
  StageTimer timer;  // KAPSTOK_TIMING=1: per-stage times on stderr

  // 1. Configuration.
  const std::string config_path = JoinPath(dir, "kapstok.yaml");
  std::string config_text;
  if (Status s = fs.ReadFile(config_path, &config_text); !s.ok()) {
    result.status = s;
    return result;
  }
  std::optional<config::SiteConfig> config = config::ParseConfig(config_text, config_path, sink);
  if (!config) return result;
  if (!options.base_url.empty()) {
    config->base_url = options.base_url;
    if (config->base_url.back() != '/') config->base_url += '/';
  }

  // 2. Theme: templates and UI strings.
  std::unique_ptr<render::Theme> theme =
      render::LoadTheme(fs, JoinPath(dir, "templates"), JoinPath(dir, "themes/default"),
                        config->language, sink);
  timer.Mark("config+theme");

  // 3. Content: files, front matter, schema.
  content::LoadOptions load;
  load.include_drafts = options.drafts;
  content::LoadedContent loaded = content::LoadContent(fs, JoinPath(dir, "content"), *config, load, sink);
  timer.Mark("load");

  // 4. Model: relations, backlinks, Markdown with links and citations.
  model::ModelOptions model_options;
  model_options.keep_sources = false;  // nothing after the Markdown reads the file texts
  std::unique_ptr<model::SiteModel> model =
      model::BuildModel(std::move(loaded), *config, sink, model_options);
  result.pages = model->pages().size();
  timer.Mark("model");
  if (sink->has_errors() || !theme) return result;

  // 5. Render pages, 6. search index, 7. assets.
  render::RenderOptions render_options;
  print::PrintOptions print_options{options.pdf};
  render_options.decorate_page = print::PageDecorator(*model, print_options);
  // 8 (streamed). Files are written into a staging folder as soon as they
  // are made (content pages one by one, the rest in batches), then freed:
  // the writes overlap the search index and the site's HTML is never all in
  // memory. The staging folder replaces the site
  // only at the end, when everything succeeded (else ~SiteWriter removes it).
  // PDFs need every page in memory, and `check` writes nothing: those keep
  // the files and write (or return) them at the end.
  std::unique_ptr<output::SiteWriter> writer;
  if (options.write && !options.pdf) {
    if (Status s = output::SiteWriter::Open(options.out_dir, &writer); !s.ok()) {
      result.status = s;
      return result;
    }
  }
  // Content pages go to the writer from RenderSite's threads as each is
  // rendered and come back without their bytes; `emitted` holds their paths
  // so that flush() skips each once (another file with the same path is
  // still written, and rejected as written twice).
  std::mutex emitted_mu;
  std::unordered_set<std::string> emitted;
  emitted.reserve(model->pages().size());  // no rehashing under the lock
  Status emit_failure;
  // Links to another page's #fragment are checked against the ids of the
  // pages as rendered; those pages' ids are kept on the way out.
  AnchorCheck anchors(*model);
  if (writer) {
    render_options.emit_page = [&](const OutputFile& page) {
      if (!anchors.empty()) anchors.Record(page.path, page.bytes);
      Status s = writer->Write(page.path, page.bytes);
      std::lock_guard<std::mutex> lock(emitted_mu);
      emitted.insert(page.path);
      if (!s.ok() && emit_failure.ok()) emit_failure = std::move(s);
    };
  }
  OutputFiles files;
  size_t written = 0;  // files[0, written) are on disk, their bytes freed
  auto flush = [&]() -> bool {
    if (!writer) return true;
    if (!emit_failure.ok()) {
      result.status = emit_failure;
      return false;
    }
    std::vector<char> skip(files.size() - written, 0);
    for (size_t i = 0; i < skip.size(); ++i) {
      const OutputFile& f = files[written + i];
      skip[i] = f.bytes.empty() && emitted.erase(f.path) > 0;
    }
    std::vector<Status> results(skip.size());
    ParallelFor(results.size(), [&](size_t i) {
      if (skip[i]) return;
      OutputFile& f = files[written + i];
      results[i] = writer->Write(f.path, f.bytes);
      std::string().swap(f.bytes);
    });
    written = files.size();
    for (Status& s : results) {
      if (!s.ok()) {
        result.status = std::move(s);
        return false;
      }
    }
    return true;
  };
  // The search index reads only the model: it is built on its own thread
  // while the pages render and are written, so both cores stay busy (joined
  // before step 7).
  SearchThread search_thread(*model, config->language, writer.get());
  files = render::RenderSite(*model, *theme, render_options);
  if (!anchors.empty()) {
    for (const OutputFile& f : files)
      if (!f.bytes.empty()) anchors.Record(f.path, f.bytes);  // the pages not streamed out
    anchors.Report(sink);
  }
  timer.Mark("render pages");
  if (!flush()) return result;
  timer.Mark("write pages");
  for (OutputFile& f : reflect::RenderReflection(*model, *theme, sink))
    files.push_back(std::move(f));
  for (OutputFile& f : print::RenderHandouts(*model, *theme, print_options, sink))
    files.push_back(std::move(f));
  render::AppendFeeds(*model, &files);  // after every page, so the sitemap lists them all
  if (!flush()) return result;
  timer.Mark("reflect+print");
  OutputFiles index = search_thread.Finish(&emitted, &emit_failure);
  timer.Mark("search (wait)");
  for (OutputFile& f : index) files.push_back(std::move(f));
  index = OutputFiles();
  CopyTree(fs, theme->assets_dir, "assets", &files, sink);
  for (const content::StaticFile& f : model->static_files()) {
    OutputFile out{f.rel_path, {}};
    if (Status s = fs.ReadFile(f.source_path, &out.bytes); !s.ok()) {
      sink->Error({f.source_path, 0, 0}, s.message());
      continue;
    }
    files.push_back(std::move(out));
  }
  if (sink->has_errors()) return result;
  if (!flush()) return result;
  timer.Mark("index+assets");

  // 7b. PDFs of the handouts and the whole-site print page (--pdf only: Chromium).
  if (options.pdf) {
    OutputFiles pdfs;
    if (Status s = print::MakePdfs(*model, files, &pdfs, sink); !s.ok()) {
      result.status = s;
      return result;
    }
    if (sink->has_errors()) return result;
    for (OutputFile& f : pdfs) files.push_back(std::move(f));
  }
  result.files = files.size();

  // 8. Write, atomically, only when everything succeeded.
  if (writer) {
    result.status = writer->Commit();
  } else if (options.write) {
    result.status = output::WriteSite(options.out_dir, files);
  } else {
    result.output = std::move(files);
  }
  timer.Mark("commit");
  files = OutputFiles();
  writer.reset();
  if (options.exiting) {
    static model::SiteModel* left_to_the_os = nullptr;
    delete left_to_the_os;  // a previous build's, should there be one
    left_to_the_os = model.release();
  }
  model.reset();
  timer.Mark("free");
  timer.Total("total");
  return result;
}

}  // namespace kapstok::pipeline
