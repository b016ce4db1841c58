// Internal to the case event codec (nlohmann/json stays in eventstore/codec/*.cc and here): the
// writer and the strict reader that walk the field lists of case_event_fields.h.
// Value forms: strings and booleans as themselves, integers as JSON integers, CivilDate as
// "YYYY-MM-DD", enums by wire name, vectors as arrays, Applicant and Attachment as objects, an
// empty optional omitted. The reader refuses missing, unexpected and mistyped fields and records
// the first problem with the field's path ("applicant.type", "attachments[1].size").
#pragma once

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "domain/cases/case_events.h"
#include "eventstore/codec/case_event_fields.h"

namespace gongkai::eventstore::codec::detail {

using domain::time::CivilDate;
using nlohmann::json;

// Each enum's wire names (the domain's *_name / parse_* pairs).
template <typename E>
struct EnumWire;
template <typename E, auto kName, auto kParse>
struct WireNames {
  static std::string_view name(E value) { return kName(value); }
  static std::optional<E> parse(std::string_view text) { return kParse(text); }
};
template <>
struct EnumWire<cases::Channel>
    : WireNames<cases::Channel, &cases::channel_name, &cases::parse_channel> {};
template <>
struct EnumWire<cases::ConsultationKind>
    : WireNames<cases::ConsultationKind, &cases::consultation_kind_name,
                &cases::parse_consultation_kind> {};
template <>
struct EnumWire<cases::Opinion>
    : WireNames<cases::Opinion, &cases::opinion_name, &cases::parse_opinion> {};
template <>
struct EnumWire<cases::FeeBasis>
    : WireNames<cases::FeeBasis, &cases::fee_basis_name, &cases::parse_fee_basis> {};
template <>
struct EnumWire<cases::ServiceMethod>
    : WireNames<cases::ServiceMethod, &cases::service_method_name, &cases::parse_service_method> {};
template <>
struct EnumWire<cases::ReopenBasis>
    : WireNames<cases::ReopenBasis, &cases::reopen_basis_name, &cases::parse_reopen_basis> {};
template <>
struct EnumWire<cases::RemedyKind>
    : WireNames<cases::RemedyKind, &cases::remedy_kind_name, &cases::parse_remedy_kind> {};
template <>
struct EnumWire<cases::RemedyOutcome>
    : WireNames<cases::RemedyOutcome, &cases::remedy_outcome_name, &cases::parse_remedy_outcome> {};
template <>
struct EnumWire<domain::report::Disposition>
    : WireNames<domain::report::Disposition, &domain::report::disposition_code,
                &domain::report::parse_disposition> {};
template <>
struct EnumWire<domain::report::ApplicantType>
    : WireNames<domain::report::ApplicantType, &domain::report::applicant_type_name,
                &domain::report::parse_applicant_type> {};

template <typename T>
concept WireEnum = std::is_enum_v<T> && requires(T value) {
  EnumWire<T>::name(value);
};
// Structs written as nested objects through their own field list.
template <typename T>
concept NestedObject = std::same_as<T, cases::Applicant> || std::same_as<T, cases::Attachment>;

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

class JsonWriter {
 public:
  explicit JsonWriter(json& out) : out_(out) {}

  template <typename T>
  void field(std::string_view name, const T& value) {
    out_[std::string(name)] = value_of(value);
  }
  template <typename T>
  void field(std::string_view name, const std::optional<T>& value) {
    if (value.has_value()) {  // an empty optional is omitted, never null
      field(name, *value);
    }
  }

 private:
  static json value_of(const std::string& v) { return v; }
  static json value_of(bool v) { return v; }
  static json value_of(int v) { return v; }
  static json value_of(std::int64_t v) { return v; }
  static json value_of(const CivilDate& v) { return v.to_string(); }
  template <WireEnum E>
  static json value_of(E v) {
    return std::string(EnumWire<E>::name(v));
  }
  template <NestedObject T>
  static json value_of(const T& v) {
    json object = json::object();
    JsonWriter writer(object);
    describe(writer, v);
    return object;
  }
  template <typename T>
  static json value_of(const std::vector<T>& items) {
    json array = json::array();
    for (const T& item : items) {
      array.push_back(value_of(item));
    }
    return array;
  }

  json& out_;
};

// Reads one JSON object through a field list. After describe(), call finish() to refuse fields
// the list does not know; then error() is empty on success.
class JsonReader {
 public:
  JsonReader(const json& in, std::string path) : in_(in), path_(std::move(path)) {}

