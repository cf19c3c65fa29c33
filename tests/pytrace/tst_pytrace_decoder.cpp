// SPDX-License-Identifier: MIT
// The receiver's decoder treats a traced program's stream as untrusted: truncated, split,
// mutated and random input must end in a clear error or a valid result, never a crash. What it
// decodes reaches the model in time order (EventOrder).
#include "engine/model/trace.h"
#include "engine/pytrace/decoder.h"
#include "engine/pytrace/event_order.h"

#include <QTest>

#include <algorithm>
#include <cstring>
#include <random>

using namespace tl;
using namespace tl::pytrace;

namespace {

constexpr int kPid = 4242;
constexpr int64_t kOrigin = 1'000'000'000;

struct Stream {
    std::vector<char> bytes;
    std::vector<size_t> boundaries{0};  // offsets where a record ends (valid cut points)

    Stream& rec(Record r, const std::string& text = {})
    {
        if (r.type >= kControlBase)
            r.object = uint32_t(text.size());
        const char* p = reinterpret_cast<const char*>(&r);
        bytes.insert(bytes.end(), p, p + sizeof r);
        bytes.insert(bytes.end(), text.begin(), text.end());
        bytes.resize(bytes.size() + (8 - text.size() % 8) % 8, '\0');
        boundaries.push_back(bytes.size());
        return *this;
    }
    Stream& ev(Ev type, uint16_t thread, uint32_t object, int64_t a = 0, int64_t b = 0, int64_t t = kOrigin + 1000)
    {
        return rec(Record{t, object, uint16_t(type), thread, a, b});
    }
};

// A small, valid stream: a main thread and a worker contending for one lock, a queue item, a mark.
Stream validStream()
{
    const int64_t hold = (int64_t(1) << kIdThreadShift) | 1;
    const int64_t flow = (int64_t(1) << kIdThreadShift) | 1;
    Stream s;
    s.rec(Record{0, 0, Hello, kProtocolVersion, kPid, 1}, "3.11.2")
        .rec(Record{0, 0, ThreadNew, 0, -1, 0}, "MainThread")
        .ev(Ev::ThreadStart, 0, 0)
        .rec(Record{0, 0, ObjectNew, 0, 1, int64_t(ObjectKind::Lock)}, "lock\nbank.py:3")
        .rec(Record{0, 0, ThreadNew, 1, 0, 0}, "worker")
        .ev(Ev::ThreadStart, 1, 0)
        .ev(Ev::HoldBegin, 1, 1, hold, 0, kOrigin + 2000)
        .ev(Ev::StateChange, 0, 1, int64_t(State::WaitLock), 0, kOrigin + 2100)
        .ev(Ev::HoldEnd, 1, 1, hold, 1, kOrigin + 3000)
        .ev(Ev::FlowStart, 1, 1, flow, int64_t(FlowKind::Handoff), kOrigin + 3001)
        .ev(Ev::StateChange, 0, 0, int64_t(State::Run), 0, kOrigin + 3100)
        .ev(Ev::FlowEnd, 0, 1, flow, int64_t(FlowKind::Handoff), kOrigin + 3101)
        .rec(Record{0, 0, String, 0, 1, 0}, "done")
        .ev(Ev::Mark, 0, 0, 1, 0, kOrigin + 4000)
        .ev(Ev::ThreadEnd, 1, 0, 0, 0, kOrigin + 5000)
        .ev(Ev::ThreadEnd, 0, 0, 0, 0, kOrigin + 6000)
        .rec(Record{0, 0, Result, 0, int64_t(ResultKind::Finished), 0}, "")
        .rec(Record{0, 0, Bye, 0, 0, 0});
    return s;
}

RunTables tables()
{
    RunTables t;
    t.originNs = 0;
    return t;
}

}  // namespace

