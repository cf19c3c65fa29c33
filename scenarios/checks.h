// SPDX-License-Identifier: MIT
// Reusable invariant helpers for Scenario::check(): questions asked of a recorded Trace.
//
// Every helper reads the finished trace only (lanes, intervals, holds, tasks, instants,
// counters, flows); none looks at a scenario's own bookkeeping. Times are ns since the run's
// start. A lane still alive at the end (end == -1) is treated as alive until trace.duration().
//
// Typical use inside a check():
//
//   std::vector<std::string> out;
//   using namespace tl::checks;
//   if (maxConcurrent(taskSpans(t)) > p.i("workers"))
//       out.push_back("more tasks at once than workers");
//   const Instant* done = firstMark(t, "both done");
//   expect(out, done != nullptr, "no \"both done\" mark");
//
// Threading contract: pure functions over a const Trace; call from any thread that owns the trace.
#pragma once
#include "engine/model/trace.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tl::checks {

// A half-open time range [start, end).
struct Span {
    int64_t start = 0;
    int64_t end = 0;
    int64_t length() const { return end - start; }
};

// ---- formatting and reporting ----

// "12.345 ms": a time for violation messages.
std::string ms(int64_t ns);
// Appends `message` to `out` when `ok` is false; returns ok.
bool expect(std::vector<std::string>& out, bool ok, const std::string& message);

// Slack for comparing stamps of two threads where no order between them is recorded: a
// thread records just after (or before) the atomic step it describes. Checks that must hold
// under any load compare actionWindow()s instead.
inline constexpr int64_t kSlackNs = 5'000'000;

// ---- spans ----

// True when the two ranges share a positive-length stretch of time (touching ends do not overlap).
bool overlaps(const Span& a, const Span& b);
// True when no two spans overlap (any order).
bool pairwiseDisjoint(std::vector<Span> spans);
// The greatest number of spans covering one instant (ends are processed before starts at equal
// times, so back-to-back spans count as 1).
int maxConcurrent(const std::vector<Span>& spans);
// Total time during which more than `above` spans overlap (e.g. above = 1: time with 2+ at once).
int64_t timeAbove(const std::vector<Span>& spans, int above);
// The number of spans that cover instant t (start <= t < end).
int countAt(const std::vector<Span>& spans, int64_t t);
// The union's total length and the smallest range containing all spans ({0,0} when empty).
int64_t unionLength(std::vector<Span> spans);
Span hull(const std::vector<Span>& spans);

// ---- lanes ----

// The lane's lifetime [start, end]; end = trace.duration() while it never ended.
Span lifetime(const Trace& t, LaneId lane);
// Started at or before `at` and not ended yet (ended strictly after `at`).
bool aliveAt(const Trace& t, LaneId lane, int64_t at);
std::vector<LaneId> aliveLanesAt(const Trace& t, int64_t at);
// Lanes whose current name (after renames) equals / starts with the text.
std::optional<LaneId> laneNamed(const Trace& t, std::string_view name);
std::vector<LaneId> lanesNamedPrefix(const Trace& t, std::string_view prefix);
// Every lane except the main thread (lane 0), in creation order.
std::vector<LaneId> otherLanes(const Trace& t);
// The lanes created by `parent` (LaneInfo::parent).
std::vector<LaneId> childrenOf(const Trace& t, LaneId parent);
// The lane's index by name, -1 when there is none (for code that indexes t.lanes directly).
int laneIndex(const Trace& t, std::string_view name);
// The lane's name, "?" for an index outside the trace.
std::string laneName(const Trace& t, int lane);
// Lifetimes of several lanes, in the same order.
std::vector<Span> lifetimes(const Trace& t, const std::vector<LaneId>& lanes);

// ---- intervals (lane states) ----

