// POST /api/v1/admin/backups `{}`: an online backup of the running store (not in API.md; decided in
// api/README.md). Admin only (others: 403 role_forbids from the route table). The backup goes to
// the configured backup_dir (<data_dir>/backups by default) with RocksDB's BackupEngine while the
// store keeps accepting writes (RocksDbEventStore::backup_to); `gongkai restore <directory>`
// restores it. 201 {"backup_id","directory","head_position","head_hash","created_at"}: the head
// when the backup started (the backup holds at least that). Recorded in the audit log (kind
// "backup", reason = the backup id).
#include "api/http/json_body.h"
#include "api/routes/route_support.h"
#include "api/routes/routes.h"
#include "eventstore/codec/record_codec.h"

namespace gongkai::api::routes {

namespace {

http::HttpResponse create_backup(app::ServerContext& context, http::RequestContext& ctx) {
  auto body = http::parse_json_body(ctx.request);
  if (body.problem) return *body.problem;
  http::FieldReader reader(body.value);
  if (auto problem = reader.finish()) return *problem;
  auto backup = context.backup_store();
  if (!backup.ok()) return http::problem_from(backup.status());
  const std::string at = eventstore::codec::format_instant(ctx.now);
  context.audit().record({"backup", ctx.user().user_id, ctx.request.method, ctx.request.path, 201,
                          "backup " + std::to_string(backup->backup_id), at});
  return json_ok({{"backup_id", backup->backup_id},
                  {"directory", context.backup_directory()},
                  {"head_position", backup->head_position},
                  {"head_hash", backup->head_hash},
                  {"created_at", at}},
                 201);
}

}  // namespace

void add_backup_routes(http::Router& router, app::ServerContext& context) {
  router.add(
      {.method = "POST",
       .pattern = "/api/v1/admin/backups",
       .operation_id = "create_backup",
       .summary = "Back the running store up into the server's backup directory (admin)",
       .access = http::Access::roles,
       .roles = {domain::policy::Role::admin},
       .handler = [&context](http::RequestContext& ctx) { return create_backup(context, ctx); },
       .takes_body = true});
}

}  // namespace gongkai::api::routes