  template <typename T>
  void field(std::string_view name, T& out) {
    if (!error_.empty()) {
      return;
    }
    known_.push_back(name);
    const auto it = in_.find(std::string(name));
    if (it == in_.end()) {
      if constexpr (IsOptional<T>::value) {
        out.reset();
      } else {
        fail(path_ + std::string(name), "missing");
      }
      return;
    }
    read(*it, out, path_ + std::string(name));
  }

  void finish() {
    if (!error_.empty()) {
      return;
    }
    for (const auto& [key, value] : in_.items()) {
      bool known = false;
      for (std::string_view name : known_) {
        known = known || name == key;
      }
      if (!known) {  // a new shape needs a new type version, so an unknown field is corruption
        fail(path_ + key, "unexpected field");
        return;
      }
    }
  }

  [[nodiscard]] const std::string& error() const { return error_; }

 private:
  void fail(const std::string& path, std::string_view problem) {
    if (error_.empty()) {
      error_ = "field '" + path + "': " + std::string(problem);
    }
  }
  void wrong_type(const std::string& path, std::string_view expected, const json& v) {
    fail(path, "expected " + std::string(expected) + ", found " + v.type_name());
  }

  void read(const json& v, std::string& out, const std::string& path) {
    if (!v.is_string()) {
      return wrong_type(path, "a string", v);
    }
    out = v.get_ref<const std::string&>();
  }
  void read(const json& v, bool& out, const std::string& path) {
    if (!v.is_boolean()) {
      return wrong_type(path, "a boolean", v);
    }
    out = v.get<bool>();
  }
  template <typename Int>
  requires std::same_as<Int, int> || std::same_as<Int, std::int64_t>
  void read(const json& v, Int& out, const std::string& path) {
    if (!v.is_number_integer()) {  // true for unsigned too; false for 1.5 and "1"
      return wrong_type(path, "an integer", v);
    }
    if (v.is_number_unsigned()) {
      const auto u = v.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<Int>::max())) {
        return fail(path, "integer out of range");
      }
      out = static_cast<Int>(u);
      return;
    }
    const auto i = v.get<std::int64_t>();
    if constexpr (!std::same_as<Int, std::int64_t>) {
      if (i < std::numeric_limits<Int>::min() || i > std::numeric_limits<Int>::max()) {
        return fail(path, "integer out of range");
      }
    }
    out = static_cast<Int>(i);
  }
  void read(const json& v, CivilDate& out, const std::string& path) {
    if (!v.is_string()) {
      return wrong_type(path, "a date string", v);
    }
    const auto date = CivilDate::parse(v.get_ref<const std::string&>());
    if (!date.has_value()) {
      return fail(path, "not a YYYY-MM-DD date: '" + v.get<std::string>() + "'");
    }
    out = *date;
  }
  template <WireEnum E>
  void read(const json& v, E& out, const std::string& path) {
    if (!v.is_string()) {
      return wrong_type(path, "a name", v);
    }
    const auto value = EnumWire<E>::parse(v.get_ref<const std::string&>());
    if (!value.has_value()) {
      return fail(path, "unknown name '" + v.get<std::string>() + "'");
    }
    out = *value;
  }
  template <typename T>
  void read(const json& v, std::optional<T>& out, const std::string& path) {
    T value{};
    read(v, value, path);  // null is not an empty optional: empty ones are omitted
    out = std::move(value);
  }
  template <typename T>
  void read(const json& v, std::vector<T>& out, const std::string& path) {
    if (!v.is_array()) {
      return wrong_type(path, "an array", v);
    }
    out.clear();
    out.reserve(v.size());
    for (std::size_t i = 0; i < v.size() && error_.empty(); ++i) {
      read(v[i], out.emplace_back(), path + "[" + std::to_string(i) + "]");
    }
  }
  template <NestedObject T>
  void read(const json& v, T& out, const std::string& path) {
    if (!v.is_object()) {
      return wrong_type(path, "an object", v);
    }
    JsonReader nested(v, path + ".");
    describe(nested, out);
    nested.finish();
    if (!nested.error().empty() && error_.empty()) {
      error_ = nested.error();
    }
  }

  const json& in_;
  std::string path_;  // prefix of this object's fields, e.g. "applicant."
  std::vector<std::string_view> known_;
  std::string error_;
};

}  // namespace gongkai::eventstore::codec::detail
