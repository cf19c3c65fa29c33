// SPDX-License-Identifier: MIT
#pragma once
#include "trace.h"

#include <QString>

#include <optional>
#include <string_view>

namespace tl {

// Trace files: docs/trace-format.md (Chrome Trace Event Format, JSON object form).
//
// saveTrace writes the contract exactly, plus one extra key otherData.threadlens
// ({"format":1, "events":raw event count, "skipped":n, "duration":ns, "speed":slow-motion factor (absent
// = 1), "cores":n, "lanes":[{lane,pid,tid,daemon,parent,start,end,killed,"cpu":[[ns, CPU ns so far],...]}],
// "counters":[{name,object,kind}]}) so that a ThreadLens file reads back into the same model. Other tools
// ignore it. Older files without "cpu", "speed" or "cores" read as not measured, real time, unknown.
//
// openTrace reads ThreadLens files and plain Chrome traces from other tools (phases
// B/E/X/b/e/i/I/C/M/s/f; other valid phases are skipped and counted in skippedEvents).
// Malformed input gives std::nullopt and an error naming the byte offset or event index.
// The reader is strict JSON (RFC 8259, UTF-8 only), streaming over the traceEvents array,
// with bounded nesting; it never crashes or hangs on bad input.
//
// Threading contract: free functions on caller-owned data; safe to call from any thread as
// long as the Trace is not mutated meanwhile.
bool saveTrace(const Trace& trace, const QString& path, QString* error = nullptr);
std::optional<Trace> openTrace(const QString& path, QString* error = nullptr);

// The same on memory (the fuzz target and tests use these).
std::string traceToJson(const Trace& trace);
std::optional<Trace> traceFromJson(std::string_view json, std::string* error = nullptr);

// One row per state interval, task, hold, instant, counter point and flow, with a header:
// kind,pid,tid,thread,start_ns,end_ns,name,object,detail
bool saveCsv(const Trace& trace, const QString& path, QString* error = nullptr);

// Appends one CSV field, quoted when it holds a comma, quote or line break (a sweep's CSV too).
void csvField(std::string& s, std::string_view v);

}  // namespace tl
