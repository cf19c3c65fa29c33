// SPDX-License-Identifier: MIT
// _threadlens: the native half of the Python tracer (threadlens_agent/ is the Python half; the
// records it sends are engine/pytrace/wire.h, the trace they make docs/trace-format.md). Runs
// inside the traced CPython process, built against the stable ABI (abi3: one binary for every
// CPython >= 3.11).
//
// - Lock and RLock: recording lock types with every private method threading.Condition and fork
//   use. A lock made with object id 0 records nothing (the standard library's own locks).
// - rec() and friends: the Python agent's way to record the pure-Python primitives.
// - Records go into a per-thread ring (one append, one release store; never blocks: a full ring
//   counts a drop). A native thread drains the rings every millisecond and writes them to the
//   run's private Unix socket (engine/pytrace/wire.h).
//
// Threading contract: a ring has one producer (its thread) and one consumer (the drain thread).
// Lock/RLock bookkeeping fields (holder, waiters, pending handoff) are touched only with the GIL
// held; the blocking acquire itself runs with the GIL released. The registry (ring list, control
// bytes, strings, objects) is under g_mutex, taken only for rare things (new thread, object, string).
#define Py_LIMITED_API 0x030B0000
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pythread.h>
#include <structmember.h>

#include "engine/pytrace/wire.h"
#include "engine/record/clock.h"
#include "engine/record/event.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <new>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include <signal.h>
#include <sys/socket.h>
#include <time.h>
#include <sys/un.h>
#include <unistd.h>
#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#endif

namespace {

using tl::Ev;
using tl::pytrace::Record;

// ---- per-thread buffers ----

// A chain of chunks, single producer (its thread), single consumer (the drain thread), like the
// engine's EventBuffer: it grows while the drain thread lags (a loaded machine, a slow viewer) and
// shrinks back as it catches up, so a burst of millions of events loses nothing. Only past
// kMaxPending unsent records does it drop (counted, reported), never blocking the program.
struct Chunk {
    static constexpr uint32_t kRecords = 2048;  // 64 KB
    Record recs[kRecords];
    std::atomic<Chunk*> next{nullptr};
};

void giveChunk(Chunk* c);

struct Ring {
    static constexpr uint64_t kMaxPending = uint64_t(1) << 21;  // 64 MB of records per thread
    uint16_t thread = 0;
    uint64_t holdSeq = 0, flowSeq = 0;  // owner thread only
    // producer's line
    alignas(64) Chunk* tail;
    uint32_t pos = 0;
    uint64_t written = 0;
    alignas(64) std::atomic<uint64_t> head{0};  // records published
    alignas(64) std::atomic<uint64_t> consumed{0};  // records the drain thread has taken
    std::atomic<Chunk*> spare{nullptr};  // a drained chunk handed back for reuse
    std::atomic<uint64_t> dropped{0};
    std::atomic<bool> ended{false};
    void* tstate = nullptr;  // the thread's PyThreadState, once its lane started (under g_reg->mutex)
    // consumer's line
    alignas(64) Chunk* headChunk;
    uint32_t headPos = 0;
    int64_t lastNs = 0;  // keeps a lane's times monotonic after conversion

