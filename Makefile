# cg: compiler-optimisation environments as Unix tools on LLVM 19.
include config.mk

LLVM_INCDIR = $(shell $(LLVM_CONFIG) --includedir 2>/dev/null)
LLVM_LIBS = $(shell $(LLVM_CONFIG) --ldflags 2>/dev/null) \
	$(shell $(LLVM_CONFIG) --link-static --libs $(LLVM_COMPONENTS) 2>/dev/null)

TOOLS = cg-reset cg-step cg-observe cg-search cg-validate
LIBSRC = $(wildcard lib/*.c)
LIBHDR = $(wildcard lib/*.h)
LIBOBJ = $(LIBSRC:%.c=build/obj/%.o)
TOOLSRC = tools/cg.c $(TOOLS:%=tools/%.c)
TOOLOBJ = $(TOOLSRC:%.c=build/obj/%.o)
MAN1 = $(TOOLS:%=man/%.1)
MANALL = $(MAN1) man/cg-state.5 man/cg.7
MANALL += man/cg-datasets.1

BIN = build/bin/cg
LINKS = $(TOOLS:%=build/bin/%)
DATASETS = build/bin/cg-datasets

all: deps-check $(BIN) $(LINKS) $(DATASETS) build/share/cg/datasets

build/obj/%.o: %.c $(LIBHDR) tools/cg-tools.h config.mk
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Ilib -c $< -o $@

build/lib/libcg.a: $(LIBOBJ)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $(LIBOBJ)

# One static executable; each tool is a link to it (see tools/cg-tools.h).
$(BIN): $(TOOLOBJ) build/lib/libcg.a
	@mkdir -p $(@D)
	$(CXX) $(LDFLAGS) -o $@.tmp $(TOOLOBJ) build/lib/libcg.a $(LLVM_LIBS) \
		$(LDLIBS) 2>&1 | { grep -v -e 'statically linked applications' \
		-e 'in function' || true; }
	@test -x $@.tmp
	mv -f $@.tmp $@

$(LINKS): $(BIN)
	ln -sf cg $@

# cg-datasets is a program of its own, linked dynamically: libarchive
# cannot be linked statically here, and it needs no LLVM.
$(DATASETS): build/obj/tools/cg-datasets.o build/lib/libcg.a
	@mkdir -p $(@D)
	$(CC) -o $@ build/obj/tools/cg-datasets.o build/lib/libcg.a \
		$(DATASETS_LDLIBS)

# The tools find their datasets in ../share/cg/datasets, as when installed.
build/share/cg/datasets:
	@mkdir -p $(@D)
	ln -sfn ../../../datasets $@

# Installs the Debian packages that are missing (as root, or with sudo).
deps:
	@missing=$$(for p in $(PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
		grep -q '^install ok installed' || echo $$p; done); \
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

check: deps all
	prove -j2 -e sh tests/t*.sh

demo: deps all
	sh tests/demo.sh

bench: deps all
	sh tests/bench.sh

leaderboard: deps all
	sh tests/leaderboard.sh

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR) \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(MANDIR)/man7
	cp -f $(BIN) $(DESTDIR)$(BINDIR)/cg
	for t in $(TOOLS); do ln -sf cg $(DESTDIR)$(BINDIR)/$$t; done
	cp -f $(DATASETS) $(DESTDIR)$(BINDIR)/cg-datasets
	rm -rf $(DESTDIR)$(SHAREDIR)/datasets
	cp -R datasets $(DESTDIR)$(SHAREDIR)/datasets
	for m in $(MANALL); do [ ! -f $$m ] || \
		cp -f $$m $(DESTDIR)$(MANDIR)/man$${m##*.}/; done
	mkdir -p $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	cp -f completions/cg.bash $(DESTDIR)$(BASHCOMPDIR)/cg
	for t in $(TOOLS); do ln -sf cg $(DESTDIR)$(BASHCOMPDIR)/$$t; done
	cp -f completions/_cg $(DESTDIR)$(ZSHCOMPDIR)/_cg

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/cg
	for t in $(TOOLS); do rm -f $(DESTDIR)$(BINDIR)/$$t; done
	rm -f $(DESTDIR)$(BINDIR)/cg-datasets
	rm -rf $(DESTDIR)$(SHAREDIR)
	for m in $(MANALL); do \
		rm -f $(DESTDIR)$(MANDIR)/man$${m##*.}/$${m#man/}; done
	rm -f $(DESTDIR)$(BASHCOMPDIR)/cg $(DESTDIR)$(ZSHCOMPDIR)/_cg
	for t in $(TOOLS); do rm -f $(DESTDIR)$(BASHCOMPDIR)/$$t; done

clean:
	rm -rf build

.PHONY: all deps deps-check check demo bench leaderboard install uninstall clean
