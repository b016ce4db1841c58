#include "domain/people/people_events.h"

namespace gongkai::domain::people {

namespace {
struct StreamOf {
  std::string operator()(const UserCreated& e) const { return user_stream(e.user_id); }
  std::string operator()(const UserChanged& e) const { return user_stream(e.user_id); }
  std::string operator()(const PasswordSet& e) const { return user_stream(e.user_id); }
  std::string operator()(const DepartmentCreated& e) const { return department_stream(e.code); }
  std::string operator()(const SessionOpened& e) const { return session_stream(e.session_id); }
  std::string operator()(const SessionClosed& e) const { return session_stream(e.session_id); }
};
}  // namespace

std::string stream_of(const PeopleEvent& event) { return std::visit(StreamOf{}, event); }

}  // namespace gongkai::domain::people