    Ring() : tail(new Chunk), headChunk(tail) {}
    ~Ring()
    {
        for (Chunk* c = headChunk; c;) {
            Chunk* n = c->next.load();
            delete c;
            c = n;
        }
        delete spare.load();
    }
    // Consumer: the next published record's raw stamp, left where it is (only while consumed < head).
    int64_t nextStamp() const
    {
        return headPos == Chunk::kRecords ? headChunk->next.load(std::memory_order_acquire)->recs[0].t
                                          : headChunk->recs[headPos].t;
    }
    // Consumer: the next published record (call only while consumed < head).
    const Record& take()
    {
        if (headPos == Chunk::kRecords) {
            Chunk* old = headChunk;
            headChunk = old->next.load(std::memory_order_acquire);
            headPos = 0;
            Chunk* none = nullptr;
            old->next.store(nullptr, std::memory_order_relaxed);
            if (!spare.compare_exchange_strong(none, old, std::memory_order_acq_rel))
                giveChunk(old);
        }
        return headChunk->recs[headPos++];
    }
};

struct StringId {
    int64_t id;
    uint32_t sentOn;  // the stream (g_stream) it was last announced on
};

struct Registry {
    std::mutex mutex;
    std::vector<Ring*> rings;
    std::vector<char> control;  // encoded control records not yet sent
    // Interned texts, each once (a million tasks that all return None make one string).
    std::unordered_map<std::string, StringId> strings;
    std::vector<std::vector<char>> objects;  // encoded ObjectNew records, index id - 1 (for fork children)
    uint32_t nextObject = 1;
    uint16_t nextThread = 0;
};

Registry* g_reg = new Registry;  // never freed: a forked child replaces it (the old one may be locked)
// initial-exec: a plain %fs-relative load on every record instead of a __tls_get_addr call
// (one pointer fits the static TLS surplus glibc keeps for dlopen'ed modules).
__attribute__((tls_model("initial-exec"))) thread_local Ring* t_ring = nullptr;
std::atomic<bool> g_on{false};  // recording enabled (a connection exists)
bool g_tsc = false;  // stamps are TSC ticks (tl::Clock's calibration), else steady-clock ns
std::atomic<bool> g_stop{false};
std::thread* g_drain = nullptr;
std::mutex* g_wakeMutex = new std::mutex;
std::condition_variable* g_wake = new std::condition_variable;
int g_fd = -1;
std::string g_path, g_version;
bool g_armed = false;  // a forkserver: not traced itself, its forked children connect
volatile sig_atomic_t g_term = 0;  // SIGTERM arrived: send what is recorded, then die of it
// A drain thread runs in this process to do that (0 in a fork child until it has its own).
volatile sig_atomic_t g_drainRunning = 0;
uint64_t g_droppedSent = 0;
// This process's stream: 1 for the first, one more for each fork child (strings announced on an
// older stream are announced again when used).
uint32_t g_stream = 1;
// A fork child's objects 1..g_inherited are its parent's: each is announced on the child's stream
// the first time the child records on it, so a parent with a million futures still forks cheaply.
uint32_t g_inherited = 0;
std::atomic<uint8_t>* g_inheritedSent = nullptr;

void appendControl(std::vector<char>& out, uint16_t type, uint16_t thread, int64_t a, int64_t b,
                   const std::string& text)
{
    const uint32_t len = uint32_t(std::min<size_t>(text.size(), tl::pytrace::kMaxText));
    Record r{0, len, type, thread, a, b};
    const char* p = reinterpret_cast<const char*>(&r);
    out.insert(out.end(), p, p + sizeof r);
    out.insert(out.end(), text.data(), text.data() + len);
    out.resize(out.size() + ((8 - len % 8) % 8), '\0');
}

// A text's string id (under g_reg->mutex; s non-empty, at most kMaxText bytes), announced on this
// process's stream if it was not yet.
int64_t internLocked(std::string s)
{
    const auto id = int64_t(g_reg->strings.size()) + 1;
    auto [it, fresh] = g_reg->strings.try_emplace(std::move(s), StringId{id, 0});
    if (it->second.sentOn != g_stream) {
        appendControl(g_reg->control, tl::pytrace::String, 0, it->second.id, 0, it->first);
        it->second.sentOn = g_stream;
    }
    return it->second.id;
}

Ring* newRing(uint16_t index)
{
    auto* r = new Ring;
    r->thread = index;
    return r;
}

// Registers the calling thread (under g_reg->mutex) and announces it.
Ring* registerThread(const std::string& name, int64_t parent, bool daemon)
{
    std::lock_guard lk(g_reg->mutex);
    Ring* r = newRing(g_reg->nextThread++);
    g_reg->rings.push_back(r);
    appendControl(g_reg->control, tl::pytrace::ThreadNew, r->thread, parent, daemon ? 1 : 0, name);
    t_ring = r;
    return r;
}

Ring* ring()
{
    if (Ring* r = t_ring) [[likely]]
        return r;
    // A thread the agent did not see start (made by _thread directly): a lane of its own.
    return registerThread("thread " + std::to_string(PyThread_get_thread_ident()), -1, true);
}

// Time stamps: a plain RDTSC, no fences (in this VM RDTSC costs 15-20 ns, LFENCE+RDTSC 36-40 ns:
// the fences alone were the whole per-event budget). Order comes from the GIL instead: every
// record of the program's objects is made by a thread holding it, and each stamp is made later
// than the latest one taken under it. So a record made after another (a hold's begin after the
// previous holder's end, a handoff's or an item's end after its start) is never stamped before
// it, whatever RDTSC's reordering around the lock operations or the cores' TSC offsets.
uint64_t g_lastStamp = 0;  // the latest stamp taken under the GIL

inline uint64_t rawStamp()
{
#if defined(__x86_64__) || defined(__i386__)
    if (g_tsc) [[likely]]
        return __rdtsc();
#endif
    return tl::Clock::ticks();  // the steady clock (the vDSO reads the TSC ordered itself)
}

// With the GIL held.
inline uint64_t orderedStamp()
{
    uint64_t t = rawStamp();
    if (t <= g_lastStamp) [[unlikely]]
        t = g_lastStamp + 1;
    g_lastStamp = t;
    return t;
}

// Spare chunks shared by every ring: a thread that fills its chunk takes one, the drain thread
// gives emptied ones back. A chunk freed and allocated again costs 16 fresh pages (faults, zeroing:
// 16k faults for a million locked blocks); at most kMaxPooled are kept (8 MB).
struct ChunkPool {
    static constexpr size_t kMaxPooled = 128;
    std::mutex mutex;
    std::vector<Chunk*> free;
};
ChunkPool* g_chunks = new ChunkPool;  // never freed (a fork child makes a new one: this one may be locked)

Chunk* takeChunk()
{
    {
        std::lock_guard lk(g_chunks->mutex);
        if (!g_chunks->free.empty()) {
            Chunk* c = g_chunks->free.back();
            g_chunks->free.pop_back();
            return c;
        }
    }
    return new (std::nothrow) Chunk;
}

void giveChunk(Chunk* c)
{
    {
        std::lock_guard lk(g_chunks->mutex);
        if (g_chunks->free.size() < ChunkPool::kMaxPooled) {
            g_chunks->free.push_back(c);
            return;
        }
    }
    delete c;
}

// The hot path: one slot, one release store; `t` is the record's stamp.
inline void recordAt(Ring* r, uint64_t t, Ev type, uint32_t object, int64_t a, int64_t b, uint16_t thread)
{
    if (r->pos == Chunk::kRecords) [[unlikely]] {
        if (r->written - r->consumed.load(std::memory_order_acquire) >= Ring::kMaxPending) {
            r->dropped.fetch_add(1, std::memory_order_relaxed);
            return;
        }
        Chunk* c = r->spare.exchange(nullptr, std::memory_order_acq_rel);
        if (!c)
            c = takeChunk();
        if (!c) {
            r->dropped.fetch_add(1, std::memory_order_relaxed);
            return;
        }
        r->tail->next.store(c, std::memory_order_release);
        r->tail = c;
        r->pos = 0;
    }
    // The slot's line is likely cold (the drain thread last read it, on another core): ask for a
    // line 256 bytes ahead now, so that its transfer overlaps the records until then.
    if (r->pos + 8 < Chunk::kRecords)
        __builtin_prefetch(&r->tail->recs[r->pos + 8], 1, 3);
    r->tail->recs[r->pos++] = Record{int64_t(t), object, uint16_t(type), thread, a, b};
    r->head.store(++r->written, std::memory_order_release);
}

// A record of a thread holding the GIL.
inline void recordOn(Ring* r, Ev type, uint32_t object, int64_t a, int64_t b, uint16_t thread)
{
    recordAt(r, orderedStamp(), type, object, a, b, thread);
}

void announceInherited(uint32_t object)
{
    std::lock_guard lk(g_reg->mutex);
    if (g_inheritedSent[object - 1].load(std::memory_order_relaxed))
        return;
    const std::vector<char>& rec = g_reg->objects[object - 1];
    g_reg->control.insert(g_reg->control.end(), rec.begin(), rec.end());
    g_inheritedSent[object - 1].store(1, std::memory_order_relaxed);
}

// Before the first record on an object inherited from the parent: its announcement (a compare of
// a zero in the first process; object 0, none, wraps around and never matches).
inline void announced(uint32_t object)
{
    if (object - 1 < g_inherited) [[unlikely]]
        if (!g_inheritedSent[object - 1].load(std::memory_order_relaxed))
            announceInherited(object);
}

inline void record(Ev type, uint32_t object, int64_t a = 0, int64_t b = 0)
{
    if (!g_on.load(std::memory_order_relaxed))
        return;
    announced(object);
    Ring* r = ring();
    recordOn(r, type, object, a, b, r->thread);
}

int64_t newId(uint64_t Ring::*seq)
{
    Ring* r = ring();
    return int64_t((uint64_t(r->thread) << tl::pytrace::kIdThreadShift) | ++(r->*seq));
}

// ---- the drain thread ----

bool writeAll(const char* p, size_t n)
{
    while (n > 0) {
        const ssize_t w = ::send(g_fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= size_t(w);
    }
    return true;
}

constexpr uint64_t kBatch = 32768;

// One pass: heads first, then the control bytes, then the rings up to those heads: a string,
// thread or object announced before an event is therefore always sent before it.
bool drainOnce(std::vector<char>& ctl, std::vector<Record>& out)
{
    // Everything stamped before this has been published by the time the heads are read (but for a
    // thread preempted between its stamp and its store: that record comes late, and is handled so).
#if defined(__x86_64__) || defined(__i386__)
    if (g_tsc)
        _mm_lfence();  // read after everything before (once a pass: the fence costs nothing here)
#endif
    const int64_t mark = tl::Clock::toNs(rawStamp());
    std::vector<std::pair<Ring*, uint64_t>> heads;
    {
        std::lock_guard lk(g_reg->mutex);
        heads.reserve(g_reg->rings.size());
        for (Ring* r : g_reg->rings)
            heads.emplace_back(r, r->head.load(std::memory_order_acquire));
        ctl.swap(g_reg->control);
        g_reg->control.clear();
    }
    uint64_t dropped = 0;
    bool behind = false;
    int64_t low = mark;
    out.clear();
    std::vector<Ring*> finished;
    for (auto [r, h] : heads) {
        const bool ended = r->ended.load(std::memory_order_acquire);
        uint64_t t = r->consumed.load(std::memory_order_relaxed);
        // A bounded batch per pass: a thread far ahead is sent in pieces, interleaved with the rest.
        for (const uint64_t stop = std::min(h, t + kBatch); t < stop; ++t) {
            Record rec = r->take();
            rec.t = std::max(tl::Clock::toNs(uint64_t(rec.t)), r->lastNs);
            r->lastNs = rec.t;
            out.push_back(rec);
        }
        r->consumed.store(t, std::memory_order_release);
        if (t < h) {  // left for the next pass: the watermark stays below it
            behind = true;
            low = std::min(low, tl::Clock::toNs(uint64_t(r->nextStamp())));
        }
        dropped += r->dropped.load(std::memory_order_relaxed);
        if (ended && r->head.load(std::memory_order_acquire) == t)
            finished.push_back(r);
    }
    bool ok = ctl.empty() || writeAll(ctl.data(), ctl.size());
    if (ok && !out.empty())
        ok = writeAll(reinterpret_cast<const char*>(out.data()), out.size() * sizeof(Record));
    // The viewer orders what it has up to the watermark: sent with news, else every 10 ms.
    static int64_t lastMark = 0;
    // Sent while behind too (below what is left): the viewer must keep ordering what it has.
    if (ok && (!out.empty() || mark - lastMark > 10'000'000)) {
        std::vector<char> w;
        appendControl(w, tl::pytrace::Watermark, 0, low, 0, {});
        ok = writeAll(w.data(), w.size());
        lastMark = mark;
    }
    if (ok && dropped > g_droppedSent) {
        std::vector<char> d;
        appendControl(d, tl::pytrace::Dropped, 0, int64_t(dropped - g_droppedSent), 0, {});
        g_droppedSent = dropped;
        ok = writeAll(d.data(), d.size());
    }
    if (!ok)
        g_on.store(false, std::memory_order_relaxed);  // the viewer is gone: stop recording
    if (!finished.empty()) {
        std::lock_guard lk(g_reg->mutex);
        for (Ring* r : finished) {
            std::erase(g_reg->rings, r);
            g_droppedSent -= r->dropped.load(std::memory_order_relaxed);
            delete r;
        }
    }
    return behind;
}

// After SIGTERM (Pool.terminate() ends idle workers so): what the threads recorded is sent,
// then the process dies of the signal as it would have without the tracer.
void terminate(std::vector<char>& ctl, std::vector<Record>& out)
{
    for (int i = 0; i < 64 && drainOnce(ctl, out); ++i)
        ;
    drainOnce(ctl, out);
    std::vector<char> bye;
    appendControl(bye, tl::pytrace::Bye, 0, 0, 0, {});
    if (g_on.load())
        writeAll(bye.data(), bye.size());
    g_on.store(false);
    ::signal(SIGTERM, SIG_DFL);
    ::kill(::getpid(), SIGTERM);
}

void onTerm(int)
{
    g_term = 1;
    if (!g_drainRunning) {  // nobody to flush (a fork child not yet connected, a stopped tracer): die now
        ::signal(SIGTERM, SIG_DFL);
        ::raise(SIGTERM);  // delivered as soon as this handler returns
    }
}

// Only where SIGTERM would end the process anyway; a program's own handler stays its own.
void catchTerm()
{
    struct sigaction old {};
    if (::sigaction(SIGTERM, nullptr, &old) != 0 || old.sa_handler != SIG_DFL || (old.sa_flags & SA_SIGINFO))
        return;
    struct sigaction sa {};
    sa.sa_handler = onTerm;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &sa, nullptr);
}

void drainLoop()
{
    // The drain thread must never run Python nor take the GIL; signals belong to Python's threads.
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, nullptr);
    std::vector<char> ctl;
    std::vector<Record> out;
    while (!g_stop.load(std::memory_order_acquire)) {
        if (g_term) {
            terminate(ctl, out);
            return;
        }
        if (drainOnce(ctl, out))
            continue;  // more is waiting: no pause
        std::unique_lock lk(*g_wakeMutex);
        g_wake->wait_for(lk, std::chrono::milliseconds(1), [] { return g_stop.load(std::memory_order_acquire); });
    }
    while (drainOnce(ctl, out) && g_on.load())
        ;
    drainOnce(ctl, out);  // a ring that ended in the last pass
}

