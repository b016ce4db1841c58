// S1 target `command_decoders`: a request body through parse_json_body (the API's size, UTF-8,
// depth and object limits) and then the strict decoder of one case command. The first byte picks
// the command from case_command_names(); the rest is the body. Checked: every body is answered
// with either a command or a 4xx problem, never both missing, never anything else.
#include <cstddef>
#include <cstdint>
#include <string>

#include "api/http/json_body.h"
#include "api/routes/command_decoders.h"
#include "fuzz_check.h"

namespace {

using gongkai::api::http::FieldReader;
using gongkai::api::http::HttpRequest;
using gongkai::api::http::parse_json_body;
using gongkai::api::routes::case_command_names;
using gongkai::api::routes::decode_case_command;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto& names = case_command_names();
  const auto name = names[data[0] % names.size()];

  HttpRequest request;
  request.method = "POST";
  request.path = "/api/v1/cases/c-1/" + std::string(name);
  request.headers["content-type"] = "application/json";
  request.body.assign(reinterpret_cast<const char*>(data) + 1, size - 1);

  auto body = parse_json_body(request);
  if (body.problem) {
    GONGKAI_FUZZ_CHECK(body.problem->status >= 400 && body.problem->status < 500,
                       "parse_json_body answers a refusal with a 4xx");
    return 0;
  }
  GONGKAI_FUZZ_CHECK(body.value.is_object(), "parse_json_body passes only objects");

  FieldReader reader(body.value);
  const auto today = *gongkai::domain::time::CivilDate::parse("2021-03-10");
  const auto command = decode_case_command(name, reader, today);
  GONGKAI_FUZZ_CHECK(command.has_value(), "every listed command name has a decoder");
  const auto problem = reader.finish();
  if (problem) {
    GONGKAI_FUZZ_CHECK(problem->status == 400, "a field problem is a 400");
    GONGKAI_FUZZ_CHECK(!problem->body.empty(), "a field problem names the field");
  }
  return 0;
}