// When the action an event stamped at `at` on `lane` describes may have happened. A thread can
// be preempted between an action and the stamp that records it (a loaded machine makes that
// any length), but no state change of its own lane comes between them: the action lies in the
// lane's interval around the stamp. Comparing these windows instead of stamps plus a fixed
// slack keeps a check true under any load.
Span actionWindow(const Trace& t, LaneId lane, int64_t at);

// The lane's intervals in `state` (optionally only those waiting on `object` when object != 0).
std::vector<Interval> intervalsIn(const Trace& t, LaneId lane, State state, ObjectId object = 0);
// The lane's intervals matching a predicate.
std::vector<Interval> intervalsWhere(const Trace& t, LaneId lane, const std::function<bool(const Interval&)>& pred);
// Total time the lane spent in `state`.
int64_t timeIn(const Trace& t, LaneId lane, State state);
// Spans of every interval in `state` on the given lanes (all lanes when empty).
std::vector<Span> spansIn(const Trace& t, State state, const std::vector<LaneId>& lanes = {});
// The greatest number of lanes in `state` at one instant (e.g. G5: Run under the GIL <= 1).
int maxConcurrentInState(const Trace& t, State state, const std::vector<LaneId>& lanes = {});
// The state of the lane at time `at` (nullopt outside its life).
std::optional<State> stateAt(const Trace& t, LaneId lane, int64_t at);
// Every lane's intervals in `state` (on `object` when != 0; only `lane`'s when lane >= 0), with
// the lane each belongs to.
struct LaneInterval {
    int lane;
    const Interval* iv;
};
std::vector<LaneInterval> laneIntervals(const Trace& t, State state, ObjectId object = 0, int lane = -1);
// Whether a wait's outcome is unknown. Under the simulated GIL a thread that must queue for
// the GIL after its wait records `wait:gil` next, and that state change carries no outcome: a
// timeout or a break is not visible on the wait itself, so Outcome::None does not mean success.
bool outcomeUnknown(const Trace& t, int lane, const Interval* iv);
// Wait intervals (any wait:* state) of the lane that ended with the given outcome.
std::vector<Interval> waitsWithOutcome(const Trace& t, LaneId lane, Outcome outcome);
// The lane's wait:join intervals on the joined lane (joinedLane), in time order. When the trace
// does not name the joined lane (-1), a completed join is attributed to the lane that ended last
// within it; a timed-out one to none.
std::vector<Interval> joinWaits(const Trace& t, LaneId lane, LaneId joined);

// ---- tasks (pool work items) ----

std::vector<Span> taskSpans(const Trace& t);  // every task, closed ones
std::vector<const TaskSpan*> tasksOn(const Trace& t, LaneId lane);
const TaskSpan* taskNumbered(const Trace& t, int64_t task, ObjectId future = 0);
// The greatest number of tasks running at once (G6 busy <= max_workers).
int maxConcurrentTasks(const Trace& t);
// Lanes that ran at least one task, in creation order.
std::vector<LaneId> taskLanes(const Trace& t);
// Every task ran at most once (by task number per future). Returns violations.
std::vector<std::string> tasksRunOnce(const Trace& t);

// ---- instants ----

// Instants of one type, optionally only on `lane` (-1 = any) and `object` (0 = any).
std::vector<const Instant*> instantsOf(const Trace& t, Ev type, int lane = -1, ObjectId object = 0);
// Marks (Ev::Mark) whose text starts with `prefix` / contains `needle`, in time order.
std::vector<const Instant*> marksStarting(const Trace& t, std::string_view prefix, int lane = -1);
std::vector<const Instant*> marksContaining(const Trace& t, std::string_view needle, int lane = -1);
const Instant* firstMark(const Trace& t, std::string_view prefix, int lane = -1);
const Instant* lastMark(const Trace& t, std::string_view prefix, int lane = -1);
// Ev::Exception instants whose message contains `needle` ("" = all).
std::vector<const Instant*> exceptions(const Trace& t, std::string_view needle = {}, int lane = -1);
// An integer parsed after `key` in a mark's text ("bid 7" with key "bid " -> 7), if present.
std::optional<int64_t> numberAfter(const Instant& mark, std::string_view key);
// The integer after "key=" in a mark's text ("dishes=7 of 10", key "dishes" -> 7). The key is a
// Python identifier, so it starts the text or follows a character that cannot be part of one
// (" dishes=", "(dishes=", ",dishes=" match; "max_dishes=" does not).
std::optional<int64_t> field(const std::string& text, const std::string& key);
// The value of `key` in the last mark starting with `prefix`.
std::optional<int64_t> lastField(const Trace& t, std::string_view prefix, const std::string& key);