bool connectSocket(const std::string& path)
{
    sockaddr_un addr{};
    if (path.size() >= sizeof addr.sun_path)
        return false;
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    g_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (g_fd < 0)
        return false;
    if (::connect(g_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(g_fd);
        g_fd = -1;
        return false;
    }
    return true;
}

void sendHello()
{
    std::vector<char> h;
    appendControl(h, tl::pytrace::Hello, tl::pytrace::kProtocolVersion, getpid(), getppid(), g_version);
    writeAll(h.data(), h.size());
}

void startDrain()
{
    g_stop.store(false);
    g_on.store(true);
    g_drain = new std::thread(drainLoop);
    g_drainRunning = 1;
    catchTerm();
}

// ---- the sampled GIL (CPython 3.11: _threadlens_gil reads the holder) ----

uint32_t newObjectLocked(tl::ObjectKind kind, const std::string& name, const std::string& site, int64_t capacity,
                         int64_t order);

// The reader _threadlens_gil hands over in a capsule (see threadlens_gil.c).
struct GilReader {
    int version;
    int (*read)(void** holder);
};
const GilReader* g_gilReader = nullptr;
long g_gilHz = 0;  // sampling rate; 0 = no GIL lane
std::thread* g_sampler = nullptr;
std::atomic<bool> g_samplerStop{false};
// Under g_reg->mutex: the GIL object, the lane holding it as last seen (-1 none), its hold id.
uint32_t g_gilObject = 0;
int g_gilHolder = -1;
int64_t g_gilHold = 0;
uint64_t g_gilSeq = 0;
// A sampled hold's id: the holder's index as usual, bit 39 set so it never meets the thread's own.
constexpr uint64_t kSampledHoldBit = uint64_t(1) << 39;

// The GIL changed hands (under g_reg->mutex): the old holder's hold ends, the new one's begins,
// recorded on their lanes through `via`, a ring the calling thread owns.
// The sampler records without the GIL: its stamps are ordered by g_reg->mutex instead.
void gilSwitchLocked(Ring* via, int lane)
{
    if (lane == g_gilHolder || !g_on.load(std::memory_order_relaxed))
        return;
    static uint64_t last = 0;
    const uint64_t t = last = std::max(rawStamp(), last + 1);
    const auto old = g_gilHolder;
    if (old >= 0)
        recordAt(via, t, Ev::HoldEnd, g_gilObject, g_gilHold, old, uint16_t(old));
    if (lane >= 0) {
        g_gilHold = int64_t((uint64_t(lane) << tl::pytrace::kIdThreadShift) | kSampledHoldBit | ++g_gilSeq);
        recordAt(via, t, Ev::HoldBegin, g_gilObject, g_gilHold, 0, uint16_t(lane));
    }
    recordAt(via, t, Ev::Counter, g_gilObject, int64_t(tl::CounterKind::Holder), lane,
             uint16_t(lane >= 0 ? lane : old));
    g_gilHolder = lane;
}

void samplerLoop(Ring* mine, long hz)
{
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, nullptr);
    const long period = 1'000'000'000L / hz;
    timespec next{};
    clock_gettime(CLOCK_MONOTONIC, &next);
    void* lastRaw = nullptr;
    int lastLocked = -1;
    while (!g_samplerStop.load(std::memory_order_acquire)) {
        next.tv_nsec += period;
        if (next.tv_nsec >= 1'000'000'000L) {
            next.tv_nsec -= 1'000'000'000L;
            ++next.tv_sec;
        }
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, nullptr);
        timespec now{};
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec > next.tv_sec + 1)
            next = now;  // far behind (a stopped process, a starved machine): no burst of catch-up samples
        void* raw = nullptr;
        const int locked = g_gilReader->read(&raw);
        if (locked == lastLocked && raw == lastRaw)
            continue;
        lastLocked = locked;
        lastRaw = raw;
        std::lock_guard lk(g_reg->mutex);
        int lane = -1;
        if (locked)
            for (Ring* r : g_reg->rings)
                if (r->tstate == raw) {
                    lane = r->thread;
                    break;
                }
        gilSwitchLocked(mine, lane);
    }
    std::lock_guard lk(g_reg->mutex);
    gilSwitchLocked(mine, -1);
    mine->ended.store(true, std::memory_order_release);
}

// Starts sampling (GIL held, recording on): a GIL object for this process, a ring that is no lane.
void startSampler()
{
    if (!g_gilReader || g_gilHz <= 0 || g_sampler)
        return;
    Ring* mine = newRing(0);
    {
        std::lock_guard lk(g_reg->mutex);
        g_gilObject = newObjectLocked(tl::ObjectKind::Gil, "GIL", "", g_gilHz, 0);
        g_gilHolder = -1;
        g_reg->rings.push_back(mine);
    }
    g_samplerStop.store(false);
    g_sampler = new std::thread(samplerLoop, mine, g_gilHz);
}

void stopSampler()
{
    if (!g_sampler)
        return;
    g_samplerStop.store(true, std::memory_order_release);
    g_sampler->join();
    delete g_sampler;
    g_sampler = nullptr;
}

// The thread's lane has started: the sampler may now name it as the GIL's holder.
void lanePublished(Ring* r)
{
    std::lock_guard lk(g_reg->mutex);
    r->tstate = PyThreadState_Get();
}

// The lane ends: it holds the GIL no more (before its ThreadEnd), and is no holder to find.
void laneWithdrawn(Ring* r)
{
    std::lock_guard lk(g_reg->mutex);
    r->tstate = nullptr;
    if (g_gilHolder == r->thread)
        gilSwitchLocked(r, -1);
}

// ---- module functions ----

bool toStr(PyObject* o, std::string& out)
{
    Py_ssize_t n = 0;
    const char* s = PyUnicode_AsUTF8AndSize(o, &n);
    if (!s)
        return false;
    out.assign(s, size_t(n));
    return true;
}

bool argsCount(const char* fn, Py_ssize_t nargs, Py_ssize_t want)
{
    if (nargs == want)
        return true;
    PyErr_Format(PyExc_TypeError, "%s() takes %d arguments (%d given)", fn, int(want), int(nargs));
    return false;
}

PyObject* m_start(PyObject*, PyObject* const* args, Py_ssize_t nargs)
{
    if (!argsCount("start", nargs, 2) || !toStr(args[0], g_path) || !toStr(args[1], g_version))
        return nullptr;
    if (g_drain) {
        PyErr_SetString(PyExc_RuntimeError, "the tracer is already started");
        return nullptr;
    }
    g_tsc = tl::Clock::usesTsc();
    if (!connectSocket(g_path)) {
        PyErr_Format(PyExc_OSError, "cannot connect to ThreadLens at %s: %s", g_path.c_str(), strerror(errno));
        return nullptr;
    }
    sendHello();
    startDrain();
    Py_RETURN_NONE;
}

// gil_start(hz): samples who holds the GIL hz times a second (CPython 3.11, _threadlens_gil).
PyObject* m_gil_start(PyObject*, PyObject* arg)
{
    const long hz = PyLong_AsLong(arg);
    if (hz == -1 && PyErr_Occurred())
        return nullptr;
    if (hz < 100 || hz > 20000) {
        PyErr_SetString(PyExc_ValueError, "gil_start: the rate is 100 to 20000 Hz");
        return nullptr;
    }
    auto* reader = static_cast<const GilReader*>(PyCapsule_Import("_threadlens_gil.reader", 0));
    if (!reader)
        return nullptr;
    if (reader->version != 1) {
        PyErr_SetString(PyExc_RuntimeError, "_threadlens_gil is from another build of ThreadLens");
        return nullptr;
    }
    g_gilReader = reader;
    g_gilHz = hz;
    if (g_drain)
        startSampler();  // else (a forkserver) each forked child starts its own
    Py_RETURN_NONE;
}

// arm(socket_path, python_version): a forkserver; it records nothing, the children it forks connect.
PyObject* m_arm(PyObject*, PyObject* const* args, Py_ssize_t nargs)
{
    if (!argsCount("arm", nargs, 2) || !toStr(args[0], g_path) || !toStr(args[1], g_version))
        return nullptr;
    g_tsc = tl::Clock::usesTsc();
    g_armed = true;
    Py_RETURN_NONE;
}

void stopDrain()
{
    if (!g_drain)
        return;
    g_drainRunning = 0;
    {
        std::lock_guard lk(*g_wakeMutex);
        g_stop.store(true, std::memory_order_release);
    }
    g_wake->notify_all();
    g_drain->join();
    delete g_drain;
    g_drain = nullptr;
}

// Sends what is buffered, then Bye; recording stops. Safe to call twice.
PyObject* m_shutdown(PyObject*, PyObject*)
{
    if (!g_drain)
        Py_RETURN_NONE;
    Py_BEGIN_ALLOW_THREADS stopSampler();
    stopDrain();
    g_on.store(false);
    std::vector<char> bye;
    appendControl(bye, tl::pytrace::Bye, 0, 0, 0, {});
    writeAll(bye.data(), bye.size());
    ::close(g_fd);
    g_fd = -1;
    Py_END_ALLOW_THREADS Py_RETURN_NONE;
}

