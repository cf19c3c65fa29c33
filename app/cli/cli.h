// SPDX-License-Identifier: MIT
#pragma once
#include <string>
#include <vector>

namespace tl::cli {

// Documented exit codes of the headless commands.
enum Exit : int {
    Ok = 0,
    RunFailed = 1,  // the run ended in error, deadlock or was aborted
    Usage = 2,  // bad command line: unknown command, scenario, parameter or value
    IoError = 3,  // a file could not be read or written
    CheckFailed = 4,  // `check` found violations of the trace format or its invariants
    TimedOut = 5,  // --timeout aborted the run
};

// True when argv names a headless command (list, describe, run, render, check, --help...).
bool isCommand(int argc, char** argv);
// Runs a headless command; needs a Q(Gui)Application for image output.
int run(const std::vector<std::string>& args);
std::string helpText();

}  // namespace tl::cli
