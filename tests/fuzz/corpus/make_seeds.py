#!/usr/bin/env python3
"""Writes the seed corpora of tests/fuzz (one small real input per file) from the golden files
and API.md-shaped bodies. Run from anywhere; rerun when an event type or a command is added."""
import hashlib
import json
import pathlib
import re

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[2]
GOLDEN = ROOT / "tests/eventstore/golden"
ZEROS = "0" * 64


def canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def write(target, name, data):
    folder = HERE / target
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def variant_types(header, variant):
    text = (ROOT / header).read_text()
    types = dict(re.findall(r"struct (\w+)[^{]*\{[^}]*?kType = \"([^\"]+)\"", text, re.S))
    members = re.search(r"using " + variant + r"\s*=\s*std::variant<([^>]+)>", text).group(1)
    return [types[m.strip()] for m in members.split(",")]


def record(position, stream, version, type_, data, actor, prev, stream_prev):
    return {"actor": actor, "causation_id": "", "correlation_id": "req-%04d" % position,
            "data": data, "event_id": "ev-%04d" % position, "position": position,
            "prev_hash": prev, "recorded_at": "2021-03-10T02:00:%02d.000000Z" % version,
            "stream": stream, "stream_prev_hash": stream_prev, "type": type_, "version": version}


def hashed(event):
    text = canonical(event)
    return text, hashlib.sha256(text.encode()).hexdigest()


def people_stream(type_, data):
    if type_.startswith("user."):
        return "user-" + data["user_id"]
    if type_.startswith("department."):
        return "department-" + data["code"]
    return "session-" + data["session_id"]


def event_codec():
    types = (variant_types("domain/cases/case_events.h", "CaseEvent")
             + variant_types("domain/people/people_events.h", "PeopleEvent"))
    for golden in sorted((GOLDEN / "case_events").glob("*.json")) + sorted(
            (GOLDEN / "people_events").glob("*.json")):
        type_ = golden.name.replace(".minimal", "")[: -len(".json")]
        data = json.loads(golden.read_text())
        people = not type_.startswith("case.")
        stream = people_stream(type_, data) if people else "case-" + data["case_id"]
        actor = "admin:u-admin" if people else "handler:u-2001"
        text, digest = hashed(record(42, stream, 1, type_, data, actor, ZEROS, ZEROS))
        stem = golden.name[: -len(".json")]
        write("event_codec", "stored-" + stem, b"\x01" + bytes.fromhex(digest) + text.encode())
        # Below 0x01 would be the stored form: pick the type by an index >= 1 mod len(types).
        index = types.index(type_) + len(types)
        write("event_codec", "data-" + stem, bytes([index]) + canonical(data).encode())


def dossier():
    stream = "case-CJZ-2021-00001"
    events, prev = [], ZEROS
    for version, name in enumerate(["case.registered.v1", "case.assigned.v1",
                                    "case.receipt_acknowledged.v1"], start=1):
        data = json.loads((GOLDEN / "case_events" / (name + ".json")).read_text())
        data["case_id"] = "CJZ-2021-00001"
        event = record(10 + version, stream, version, name, data,
                       "registrar:u-reg1", ZEROS if version == 1 else "ab" * 32, prev)
        _, prev = hashed(event)
        event["hash"] = prev
        events.append(event)
    doc = {"format": "gongkai.dossier.v1", "case_id": "CJZ-2021-00001", "agency": "CJZ",
           "stream": stream, "exported_at": "2021-03-10T02:00:00.000000Z",
           "exported_by": "u-sup1", "hash": {"algorithm": "sha256",
                                            "canonical_form": "eventstore/SCHEMA.md"},
           "stream_version": len(events), "head_hash": prev, "events": events,
           "server_verify": {"ok": True, "events": len(events), "head_hash": prev,
                             "head_position": 13, "first_bad_position": None, "problem": None}}
    write("dossier", "dossier-3-events", b"\x00" + json.dumps(doc, ensure_ascii=False).encode())
    empty = dict(doc, events=[], stream_version=0, head_hash=ZEROS)
    write("dossier", "dossier-empty", b"\x00" + json.dumps(empty).encode())
    write("dossier", "record-line", b"\x01" + canonical(events[1]).encode())


