// SPDX-License-Identifier: MIT
// Anchor translation unit of the tlwindow library (its sources live in window/).
namespace tl { int tlwindowAnchor = 0; }
