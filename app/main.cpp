// SPDX-License-Identifier: MIT
#include <cstdio>
#include <cstring>

int main(int argc, char** argv)
{
    if (argc > 1 && std::strcmp(argv[1], "--help") == 0) {
        std::puts("usage: threadlens [list|describe|run|render|check] ...");
        return 0;
    }
    return 0;
}
