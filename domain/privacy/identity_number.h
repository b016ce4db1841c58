// Identity numbers as personal information (DOMAIN.md section 6, PIPL): the masked form that list
// views, logs and exports show, and the normalised form the fee rules count applications by
// (DOMAIN.md section 5: "by a normalised identity number").
#pragma once

#include <string>
#include <string_view>

namespace gongkai::domain::privacy {

// Keeps the first 6 and the last 4 characters and replaces each one between with '*':
// "370303199001011234" -> "370303********1234". Counts UTF-8 code points, not bytes.
// Interpretation: a value of 10 characters or fewer would be shown whole by that rule, so it is
// masked entirely.
[[nodiscard]] std::string mask_id_number(std::string_view id_number);

// The form two spellings of the same number share: spaces and hyphens removed, full-width digits
// and Latin letters (as typed with a Chinese input method) turned into ASCII, letters upper-case
// ("37030319900101123x" and "３７０３０３ 19900101123X" are the same person).
[[nodiscard]] std::string normalise_id_number(std::string_view id_number);

}  // namespace gongkai::domain::privacy
