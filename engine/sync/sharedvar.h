// SPDX-License-Identifier: MIT
#pragma once
#include "../control/run.h"

#include <atomic>
#include <cstdint>
#include <string>

namespace tl {

// A traced shared int64 variable, for race demonstrations (`counter += 1` as LOAD, ADD,
// STORE). load() records var.read with the value seen, store() var.write with the value
// written. Both are relaxed atomic operations: a read-modify-write built from them loses
// updates for real, yet no access is a C++ data race (no undefined behaviour).
//
// Threading contract: any run thread may call load/store; peek() may be called anywhere and
// records nothing.
class SharedVar {
public:
    SharedVar(Run& run, std::string name, int64_t initial = 0);
    SharedVar(const SharedVar&) = delete;
    SharedVar& operator=(const SharedVar&) = delete;

    int64_t load();
    void store(int64_t v);
    int64_t peek() const noexcept { return value_.load(std::memory_order_relaxed); }

    ObjectId id() const noexcept { return id_; }
    const std::string& name() const noexcept { return name_; }

private:
    ObjectId id_;
    std::string name_;
    std::atomic<int64_t> value_;
};

}  // namespace tl
