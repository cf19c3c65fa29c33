// SPDX-License-Identifier: MIT
#include "step.h"

namespace tl {

void StepController::arrive(ThreadState&, Ev, ObjectId, int64_t) {}

} // namespace tl