// Waits until everything recorded so far was written (before os._exit, at a Pool worker's end).
PyObject* m_flush(PyObject*, PyObject*)
{
    if (!g_drain)
        Py_RETURN_NONE;
    Py_BEGIN_ALLOW_THREADS std::vector<std::pair<Ring*, uint64_t>> want;
    {
        std::lock_guard lk(g_reg->mutex);
        for (Ring* r : g_reg->rings)
            want.emplace_back(r, r->head.load(std::memory_order_acquire));
    }
    for (int i = 0; i < 2000 && g_on.load(); ++i) {
        bool done = true;
        {
            std::lock_guard lk(g_reg->mutex);
            for (auto [r, h] : want)
                if (std::find(g_reg->rings.begin(), g_reg->rings.end(), r) != g_reg->rings.end() &&
                    r->consumed.load(std::memory_order_acquire) < h)
                    done = false;
            done = done && g_reg->control.empty();
        }
        if (done)
            break;
        g_wake->notify_all();
        std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
    // One more pass so the last batch has left the drain thread's hands.
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    Py_END_ALLOW_THREADS Py_RETURN_NONE;
}

// In a forked child (os.register_at_fork): the parent's rings, drain thread and registry mutex
// are not ours (another parent thread may have held the mutex at the fork). Keep the strings and
// objects, drop the rest, reconnect as our own process with the calling thread as lane 0.
PyObject* m_after_fork_child(PyObject*, PyObject* const* args, Py_ssize_t nargs)
{
    std::string name;
    if (!argsCount("after_fork_child", nargs, 1) || !toStr(args[0], name))
        return nullptr;
    const bool wasOn = g_drain != nullptr || g_armed;
    g_armed = false;
    g_sampler = nullptr;  // like the drain thread: not in this process
    g_gilObject = 0;
    g_gilHolder = -1;
    g_drain = nullptr;  // the thread does not exist here; its object is leaked on purpose
    g_on.store(false);
    if (g_fd >= 0)
        ::close(g_fd);
    g_fd = -1;
    auto* fresh = new Registry;
    fresh->strings = std::move(g_reg->strings);  // the old registry is abandoned: take its tables
    fresh->objects = std::move(g_reg->objects);
    fresh->nextObject = g_reg->nextObject;
    g_reg = fresh;
    g_chunks = new ChunkPool;  // the parent's may be locked; its chunks stay untouched (no copies made)
    g_inherited = uint32_t(fresh->objects.size());
    g_inheritedSent = new std::atomic<uint8_t>[g_inherited]();  // the parent's array (if any) is leaked
    g_wakeMutex = new std::mutex;
    g_wake = new std::condition_variable;
    g_droppedSent = 0;
    t_ring = nullptr;
    if (!wasOn || !connectSocket(g_path))
        Py_RETURN_NONE;  // untraced child (the viewer is gone)
    sendHello();
    Ring* r = registerThread(name, -1, false);
    startDrain();
    record(Ev::ThreadStart, 0);
    lanePublished(r);
    startSampler();  // the child's own GIL
    Py_RETURN_NONE;
}

PyObject* m_thread_begin(PyObject*, PyObject* const* args, Py_ssize_t nargs)
{
    std::string name;
    if (!argsCount("thread_begin", nargs, 3) || !toStr(args[0], name))
        return nullptr;
    const int daemon = PyObject_IsTrue(args[1]);
    const long parent = PyLong_AsLong(args[2]);
    if (daemon < 0 || (parent == -1 && PyErr_Occurred()))
        return nullptr;
    Ring* r = registerThread(name, parent, daemon != 0);
    record(Ev::ThreadStart, 0);
    lanePublished(r);
    return PyLong_FromLong(r->thread);
}

PyObject* m_thread_end(PyObject*, PyObject* const* args, Py_ssize_t nargs)
{
    if (!argsCount("thread_end", nargs, 1))
        return nullptr;
    const int killed = PyObject_IsTrue(args[0]);
    if (killed < 0)
        return nullptr;
    if (Ring* r = t_ring) {
        laneWithdrawn(r);
        record(Ev::ThreadEnd, 0, killed);
        t_ring = nullptr;
        r->ended.store(true, std::memory_order_release);
    }
    Py_RETURN_NONE;
}

PyObject* m_thread_index(PyObject*, PyObject*) { return PyLong_FromLong(ring()->thread); }

PyObject* m_intern(PyObject*, PyObject* const* args, Py_ssize_t nargs)
{
    std::string s;
    if (!argsCount("intern", nargs, 1) || !toStr(args[0], s))
        return nullptr;
    if (s.empty())
        return PyLong_FromLong(0);
    if (s.size() > tl::pytrace::kMaxText)
        s.resize(tl::pytrace::kMaxText);
    std::lock_guard lk(g_reg->mutex);
    return PyLong_FromLongLong(internLocked(std::move(s)));
}

// Announces an object (under g_reg->mutex); returns its id.
uint32_t newObjectLocked(tl::ObjectKind kind, const std::string& name, const std::string& site, int64_t capacity,
                         int64_t order)
{
    const uint32_t id = g_reg->nextObject++;
    std::vector<char> rec;
    appendControl(rec, tl::pytrace::ObjectNew, 0, id, int64_t(kind) | (order << 8) | (capacity << 16),
                  name + "\n" + site);
    g_reg->control.insert(g_reg->control.end(), rec.begin(), rec.end());
    g_reg->objects.push_back(std::move(rec));
    return id;
}

// new_object(kind, name, site, capacity, order) -> id
PyObject* m_new_object(PyObject*, PyObject* const* args, Py_ssize_t nargs)
{
    std::string name, site;
    if (!argsCount("new_object", nargs, 5) || !toStr(args[1], name) || !toStr(args[2], site))
        return nullptr;
    const long kind = PyLong_AsLong(args[0]);
    const long long capacity = PyLong_AsLongLong(args[3]);
    const long order = PyLong_AsLong(args[4]);
    if (PyErr_Occurred())
        return nullptr;
    if (kind < 0 || kind >= long(tl::ObjectKind::Count) || order < 0 || order > 255 || capacity < 0 ||
        capacity > (int64_t(1) << 46)) {
        PyErr_SetString(PyExc_ValueError, "new_object: kind, order or capacity out of range");
        return nullptr;
    }
    std::lock_guard lk(g_reg->mutex);
    return PyLong_FromUnsignedLong(newObjectLocked(tl::ObjectKind(kind), name, site, capacity, order));
}

// rec(type, object, a, b): one event from the agent's pure-Python primitives.
PyObject* m_rec(PyObject*, PyObject* const* args, Py_ssize_t nargs)
{
    if (!argsCount("rec", nargs, 4))
        return nullptr;
    const long type = PyLong_AsLong(args[0]);
    const unsigned long object = PyLong_AsUnsignedLong(args[1]);
    const long long a = PyLong_AsLongLong(args[2]);
    const long long b = PyLong_AsLongLong(args[3]);
    if (PyErr_Occurred())
        return nullptr;
    if (type < 0 || type >= long(Ev::Count)) {
        PyErr_SetString(PyExc_ValueError, "rec: unknown event type");
        return nullptr;
    }
    record(Ev(type), uint32_t(object), a, b);
    Py_RETURN_NONE;
}

PyObject* m_hold_id(PyObject*, PyObject*) { return PyLong_FromLongLong(newId(&Ring::holdSeq)); }
PyObject* m_flow_id(PyObject*, PyObject*) { return PyLong_FromLongLong(newId(&Ring::flowSeq)); }

PyObject* m_result(PyObject*, PyObject* const* args, Py_ssize_t nargs)
{
    std::string message;
    if (!argsCount("result", nargs, 3) || !toStr(args[2], message))
        return nullptr;
    const long kind = PyLong_AsLong(args[0]);
    const long code = PyLong_AsLong(args[1]);
    if (PyErr_Occurred())
        return nullptr;
    std::lock_guard lk(g_reg->mutex);
    appendControl(g_reg->control, tl::pytrace::Result, 0, kind, code, message);
    Py_RETURN_NONE;
}

PyObject* m_enabled(PyObject*, PyObject*) { return PyBool_FromLong(g_on.load()); }

// ---- Lock and RLock ----

struct LockObject {
    PyObject_HEAD PyThread_type_lock lk;
    uint32_t id;  // 0: silent
    bool locked;
    int waiters;
    int64_t holdId;
    int64_t holder;  // thread index of the holder (HoldEnd's b)
    int64_t pendingFlow;  // a handoff started by a release, ended by the next waiter to win
    uint32_t stream;  // the stream (g_stream) holdId, pendingFlow and waiters belong to
    unsigned long owner;  // RLock: owning thread ident; 0 = none
    unsigned long count;  // RLock: recursion level
    PyObject* weakrefs;
};

bool g_isRLock(PyObject* self);

// Parses acquire(blocking=True, timeout=-1) into a timeout in microseconds (-1 = forever).
bool parseAcquire(PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames, PY_TIMEOUT_T& us, bool& blocking)
{
    PyObject* vals[2] = {nullptr, nullptr};
    if (nargs > 2) {
        PyErr_SetString(PyExc_TypeError, "acquire() takes at most 2 arguments");
        return false;
    }
    for (Py_ssize_t i = 0; i < nargs; ++i)
        vals[i] = args[i];
    const Py_ssize_t nkw = kwnames ? PyTuple_Size(kwnames) : 0;
    for (Py_ssize_t i = 0; i < nkw; ++i) {
        PyObject* k = PyTuple_GetItem(kwnames, i);
        int slot = -1;
        if (PyUnicode_CompareWithASCIIString(k, "blocking") == 0)
            slot = 0;
        else if (PyUnicode_CompareWithASCIIString(k, "timeout") == 0)
            slot = 1;
        if (slot < 0 || vals[slot]) {
            PyErr_Format(PyExc_TypeError, "acquire() got an unexpected or repeated keyword argument '%U'", k);
            return false;
        }
        vals[slot] = args[nargs + i];
    }
    blocking = true;
    if (vals[0]) {
        const int b = PyObject_IsTrue(vals[0]);
        if (b < 0)
            return false;
        blocking = b != 0;
    }
    double timeout = -1;
    if (vals[1]) {
        timeout = PyFloat_AsDouble(vals[1]);
        if (timeout == -1 && PyErr_Occurred())
            return false;
    }
    if (!blocking && timeout != -1) {
        PyErr_SetString(PyExc_ValueError, "can't specify a timeout for a non-blocking call");
        return false;
    }
    if (timeout < 0 && timeout != -1) {
        PyErr_SetString(PyExc_ValueError, "timeout value must be a non-negative number");
        return false;
    }
    if (!blocking)
        us = 0;
    else if (timeout == -1)
        us = -1;
    else {
        const double u = timeout * 1e6;
        if (u >= double(PY_TIMEOUT_MAX)) {
            PyErr_SetString(PyExc_OverflowError, "timeout value is too large");
            return false;
        }
        us = static_cast<PY_TIMEOUT_T>(u);
    }
    return true;
}

// Like CPython's acquire_timed: a try without the GIL first, then a blocking wait with the GIL
// released that Ctrl-C can interrupt. Returns 1 acquired, 0 not, -1 exception set.
int acquireTimed(PyThread_type_lock lk, PY_TIMEOUT_T us)
{
    if (PyThread_acquire_lock_timed(lk, 0, 0) == PY_LOCK_ACQUIRED)
        return 1;
    if (us == 0)
        return 0;
    using clock = std::chrono::steady_clock;
    const auto deadline = us > 0 ? clock::now() + std::chrono::microseconds(us) : clock::time_point::max();
    for (;;) {
        PyLockStatus r;
        Py_BEGIN_ALLOW_THREADS r = PyThread_acquire_lock_timed(lk, us, 1);
        Py_END_ALLOW_THREADS if (r != PY_LOCK_INTR) return r == PY_LOCK_ACQUIRED ? 1 : 0;
        if (PyErr_CheckSignals() < 0)
            return -1;
        if (us > 0) {
            const auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline - clock::now()).count();
            if (left <= 0)
                return PyThread_acquire_lock_timed(lk, 0, 0) == PY_LOCK_ACQUIRED ? 1 : 0;
            us = left;
        }
    }
}

