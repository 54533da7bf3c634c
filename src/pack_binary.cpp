#include "ruptag/pack_binary.hpp"

#include <cstdint>
#include <cstring>
#include <map>
#include <type_traits>

#include "ruptag/error.hpp"

namespace ruptag {
namespace {

constexpr std::string_view magic = "ruptag-pack";
constexpr std::uint32_t format_version = 14;

// One description of every structure, used for both directions: `a(field)` writes
// the field with a Writer and reads it into place with a Reader.
template <typename A>
void io(A& a, Location& x) {
  a(x.file, x.line, x.column);
}
template <typename A>
void io(A& a, TermList& x) {
  a(x.terms, x.where, x.list_where);
}
template <typename A>
void io(A& a, NearClause& x) {
  a(x.a, x.b, x.within);
}
template <typename A>
void io(A& a, WordsClause& x) {
  a(x.min, x.max, x.ignore);
}
template <typename A>
void io(A& a, CountClause& x) {
  a(x.terms, x.min, x.max);
}
template <typename A>
void io(A& a, RatioClause& x) {
  a(x.terms, x.min, x.max);
}
template <typename A>
void io(A& a, OverlapClause& x) {
  a(x.min, x.max);
}
template <typename A>
void io(A& a, RunClause& x) {
  a(x.condition, x.min);
}
template <typename A>
void io(A& a, CueTest& x) {
  a(x.kind, x.op, x.seconds);
}
template <typename A>
void io(A& a, Clauses& x) {
  a(x.terms, x.regex, x.regex_where, x.near, x.count, x.words, x.ratio, x.overlap, x.question, x.cues, x.cue,
    x.after, x.not_after, x.run, x.speaker, x.negation, x.negation_window, x.exceptions, x.unless, x.with,
    x.start_within, x.after_finding, x.after_finding_where, x.where);
}
template <typename A>
void io(A& a, Examples& x) {
  a(x.match, x.match_where, x.no_match, x.no_match_where);
}
template <typename A>
void io(A& a, Rule& x) {
  a(x.id, x.clauses, x.weight, x.examples, x.enabled, x.where);
}
template <typename A>
void io(A& a, CodeDef& x) {
  a(x.id, x.category, x.name, x.description, x.examples, x.repairs, x.rules, x.where);
}
template <typename A>
void io(A& a, PackManifest& x) {
  a(x.id, x.language, x.version, x.name, x.description, x.extends);
}
template <typename A>
void io(A& a, PackSettings& x) {
  a(x.fold_diacritics, x.negation_window, x.negation_window_after, x.stem_length, x.repair_window,
    x.resolution_window);
}
template <typename A>
void io(A& a, QuestionWords& x) {
  a(x.open, x.closed);
}
template <typename A>
void io(A& a, ModelFeature& x) {
  a(x.key, x.classes, x.weights);
}
template <typename A>
void io(A& a, TurnModel& x) {
  a(x.threshold, x.veto, x.veto_rules, x.classes, x.bias, x.features, x.where);
}
template <typename A>
void io(A& a, RulePack& x) {
  a(x.manifest, x.settings, x.negation_cues, x.pseudo_negations, x.stopwords, x.detect, x.aliases,
    x.aliases_where, x.questions, x.lexicons, x.conditions, x.codes, x.disabled, x.model);
}

template <typename T>
struct is_vector : std::false_type {};
template <typename T>
struct is_vector<std::vector<T>> : std::true_type {};
template <typename T>
struct is_optional : std::false_type {};
template <typename T>
struct is_optional<std::optional<T>> : std::true_type {};
template <typename T>
struct is_map : std::false_type {};
template <typename K, typename V>
struct is_map<std::map<K, V>> : std::true_type {};
template <typename T>
struct is_pair : std::false_type {};
template <typename K, typename V>
struct is_pair<std::pair<K, V>> : std::true_type {};

class Writer {
 public:
  template <typename... T>
  void operator()(const T&... values) {
    (one(values), ...);
  }
  std::string take() { return std::move(out_); }

 private:
  void raw(const void* data, std::size_t size) { out_.append(static_cast<const char*>(data), size); }
  void size(std::size_t n) {  // LEB128
    do {
      auto byte = static_cast<std::uint8_t>(n & 0x7F);
      n >>= 7;
      if (n != 0) byte |= 0x80;
      raw(&byte, 1);
    } while (n != 0);
  }

  template <typename T>
  void one(const T& v) {
    if constexpr (std::is_same_v<T, Location>) {
      // a file name is written once, then referred to by its number
      const auto [it, fresh] = files_.try_emplace(v.file, files_.size());
      size(it->second);
      if (fresh) one(v.file);
      size(v.line);
      size(v.column);
    } else if constexpr (std::is_same_v<T, std::size_t>) {
      size(v);
    } else if constexpr (std::is_same_v<T, std::string>) {
      size(v.size());
      raw(v.data(), v.size());
    } else if constexpr (std::is_same_v<T, bool>) {
      const auto b = static_cast<std::uint8_t>(v ? 1 : 0);
      raw(&b, 1);
    } else if constexpr (std::is_enum_v<T>) {
      const auto e = static_cast<std::int32_t>(v);
      raw(&e, sizeof e);
    } else if constexpr (std::is_arithmetic_v<T>) {
      raw(&v, sizeof v);
    } else if constexpr (is_optional<T>::value) {
      one(v.has_value());
      if (v) one(*v);
    } else if constexpr (is_vector<T>::value || is_map<T>::value) {
      size(v.size());
      for (const auto& item : v) one(item);
    } else if constexpr (is_pair<T>::value) {
      one(v.first);
      one(v.second);
    } else {
      io(*this, const_cast<T&>(v));  // io() only reads the fields when given a Writer
    }
  }

