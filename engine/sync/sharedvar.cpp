// SPDX-License-Identifier: MIT
#include "sharedvar.h"

namespace tl {

SharedVar::SharedVar(Run& run, std::string name, int64_t initial)
    : id_(run.recorder().addObject(ObjectKind::Variable, name)), name_(std::move(name)), value_(initial)
{}

int64_t SharedVar::load()
{
    ThreadState& ts = ThreadState::current();
    ts.gate(Ev::VarRead, id_);
    const int64_t v = value_.load(std::memory_order_relaxed);
    ts.record(Ev::VarRead, id_, v);
    return v;
}

void SharedVar::store(int64_t v)
{
    ThreadState& ts = ThreadState::current();
    ts.gate(Ev::VarWrite, id_, v);
    value_.store(v, std::memory_order_relaxed);
    ts.record(Ev::VarWrite, id_, v);
}

}  // namespace tl