tl::State waitState(LockObject* self)
{
    return g_isRLock(reinterpret_cast<PyObject*>(self)) ? tl::State::WaitRLock : tl::State::WaitLock;
}

// A fork child's first touch of a lock made before the fork: the parent's hold, handoff and
// waiters are not this process's (its other threads are gone; its stream never saw them).
inline void ownStream(LockObject* self)
{
    if (self->stream != g_stream) [[unlikely]] {
        self->stream = g_stream;
        self->holdId = 0;
        self->pendingFlow = 0;
        self->waiters = 0;
    }
}

void tookHold(LockObject* self)
{
    announced(self->id);
    Ring* r = ring();
    self->holder = r->thread;
    self->holdId = int64_t((uint64_t(r->thread) << tl::pytrace::kIdThreadShift) | ++r->holdSeq);
    recordOn(r, Ev::HoldBegin, self->id, self->holdId, 0, r->thread);
}

void endHandoff(LockObject* self)
{
    if (self->pendingFlow) {
        record(Ev::FlowEnd, self->id, self->pendingFlow, int64_t(tl::FlowKind::Handoff));
        self->pendingFlow = 0;
    }
}

// The recording acquire shared by Lock and RLock (the RLock's own recursion is handled by the caller).
// Returns 1, 0 or -1 like acquireTimed.
int acquireRecorded(LockObject* self, PY_TIMEOUT_T us, bool blocking)
{
    if (!self->id || !g_on.load(std::memory_order_relaxed)) {
        const int r = acquireTimed(self->lk, us);
        if (r == 1)
            self->locked = true;
        return r;
    }
    ownStream(self);
    if (PyThread_acquire_lock_timed(self->lk, 0, 0) == PY_LOCK_ACQUIRED) {
        self->locked = true;
        tookHold(self);
        if (!blocking)
            record(Ev::AcquireTry, self->id, 1);
        if (self->waiters == 0)
            endHandoff(self);  // the releaser saw a waiter that has since given up; we won
        return 1;
    }
    if (!blocking) {
        record(Ev::AcquireTry, self->id, 0);
        return 0;
    }
    record(Ev::StateChange, self->id, int64_t(waitState(self)), us > 0 ? tl::pytrace::kTimedWait : 0);
    ++self->waiters;
    const int r = acquireTimed(self->lk, us);
    --self->waiters;
    if (r == 1) {
        self->locked = true;
        record(Ev::StateChange, 0, int64_t(tl::State::Run), 0);
        tookHold(self);
        endHandoff(self);
    } else {
        record(Ev::StateChange, 0, int64_t(tl::State::Run),
               int64_t(r == 0 ? tl::Outcome::Timeout : tl::Outcome::Aborted));
        if (self->waiters == 0)
            endHandoff(self);  // the last waiter giving up ends a handoff nobody will take
    }
    return r;
}

void releaseRecorded(LockObject* self)
{
    const bool rec = self->id && g_on.load(std::memory_order_relaxed);
    if (rec) {
        ownStream(self);
        if (self->holdId)  // 0: taken while nothing was recorded, or before a fork
            record(Ev::HoldEnd, self->id, self->holdId, self->holder);  // stamped before unlocking
    }
    self->holdId = 0;
    self->locked = false;
    PyThread_release_lock(self->lk);
    if (rec && self->waiters > 0 && !self->pendingFlow) {
        self->pendingFlow = newId(&Ring::flowSeq);
        record(Ev::FlowStart, self->id, self->pendingFlow, int64_t(tl::FlowKind::Handoff));
    }
}

PyObject* g_lockType = nullptr;
PyObject* g_rlockType = nullptr;

PyObject* makeLock(PyObject* typeObj, unsigned long id)
{
    auto* type = reinterpret_cast<PyTypeObject*>(typeObj);
    auto alloc = reinterpret_cast<allocfunc>(PyType_GetSlot(type, Py_tp_alloc));
    auto* self = reinterpret_cast<LockObject*>(alloc(type, 0));
    if (!self)
        return nullptr;
    self->lk = PyThread_allocate_lock();
    if (!self->lk) {
        Py_DECREF(self);
        PyErr_SetString(PyExc_MemoryError, "cannot allocate lock");
        return nullptr;
    }
    self->id = uint32_t(id);
    self->stream = g_stream;
    return reinterpret_cast<PyObject*>(self);
}

// RLock(): a silent one, like _thread.RLock() (its arguments ignored the same way). The Lock type,
// like _thread.lock, cannot be instantiated: lock(id) and rlock(id) make the recording ones.
PyObject* rlockNew(PyTypeObject* type, PyObject*, PyObject*) { return makeLock(reinterpret_cast<PyObject*>(type), 0); }

bool objectId(PyObject* arg, unsigned long& id)
{
    id = PyLong_AsUnsignedLong(arg);
    if (id == static_cast<unsigned long>(-1) && PyErr_Occurred())
        return false;
    if (id > UINT32_MAX) {
        PyErr_SetString(PyExc_OverflowError, "object id out of range");
        return false;
    }
    return true;
}

PyObject* m_lock(PyObject*, PyObject* arg)
{
    unsigned long id = 0;
    return objectId(arg, id) ? makeLock(g_lockType, id) : nullptr;
}

PyObject* m_rlock(PyObject*, PyObject* arg)
{
    unsigned long id = 0;
    return objectId(arg, id) ? makeLock(g_rlockType, id) : nullptr;
}

void lockDealloc(PyObject* o)
{
    auto* self = reinterpret_cast<LockObject*>(o);
    PyTypeObject* tp = Py_TYPE(o);
    if (self->weakrefs)
        PyObject_ClearWeakRefs(o);
    if (self->lk) {
        if (self->locked)
            PyThread_release_lock(self->lk);
        PyThread_free_lock(self->lk);
    }
    auto fr = reinterpret_cast<freefunc>(PyType_GetSlot(tp, Py_tp_free));
    fr(o);
    Py_DECREF(tp);
}

PyObject* lockAcquire(PyObject* o, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames)
{
    auto* self = reinterpret_cast<LockObject*>(o);
    PY_TIMEOUT_T us;
    bool blocking;
    if (!parseAcquire(args, nargs, kwnames, us, blocking))
        return nullptr;
    const int r = acquireRecorded(self, us, blocking);
    if (r < 0)
        return nullptr;
    return PyBool_FromLong(r);
}

