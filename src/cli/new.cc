#include "cli/new.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "base/file_system.h"
#include "base/messages.h"
#include "base/text.h"
#include "cli/commands.h"
#include "content/loader.h"
#include "schema/json_schema.h"

namespace kapstok::cli {

const char kNewHelp[] =
    "Usage: kapstok new <type> \"<Titel>\" [--project DIR] [--lang nl|en]\n"
    "\n"
    "Creates content/<folder>/<name>.md for a new page of <type>, with every\n"
    "required field and a short comment per field, from\n"
    "templates/archetypes/<type>.md. The name comes from the title: lowercase,\n"
    "without accents, words joined by hyphens ('Café De Ruimte' -> cafe-de-ruimte).\n"
    "An existing file is never overwritten. Prints the new file's path.\n"
    "\n"
    "Exit status: 0 created, 1 errors in kapstok.yaml, 2 usage error, existing file\n"
    "or I/O error.\n";

namespace {

constexpr int kCommentWidth = 88;

std::string EscapeDoubleQuoted(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';  // a title is one line
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// The ids joined by ", ". When the line up to the placeholder is a comment,
// wraps at kCommentWidth into continuation lines "#   ...".
std::string JoinIds(const std::vector<std::string>& ids, std::string_view line_prefix) {
  const bool comment = StartsWith(Trim(line_prefix), "#");
  std::string out;
  size_t column = line_prefix.size();
  for (size_t i = 0; i < ids.size(); ++i) {
    std::string item = ids[i] + (i + 1 < ids.size() ? "," : "");
    if (i > 0) {
      if (comment && column + 1 + item.size() > kCommentWidth) {
        out += "\n#   ";
        column = 4;
      } else {
        out += ' ';
        ++column;
      }
    }
    out += item;
    column += item.size();
  }
  return out;
}

// `text` as '#' comment lines of at most kCommentWidth columns.
std::string Comment(std::string_view text) {
  std::string out, line = "#";
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(pos, end - pos);
    if (line.size() > 1 && CodePointCount(line) + 1 + CodePointCount(word) > kCommentWidth) {
      out += line + "\n";
      line = "#";
    }
    line += " ";
    line += word;
    pos = end + 1;
  }
  return out + line + "\n";
}

std::string Today(const char* format) {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

// Ids of every type, from the file names in content/<folder>/.
std::map<std::string, std::vector<std::string>> ListIds(const FileSystem& fs,
                                                        const std::string& content_dir,
                                                        const config::SiteConfig& config) {
  std::map<std::string, std::vector<std::string>> ids;
  for (const config::TypeDef& t : config.types) {
    std::vector<DirEntry> entries;
    std::vector<std::string>& list = ids[t.id];
    if (!fs.ListTree(JoinPath(content_dir, t.folder), &entries).ok()) continue;
    for (const DirEntry& e : entries) {
      if (!e.is_regular || e.is_symlink || !EndsWith(e.path, ".md")) continue;
      std::string id = e.path.substr(0, e.path.size() - 3);
      if (Slugify(id) == id && !content::IsReservedPageId(id)) list.push_back(id);
    }
  }
  return ids;
}

std::string Placeholder(const config::FieldDef& f) {
  using config::FieldType;
  switch (f.type) {
    case FieldType::kString:
    case FieldType::kText: return Tr("new.placeholder");
    case FieldType::kInt: return std::to_string(f.min.value_or(f.max.value_or(1)));
    case FieldType::kDate: return "{{date}}";
    case FieldType::kBool: return "false";
    case FieldType::kUrl: return "https://example.org/";
    case FieldType::kEnum: return f.values.empty() ? "" : f.values[0];
    case FieldType::kMap: return "{}";
    case FieldType::kList: {
      std::string out;
      for (int64_t i = 0; i < std::max<int64_t>(1, f.min.value_or(1)); ++i)
        out += "\n  - " + Tr("new.placeholder");
      return out;
    }
  }
  return "";
}

int Fail(const std::string& message, const std::string& hint = {}) {
  std::fprintf(stderr, "kapstok new: %s\n", message.c_str());
  if (!hint.empty()) std::fprintf(stderr, "  %s\n", hint.c_str());
  return 2;
}

// Finds the type by id, folder or name, case-insensitively.
const config::TypeDef* FindType(const config::SiteConfig& config, const std::string& word) {
  std::string w = Slugify(word);
  for (const config::TypeDef& t : config.types)
    if (t.id == word || t.folder == word || Slugify(t.id) == w || Slugify(t.name) == w)
      return &t;
  return nullptr;
}

// Creates `path` with `text`; never replaces an existing file (O_EXCL).
// Writing one editor file is not site output, so this does not go through
// the `output` stage.
int CreateFile(const std::string& path, const std::string& text) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0 && errno == EEXIST) return Fail(Tr("new.exists", {path}));
  if (fd < 0) return Fail(Tr("new.write-failed", {path, std::strerror(errno)}));
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int err = errno;
      ::close(fd);
      ::unlink(path.c_str());
      return Fail(Tr("new.write-failed", {path, std::strerror(err)}));
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) return Fail(Tr("new.write-failed", {path, std::strerror(errno)}));
  return 0;
}

}  // namespace

std::string FileNameForTitle(std::string_view title) { return Slugify(title); }