  std::string out_;
  std::map<std::string, std::size_t> files_;
};

class Reader {
 public:
  Reader(std::string_view in, bool lean) : in_(in), lean_(lean) {}

  template <typename... T>
  void operator()(T&... values) {
    (one(values), ...);
  }
  [[nodiscard]] bool at_end() const { return pos_ == in_.size(); }
  /// The next `n` bytes, starting at a multiple of `align` from the start, in place.
  std::string_view block(std::size_t n, std::size_t align) {
    while (pos_ % align != 0) ++pos_;
    if (pos_ > in_.size() || n > in_.size() - pos_) corrupt();
    const std::string_view out = in_.substr(pos_, n);
    pos_ += n;
    return out;
  }

 private:
  [[noreturn]] static void corrupt() { throw pack_error({}, "the embedded rule pack is damaged"); }

  void raw(void* data, std::size_t n) {
    if (n > in_.size() - pos_) corrupt();
    std::memcpy(data, in_.data() + pos_, n);
    pos_ += n;
  }
  std::size_t number() {  // LEB128
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      std::uint8_t byte = 0;
      raw(&byte, 1);
      v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) return static_cast<std::size_t>(v);
    }
    corrupt();
  }
  std::size_t size() {
    const std::size_t v = number();
    if (v > in_.size() - pos_) corrupt();  // no list is longer than the bytes left
    return v;
  }

  template <typename T>
  void one(T& v) {
    if constexpr (std::is_same_v<T, Location>) {
      const std::size_t file = number();
      if (file == files_.size()) {
        files_.emplace_back();
        one(files_.back());
      }
      if (file >= files_.size()) corrupt();
      if (!lean_) v.file = files_[file];
      v.line = number();
      v.column = number();
    } else if constexpr (std::is_same_v<T, Examples>) {
      if (!lean_) {
        io(*this, v);
        return;
      }
      thread_local Examples skipped;  // read past them, keeping nothing
      io(*this, skipped);
    } else if constexpr (std::is_same_v<T, TermList>) {
      if (!lean_) {
        io(*this, v);
        return;
      }
      // The prebuilt index holds the terms: keep the lexicon references and one literal
      // (compiling needs to know a list has its own terms), not thousands of strings.
      thread_local std::string term;
      thread_local std::vector<Location> where;
      v.terms.clear();
      bool literal = false;
      for (std::size_t n = size(); n > 0; --n) {
        one(term);
        const bool reference = !term.empty() && term.front() == '@';
        if (reference || !literal) v.terms.push_back(term);
        literal = literal || !reference;
      }
      one(where);
      one(v.list_where);
    } else if constexpr (std::is_same_v<T, std::size_t>) {
      v = number();
    } else if constexpr (std::is_same_v<T, std::string>) {
      v.resize(size());
      raw(v.data(), v.size());
    } else if constexpr (std::is_same_v<T, bool>) {
      std::uint8_t b = 0;
      raw(&b, 1);
      v = b != 0;
    } else if constexpr (std::is_enum_v<T>) {
      std::int32_t e = 0;
      raw(&e, sizeof e);
      v = static_cast<T>(e);
    } else if constexpr (std::is_arithmetic_v<T>) {
      raw(&v, sizeof v);
    } else if constexpr (is_optional<T>::value) {
      bool present = false;
      one(present);
      if (present) {
        v.emplace();
        one(*v);
      } else {
        v.reset();
      }
    } else if constexpr (is_vector<T>::value) {
      v.resize(size());
      for (auto& item : v) one(item);
    } else if constexpr (is_map<T>::value) {
      v.clear();
      const std::size_t n = size();
      for (std::size_t i = 0; i < n; ++i) {
        typename T::key_type key;
        typename T::mapped_type value;
        one(key);
        one(value);
        v.emplace(std::move(key), std::move(value));
      }
    } else if constexpr (is_pair<T>::value) {
      one(v.first);
      one(v.second);
    } else {
      io(*this, v);
    }
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  bool lean_;
  std::vector<std::string> files_;
};

}  // namespace

// Layout: magic, version, the pack, then the term index (when there is one) at a
// 16-byte boundary, so that an embedded index is used where it lies.
std::string encode_pack(const RulePack& pack, const TermIndex* index) {
  Writer w;
  const std::string encoded_index = index != nullptr ? index->encode() : std::string();
  w(std::string(magic), format_version, pack.manifest.language, pack.detect.terms, pack, index != nullptr,
    encoded_index.size());
  std::string out = w.take();
  while (out.size() % 16 != 0) out += '\0';
  return out + encoded_index;
}

namespace {

// Reads the head: magic, version, and the language and detect words (kept up front so
// that language detection need not decode the whole pack).
PackProfile read_head(Reader& r) {
  std::string head;
  std::uint32_t version = 0;
  r(head, version);
  if (head != magic || version != format_version) {
    throw pack_error({}, "the embedded rule pack was written by another version of ruptag; rebuild");
  }
  PackProfile profile;
  r(profile.language, profile.detect);
  return profile;
}

}  // namespace

PackProfile decode_pack_profile(std::string_view bytes) {
  Reader r(bytes, true);
  return read_head(r);
}

DecodedPack decode_pack(std::string_view bytes, bool lean) {
  Reader r(bytes, lean);
  read_head(r);
  DecodedPack out;
  bool has_index = false;
  std::size_t index_size = 0;
  r(out.pack, has_index, index_size);
  const std::string_view index = r.block(index_size, 16);
  if (!r.at_end()) throw pack_error({}, "the embedded rule pack is damaged");
  if (has_index) {
    try {
      out.index = TermIndex::decode(index);
    } catch (const std::runtime_error&) {
      throw pack_error({}, "the embedded rule pack is damaged");
    }
  }
  return out;
}

}  // namespace ruptag