PyObject* lockEnter(PyObject* o, PyObject*)
{
    auto* self = reinterpret_cast<LockObject*>(o);
    const int r = acquireRecorded(self, -1, true);
    if (r < 0)
        return nullptr;
    return PyBool_FromLong(r);
}

PyObject* lockRelease(PyObject* o, PyObject*)
{
    auto* self = reinterpret_cast<LockObject*>(o);
    if (!self->locked) {
        PyErr_SetString(PyExc_RuntimeError, "release unlocked lock");
        return nullptr;
    }
    releaseRecorded(self);
    Py_RETURN_NONE;
}

PyObject* lockExit(PyObject* o, PyObject* const*, Py_ssize_t) { return lockRelease(o, nullptr); }

PyObject* lockLocked(PyObject* o, PyObject*) { return PyBool_FromLong(reinterpret_cast<LockObject*>(o)->locked); }

PyObject* lockAtForkReinit(PyObject* o, PyObject*)
{
    auto* self = reinterpret_cast<LockObject*>(o);
    // Free again: a hold this stream saw begin ends here.
    if (self->locked && self->holdId && self->id && self->stream == g_stream && g_on.load(std::memory_order_relaxed))
        record(Ev::HoldEnd, self->id, self->holdId, self->holder);
    self->holdId = 0;
    self->lk = PyThread_allocate_lock();  // the old one may be held by a thread that no longer exists
    if (!self->lk) {
        PyErr_SetString(PyExc_MemoryError, "cannot allocate lock");
        return nullptr;
    }
    self->locked = false;
    self->waiters = 0;
    self->pendingFlow = 0;
    self->owner = 0;
    self->count = 0;
    Py_RETURN_NONE;
}

PyObject* lockRepr(PyObject* o)
{
    auto* self = reinterpret_cast<LockObject*>(o);
    if (g_isRLock(o))
        return PyUnicode_FromFormat("<%s _thread.RLock object owner=%lu count=%lu at %p>",
                                    self->count ? "locked" : "unlocked", self->owner, self->count, o);
    return PyUnicode_FromFormat("<%s _thread.lock object at %p>", self->locked ? "locked" : "unlocked", o);
}

PyObject* lockTlId(PyObject* o, void*) { return PyLong_FromUnsignedLong(reinterpret_cast<LockObject*>(o)->id); }

// ---- RLock ----

PyObject* rlockAcquire(PyObject* o, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames)
{
    auto* self = reinterpret_cast<LockObject*>(o);
    PY_TIMEOUT_T us;
    bool blocking;
    if (!parseAcquire(args, nargs, kwnames, us, blocking))
        return nullptr;
    const unsigned long me = PyThread_get_thread_ident();
    if (self->count > 0 && self->owner == me) {
        if (self->count == ~0ul) {
            PyErr_SetString(PyExc_OverflowError, "Internal lock count overflowed");
            return nullptr;
        }
        ++self->count;
        Py_RETURN_TRUE;
    }
    const int r = acquireRecorded(self, us, blocking);
    if (r < 0)
        return nullptr;
    if (r == 1) {
        self->owner = me;
        self->count = 1;
    }
    return PyBool_FromLong(r);
}

PyObject* rlockEnter(PyObject* o, PyObject*) { return rlockAcquire(o, nullptr, 0, nullptr); }

PyObject* rlockRelease(PyObject* o, PyObject*)
{
    auto* self = reinterpret_cast<LockObject*>(o);
    if (self->count == 0 || self->owner != PyThread_get_thread_ident()) {
        PyErr_SetString(PyExc_RuntimeError, "cannot release un-acquired lock");
        return nullptr;
    }
    if (--self->count == 0) {
        self->owner = 0;
        releaseRecorded(self);
    }
    Py_RETURN_NONE;
}

PyObject* rlockExit(PyObject* o, PyObject* const*, Py_ssize_t) { return rlockRelease(o, nullptr); }

PyObject* rlockIsOwned(PyObject* o, PyObject*)
{
    auto* self = reinterpret_cast<LockObject*>(o);
    return PyBool_FromLong(self->count > 0 && self->owner == PyThread_get_thread_ident());
}

PyObject* rlockRecursionCount(PyObject* o, PyObject*)
{
    auto* self = reinterpret_cast<LockObject*>(o);
    return PyLong_FromUnsignedLong(self->owner == PyThread_get_thread_ident() ? self->count : 0);
}

// Condition.wait: give the lock up entirely, whatever the recursion level.
PyObject* rlockReleaseSave(PyObject* o, PyObject*)
{
    auto* self = reinterpret_cast<LockObject*>(o);
    if (self->count == 0) {
        PyErr_SetString(PyExc_RuntimeError, "cannot release un-acquired lock");
        return nullptr;
    }
    const unsigned long count = self->count, owner = self->owner;
    self->count = 0;
    self->owner = 0;
    releaseRecorded(self);
    return Py_BuildValue("(kk)", count, owner);
}

PyObject* rlockAcquireRestore(PyObject* o, PyObject* const* args, Py_ssize_t nargs)
{
    auto* self = reinterpret_cast<LockObject*>(o);
    unsigned long count = 0, owner = 0;
    if (!argsCount("_acquire_restore", nargs, 1) || !PyArg_ParseTuple(args[0], "kk;_acquire_restore", &count, &owner))
        return nullptr;
    if (acquireRecorded(self, -1, true) < 0)
        return nullptr;
    self->owner = owner;
    self->count = count;
    Py_RETURN_NONE;
}

PyObject* lockIsOwned(PyObject* o, PyObject*) { return lockLocked(o, nullptr); }

PyMethodDef kLockMethods[] = {
    {"acquire", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(lockAcquire)), METH_FASTCALL | METH_KEYWORDS,
     "acquire(blocking=True, timeout=-1) -> bool"},
    {"acquire_lock", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(lockAcquire)),
     METH_FASTCALL | METH_KEYWORDS, nullptr},
    {"__enter__", lockEnter, METH_NOARGS, nullptr},
    {"release", lockRelease, METH_NOARGS, "release()"},
    {"release_lock", lockRelease, METH_NOARGS, nullptr},
    {"__exit__", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(lockExit)), METH_FASTCALL, nullptr},
    {"locked", lockLocked, METH_NOARGS, "locked() -> bool"},
    {"locked_lock", lockLocked, METH_NOARGS, nullptr},
    {"_is_owned", lockIsOwned, METH_NOARGS, "held by any thread (what Condition's probe answers)"},
    {"_at_fork_reinit", lockAtForkReinit, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};

PyMethodDef kRLockMethods[] = {
    {"acquire", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(rlockAcquire)),
     METH_FASTCALL | METH_KEYWORDS, "acquire(blocking=True, timeout=-1) -> bool"},
    {"__enter__", rlockEnter, METH_NOARGS, nullptr},
    {"release", rlockRelease, METH_NOARGS, "release()"},
    {"__exit__", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(rlockExit)), METH_FASTCALL, nullptr},
    {"locked", lockLocked, METH_NOARGS, nullptr},
    {"_is_owned", rlockIsOwned, METH_NOARGS, nullptr},
    {"_release_save", rlockReleaseSave, METH_NOARGS, nullptr},
    {"_acquire_restore", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(rlockAcquireRestore)),
     METH_FASTCALL, nullptr},
    {"_recursion_count", rlockRecursionCount, METH_NOARGS, nullptr},
    {"_at_fork_reinit", lockAtForkReinit, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};

PyGetSetDef kLockGetSet[] = {{"_tl_id", lockTlId, nullptr, "ThreadLens object id (0 = silent)", nullptr},
                             {nullptr, nullptr, nullptr, nullptr, nullptr}};

PyMemberDef kLockMembers[] = {{"__weaklistoffset__", T_PYSSIZET, offsetof(LockObject, weakrefs), READONLY, nullptr},
                              {nullptr, 0, 0, 0, nullptr}};

PyType_Slot kLockSlots[] = {{Py_tp_dealloc, reinterpret_cast<void*>(lockDealloc)},
                            {Py_tp_methods, kLockMethods},
                            {Py_tp_getset, kLockGetSet},
                            {Py_tp_members, kLockMembers},
                            {Py_tp_repr, reinterpret_cast<void*>(lockRepr)},
                            {0, nullptr}};
PyType_Slot kRLockSlots[] = {{Py_tp_new, reinterpret_cast<void*>(rlockNew)},
                             {Py_tp_dealloc, reinterpret_cast<void*>(lockDealloc)},
                             {Py_tp_methods, kRLockMethods},
                             {Py_tp_getset, kLockGetSet},
                             {Py_tp_members, kLockMembers},
                             {Py_tp_repr, reinterpret_cast<void*>(lockRepr)},
                             {0, nullptr}};
// Named like the native types: a program's repr, type name and error messages read the same traced.
PyType_Spec kLockSpec = {"_thread.lock", sizeof(LockObject), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION,
                         kLockSlots};
PyType_Spec kRLockSpec = {"_thread.RLock", sizeof(LockObject), 0, Py_TPFLAGS_DEFAULT, kRLockSlots};

bool g_isRLock(PyObject* self) { return reinterpret_cast<PyObject*>(Py_TYPE(self)) == g_rlockType; }

