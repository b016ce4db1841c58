#include "domain/privacy/identity_number.h"

#include <catch2/catch.hpp>

using gongkai::domain::privacy::mask_id_number;
using gongkai::domain::privacy::normalise_id_number;

TEST_CASE("identity numbers are masked but the first 6 and last 4 characters",
          "[domain][privacy]") {
  CHECK(mask_id_number("370303199001011234") == "370303********1234");
  CHECK(mask_id_number("G12345678901") == "G12345**8901");
  CHECK(mask_id_number("12345678901") == "123456*8901");
  // Short values would be shown whole: masked entirely instead.
  CHECK(mask_id_number("1234567890") == "**********");
  CHECK(mask_id_number("") == "");
  // Code points, not bytes: a full-width character is one character.
  CHECK(mask_id_number("３７０３０３199001011234") == "３７０３０３********1234");
  // A byte that starts no whole code point (here a sequence cut short) counts as one.
  CHECK(mask_id_number("12345678901\xe4\xb8") == "123456***01\xe4\xb8");
}

TEST_CASE("identity numbers normalise to one spelling per person", "[domain][privacy]") {
  CHECK(normalise_id_number("37030319900101123x") == "37030319900101123X");
  CHECK(normalise_id_number(" 370303 19900101-123X ") == "37030319900101123X");
  CHECK(normalise_id_number("３７０３０３１９９００１０１１２３ｘ") == "37030319900101123X");
  CHECK(normalise_id_number("370303\u300019900101123X") == "37030319900101123X");
  CHECK(normalise_id_number("护照E1234567") == "护照E1234567");
  CHECK(normalise_id_number("37030319900101123X") == normalise_id_number("37030319900101123x"));
  // ASCII and its full-width spelling (ideographic spaces for spaces) normalise alike.
  CHECK(normalise_id_number("g-12 345\tab") == "G12345AB");
  CHECK(normalise_id_number("ｇ－１２\u3000３４５\tａｂ") == "G12345AB");
  CHECK(normalise_id_number("") == "");
}
