// SPDX-License-Identifier: MIT
#include "engine/control/run.h"
#include "engine/sync/thread.h"

#include <QtTest>

using namespace tl;

// Four threads each record 1,000,000 events while a collector drains concurrently: every
// event arrives exactly once, in per-thread order, and each drained batch is merged by (t, lane).
class TestRecording : public QObject {
    Q_OBJECT
private slots:
    void fourMillionEventsExactlyOnceInOrder()
    {
        constexpr int kThreads = 4;
        constexpr int64_t kPerThread = 1'000'000;
        Run run;
        std::atomic<int> done{0};
        run.start([&] {
            std::vector<Thread> ts;
            for (int i = 0; i < kThreads; ++i)
                ts.emplace_back(run, [&, i] {
                    ThreadState& self = ThreadState::current();
                    for (int64_t k = 0; k < kPerThread; ++k)
                        self.record(Ev::VarWrite, 0, k, i + 1);
                    ++done;
                });
            for (auto& t : ts)
                t.start();
            for (auto& t : ts)
                t.join();
        });
        std::map<LaneId, int64_t> next;  // lane → next expected sequence number
        std::map<LaneId, int64_t> tag;  // lane → thread index + 1
        int64_t total = 0, batches = 0;
        QString problem;
        std::vector<Event> batch;
        auto consume = [&] {
            batch.clear();
            run.drain(batch);
            if (batch.empty())
                return;
            ++batches;
            for (size_t j = 0; j < batch.size(); ++j) {
                const Event& e = batch[j];
                if (j > 0) {
                    const Event& p = batch[j - 1];
                    if (e.t < p.t || (e.t == p.t && e.lane < p.lane)) {
                        problem = QString("batch not merged by (t, lane) at %1").arg(j);
                        return;
                    }
                }
                if (e.type != Ev::VarWrite)
                    continue;
                auto [it, fresh] = tag.emplace(e.lane, e.b);
                if (!fresh && it->second != e.b) {
                    problem = "two threads on one lane";
                    return;
                }
                int64_t& n = next[e.lane];
                if (e.a != n) {
                    problem = QString("lane %1: got %2, expected %3").arg(e.lane).arg(e.a).arg(n);
                    return;
                }
                ++n;
                ++total;
            }
        };
        while (!run.finished() && problem.isEmpty()) {
            consume();
            QThread::msleep(1);
        }
        QVERIFY(run.waitFinished(60000));
        if (problem.isEmpty())
            consume();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(run.status(), RunStatus::Finished);
        QCOMPARE(done.load(), kThreads);
        QCOMPARE(total, kThreads * kPerThread);
        QCOMPARE(int(next.size()), kThreads);
        for (auto& [lane, n] : next)
            QCOMPARE(n, kPerThread);
        QVERIFY(batches >= 1);
        qInfo("drained in %lld batches", static_cast<long long>(batches));
    }
};

QTEST_GUILESS_MAIN(TestRecording)
#include "tst_recording.moc"
