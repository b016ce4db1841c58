// Status and Result<T>: how every module reports an expected failure as a value.
//
// Pick the most specific code (STYLE.md section 3):
//   invalid_argument    malformed input, whatever the state
//   not_found           the object does not exist (or may not be seen)
//   failed_precondition a domain rule refuses the command in this state; `reason` names the rule
//   conflict            the expected stream version did not match: re-read and retry
//   unauthenticated / permission_denied
//   resource_exhausted  limits and quotas
//   unavailable         a dependency is down for now (e.g. the store stopped after an I/O error)
//   internal            a bug or corrupt data
// `reason` is a stable machine-readable code (sent as the API's `code`); `message` is for people.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace gongkai::domain {

enum class Code {
  ok,
  invalid_argument,
  not_found,
  failed_precondition,
  conflict,
  unauthenticated,
  permission_denied,
  resource_exhausted,
  unavailable,
  internal,
};

[[nodiscard]] constexpr std::string_view code_name(Code code) {
  switch (code) {
    case Code::ok: return "ok";
    case Code::invalid_argument: return "invalid_argument";
    case Code::not_found: return "not_found";
    case Code::failed_precondition: return "failed_precondition";
    case Code::conflict: return "conflict";
    case Code::unauthenticated: return "unauthenticated";
    case Code::permission_denied: return "permission_denied";
    case Code::resource_exhausted: return "resource_exhausted";
    case Code::unavailable: return "unavailable";
    case Code::internal: return "internal";
  }
  return "unknown";
}

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  Status(Code code, std::string reason, std::string message)
      : code_(code), reason_(std::move(reason)), message_(std::move(message)) {}

  static Status ok_status() { return {}; }

  [[nodiscard]] bool ok() const { return code_ == Code::ok; }
  [[nodiscard]] Code code() const { return code_; }
  // The stable machine-readable reason, e.g. "extension_already_used" or "version_conflict".
  [[nodiscard]] const std::string& reason() const { return reason_; }
  [[nodiscard]] const std::string& message() const { return message_; }

 private:
  Code code_ = Code::ok;
  std::string reason_;
  std::string message_;
};

inline Status invalid_argument(std::string reason, std::string message) {
  return {Code::invalid_argument, std::move(reason), std::move(message)};
}
inline Status not_found(std::string reason, std::string message) {
  return {Code::not_found, std::move(reason), std::move(message)};
}
inline Status failed_precondition(std::string reason, std::string message) {
  return {Code::failed_precondition, std::move(reason), std::move(message)};
}
inline Status permission_denied(std::string reason, std::string message) {
  return {Code::permission_denied, std::move(reason), std::move(message)};
}
inline Status conflict(std::string reason, std::string message) {
  return {Code::conflict, std::move(reason), std::move(message)};
}
inline Status unavailable(std::string reason, std::string message) {
  return {Code::unavailable, std::move(reason), std::move(message)};
}
inline Status internal_error(std::string reason, std::string message) {
  return {Code::internal, std::move(reason), std::move(message)};
}

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : state_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(state_).ok() && "a Result holding a Status must hold an error");
  }

  [[nodiscard]] bool ok() const { return std::holds_alternative<T>(state_); }
  [[nodiscard]] const T& value() const& { return std::get<T>(state_); }
  [[nodiscard]] T& value() & { return std::get<T>(state_); }
  [[nodiscard]] T&& value() && { return std::get<T>(std::move(state_)); }
  [[nodiscard]] Status status() const { return ok() ? Status{} : std::get<Status>(state_); }

  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace gongkai::domain