// ---- objects, holds, variables, futures ----

std::optional<ObjectId> objectNamed(const Trace& t, std::string_view name);
// The object's id by name, 0 when there is none (0 is never an object: queries on it are empty).
ObjectId objectId(const Trace& t, std::string_view name);
std::vector<ObjectId> objectsNamed(const Trace& t, std::string_view name);
std::vector<ObjectId> objectsOfKind(const Trace& t, ObjectKind kind);
std::vector<const Hold*> holdsOf(const Trace& t, ObjectId object);
// A hold's end, the trace's end while it is still held.
int64_t holdEnd(const Trace& t, const Hold& h);
// Whether `lane` holds `object` at time `at` (a hold covers [start, end]).
bool holdsAt(const Trace& t, ObjectId object, int lane, int64_t at);
// The greatest number of simultaneous holds of the object(s) (1 for a lock; a release and an
// acquire at the same time do not overlap).
int maxConcurrentHolds(const Trace& t, ObjectId object);
int maxConcurrentHolds(const Trace& t, const std::vector<ObjectId>& objects);
// VarRead / VarWrite instants of a SharedVar, in time order.
std::vector<const Instant*> varReads(const Trace& t, ObjectId var, int lane = -1);
std::vector<const Instant*> varWrites(const Trace& t, ObjectId var, int lane = -1);
// The FutureState instants of one future, in order (a = 0 PENDING 1 RUNNING 2 CANCELLED 3 FINISHED).
std::vector<int64_t> futureStates(const Trace& t, ObjectId future);
// G7: every future's states follow PENDING -> RUNNING -> FINISHED, PENDING -> CANCELLED, or
// PENDING -> FINISHED (set_result/set_exception on a pending future, as Python allows: manual
// futures, a broken pool failing its queued items); a prefix of those while the run was cut. Returns one line per future that broke the rule.
std::vector<std::string> futureTransitionsLegal(const Trace& t);
// The FutureState instants of every future, in time order, by future.
std::map<ObjectId, std::vector<const Instant*>> futureStateInstants(const Trace& t);
// The state of a future just before `at` (-1 if none recorded yet), from its instants.
int64_t futureStateBefore(const std::vector<const Instant*>& states, int64_t at);
// The (first) task that ran the future, nullptr if none did; all of them.
const TaskSpan* taskOf(const Trace& t, ObjectId future);
std::vector<const TaskSpan*> tasksOfFuture(const Trace& t, ObjectId future);
// Pool futures by task number (Submit instants: a = task, b = future), every pool.
std::map<int64_t, ObjectId> futuresByTask(const Trace& t);
// The futures submitted to a pool (Submit instants on the pool object), in submission order.
std::vector<ObjectId> submittedFutures(const Trace& t, ObjectId pool);
// Worker lanes of a pool: lanes named "<pool name>_<n>".
std::vector<LaneId> poolWorkers(const Trace& t, ObjectId pool);
// Time the future reached FINISHED or CANCELLED (nullopt if never).
std::optional<int64_t> futureDoneAt(const Trace& t, ObjectId future);
// Flows of a kind, optionally only those arriving at `toLane` (-1 = any).
std::vector<const Flow*> flowsOf(const Trace& t, FlowKind kind, int toLane = -1);

}  // namespace tl::checks