class TstPytraceDecoder : public QObject {
    Q_OBJECT
private slots:
    void decodesAValidStream()
    {
        const Stream s = validStream();
        RunTables t = tables();
        Decoder d(kPid);
        QVERIFY2(d.feed(s.bytes.data(), s.bytes.size(), t, kOrigin), d.error().c_str());
        QVERIFY(d.close(t));
        QVERIFY(d.said_bye());
        QCOMPARE(t.lanes.size(), size_t(2));
        QCOMPARE(t.lanes[1].name, std::string("worker"));
        QCOMPARE(t.lanes[1].pid, kPid);
        QCOMPARE(t.objects.size(), size_t(2));
        QCOMPARE(t.objects[1].name, std::string("lock"));
        QCOMPARE(t.objects[1].site, std::string("bank.py:3"));
        QCOMPARE(t.events.size(), size_t(11));
        QCOMPARE(t.python, std::string("3.11.2"));
        QVERIFY(t.haveResult);
        // Hold and flow ids are remapped onto the run's lanes; strings onto the run's table.
        const Event& mark = t.events[8];
        QCOMPARE(mark.type, Ev::Mark);
        QCOMPARE(t.strings[size_t(mark.a)], std::string("done"));
    }

    // Feeding the stream in pieces of any size gives what feeding it whole gives.
    void splitAnywhere()
    {
        const Stream s = validStream();
        std::mt19937 rng(7);
        for (int round = 0; round < 200; ++round) {
            RunTables t = tables();
            Decoder d(kPid);
            size_t at = 0;
            while (at < s.bytes.size()) {
                const size_t n = std::min<size_t>(s.bytes.size() - at, 1 + rng() % 70);
                QVERIFY2(d.feed(s.bytes.data() + at, n, t, kOrigin), d.error().c_str());
                at += n;
            }
            QVERIFY(d.close(t));
            QCOMPARE(t.events.size(), size_t(11));
        }
    }

    // Cut at every byte: between records the stream just ends early (lanes are cut, no error),
    // inside a record it is an error that says so.
    void truncatedEverywhere()
    {
        const Stream s = validStream();
        for (size_t cut = 1; cut < s.bytes.size(); ++cut) {
            RunTables t = tables();
            Decoder d(kPid);
            QVERIFY(d.feed(s.bytes.data(), cut, t, kOrigin));
            const bool boundary = std::find(s.boundaries.begin(), s.boundaries.end(), cut) != s.boundaries.end();
            QCOMPARE(d.close(t), boundary);
            if (!boundary)
                QVERIFY2(d.error().find("middle of a record") != std::string::npos, d.error().c_str());
            for (size_t k = 0; k < t.events.size(); ++k)
                QVERIFY(t.events[k].lane < t.lanes.size() && t.events[k].object < t.objects.size());
        }
    }

    // Any single corrupted byte: either still a valid stream or a clean error; never an event
    // that points outside the tables.
    void mutatedBytes()
    {
        const Stream s = validStream();
        std::mt19937 rng(11);
        for (size_t i = 0; i < s.bytes.size(); ++i) {
            for (int k = 0; k < 3; ++k) {
                std::vector<char> b = s.bytes;
                b[i] = char(rng());
                RunTables t = tables();
                Decoder d(kPid);
                const bool ok = d.feed(b.data(), b.size(), t, kOrigin) && d.close(t);
                QVERIFY(ok || !d.error().empty());
                for (size_t k = 0; k < t.events.size(); ++k) {
                    const Event& e = t.events[k];
                    QVERIFY(e.lane < t.lanes.size());
                    QVERIFY(e.object < t.objects.size());
                    QVERIFY(e.t >= 0);
                }
            }
        }
    }

    void randomGarbage()
    {
        std::mt19937_64 rng(3);
        for (int round = 0; round < 3000; ++round) {
            std::vector<char> b(size_t(rng() % 400));
            for (char& c : b)
                c = char(rng());
            if (round % 2 == 0 && b.size() >= sizeof(Record)) {
                // Past the greeting, so the decoder looks at the rest.
                const Record hello{0, 0, Hello, kProtocolVersion, kPid, 1};
                std::memcpy(b.data(), &hello, sizeof hello);
            }
            RunTables t = tables();
            Decoder d(kPid);
            const bool ok = d.feed(b.data(), b.size(), t, kOrigin) && d.close(t);
            QVERIFY(ok || !d.error().empty());
            QVERIFY(t.lanes.size() <= 64 && t.strings.size() <= 64);
        }
    }

