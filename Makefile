# cg: compiler-optimisation environments as Unix tools on LLVM 19.
include config.mk

LLVM_INCDIR = $(shell $(LLVM_CONFIG) --includedir 2>/dev/null)
LLVM_LIBS = $(shell $(LLVM_CONFIG) --ldflags 2>/dev/null) \
	$(shell $(LLVM_CONFIG) --link-static --libs $(LLVM_COMPONENTS) 2>/dev/null)

# SANITIZE=1 builds with ASan and UBSan in build/san (dynamically linked:
# the sanitizers do not support -static), and make check tests that build.
ifeq ($(SANITIZE),1)
B = build/san
CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
LDFLAGS = -fsanitize=address,undefined
else
B = build
endif

# The tools that are links to the one executable cg (tools/cg-tools.h),
# and cg-datasets, a program of its own.
LINKED = cg-reset cg-step cg-observe cg-search cg-validate
TOOLS = $(LINKED) cg-datasets
LIBSRC = $(wildcard lib/*.c)
LIBHDR = $(wildcard lib/*.h)
LIBOBJ = $(LIBSRC:%.c=$(B)/obj/%.o)
TOOLSRC = tools/cg.c tools/common.c $(LINKED:%=tools/%.c)
TOOLOBJ = $(TOOLSRC:%.c=$(B)/obj/%.o)
MANALL = $(TOOLS:%=man/%.1) man/cg-plot.1 man/cg-state.5 man/cg.7

BIN = $(B)/bin/cg
LINKS = $(LINKED:%=$(B)/bin/%)
DATASETS = $(B)/bin/cg-datasets

all: deps-check $(BIN) $(LINKS) $(DATASETS) $(B)/bin/cg-plot $(B)/share/cg/datasets

# cg-plot is a shell script (gnuplot draws).
$(B)/bin/cg-plot: tools/cg-plot
	@mkdir -p $(@D)
	cp -f tools/cg-plot $@
	chmod 755 $@

$(B)/obj/%.o: %.c $(LIBHDR) tools/cg-tools.h config.mk
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Ilib -c $< -o $@

$(B)/lib/libcg.a: $(LIBOBJ)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $(LIBOBJ)

# One static executable; each tool is a link to it (see tools/cg-tools.h).
# glibc warns that a static program using getpwnam and dlopen needs the
# shared libraries at run time; LLVM's code asks for them, cg never runs it.
$(BIN): $(TOOLOBJ) $(B)/lib/libcg.a
	@mkdir -p $(@D)
	$(CXX) $(LDFLAGS) -o $@.tmp $(TOOLOBJ) $(B)/lib/libcg.a $(LLVM_LIBS) \
		$(LDLIBS)
	mv -f $@.tmp $@

$(LINKS): $(BIN)
	ln -sf cg $@

# cg-datasets is a program of its own, linked dynamically: libarchive
# cannot be linked statically here, and it needs no LLVM.
$(DATASETS): $(B)/obj/tools/cg-datasets.o $(B)/obj/tools/common.o \
		$(B)/lib/libcg.a
	@mkdir -p $(@D)
	$(CC) $(filter-out -static,$(LDFLAGS)) -o $@ \
		$(B)/obj/tools/cg-datasets.o $(B)/obj/tools/common.o \
		$(B)/lib/libcg.a $(DATASETS_LDLIBS)

# The tools find their datasets in ../share/cg/datasets, as when installed.
$(B)/share/cg/datasets:
	@mkdir -p $(@D)
	ln -sfn $(CURDIR)/datasets $@

# Installs the Debian packages that are missing (as root, or with sudo),
# asking dpkg once for all of them.
deps:
	@missing=$$(dpkg-query -W -f='$${Package} $${Status}\n' $(PACKAGES) \
		2>/dev/null | awk '$$NF == "installed" { ok[$$1] = 1 } \
		END { n = split("$(PACKAGES)", p, " "); \
		for (i = 1; i <= n; i++) if (!ok[p[i]]) print p[i] }'); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		if [ "$$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi; \
		$$sudo apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q \
			$$missing; \
	fi

deps-check:
	@command -v $(LLVM_CONFIG) >/dev/null && command -v $(CC) >/dev/null \
		&& test -f /usr/include/jansson.h \
		&& test -f /usr/include/archive.h || $(MAKE) --no-print-directory deps

# Unit tests of lib/ functions whose rules no tool shows whole
# (tests/unit/NAME.c, run by tests/t0005-units.sh).
UNITS = $(patsubst tests/unit/%.c,$(B)/units/%,$(wildcard tests/unit/*.c))

$(B)/units/%: tests/unit/%.c $(B)/lib/libcg.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Ilib $(LDFLAGS) -o $@ $< $(B)/lib/libcg.a $(LDLIBS)

check: deps all $(UNITS)
	@rm -f $(B)/failures.log
	CG_BIN=$(CURDIR)/$(B)/bin CG_SANITIZE=$(SANITIZE) \
		CG_FAILLOG=$(CURDIR)/$(B)/failures.log prove -j2 -e sh tests/t*.sh || \
		{ cat $(B)/failures.log 2>/dev/null; exit 1; }

demo: deps all
	sh tests/demo.sh

$(B)/bench-bare: tests/bench-bare.c $(B)/lib/libcg.a
	$(CXX) $(LDFLAGS) -x c -std=c11 -O2 -D_GNU_SOURCE -I$(LLVM_INCDIR) -Ilib \
		-o $@ tests/bench-bare.c -x none $(B)/lib/libcg.a $(LLVM_LIBS) \
		$(LDLIBS)

bench: deps all $(B)/bench-bare
	sh tests/bench.sh

# libFuzzer targets over the readers (tests/fuzz), from the text corpora
# in tests/fuzz/corpus (binary inputs kept there as NAME.b64); each runs
# FUZZ_SECONDS.  Crashes are kept in build/fuzz/crash-* (make each one a
# regression test).
FUZZ_SECONDS = 10
FUZZERS = state base64 bitcode csv uri runjson archive
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=all
FUZZOBJ = $(LIBSRC:%.c=build/fuzz/obj/%.o)

build/fuzz/obj/%.o: %.c $(LIBHDR)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(FUZZ_FLAGS) -Ilib -c $< -o $@

build/fuzz/libcg.a: $(FUZZOBJ)
	rm -f $@
	ar rcs $@ $(FUZZOBJ)

build/fuzz/fuzz-%: tests/fuzz/fuzz-%.c build/fuzz/libcg.a
	$(CC) $(CFLAGS) -g -O1 -fsanitize=fuzzer,address,undefined -Ilib \
		-o $@ $< build/fuzz/libcg.a $$($(LLVM_CONFIG) --ldflags) \
		-lLLVM-19 -ljansson -larchive -lm

fuzz: deps $(FUZZERS:%=build/fuzz/fuzz-%)
	@for f in $(FUZZERS); do \
		rm -rf build/fuzz/corpus-$$f; \
		cp -R tests/fuzz/corpus/$$f build/fuzz/corpus-$$f; \
		for b in build/fuzz/corpus-$$f/*.b64; do [ ! -f "$$b" ] || \
			{ base64 -d "$$b" >"$${b%.b64}" && rm "$$b"; } || exit 1; \
		done; \
		echo "fuzz-$$f: $(FUZZ_SECONDS) s"; \
		ASAN_OPTIONS=detect_leaks=0 build/fuzz/fuzz-$$f \
			-max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
			-artifact_prefix=build/fuzz/crash-$$f- \
			build/fuzz/corpus-$$f 2>build/fuzz/log-$$f || \
			{ tail -30 build/fuzz/log-$$f; exit 1; }; \
		grep -E '^#[0-9]+.*DONE' build/fuzz/log-$$f | tail -1; \
	done

# Mutation testing (not part of check): each mutant of tests/mutants, on
# a copy, must make one of its tests fail.
mutate: deps all
	sh tests/mutate.sh

# CompilerGym's leaderboard protocol as make targets (tests/leaderboard.mk):
# make -j N runs N searches at once, LAUNCH=... through a launcher.
leaderboard: deps all
	$(MAKE) -f tests/leaderboard.mk CG=$(CURDIR)/$(B)/bin leaderboard

# Figures (gnuplot and graphviz).  make plot TRACES='a.jsonl b.jsonl'
# draws reward against time of searches run with cg-search --trace (in
# PLOT); make plots draws one figure of each kind from the built-in suite
# into PLOTS: three search traces, a small leaderboard, the program graph
# and the control-flow graph of one function.
PLOT = build/plots/trace.svg
PLOTS = build/plots
TRACEBENCH = benchmark://cgbench-v0/sha256
PLOTBENCH = benchmark://cgbench-v0/crc32
PLOTFUNC = crc_fast

plot: deps $(B)/bin/cg-plot
	@test -n "$(TRACES)" || { echo "usage: make plot TRACES='a.jsonl ...'" >&2; exit 2; }
	@mkdir -p $(dir $(PLOT))
	$(B)/bin/cg-plot trace $(PLOT) $(TRACES)

plots: deps all
	@mkdir -p $(PLOTS)
	rm -rf $(PLOTS)/*.jsonl $(PLOTS)/leaderboard
	for a in ils:PassesAll ils:PassesLlvm19 random:PassesAll; do \
		$(B)/bin/cg-search -q -s $${a%:*} --action-space $${a#*:} -n 2000 \
			-j 1 --seed 1 --trace $(PLOTS)/$${a%:*}-$${a#*:}.jsonl \
			-b $(TRACEBENCH) >/dev/null || exit 1; \
	done
	$(B)/bin/cg-plot trace $(PLOTS)/trace.svg $(PLOTS)/ils-PassesAll.jsonl \
		$(PLOTS)/ils-PassesLlvm19.jsonl $(PLOTS)/random-PassesAll.jsonl
	$(MAKE) -s -f tests/leaderboard.mk CG=$(CURDIR)/$(B)/bin \
		OUT=$(abspath $(PLOTS))/leaderboard ALGOS=ils JOBS=1 STEPS=1500 \
		BENCHMARKS="$$($(B)/bin/cg-datasets cgbench-v0 | head -n 8 | tr "\n" " ")" \
		leaderboard
	cp $(PLOTS)/leaderboard/cgbench-v0-ils-n1500/bars.svg \
		$(PLOTS)/leaderboard.svg
	$(B)/bin/cg-reset -b $(PLOTBENCH) | $(B)/bin/cg-step -a -mem2reg \
		-a -instcombine -a -simplifycfg >$(PLOTS)/graph.state.tmp
	mv -f $(PLOTS)/graph.state.tmp $(PLOTS)/graph.state
	$(B)/bin/cg-observe -o ProgramlDot --function $(PLOTFUNC) \
		<$(PLOTS)/graph.state \
		>$(PLOTS)/programl.dot.tmp
	mv -f $(PLOTS)/programl.dot.tmp $(PLOTS)/programl.dot
	$(B)/bin/cg-observe -o CfgDot --function $(PLOTFUNC) \
		<$(PLOTS)/graph.state \
		>$(PLOTS)/cfg.dot.tmp
	mv -f $(PLOTS)/cfg.dot.tmp $(PLOTS)/cfg.dot
	for g in programl cfg; do \
		dot -Tsvg -o $(PLOTS)/$$g.svg.tmp $(PLOTS)/$$g.dot && \
		mv -f $(PLOTS)/$$g.svg.tmp $(PLOTS)/$$g.svg || exit 1; \
	done
	@echo "figures in $(PLOTS): trace.svg leaderboard.svg programl.svg cfg.svg"


install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR) \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(MANDIR)/man7
	cp -f $(BIN) $(DESTDIR)$(BINDIR)/cg
	for t in $(LINKED); do ln -sf cg $(DESTDIR)$(BINDIR)/$$t; done
	rm -f $(DESTDIR)$(BINDIR)/cg-datasets
	cp $(DATASETS) $(DESTDIR)$(BINDIR)/cg-datasets
	cp -f $(B)/bin/cg-plot $(DESTDIR)$(BINDIR)/cg-plot
	rm -rf $(DESTDIR)$(SHAREDIR)/datasets
	cp -R datasets $(DESTDIR)$(SHAREDIR)/datasets
	for m in $(MANALL); do [ ! -f $$m ] || \
		cp -f $$m $(DESTDIR)$(MANDIR)/man$${m##*.}/; done
	mkdir -p $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	cp -f completions/cg.bash $(DESTDIR)$(BASHCOMPDIR)/cg
	for t in $(TOOLS) cg-plot; do ln -sf cg $(DESTDIR)$(BASHCOMPDIR)/$$t; done
	cp -f completions/_cg $(DESTDIR)$(ZSHCOMPDIR)/_cg

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/cg
	for t in $(TOOLS) cg-plot; do rm -f $(DESTDIR)$(BINDIR)/$$t; done
	rm -rf $(DESTDIR)$(SHAREDIR)
	for m in $(MANALL); do \
		rm -f $(DESTDIR)$(MANDIR)/man$${m##*.}/$${m#man/}; done
	rm -f $(DESTDIR)$(BASHCOMPDIR)/cg $(DESTDIR)$(ZSHCOMPDIR)/_cg
	for t in $(TOOLS) cg-plot; do rm -f $(DESTDIR)$(BASHCOMPDIR)/$$t; done

clean:
	rm -rf build

.PHONY: all deps deps-check check demo bench fuzz mutate leaderboard plot plots \
	install uninstall clean
