// SPDX-License-Identifier: MIT
// Anchor translation unit of the tlview library (its sources live in view/).
namespace tl { int tlviewAnchor = 0; }
