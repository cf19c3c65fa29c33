// SPDX-License-Identifier: MIT
// Small real scenarios for the window tests: a registry of their own, so the tests do not
// depend on which course scenarios have landed.
#pragma once
#include "engine/model/trace.h"
#include "engine/sync/lock.h"
#include "engine/sync/queue.h"
#include "engine/sync/thread.h"
#include "engine/work.h"
#include "scenarios/scenario.h"

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace tl::test {

// `workers` threads take turns on one lock and pass items through a bounded queue.
inline Scenario lockScenario()
{
    Scenario s;
    s.id = "t1.l1";
    s.module = 1;
    s.lesson = 1;
    s.title = "Workers share a lock";
    s.titleRu = "Потоки делят блокировку";
    s.summary = "N workers take turns on one lock";
    s.params = {Param::integer("workers", "Worker threads", 2, 1, 8),
                Param::real("work_ms", "Work under the lock", 2.0, 0.5, 10.0, "ms"),
                Param::boolean("queue", "Pass items through a queue", true)};
    s.run = [](Context& ctx) {
        Lock lock(ctx.run, "shared_lock");
        Queue<int> q(ctx.run, "items", 2);
        const int n = ctx.params.i("workers");
        const double ms = ctx.params.d("work_ms");
        const bool useQueue = ctx.params.b("queue");
        std::vector<Thread> threads;
        for (int i = 0; i < n; ++i)
            threads.emplace_back(ctx.run, [&] {
                for (int k = 0; k < 2; ++k) {
                    lock.acquire();
                    cpuWork(ms);
                    lock.release();
                    if (useQueue)
                        q.put(k);
                }
            });
        for (auto& t : threads)
            t.start();
        if (useQueue)
            for (int k = 0; k < 2 * n; ++k)
                q.get();
        for (auto& t : threads)
            t.join();
    };
    // Its Result: how many items came through the queue.
    s.result = [](const Trace& t, const ParamValues&) {
        const auto gets =
            std::count_if(t.instants.begin(), t.instants.end(), [](const Instant& in) { return in.type == Ev::Get; });
        return LessonResult{std::to_string(gets) + " items passed", t.duration()};
    };
    return s;
}

// Sleeps far longer than any test waits: only abort ends it.
inline Scenario sleeperScenario()
{
    Scenario s;
    s.id = "t1.l2";
    s.module = 1;
    s.lesson = 2;
    s.title = "Sleepy worker";
    s.titleRu = "Сонный поток";
    s.summary = "sleeps until aborted";
    s.run = [](Context& ctx) {
        Thread t(ctx.run, [] { sleepMs(60000); });
        t.start();
        t.join();
    };
    return s;
}

inline Scenario failingScenario()
{
    Scenario s;
    s.id = "t2.l1";
    s.module = 2;
    s.lesson = 1;
    s.title = "Broken scenario";
    s.titleRu = "Сломанный сценарий";
    s.run = [](Context& ctx) { ctx.run.fail("the scenario gave up on purpose"); };
    return s;
}

inline Registry& testRegistry()
{
    static Registry* r = [] {
        auto* reg = new Registry;
        reg->add(lockScenario());
        reg->add(sleeperScenario());
        reg->add(failingScenario());
        return reg;
    }();
    return *r;
}

}  // namespace tl::test
