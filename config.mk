# cg version
VERSION = 0.1.0

# paths
PREFIX = /usr/local
BINDIR = $(PREFIX)/bin
SHAREDIR = $(PREFIX)/share/cg
MANDIR = $(PREFIX)/share/man
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR = $(PREFIX)/share/zsh/site-functions

# toolchain: LLVM 19 from Debian, linked statically (a tool starts in a
# few milliseconds instead of tens, and start-up is paid on every step of
# a shell pipeline)
LLVM_CONFIG = llvm-config-19
CC = clang-19
CXX = clang++-19
LLVM_COMPONENTS = core analysis bitreader bitwriter irreader linker passes \
	target x86codegen x86asmparser x86desc x86info
CFLAGS = -std=c11 -O2 -g -Wall -Wextra -Wno-unused-parameter \
	-D_GNU_SOURCE -I$(LLVM_INCDIR)
LDFLAGS = -static
LDLIBS = -ljansson -lz -lzstd -lpthread -ldl -lm
# cg-datasets: linked dynamically (no static libarchive), without LLVM
DATASETS_LDLIBS = -larchive -ljansson

# Debian packages the build and the tests need; `make deps` installs the
# missing ones.
PACKAGES = llvm-19 llvm-19-dev clang-19 libjansson-dev libarchive-dev \
	libzstd-dev zlib1g-dev jq mandoc bsdextrautils perl make python3 \
	parallel csmith libcsmith-dev libclang-rt-19-dev time xz-utils bzip2 \
	gcc-12-source python3-networkx munge slurmctld slurmd slurm-client \
	openssh-server openssh-client rsync gnuplot-nox graphviz libxml2-utils
