#include "template/parser.h"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "template/lexer.h"
#include "template/value.h"

namespace kapstok::tmpl::internal {
namespace {

bool IsOpening(TokenKind k) {
  return k == TokenKind::kSection || k == TokenKind::kInverted || k == TokenKind::kParent ||
         k == TokenKind::kBlock;
}

const char* KindWord(TokenKind k) {
  switch (k) {
    case TokenKind::kInverted: return "inverted section";
    case TokenKind::kParent: return "parent";
    case TokenKind::kBlock: return "block";
    default: return "section";
  }
}

// One line of the template: tokens [begin, end).
struct Line {
  int begin = 0;
  int end = 0;
  bool standalone = false;
  int first_tag = -1;
};

// The text of a line-ending text token without its "\n" or "\r\n".
std::string_view WithoutNewline(std::string_view s) {
  if (!s.empty() && s.back() == '\n') s.remove_suffix(1);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

bool IsBlank(std::string_view s) {
  return WithoutNewline(s).find_first_not_of(" \t") == std::string_view::npos;
}

class Parser {
 public:
  Parser(Template* t, DiagnosticSink* sink) : t_(t), sink_(sink) {}

  bool Run() {
    if (!Tokenize(t_->source, t_->path, sink_, &tokens_)) return false;
    if (!MatchSections()) return false;
    SplitLines();
    for (Line& line : lines_) ApplyStandalone(line);
    for (int i = 0; i < static_cast<int>(tokens_.size()); ++i) {
      if (tokens_[i].kind == TokenKind::kBlock && tokens_[i].standalone) DedentBlock(i);
    }
    Build(0, static_cast<int>(tokens_.size()), &t_->nodes);
    return true;
  }

 private:
  void Error(const Token& at, std::string message) {
    ReportAt(sink_, t_->path, t_->source, at.line, ColumnAt(t_->source, at.offset),
             std::move(message));
  }

  // Pairs every opening tag with its closing tag (Token::match).
  bool MatchSections() {
    std::vector<int> open;
    for (int i = 0; i < static_cast<int>(tokens_.size()); ++i) {
      Token& tok = tokens_[i];
      if (IsOpening(tok.kind)) open.push_back(i);
      if (tok.kind != TokenKind::kClose) continue;
      if (open.empty()) {
        Error(tok, "closing tag '" + tok.name + "' has no open section");
        return false;
      }
      Token& o = tokens_[open.back()];
      if (o.name != tok.name) {
        Error(tok, "closing tag '" + tok.name + "' does not match the open " + KindWord(o.kind) +
                       " '" + o.name + "' (opened at " + std::to_string(o.line) + ":" +
                       std::to_string(ColumnAt(t_->source, o.offset)) + ")");
        return false;
      }
      o.match = i;
      tok.match = open.back();
      open.pop_back();
    }
    for (int i : open) {
      Error(tokens_[i], std::string(KindWord(tokens_[i].kind)) + " '" + tokens_[i].name +
                            "' opened here is never closed");
    }
    return open.empty();
  }

  void SplitLines() {
    Line line;
    for (int i = 0; i < static_cast<int>(tokens_.size()); ++i) {
      tokens_[i].line_index = static_cast<int>(lines_.size());
      const Token& tok = tokens_[i];
      if (tok.kind == TokenKind::kText && !tok.text.empty() && tok.text.back() == '\n') {
        line.end = i + 1;
        lines_.push_back(line);
        line = Line{i + 1, i + 1};
      }
    }
    line.end = static_cast<int>(tokens_.size());
    if (line.begin < line.end) lines_.push_back(line);
  }

  // Two adjacent tags that the inheritance spec lets share a standalone line:
  // {{<p}}{{/p}}, {{$b}}{{/b}}, {{<p}}{{$b}} and {{/b}}{{/p}}.
  bool IsStandalonePair(int a, int b) const {
    const Token& x = tokens_[a];
    const Token& y = tokens_[b];
    if (b != a + 1) return false;
    if ((x.kind == TokenKind::kParent || x.kind == TokenKind::kBlock) && x.match == b) return true;
    if (x.kind == TokenKind::kParent && y.kind == TokenKind::kBlock) return true;
    return x.kind == TokenKind::kClose && y.kind == TokenKind::kClose &&
           tokens_[x.match].kind == TokenKind::kBlock &&
           tokens_[y.match].kind == TokenKind::kParent;
  }

  // A line holding only whitespace and one tag that is not an interpolation
  // (or one of the pairs above) is standalone: its whitespace and newline are
  // dropped, and the leading whitespace becomes the tag's indentation.
  void ApplyStandalone(Line& line) {
    std::vector<int> tags;
    bool blank = true;
    for (int i = line.begin; i < line.end; ++i) {
      if (tokens_[i].kind == TokenKind::kText) {
        blank = blank && IsBlank(tokens_[i].text);
      } else {
        tags.push_back(i);
        blank = blank && CanBeStandalone(tokens_[i].kind);
      }
    }
    line.standalone = blank && (tags.size() == 1 ||
                                (tags.size() == 2 && IsStandalonePair(tags[0], tags[1])));
    if (!line.standalone) {
      tokens_[line.begin].line_start = true;
      return;
    }
    line.first_tag = tags[0];
    Token& first = tokens_[tags[0]];
    for (int i = line.begin; i < tags[0]; ++i) first.indent += tokens_[i].text;
    for (int t : tags) tokens_[t].standalone = true;
    for (int i = line.begin; i < line.end; ++i) {
      if (tokens_[i].kind == TokenKind::kText) tokens_[i].removed = true;
    }
    // An empty block on its own line keeps the line's newline (the block's
    // content takes the line's place).
    Token& last = tokens_[line.end - 1];
    if (tags.size() == 2 && first.kind == TokenKind::kBlock && last.kind == TokenKind::kText &&
        tags[1] < line.end - 1) {
      last.removed = false;
      last.text = last.text.substr(WithoutNewline(last.text).size());
    }
  }

  // The leading whitespace of a line, considering only tokens before `stop`;
  // sets *blank for lines with nothing but whitespace.
  std::string_view LeadingWhitespace(const Line& line, int stop, bool* blank) const {
    *blank = false;
    if (line.standalone) return tokens_[line.first_tag].indent;
    if (line.begin >= stop) {
      *blank = true;
      return {};
    }
    const Token& first = tokens_[line.begin];
    if (first.kind != TokenKind::kText) return {};
    bool only_text = true;
    for (int i = line.begin; i < std::min(line.end, stop); ++i) {
      only_text = only_text && tokens_[i].kind == TokenKind::kText && IsBlank(tokens_[i].text);
    }
    *blank = only_text;
    size_t n = first.text.find_first_not_of(" \t");
    return first.text.substr(0, n == std::string_view::npos ? first.text.size() : n);
  }

  // A block whose opening tag is standalone has the indentation common to its
  // body's lines removed; it is re-added (or replaced) where the block expands.
  // Runs outer blocks first, so a nested block sees its outer block's dedent.
  void DedentBlock(int open) {
    const int close = tokens_[open].match;
    const int first_line = tokens_[open].line_index + 1;
    int last_line = tokens_[close].line_index;
    if (lines_[last_line].standalone) --last_line;
    std::string prefix;
    bool have_prefix = false;
    for (int l = first_line; l <= last_line; ++l) {
      bool blank;
      std::string_view lead = LeadingWhitespace(lines_[l], close, &blank);
      if (blank) continue;
      if (!have_prefix) {
        prefix = std::string(lead);
        have_prefix = true;
      }
      size_t n = 0;
      while (n < prefix.size() && n < lead.size() && prefix[n] == lead[n]) ++n;
      prefix.resize(n);
    }
    for (int l = first_line; l <= last_line && !prefix.empty(); ++l) {
      const Line& line = lines_[l];
      if (line.standalone) {
        std::string& indent = tokens_[line.first_tag].indent;
        indent.erase(0, std::min(indent.size(), prefix.size()));
      } else if (line.begin < close && tokens_[line.begin].kind == TokenKind::kText) {
        std::string_view& text = tokens_[line.begin].text;
        size_t n = 0;
        while (n < prefix.size() && n < text.size() && text[n] == prefix[n]) ++n;
        text.remove_prefix(n);
      }
    }
    block_indent_[open] = prefix;
  }

  static std::vector<NamePart> SplitPath(const std::string& name) {
    std::vector<NamePart> parts;
    if (name == ".") return parts;
    parts.reserve(static_cast<size_t>(std::count(name.begin(), name.end(), '.')) + 1);
    size_t start = 0;
    while (true) {
      size_t dot = name.find('.', start);
      std::string key = name.substr(start, dot == std::string::npos ? dot : dot - start);
      NamePart part;
      part.hash = HashKey(key);
      part.tag = KeyTag::Of(key);
      part.bloom_bit = ValueObject::BloomBit(part.hash);
      part.key = std::move(key);
      parts.push_back(std::move(part));
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    return parts;
  }

  // Appends a text node (or extends the last one) at a line start.
  static Node& TextNode(std::vector<Node>* out) {
    if (out->empty() || out->back().kind != NodeKind::kText) {
      out->emplace_back();
      out->back().kind = NodeKind::kText;
    }
    return out->back();
  }

  // Builds nodes for tokens [begin, end) into *out.
  void Build(int begin, int end, std::vector<Node>* out) {
    for (int i = begin; i < end; ++i) {
      const Token& tok = tokens_[i];
      if (tok.line_start) {
        Node& text = TextNode(out);
        text.line_starts.push_back(static_cast<uint32_t>(text.text.size()));
      }
      switch (tok.kind) {
        case TokenKind::kText:
          if (!tok.removed) TextNode(out).text += tok.text;
          break;
        case TokenKind::kComment:
        case TokenKind::kSetDelimiter:
        case TokenKind::kClose:
          break;
        default:
          out->push_back(TagNode(tok, i));
          if (tok.match >= 0) i = tok.match;
          break;
      }
    }
  }

  Node TagNode(const Token& tok, int index) {
    Node n;
    switch (tok.kind) {
      case TokenKind::kVariable: n.kind = NodeKind::kVariable; break;
      case TokenKind::kUnescaped: n.kind = NodeKind::kUnescaped; break;
      case TokenKind::kSection: n.kind = NodeKind::kSection; break;
      case TokenKind::kInverted: n.kind = NodeKind::kInverted; break;
      case TokenKind::kPartial: n.kind = NodeKind::kPartial; break;
      case TokenKind::kParent: n.kind = NodeKind::kParent; break;
      default: n.kind = NodeKind::kBlock; break;
    }
    n.text = tok.name;
    if (n.kind != NodeKind::kBlock && (tok.dynamic || (n.kind != NodeKind::kPartial &&
                                                       n.kind != NodeKind::kParent))) {
      n.path = SplitPath(tok.name);
    }
    n.dynamic = tok.dynamic;
    n.standalone = tok.standalone;
    n.indent = tok.indent;
    n.line = tok.line;
    n.offset = static_cast<uint32_t>(tok.offset);
    if (tok.match >= 0) Build(index + 1, tok.match, &n.children);
    if (n.kind == NodeKind::kBlock) {
      auto it = block_indent_.find(index);
      if (it != block_indent_.end()) n.body_indent = it->second;
    }
    if (n.kind == NodeKind::kParent) {
      // Only the blocks directly inside a parent tag matter; other content is ignored.
      std::vector<Node> blocks;
      for (Node& c : n.children) {
        if (c.kind == NodeKind::kBlock) blocks.push_back(std::move(c));
      }
      n.children = std::move(blocks);
    }
    return n;
  }

  Template* t_;
  DiagnosticSink* sink_;
  std::vector<Token> tokens_;
  std::vector<Line> lines_;
  std::map<int, std::string> block_indent_;
};

}  // namespace

std::unique_ptr<Template> ParseTemplate(std::string name, std::string path, std::string source,
                                        DiagnosticSink* sink) {
  auto t = std::make_unique<Template>();
  t->name = std::move(name);
  t->path = std::move(path);
  t->source = std::move(source);
  if (!Parser(t.get(), sink).Run()) return nullptr;
  return t;
}

}  // namespace kapstok::tmpl::internal
