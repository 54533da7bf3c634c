#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace ruptag {

/// A hash map from a pair of 32-bit numbers to a 32-bit number, for lookups that must not
/// chase pointers: open addressing with linear probing in two flat arrays, at most half
/// full. The pair (a, b) is the key `PairMap::key(a, b)`; the pair (0xFFFFFFFF,
/// 0xFFFFFFFF) is reserved for an empty slot. Not thread-safe while written; find() may be
/// called from several threads at once.
class PairMap {
 public:
  /// What find() returns for a key not in the map.
  static constexpr std::uint32_t none = 0xFFFFFFFFU;

  /// The key of the pair (a, b): a in the high half, b in the low.
  static constexpr std::uint64_t key(std::uint32_t a, std::uint32_t b) {
    return (static_cast<std::uint64_t>(a) << 32U) | b;
  }

  /// The value of `key`, or none.
  [[nodiscard]] std::uint32_t find(std::uint64_t key) const {
    if (keys_.empty()) return none;
    const std::size_t mask = keys_.size() - 1;
    for (std::size_t i = hash(key) & mask;; i = (i + 1) & mask) {
      if (keys_[i] == key) return values_[i];
      if (keys_[i] == vacant) return none;
    }
  }

  /// Adds `key` with `value`, or keeps the value it has; `key` must not be the reserved one.
  void insert(std::uint64_t key, std::uint32_t value) {
    if (find(key) != none) return;
    if ((size_ + 1) * 2 > keys_.size()) grow();
    const std::size_t mask = keys_.size() - 1;
    std::size_t i = hash(key) & mask;
    while (keys_[i] != vacant) i = (i + 1) & mask;
    keys_[i] = key;
    values_[i] = value;
    ++size_;
  }

  /// How many keys it holds.
  [[nodiscard]] std::size_t size() const { return size_; }

  /// Whether it holds no key.
  [[nodiscard]] bool empty() const { return size_ == 0; }

  /// Calls `f(key, value)` for every key, in no particular order.
  template <typename F>
  void for_each(F f) const {
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      if (keys_[i] != vacant) f(keys_[i], values_[i]);
    }
  }

  /// Empties it and gives its memory back.
  void clear() {
    keys_ = {};
    values_ = {};
    size_ = 0;
  }

 private:
  static constexpr std::uint64_t vacant = ~std::uint64_t{0};  ///< the key of an empty slot

  // The finaliser of MurmurHash3: every bit of the key moves the slot.
  static constexpr std::uint64_t hash(std::uint64_t key) {
    key ^= key >> 33U;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33U;
    return key;
  }

  void grow() {
    std::vector<std::uint64_t> old_keys = std::move(keys_);
    std::vector<std::uint32_t> old_values = std::move(values_);
    keys_.assign(old_keys.empty() ? 256 : old_keys.size() * 2, vacant);
    values_.assign(keys_.size(), 0);
    size_ = 0;
    for (std::size_t i = 0; i < old_keys.size(); ++i) {
      if (old_keys[i] != vacant) insert(old_keys[i], old_values[i]);
    }
  }

  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> values_;  ///< the value of the key in the same slot
  std::size_t size_ = 0;
};

}  // namespace ruptag
