// SPDX-License-Identifier: MIT
#pragma once
#include <QString>
#include <QStringList>

#include <functional>

// The words of a lesson's Python program a person reads: its comments and docstrings, one file
// per lesson in English, shown in the UI language. QtCore only: tl_lesson_strings (which lists
// them for lupdate) and the window share this one reading of a program.
//
// A unit is what a translator translates at once:
//   - consecutive full-line comments, their texts joined by spaces (a paragraph);
//   - a comment after code on its line (for a line marked `# [param]`, the text after the marker);
//   - a one-line docstring ("""text""").
namespace tl {

// Every unit of `source`, in order (repeats included). `error`, when given, receives why a
// program cannot be read this way (a docstring over several lines), and the list is then empty.
QStringList pythonCommentUnits(const QString& source, QString* error = nullptr);

// `source` with each unit replaced by translate(unit), keeping the code, indentation and the
// `#` layout; a unit translate() returns unchanged keeps its lines exactly. A comment block's
// translation is wrapped at the block's width, so it may take another number of lines.
QString translatePythonComments(const QString& source, const std::function<QString(const QString&)>& translate);

// A unit that is code, not words (`LOAD`, `PENDING -> RUNNING`, `state=pending`): it reads the same
// in every language.
bool isCodeUnit(const QString& unit);

}  // namespace tl