    void hostileRecords_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("error");
        QTest::newRow("no greeting") << 0 << "does not start with a greeting";
        QTest::newRow("other protocol") << 1 << "protocol version";
        QTest::newRow("huge text") << 2 << "at most";
        QTest::newRow("unknown thread") << 3 << "never announced";
        QTest::newRow("unknown object") << 4 << "never announced";
        QTest::newRow("unsent string") << 5 << "never sent";
        QTest::newRow("from the future") << 6 << "in the future";
        QTest::newRow("after bye") << 7 << "after the end";
        QTest::newRow("bad state") << 8 << "invalid state change";
        QTest::newRow("forbidden event") << 9 << "forbidden";
        QTest::newRow("thread twice") << 10 << "announced twice";
    }
    void hostileRecords()
    {
        QFETCH(int, which);
        QFETCH(QString, error);
        Stream s;
        if (which == 0) {
            s.ev(Ev::ThreadStart, 0, 0);
        } else if (which == 1) {
            s.rec(Record{0, 0, Hello, uint16_t(kProtocolVersion + 1), kPid, 1}, "3.11");
        } else {
            s.rec(Record{0, 0, Hello, kProtocolVersion, kPid, 1}, "3.11")
                .rec(Record{0, 0, ThreadNew, 0, -1, 0}, "Main");
            switch (which) {
            case 2: break;  // below
            case 3: s.ev(Ev::ThreadStart, 9, 0); break;
            case 4: s.ev(Ev::Release, 0, 77); break;
            case 5: s.ev(Ev::Mark, 0, 0, 12); break;
            case 6: s.ev(Ev::ThreadStart, 0, 0, 0, 0, kOrigin + int64_t(3600) * 1'000'000'000); break;
            case 7: s.rec(Record{0, 0, Bye, 0, 0, 0}).ev(Ev::ThreadStart, 0, 0); break;
            case 8: s.ev(Ev::StateChange, 0, 0, 99); break;
            case 9: s.ev(Ev::Deadlock, 0, 0); break;
            case 10: s.rec(Record{0, 0, ThreadNew, 0, -1, 0}, "again"); break;
            }
        }
        if (which == 2) {
            // Only the header: the decoder must refuse the length before waiting for the text.
            Record r{0, kMaxText + 1, ThreadNew, 1, 0, 0};
            const char* p = reinterpret_cast<const char*>(&r);
            s.bytes.insert(s.bytes.end(), p, p + sizeof r);
        }
        RunTables t = tables();
        Decoder d(kPid);
        const bool ok = d.feed(s.bytes.data(), s.bytes.size(), t, kOrigin);
        QVERIFY(!ok);
        QVERIFY2(QString::fromStdString(d.error()).contains(error), d.error().c_str());
    }

    void deadlockCycle()
    {
        RunTables t = tables();
        for (int i = 0; i < 3; ++i) {
            t.lanes.push_back(LaneInfo{LaneId(i), kPid, i, "t" + std::to_string(i), false, 0});
            t.waitingOn.push_back(0);
            t.joining.push_back(-1);
        }
        t.objects.push_back(ObjectInfo{1, ObjectKind::Lock, "a", 0, QueueOrder::None, {}});
        t.objects.push_back(ObjectInfo{2, ObjectKind::Lock, "b", 0, QueueOrder::None, {}});
        t.holder[1] = 1;
        t.holder[2] = 2;
        t.waitingOn[2] = 1;
        std::vector<ObjectId> via;
        QVERIFY(findDeadlock(t, via).empty());  // 2 waits for 1, 1 waits for nothing
        t.waitingOn[1] = 2;
        const auto cycle = findDeadlock(t, via);
        QCOMPARE(cycle.size(), size_t(2));
        QCOMPARE(via[1], ObjectId(2));
        QCOMPARE(via[2], ObjectId(1));
    }

    // What the receiver decodes goes to the model in time order, each event once, none later than
    // the poll's limit, a lane's own events in their order (equal times included), whatever the
    // interleaving: streams delivered in passes (each pass a run per lane, lanes in any order, as
    // the drain threads send them), polls over many chunks, limits from the lowest watermark.
    void eventOrder()
    {
        std::mt19937 rng(23);
        constexpr int kLanes = 6;
        constexpr int64_t kPerLane = 40'000;
        std::vector<int64_t> nextT(kLanes, 0), sent(kLanes, 0);
        EventChunks received;
        EventOrder order;
        std::vector<std::vector<Event>> chunks;
        std::vector<Event> out;
        std::vector<size_t> batchSizes;
        int64_t limit = -1;
        const auto poll = [&](int64_t upTo) {
            received.recycle(chunks);
            received.takeAll(chunks);
            const size_t before = out.size();
            const size_t n = order.pass(chunks, upTo, [&](const std::vector<Event>& b) {
                batchSizes.push_back(b.size());
                out.insert(out.end(), b.begin(), b.end());
            });
            QCOMPARE(n, out.size() - before);
            for (size_t k = before; k < out.size(); ++k)
                QVERIFY(out[k].t <= upTo);
            limit = upTo;
        };
        for (bool more = true; more;) {
            more = false;
            std::vector<int> lanes(kLanes);
            for (int l = 0; l < kLanes; ++l)
                lanes[size_t(l)] = l;
            std::shuffle(lanes.begin(), lanes.end(), rng);
            for (int l : lanes) {
                // A run of this lane's next events; times step by 0-3 ns, so ties across and within lanes.
                const int64_t run = std::min<int64_t>(kPerLane - sent[size_t(l)], int64_t(rng() % 3000));
                for (int64_t k = 0; k < run; ++k) {
                    received.push_back(Event{nextT[size_t(l)], 0, Ev::Mark, LaneId(l), sent[size_t(l)]++, 0});
                    nextT[size_t(l)] += int64_t(rng() % 4);
                }
                more = more || sent[size_t(l)] < kPerLane;
            }
            if (rng() % 3 == 0) {
                // The watermark: below every lane's next event.
                int64_t upTo = INT64_MAX;
                for (int l = 0; l < kLanes; ++l)
                    if (sent[size_t(l)] < kPerLane)
                        upTo = std::min(upTo, nextT[size_t(l)] - 1);
                poll(std::max(upTo, limit));
            }
        }
        poll(INT64_MAX);
        QCOMPARE(order.held(), size_t(0));
        QCOMPARE(out.size(), size_t(kLanes * kPerLane));
        std::vector<int64_t> seen(kLanes, 0);
        for (size_t k = 0; k < out.size(); ++k) {
            if (k > 0)
                QVERIFY2(out[k - 1].t <= out[k].t,
                         qPrintable(QString("event %1 is older than the one before it").arg(k)));
            QCOMPARE(out[k].a, seen[out[k].lane]++);
        }
        // Polls spanning many chunks went out a chunk or so at a time, not all at once.
        QVERIFY(*std::max_element(batchSizes.begin(), batchSizes.end()) < 4 * EventChunks::kChunk);
    }

    // Stamps that disagree with the order things happened in (a release stamped after the next
    // holder's acquire, a handoff's end stamped before its start: clocks of two cores apart, or
    // another sender), arriving the later thread's records first, as a drain pass may send
    // them: the model still sees one holder at a time and every handoff pointing forward, with
    // the consistent stamps left as they were.
    void lockStoryStaysConsistent()
    {
        constexpr int64_t kT = kOrigin;
        const auto id = [](int64_t thread, int64_t n) { return (thread << kIdThreadShift) | n; };
        Stream s;
        s.rec(Record{0, 0, Hello, kProtocolVersion, kPid, 1}, "3.11.2")
            .rec(Record{0, 0, ThreadNew, 0, -1, 0}, "MainThread")
            .rec(Record{0, 0, ObjectNew, 0, 1, int64_t(ObjectKind::Lock)}, "lock\nbank.py:3")
            .rec(Record{0, 0, ThreadNew, 1, 0, 0}, "worker")
            // The worker's pass first: it waited, took the lock at 200 (stamped before main's
            // release at 260) and ended main's handoff at 210 (before its start at 270).
            .ev(Ev::ThreadStart, 1, 0, 0, 0, kT + 10)
            .ev(Ev::StateChange, 1, 1, int64_t(State::WaitLock), 0, kT + 150)
            .ev(Ev::StateChange, 1, 0, int64_t(State::Run), 0, kT + 199)
            .ev(Ev::HoldBegin, 1, 1, id(1, 1), 0, kT + 200)
            .ev(Ev::FlowEnd, 1, 1, id(0, 1), int64_t(FlowKind::Handoff), kT + 210)
            .ev(Ev::HoldEnd, 1, 1, id(1, 1), 1, kT + 300)
            .ev(Ev::ThreadEnd, 1, 0, 0, 0, kT + 600)
            // Then main's: holds at 100-260 and 400-500 (the second consistent).
            .ev(Ev::ThreadStart, 0, 0, 0, 0, kT + 1)
            .ev(Ev::HoldBegin, 0, 1, id(0, 1), 0, kT + 100)
            .ev(Ev::HoldEnd, 0, 1, id(0, 1), 0, kT + 260)
            .ev(Ev::FlowStart, 0, 1, id(0, 1), int64_t(FlowKind::Handoff), kT + 270)
            .ev(Ev::HoldBegin, 0, 1, id(0, 2), 0, kT + 400)
            .ev(Ev::HoldEnd, 0, 1, id(0, 2), 0, kT + 500)
            .ev(Ev::ThreadEnd, 0, 0, 0, 0, kT + 700)
            .rec(Record{0, 0, Result, 0, int64_t(ResultKind::Finished), 0}, "")
            .rec(Record{0, 0, Bye, 0, 0, 0});
        RunTables tab = tables();
        Decoder d(kPid);
        QVERIFY2(d.feed(s.bytes.data(), s.bytes.size(), tab, kOrigin), d.error().c_str());
        QVERIFY(d.close(tab));

        // What Program::ingest does: the tables' lanes and objects, then the events in time
        // order through the lock guard into the model.
        Trace trace;
        for (const LaneInfo& info : tab.lanes) {
            Lane l;
            l.info = info;
            l.start = -1;
            trace.lanes.push_back(l);
        }
        trace.objects = tab.objects;
        trace.strings = tab.strings;
        std::vector<std::vector<Event>> chunks;
        tab.events.takeAll(chunks);
        EventOrder order;
        LockSequence locks;
        order.pass(chunks, INT64_MAX, [&](std::vector<Event>& batch) {
            locks.apply(batch, [&](ObjectId o) { return trace.objects[o].kind; });
            trace.ingest(batch);
        });
        trace.finish(700, RunResult{"finished", {}});
        std::string problems;
        for (const std::string& p : trace.checkInvariants())
            problems += p + "\n";
        QVERIFY2(problems.empty(), problems.c_str());

        QCOMPARE(trace.holds.size(), size_t(3));
        std::vector<Hold> holds(trace.holds.begin(), trace.holds.end());
        std::sort(holds.begin(), holds.end(), [](const Hold& a, const Hold& b) { return a.start < b.start; });
        QCOMPARE(holds[0].lane, LaneId(0));
        QCOMPARE(holds[0].start, int64_t(100));
        QCOMPARE(holds[0].end, int64_t(200));  // main's release came before the worker's acquire
        QCOMPARE(holds[1].lane, LaneId(1));
        QCOMPARE(holds[1].start, int64_t(200));
        QCOMPARE(holds[1].end, int64_t(300));
        QCOMPARE(holds[2].start, int64_t(400));  // consistent stamps: as they were
        QCOMPARE(holds[2].end, int64_t(500));
        QCOMPARE(trace.flows.size(), size_t(1));
        const Flow& f = trace.flows[0];
        QCOMPARE(f.kind, FlowKind::Handoff);
        QCOMPARE(f.fromLane, LaneId(0));
        QCOMPARE(f.toLane, LaneId(1));
        QCOMPARE(f.toT, int64_t(210));
        QVERIFY(f.fromT <= f.toT);
    }
};

QTEST_GUILESS_MAIN(TstPytraceDecoder)
#include "tst_pytrace_decoder.moc"
