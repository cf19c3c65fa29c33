// SPDX-License-Identifier: MIT
// Every traced primitive of Python's threading and queue modules, in one include.
#pragma once
#include "barrier.h"
#include "condition.h"
#include "event.h"
#include "lock.h"
#include "queue.h"
#include "rlock.h"
#include "semaphore.h"
#include "sharedvar.h"
#include "thread.h"
#include "threadlocal.h"
#include "timer.h"
