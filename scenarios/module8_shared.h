// SPDX-License-Identifier: MIT
// Module 8 (thread safety): what its lessons share, the shared output file. module8.cpp holds
// l1-l3 (counter, print, logging) and registers the module; module8_data.cpp holds l4-l7 (dict,
// list, file writing, volatile flags).
#pragma once
#include "engine/errors.h"
#include "engine/model/trace.h"
#include "engine/sync/sync.h"
#include "engine/work.h"
#include "checks.h"
#include "recording.h"
#include "scenario.h"

#include <atomic>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <regex>
#include <set>
#include <unistd.h>

namespace tl::m8 {

using namespace checks;  // the module's own namespace: its lessons speak the check library
using Issues = std::vector<std::string>;
namespace fs = std::filesystem;

// One real file opened once in O_APPEND mode, written with write(2) from several threads;
// removed (with its folder) at the end, also when the run is aborted.
class SharedFile {
public:
    explicit SharedFile(const std::string& tag)
    {
        static std::atomic<int> serial{0};
        dir_ = fs::temp_directory_path() /
               ("threadlens-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(serial++));
        fs::create_directories(dir_);
        fd_ = ::open((dir_ / "out.txt").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    }
    ~SharedFile()
    {
        close();
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    SharedFile(const SharedFile&) = delete;
    SharedFile& operator=(const SharedFile&) = delete;
    void write(const std::string& s) const
    {
        if (fd_ >= 0 && ::write(fd_, s.data(), s.size()) < 0)
            throw PyError("OSError", "write failed");
    }
    void close()
    {
        if (fd_ >= 0)
            ::close(fd_);
        fd_ = -1;
    }
    std::vector<std::string> lines() const
    {
        std::vector<std::string> out;
        std::ifstream in(dir_ / "out.txt");
        for (std::string l; std::getline(in, l);)
            out.push_back(l);
        return out;
    }

private:
    fs::path dir_;
    int fd_ = -1;
};

// ---------------------------------------------------------------------------------------

// The lessons in the other files, registered by registerModule8 in the course order.
void registerSharedData(Registry& r);  // l4-l7: dict, list, file writing, volatile flag

}  // namespace tl::m8
