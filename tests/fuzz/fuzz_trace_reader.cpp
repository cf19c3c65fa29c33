// SPDX-License-Identifier: MIT
// libFuzzer target: any bytes into the trace reader. It must return a trace or an error,
// never crash, hang or leak; a trace it accepts must survive its own checks and a
// save/re-read round trip (the writer's output is always readable, and stable).
#include "engine/model/trace_file.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string err;
    auto tr = tl::traceFromJson(std::string_view(reinterpret_cast<const char*>(data), size), &err);
    if (!tr) {
        if (err.empty())
            std::abort();  // every rejection must say why
        return 0;
    }
    (void)tr->checkInvariants();
    (void)tr->statistics();
    for (const tl::Lane& l : tr->lanes)
        for (int64_t t : {l.start, l.end, (l.start + l.end) / 2})
            (void)tr->intervalAt(l.info.id, t);
    const std::string once = tl::traceToJson(*tr);
    if (const char* dump = std::getenv("THREADLENS_FUZZ_DUMP")) {  // debugging a finding
        if (FILE* f = std::fopen(dump, "wb")) {
            std::fwrite(once.data(), 1, once.size(), f);
            std::fclose(f);
        }
    }
    auto again = tl::traceFromJson(once, &err);
    if (!again) {
        std::fprintf(stderr, "re-read of our own output failed: %s\n", err.c_str());
        std::abort();
    }
    if (const std::string twice = tl::traceToJson(*again); twice != once) {
        size_t i = 0;
        while (i < once.size() && i < twice.size() && once[i] == twice[i])
            ++i;
        const size_t from = i > 120 ? i - 120 : 0;
        std::fprintf(stderr, "save -> open -> save is not stable at byte %zu:\n%s\n---\n%s\n", i,
                     once.substr(from, 240).c_str(), twice.substr(from, 240).c_str());
        std::abort();
    }
    return 0;
}
