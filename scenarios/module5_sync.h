// SPDX-License-Identifier: MIT
// Module 5 (synchronization and thread control): what its files share. module5.cpp holds l1-l4
// (Lock, RLock, Event, Condition) and registers the module; module5_control.cpp holds l5-l8
// (Semaphore, stopping all tasks, stopping when one fails, Barrier).
#pragma once
#include "engine/pool/thread_pool.h"
#include "engine/pool/wait.h"
#include "engine/sync/sync.h"
#include "engine/work.h"
#include "checks.h"
#include "recording.h"
#include "scenario.h"

#include <deque>
#include <memory>
#include <random>
#include <set>

namespace tl::m5 {

using namespace checks;  // the module's own namespace: its lessons speak the check library
using Issues = std::vector<std::string>;

// The lessons in the other files, registered by registerModule5 in the course order.
void registerThreadControl(Registry& r);  // l5-l8: Semaphore, stopping tasks, Barrier

}  // namespace tl::m5