// ---- queues ----

// Item labels (tooltips): plain values by repr, anything else by its type's name; never a
// program's own __repr__ (it could block, or change state). Touched only with the GIL held;
// at most kMaxLabels different texts, the rest unlabelled.
constexpr size_t kMaxLabels = 4096;
struct TextHash {
    using is_transparent = void;  // looked up by string_view: no allocation per label
    size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
using LabelMap = std::unordered_map<std::string, StringId, TextHash, std::equal_to<>>;
LabelMap* g_labels = new LabelMap;

int64_t labelId(std::string_view text)
{
    auto it = g_labels->find(text);
    if (it == g_labels->end()) {
        if (g_labels->size() >= kMaxLabels)
            return 0;
        it = g_labels->emplace(std::string(text), StringId{0, 0}).first;
    }
    if (it->second.sentOn != g_stream) {  // new, or announced on the parent's stream only
        std::lock_guard lk(g_reg->mutex);
        it->second.id = internLocked(it->first);
        it->second.sentOn = g_stream;
    }
    return it->second.id;
}

// Ints, the most common items, through a flat table (no string, no pointer chase): value -> label.
struct IntLabel {
    int64_t value;
    int64_t id;  // 0: a free slot
    uint32_t sentOn;
};
constexpr int kIntBits = 13;
constexpr size_t kIntSlots = size_t(1) << kIntBits;
static_assert(kIntSlots >= 2 * kMaxLabels, "at most half full: short probes, misses end soon");
IntLabel* g_intLabels = new IntLabel[kIntSlots]();
size_t g_intLabelCount = 0;

int64_t intLabel(int64_t v)
{
    size_t i = size_t(uint64_t(v) * 0x9E3779B97F4A7C15ull >> (64 - kIntBits));
    for (;; i = (i + 1) & (kIntSlots - 1)) {
        IntLabel& slot = g_intLabels[i];
        if (slot.id && slot.value != v)
            continue;
        if (!slot.id) {
            if (g_intLabelCount >= kMaxLabels)
                return 0;
            ++g_intLabelCount;
            slot.value = v;
            slot.sentOn = 0;
        }
        if (slot.sentOn != g_stream) {  // new, or announced on the parent's stream only
            char buf[24];
            const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
            std::lock_guard lk(g_reg->mutex);
            slot.id = internLocked(std::string(buf, size_t(end - buf)));
            slot.sentOn = g_stream;
        }
        return slot.id;
    }
}

bool plainValue(PyObject* o)
{
    return PyLong_CheckExact(o) || PyBool_Check(o) || PyFloat_CheckExact(o) || PyUnicode_CheckExact(o) ||
           PyBytes_CheckExact(o) || o == Py_None;
}

// The text Python's repr gives, at most 40 characters ("…" for the rest).
bool reprText(PyObject* o, std::string& out)
{
    PyObject* r = PyObject_Repr(o);
    if (!r)
        return false;
    const Py_ssize_t n = PyUnicode_GetLength(r);
    if (n > 40) {
        PyObject* cut = PyUnicode_Substring(r, 0, 39);
        Py_DECREF(r);
        if (!cut)
            return false;
        r = cut;
    }
    const bool ok = toStr(r, out);
    Py_DECREF(r);
    if (ok && n > 40)
        out += "…";
    return ok;
}

// The item's label id (0: none); -1 with an exception set.
int64_t itemLabel(PyObject* item)
{
    std::string text;
    if (PyLong_CheckExact(item)) {
        int overflow = 0;
        const long long v = PyLong_AsLongLongAndOverflow(item, &overflow);
        if (v == -1 && PyErr_Occurred())
            return -1;
        if (!overflow)
            return intLabel(v);
    }
    bool plain = plainValue(item);
    if (!plain && PyTuple_CheckExact(item)) {
        const Py_ssize_t n = PyTuple_Size(item);
        plain = n <= 4;
        for (Py_ssize_t i = 0; plain && i < n; ++i) {
            PyObject* x = PyTuple_GetItem(item, i);
            plain = PyLong_CheckExact(x) || PyFloat_CheckExact(x) || PyUnicode_CheckExact(x);
        }
    }
    if (plain) {
        if (!reprText(item, text))
            return -1;
    } else {
        PyObject* name = PyType_GetName(Py_TYPE(item));
        const bool ok = name && toStr(name, text);
        Py_XDECREF(name);
        if (!ok)
            return -1;
    }
    return labelId(text);
}

// A traced queue's recorder (the agent keeps one as queue._tl_q): its puts, gets, depth and the
// item flows, each operation one call. A queued item's flow is found by the item's identity (it
// is alive while queued): in queue order for FIFO and LIFO queues (the next to leave is at the
// end, checked; an item removed behind the queue's back is skipped), by a map for priority order.
struct Queued {
    PyObject* item;  // identity only, no reference
    int64_t flow, seq;
};

struct QueueRecObject {
    PyObject_HEAD uint32_t id;
    int order;  // tl::QueueOrder
    uint32_t stream;  // the stream the queued flows belong to
    int64_t seq;
    std::deque<Queued>* line;  // FIFO, LIFO, simple
    std::unordered_multimap<PyObject*, Queued>* byItem;  // priority
};

void queueOwnStream(QueueRecObject* self)
{
    if (self->stream != g_stream) [[unlikely]] {  // a fork child: the parent's flows are not ours
        self->stream = g_stream;
        self->line->clear();
        self->byItem->clear();
    }
}

PyObject* queueRecNew(PyTypeObject* type, PyObject* args, PyObject* kwds)
{
    unsigned long id = 0;
    int order = 0;
    static const char* kw[] = {"id", "order", nullptr};
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "ki", const_cast<char**>(kw), &id, &order))
        return nullptr;
    if (id > UINT32_MAX || order < 0 || order > int(tl::QueueOrder::Simple)) {
        PyErr_SetString(PyExc_ValueError, "QueueRecorder: id or order out of range");
        return nullptr;
    }
    auto alloc = reinterpret_cast<allocfunc>(PyType_GetSlot(type, Py_tp_alloc));
    auto* self = reinterpret_cast<QueueRecObject*>(alloc(type, 0));
    if (!self)
        return nullptr;
    self->id = uint32_t(id);
    self->order = order;
    self->stream = g_stream;
    self->line = new (std::nothrow) std::deque<Queued>;
    self->byItem = new (std::nothrow) std::unordered_multimap<PyObject*, Queued>;
    if (!self->line || !self->byItem) {
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    return reinterpret_cast<PyObject*>(self);
}

void queueRecDealloc(PyObject* o)
{
    auto* self = reinterpret_cast<QueueRecObject*>(o);
    PyTypeObject* tp = Py_TYPE(o);
    delete self->line;
    delete self->byItem;
    reinterpret_cast<freefunc>(PyType_GetSlot(tp, Py_tp_free))(o);
    Py_DECREF(tp);
}

bool int64Arg(PyObject* o, int64_t& out)
{
    out = PyLong_AsLongLong(o);
    return !(out == -1 && PyErr_Occurred());
}

// What put and get do first: 0 when nothing is recorded (a silent queue, the tracer stopped),
// -1 with an exception set when the item has no label, else 1 with the item's label.
int queueRecording(QueueRecObject* self, PyObject* item, int64_t& label)
{
    if (!self->id || !g_on.load(std::memory_order_relaxed))
        return 0;
    label = itemLabel(item);
    if (label < 0)
        return -1;
    queueOwnStream(self);
    announced(self->id);
    return 1;
}

// put(item, depth, pending): the item went in; the queue now holds `depth`, `pending` unfinished
// tasks (-1: the queue has none, a SimpleQueue).
PyObject* queueRecPut(PyObject* o, PyObject* const* args, Py_ssize_t nargs)
{
    auto* self = reinterpret_cast<QueueRecObject*>(o);
    int64_t depth = 0, pending = 0;
    if (!argsCount("put", nargs, 3) || !int64Arg(args[1], depth) || !int64Arg(args[2], pending))
        return nullptr;
    int64_t label = 0;
    if (const int on = queueRecording(self, args[0], label); on <= 0)
        return on < 0 ? nullptr : Py_NewRef(Py_None);
    Ring* r = ring();
    const Queued q{args[0], int64_t((uint64_t(r->thread) << tl::pytrace::kIdThreadShift) | ++r->flowSeq), ++self->seq};
    if (self->order == int(tl::QueueOrder::Priority))
        self->byItem->emplace(q.item, q);
    else
        self->line->push_back(q);
    recordOn(r, Ev::Put, self->id, q.seq, label, r->thread);
    recordOn(r, Ev::FlowStart, self->id, q.flow, int64_t(tl::FlowKind::Item), r->thread);
    recordOn(r, Ev::Counter, self->id, int64_t(tl::CounterKind::Depth), depth, r->thread);
    if (pending >= 0)
        recordOn(r, Ev::Counter, self->id, int64_t(tl::CounterKind::Pending), pending, r->thread);
    Py_RETURN_NONE;
}

