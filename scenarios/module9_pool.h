// SPDX-License-Identifier: MIT
// Module 9 (multiprocessing.Pool): what its lessons share. The task functions the worker
// processes run, the items they get, and questions asked of a trace with worker-process lanes.
// module9_calls.cpp holds the lessons on the Pool's methods, module9_practice.cpp those on
// choosing and using them well; module9.cpp registers both.
#pragma once
#include "engine/model/trace.h"
#include "engine/pool/process_pool.h"
#include "scenario.h"

#include <string>
#include <vector>

namespace tl::m9 {

using Issues = std::vector<std::string>;

// ---- the worker processes' side ----

// A pool of `processes` workers (maxtasksperchild 0 = None) with the module's task functions:
//   square         "ms|value": CPU work for ms, returns value squared (a negative value raises)
//   count_global   increments a global of the worker process (childCounter() in the parent)
//   job            (cpu|io, ms, payload) -> payload
//   multiply       starmap's (a, b, ms) -> a * b (a negative a raises)
PoolOptions poolOptions(int processes, int maxtasks = 0);
// The parent's own copy of the counter count_global increments in the children: stays 0.
int childCounter();

// Items "ms|i" with durations from the seed; a failing item is encoded as -(i+1).
std::vector<std::string> makeItems(const Context& ctx, int n, double ms, bool random, int failId = -1);
std::string joinList(const std::vector<std::string>& v);
// "0,1,4,...": the squares of 0..n-1, what square gives back for makeItems' items.
std::string squares(int n);

Param processesParam(int def = 4);

// ---- checks on the trace ----

bool isWorker(const Trace& t, LaneId lane);  // a lane of another process than the parent
std::vector<const TaskSpan*> workerTasks(const Trace& t);
int maxConcurrentTasks(const Trace& t);
// The parent's marks (lane 0) starting with `prefix`.
std::vector<const Instant*> marks(const Trace& t, const std::string& prefix);
// Every lesson: every worker lane is a real other process; at most `processes` tasks at once.
void commonChecks(Issues& v, const Trace& t, int processes);
// The text of the last "results: " mark, "" without one.
std::string resultMark(const Trace& t);
// The last "results <label>: " mark of one phase, "<none>" without one.
std::string phaseResult(const Trace& t, const std::string& label);
// Callback instants, each required on the result-handler lane.
int callbacks(const Trace& t, Issues& v);
int killedWorkerLanes(const Trace& t);

// The lessons, registered by registerModule9 in this order.
void registerPoolCalls(Registry& r);  // l1, l3-l10: Pool, apply, map, imap, starmap, their async forms
void registerPoolPractice(Registry& r);  // l2, l11-l14: threads vs processes, choosing, practices, mistakes

}  // namespace tl::m9