COMMANDS = [  # api/routes/command_decoders.cc, in case_command_names() order
    ("acknowledge", {"given_on": "2021-03-10", "method": "sms"}),
    ("assign", {"department": "GEN", "handler": "u-han1"}),
    ("transfer", {"to_department": "LEGAL", "reason": "属于法规科职责"}),
    ("request-correction", {"items": ["补充身份证明"], "deadline_on": "2021-03-20",
                            "notified_on": "2021-03-11"}),
    ("receive-correction", {"received_on": "2021-03-15", "summary": "已补正"}),
    ("start-consultation", {"kind": "third_party", "party": "某公司", "sent_on": "2021-03-11",
                            "received_by_party_on": "2021-03-12"}),
    ("record-consultation-reply", {"consultation_id": 1, "received_on": "2021-03-18",
                                   "opinion": "object", "reason": "同意"}),
    ("close-consultation", {"consultation_id": 1, "closed_on": "2021-03-19"}),
    ("issue-fee-notice", {"basis": "per_page", "pages": 120, "amount_yuan": 100,
                          "notified_on": "2021-03-12"}),
    ("record-fee-payment", {"paid_on": "2021-03-13", "amount_yuan": 100, "receipt_no": "R-1"}),
    ("request-extension", {"days": 20, "reason": "需要协调", "requested_on": "2021-03-25"}),
    ("approve-extension", {"comment": "同意", "decided_on": "2021-03-26"}),
    ("reject-extension", {"comment": "理由不足"}),
    ("notify-extension", {"notified_on": "2021-03-27", "method": "post"}),
    ("submit-reply", {"disposition": "partially_disclosed", "legal_basis": "条例第三十六条第二项",
                      "reply_text": "予以公开", "attachments": [
                          {"name": "a.pdf", "sha256": "ab" * 32, "size": 1024}]}),
    ("approve-reply", {"comment": "可"}),
    ("return-reply", {"comment": "请修改"}),
    ("issue-reply", {"served_on": "2021-04-01", "service_method": "post"}),
    ("withdraw", {"received_on": "2021-03-12", "reason": "不再需要"}),
    ("archive", {"archive_no": "A-2021-1", "retention_years": 10}),
    ("reopen", {"basis": "reconsideration", "reference": "复议决定书", "decided_on":
                "2021-05-01", "reply_due_on": "2021-05-20"}),
    ("record-remedy", {"kind": "litigation_after_reconsideration", "outcome": "corrected",
                       "decided_on": "2021-06-01", "reference": "R-2021-1"}),
    ("add-note", {"text": "电话联系申请人"}),
]


def command_decoders():
    for index, (name, body) in enumerate(COMMANDS):
        write("command_decoders", name, bytes([index]) + json.dumps(body, ensure_ascii=False)
              .encode())


def http_api():
    registration = {"applicant": {"type": "natural_person", "name": "李四",
                                  "id_type": "resident_id", "id_number": "370303199001011234",
                                  "phone": "13800000000"},
                    "channel": "in_person", "received_on": "2021-03-10",
                    "description": "申请公开", "department": "GEN"}
    requests = {
        "register-case": (2, "POST", "/api/v1/cases", registration),
        "get-case": (3, "GET", "/api/v1/cases/$CASE", None),
        "list-cases": (4, "GET", "/api/v1/cases?status=open&limit=5", None),
        "acknowledge": (2, "POST", "/api/v1/cases/$CASE/acknowledge",
                        {"given_on": "2021-03-10", "method": "sms"}),
        "add-note": (3, "POST", "/api/v1/cases/$CASE/add-note", {"text": "备注"}),
        "history": (5, "GET", "/api/v1/cases/$CASE/history", None),
        "create-user": (1, "POST", "/api/v1/users",
                        {"username": "new1", "display_name": "新用户",
                         "password": "a-long-password-1", "roles": ["handler"],
                         "departments": ["GEN"]}),
        "change-user": (1, "PATCH", "/api/v1/users/u-han1", {"roles": ["handler"]}),
        "create-department": (1, "POST", "/api/v1/departments", {"code": "LEGAL", "name": "法规科"}),
        "login": (0, "POST", "/api/v1/sessions", {"username": "han1", "password": "wrong-pass"}),
        "me": (3, "GET", "/api/v1/me", None),
        "calendar": (1, "PUT", "/api/v1/calendar/2022",
                     {"holidays": ["2022-01-01"], "workdays": [], "source": "国务院办公厅通知"}),
    }
    for name, (who, method, target, body) in requests.items():
        head = "%s %s HTTP/1.1\r\n" % (method, target)
        if body is not None:
            head += "Content-Type: application/json\r\nIdempotency-Key: k-%s\r\n" % name
        text = head + "\r\n" + (json.dumps(body, ensure_ascii=False) if body is not None else "")
        write("http_api", name, bytes([who]) + text.encode())


def calendar_text():
    text = (ROOT / "domain/time/holidays-cn.txt").read_text()
    blocks = text.split("\nyear ")
    for block in blocks[1:4]:
        year = block.split("\n", 1)[0].strip()
        write("calendar_text", "year-" + year, "year " + block.strip() + "\n")
    write("calendar_text", "two-years", "# comment\nyear 2030\nsource local\n"
          "holiday 2030-01-01 元旦\nworkday 2030-02-02 春节\n\nyear 2031\n"
          "holiday 2031-10-01..2031-10-07 国庆节\n")


if __name__ == "__main__":
    event_codec()
    dossier()
    command_decoders()
    http_api()
    calendar_text()
