#include "projections/key_order.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>

namespace gongkai::projections {
namespace {

constexpr std::size_t kWordBytes = 8;

struct Item {
  std::uint64_t word;  // the key's bytes at the depth being sorted, big-endian, zero-padded
  std::size_t index;
};

std::uint64_t word_at(std::string_view key, std::size_t depth) {
  std::uint64_t word = 0;
  if (depth < key.size()) {
    std::memcpy(&word, key.data() + depth, std::min(kWordBytes, key.size() - depth));
  }
  if constexpr (std::endian::native == std::endian::little) word = __builtin_bswap64(word);
  return word;
}

// Sorts `items`, whose keys share their first `depth` bytes.
void sort_from(std::span<Item> items, std::span<const std::string_view> keys, std::size_t depth) {
  while (items.size() > 1) {
    for (Item& item : items) item.word = word_at(keys[item.index], depth);
    const auto by_word = [](const Item& a, const Item& b) { return a.word < b.word; };
    const std::uint64_t first = items.front().word;
    if (!std::all_of(items.begin(), items.end(), [&](const Item& i) { return i.word == first; })) {
      std::sort(items.begin(), items.end(), by_word);
    }
    // Runs of keys that tie on these 8 bytes. A key that ends within them (zero-padded) is a
    // prefix of every longer key of its run, and goes first; the longer ones are sorted further.
    std::span<Item> last_run;
    for (auto run = items.begin(); run != items.end();) {
      auto run_end = run + 1;
      while (run_end != items.end() && run_end->word == run->word) ++run_end;
      if (run_end - run == 1) {  // most keys: placed by these 8 bytes alone
        run = run_end;
        continue;
      }
      const auto longer = std::partition(run, run_end, [&](const Item& item) {
        return keys[item.index].size() <= depth + kWordBytes;
      });
      std::sort(run, longer, [&](const Item& a, const Item& b) {
        return keys[a.index].size() < keys[b.index].size();
      });
      if (run == items.begin() && run_end == items.end()) {
        last_run = {longer, run_end};  // all tie: go on here rather than recurse
      } else {
        sort_from({longer, run_end}, keys, depth + kWordBytes);
      }
      run = run_end;
    }
    items = last_run;
    depth += kWordBytes;
  }
}

}  // namespace

std::vector<std::size_t> bytewise_order(std::span<const std::string_view> keys) {
  std::vector<Item> items(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) items[i].index = i;
  sort_from(items, keys, 0);
  std::vector<std::size_t> order(keys.size());
  for (std::size_t i = 0; i < items.size(); ++i) order[i] = items[i].index;
  return order;
}

}  // namespace gongkai::projections