std::optional<std::string> FillArchetype(std::string_view archetype,
                                         const ArchetypeValues& values, std::string* unknown) {
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t open = archetype.find("{{", pos);
    if (open == std::string_view::npos) break;
    size_t close = archetype.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(archetype, pos, open - pos);
    std::string name(archetype.substr(open + 2, close - open - 2));
    size_t line_start = out.rfind('\n');
    std::string_view prefix =
        std::string_view(out).substr(line_start == std::string::npos ? 0 : line_start + 1);
    auto ids_of = [&](const std::string& type) -> const std::vector<std::string>* {
      auto it = values.ids.find(type);
      return it == values.ids.end() ? nullptr : &it->second;
    };
    if (name == "title") {
      out += EscapeDoubleQuoted(values.title);
    } else if (name == "year") {
      out += values.year;
    } else if (name == "date") {
      out += values.date;
    } else if (StartsWith(name, "ids:") && ids_of(name.substr(4))) {
      out += JoinIds(*ids_of(name.substr(4)), prefix);
    } else if (StartsWith(name, "first:") && ids_of(name.substr(6))) {
      const std::vector<std::string>& ids = *ids_of(name.substr(6));
      if (!ids.empty()) out += ids[0];
    } else {
      *unknown = "{{" + name + "}}";
      return std::nullopt;
    }
    pos = close + 2;
  }
  out.append(archetype.substr(pos));
  // An empty expansion ("Kies uit: " without ids) leaves no trailing blanks.
  std::string trimmed;
  for (size_t p = 0, e; p < out.size(); p = e + 1) {
    e = out.find('\n', p);
    if (e == std::string::npos) e = out.size();
    std::string_view line = std::string_view(out).substr(p, e - p);
    while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
    trimmed.append(line);
    if (e < out.size()) trimmed += '\n';
  }
  return trimmed;
}

std::string DefaultArchetype(const config::SiteConfig& config, const config::TypeDef& type) {
  std::string out = "---\n# yaml-language-server: $schema=" +
                    schema::SchemaRefFromContent(type.id) + "\n";
  out += "title: \"{{title}}\"\n";
  for (const config::FieldDef& f : type.fields) {
    out += "\n" + Comment(f.label + ": " + schema::DescribeFieldKind(f) +
                           (f.required ? " " + Tr("schema.required") : ""));
    std::string value = Placeholder(f);
    std::string sep = value.empty() || value[0] == '\n' ? ":" : ": ";
    out += (f.required ? "" : "# ") + f.name + sep + value + "\n";
  }
  for (const config::RelationDef& r : type.relations) {
    const config::TypeDef* target = config.FindType(r.target);
    out += "\n" + Comment((r.label.empty() ? r.name : r.label) + ": " +
                           Tr(r.many ? "schema.relation-many" : "schema.relation-one",
                              {r.target, target ? target->folder : r.target}) +
                           (r.required ? " " + Tr("schema.required") : ""));
    out += "# " + Tr("new.choose-from") + " {{ids:" + r.target + "}}\n";
    std::string value = r.many ? "[{{first:" + r.target + "}}]" : "{{first:" + r.target + "}}";
    out += (r.required ? "" : "# ") + r.name + ": " + value + "\n";
  }
  out += "---\n" + Tr("new.body") + "\n";
  return out;
}

int New(const std::vector<std::string>& args) {
  auto flags = ParseFlags(args, {"project", "lang"}, {}, kNewHelp);
  if (!flags) return 2;
  const std::string project = flags->Get("project", ".");
  ChooseLanguage(*flags, project);
  if (flags->positional.size() < 2) {
    std::fputs(kNewHelp, stderr);
    return 2;
  }
  std::string title;
  for (size_t i = 1; i < flags->positional.size(); ++i)
    title += (i > 1 ? " " : "") + flags->positional[i];
  title = std::string(Trim(title));

  const FileSystem& fs = RealFileSystem();
  const std::string config_path = JoinPath(project, "kapstok.yaml");
  std::string config_text;
  if (Status s = fs.ReadFile(config_path, &config_text); !s.ok()) return Fail(s.message());
  DiagnosticSink sink;
  std::optional<config::SiteConfig> config = config::ParseConfig(config_text, config_path, &sink);
  if (!config) {
    PrintDiagnostics(sink, "human");
    return 1;
  }
  const config::TypeDef* type = FindType(*config, flags->positional[0]);
  if (!type) {
    std::vector<std::string> ids = config->TypeIds();
    std::string near = ClosestMatch(flags->positional[0], ids);
    std::string all;
    for (const std::string& id : ids) all += (all.empty() ? "" : ", ") + id;
    return Fail(Tr("new.unknown-type", {flags->positional[0]}),
                near.empty() ? Tr("new.types", {all}) : Tr("hint.did-you-mean", {near}));
  }
  const std::string name = FileNameForTitle(title);
  if (name.empty()) return Fail(Tr("new.bad-title", {title}));
  if (content::IsReservedPageId(name) || name == "_index")
    return Fail(Tr("new.reserved", {name + ".md"}));

  const std::string content_dir = JoinPath(project, "content");
  const std::string path = JoinPath(content_dir, type->folder + "/" + name + ".md");
  std::string archetype;
  const std::string archetype_path = JoinPath(project, "templates/archetypes/" + type->id + ".md");
  if (!fs.ReadFile(archetype_path, &archetype).ok()) archetype = DefaultArchetype(*config, *type);

  ArchetypeValues values{title, Today("%Y"), Today("%Y-%m-%d"),
                         ListIds(fs, content_dir, *config)};
  std::string unknown;
  std::optional<std::string> text = FillArchetype(archetype, values, &unknown);
  if (!text) return Fail(archetype_path + ": " + Tr("new.bad-archetype", {unknown}));
  if (int rc = CreateFile(path, *text); rc != 0) return rc;
  std::printf("%s\n", path.c_str());
  std::fprintf(stderr, "%s\n", Tr("new.created", {path}).c_str());
  return 0;
}

}  // namespace kapstok::cli