// The queued entry of `item` (leaving now), or {} when none is known.
Queued takeQueued(QueueRecObject* self, PyObject* item)
{
    Queued q{nullptr, 0, 0};
    if (self->order == int(tl::QueueOrder::Priority)) {
        auto it = self->byItem->find(item);  // equal objects: any of theirs (indistinguishable)
        if (it != self->byItem->end()) {
            q = it->second;
            self->byItem->erase(it);
        }
        return q;
    }
    std::deque<Queued>& line = *self->line;
    const bool lifo = self->order == int(tl::QueueOrder::Lifo);
    if (line.empty())
        return q;
    if ((lifo ? line.back() : line.front()).item == item) {
        q = lifo ? line.back() : line.front();
        lifo ? line.pop_back() : line.pop_front();
        return q;
    }
    // Not the next in line: items were removed behind the queue's back (q.queue.clear()), or a
    // put was recorded after its get (a SimpleQueue has no lock). Find it; what is passed over
    // left unseen.
    if (lifo) {
        for (auto it = line.rbegin(); it != line.rend(); ++it)
            if (it->item == item) {
                q = *it;
                line.erase(std::next(it).base(), line.end());
                return q;
            }
    } else {
        for (auto it = line.begin(); it != line.end(); ++it)
            if (it->item == item) {
                q = *it;
                line.erase(line.begin(), it + 1);
                return q;
            }
    }
    return q;
}

// get(item, depth): the item came out; the queue now holds `depth`.
PyObject* queueRecGet(PyObject* o, PyObject* const* args, Py_ssize_t nargs)
{
    auto* self = reinterpret_cast<QueueRecObject*>(o);
    int64_t depth = 0;
    if (!argsCount("get", nargs, 2) || !int64Arg(args[1], depth))
        return nullptr;
    int64_t label = 0;
    if (const int on = queueRecording(self, args[0], label); on <= 0)
        return on < 0 ? nullptr : Py_NewRef(Py_None);
    const Queued q = takeQueued(self, args[0]);
    Ring* r = ring();
    recordOn(r, Ev::Get, self->id, q.seq, label, r->thread);
    if (q.flow)
        recordOn(r, Ev::FlowEnd, self->id, q.flow, int64_t(tl::FlowKind::Item), r->thread);
    recordOn(r, Ev::Counter, self->id, int64_t(tl::CounterKind::Depth), depth, r->thread);
    Py_RETURN_NONE;
}

PyObject* queueRecId(PyObject* o, void*) { return PyLong_FromUnsignedLong(reinterpret_cast<QueueRecObject*>(o)->id); }

PyMethodDef kQueueRecMethods[] = {{"put", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(queueRecPut)),
                                   METH_FASTCALL,
                                   "put(item, depth, pending): an item went in (pending -1: no unfinished-task count)"},
                                  {"get", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(queueRecGet)),
                                   METH_FASTCALL, "get(item, depth): an item came out"},
                                  {nullptr, nullptr, 0, nullptr}};
PyGetSetDef kQueueRecGetSet[] = {{"id", queueRecId, nullptr, "the queue's object id", nullptr},
                                 {nullptr, nullptr, nullptr, nullptr, nullptr}};
PyType_Slot kQueueRecSlots[] = {{Py_tp_new, reinterpret_cast<void*>(queueRecNew)},
                                {Py_tp_dealloc, reinterpret_cast<void*>(queueRecDealloc)},
                                {Py_tp_methods, kQueueRecMethods},
                                {Py_tp_getset, kQueueRecGetSet},
                                {0, nullptr}};
PyType_Spec kQueueRecSpec = {"_threadlens.QueueRecorder", sizeof(QueueRecObject), 0, Py_TPFLAGS_DEFAULT,
                             kQueueRecSlots};

PyMethodDef kModuleMethods[] = {
    {"start", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(m_start)), METH_FASTCALL,
     "start(socket_path, python_version): connect and start the drain thread"},
    {"arm", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(m_arm)), METH_FASTCALL,
     "arm(socket_path, python_version): record nothing here, connect in forked children"},
    {"gil_start", m_gil_start, METH_O, "gil_start(hz): sample the GIL's holder (CPython 3.11)"},
    {"shutdown", m_shutdown, METH_NOARGS, "send everything recorded, then end the stream"},
    {"flush", m_flush, METH_NOARGS, "wait until everything recorded so far was sent"},
    {"after_fork_child", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(m_after_fork_child)), METH_FASTCALL,
     "after_fork_child(thread_name): reconnect as this process"},
    {"thread_begin", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(m_thread_begin)), METH_FASTCALL,
     "thread_begin(name, daemon, parent_index) -> index"},
    {"thread_end", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(m_thread_end)), METH_FASTCALL,
     "thread_end(killed)"},
    {"thread_index", m_thread_index, METH_NOARGS, "the calling thread's index"},
    {"intern", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(m_intern)), METH_FASTCALL, "intern(s) -> id"},
    {"new_object", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(m_new_object)), METH_FASTCALL,
     "new_object(kind, name, site, capacity, order) -> id"},
    {"lock", m_lock, METH_O, "lock(object_id): a recording Lock (id 0: silent)"},
    {"rlock", m_rlock, METH_O, "rlock(object_id): a recording RLock (id 0: silent)"},
    {"rec", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(m_rec)), METH_FASTCALL,
     "rec(type, object, a, b)"},
    {"hold_id", m_hold_id, METH_NOARGS, nullptr},
    {"flow_id", m_flow_id, METH_NOARGS, nullptr},
    {"result", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(m_result)), METH_FASTCALL,
     "result(kind, code, message)"},
    {"enabled", m_enabled, METH_NOARGS, nullptr},
    {nullptr, nullptr, 0, nullptr}};

PyModuleDef kModule = {PyModuleDef_HEAD_INIT,
                       "_threadlens",
                       "ThreadLens recorder (native half)",
                       -1,
                       kModuleMethods,
                       nullptr,
                       nullptr,
                       nullptr,
                       nullptr};

bool addInt(PyObject* m, const char* name, long v) { return PyModule_AddIntConstant(m, name, v) == 0; }

// A dict name -> value for one of the event model's enums.
template <class NameOf> bool addTable(PyObject* m, const char* table, int count, NameOf nameOf)
{
    PyObject* d = PyDict_New();
    if (!d)
        return false;
    for (int i = 0; i < count; ++i) {
        const std::string name(nameOf(i));
        PyObject* v = PyLong_FromLong(i);
        const bool ok = v && PyDict_SetItemString(d, name.c_str(), v) == 0;
        Py_XDECREF(v);
        if (!ok) {
            Py_DECREF(d);
            return false;
        }
    }
    return PyModule_AddObject(m, table, d) == 0;  // steals d on success
}

}  // namespace

PyMODINIT_FUNC PyInit__threadlens()
{
    PyObject* m = PyModule_Create(&kModule);
    if (!m)
        return nullptr;
    // A fork child has no drain thread until after_fork_child starts one (see onTerm), records
    // nothing until then (Python's own after-fork work runs first), and is a stream of its own.
    static bool atFork = (pthread_atfork(nullptr, nullptr,
                                         [] {
                                             g_drainRunning = 0;
                                             g_on.store(false, std::memory_order_relaxed);
                                             ++g_stream;
                                         }),
                          true);
    (void)atFork;
    g_lockType = PyType_FromSpec(&kLockSpec);
    g_rlockType = PyType_FromSpec(&kRLockSpec);
    if (!g_lockType || !g_rlockType) {
        Py_DECREF(m);
        return nullptr;
    }
    Py_INCREF(g_lockType);  // kept for m_lock
    if (PyModule_AddObject(m, "Lock", g_lockType) < 0) {
        Py_DECREF(m);
        return nullptr;
    }
    Py_INCREF(g_rlockType);  // kept for m_rlock and g_isRLock
    if (PyModule_AddObject(m, "RLock", g_rlockType) < 0) {
        Py_DECREF(m);
        return nullptr;
    }
    PyObject* queueRecType = PyType_FromSpec(&kQueueRecSpec);
    if (!queueRecType || PyModule_AddObject(m, "QueueRecorder", queueRecType) < 0) {
        Py_XDECREF(queueRecType);
        Py_DECREF(m);
        return nullptr;
    }
    // The vocabulary the agent records with, by the trace format's names (engine/record/event.h).
    bool ok = addTable(m, "EV", int(Ev::Count), [](int i) { return tl::eventName(Ev(i)); }) &&
              addTable(m, "STATE", int(tl::State::Count), [](int i) { return tl::stateName(tl::State(i)); }) &&
              addTable(m, "KIND", int(tl::ObjectKind::Count), [](int i) { return tl::kindName(tl::ObjectKind(i)); }) &&
              addTable(m, "OUTCOME", 6, [](int i) { return tl::outcomeName(tl::Outcome(i)); }) &&
              addTable(m, "ORDER", 5, [](int i) { return tl::orderName(tl::QueueOrder(i)); }) &&
              addTable(m, "COUNTER", int(tl::CounterKind::Count),
                       [](int i) { return tl::counterName(tl::CounterKind(i)); }) &&
              addTable(m, "FLOW", int(tl::FlowKind::Count), [](int i) { return tl::flowName(tl::FlowKind(i)); });
    ok = ok && addInt(m, "PROTOCOL", tl::pytrace::kProtocolVersion) &&
         addInt(m, "TIMED_WAIT", long(tl::pytrace::kTimedWait));
    if (!ok) {
        Py_DECREF(m);
        return nullptr;
    }
    return m;
}
