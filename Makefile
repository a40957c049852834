# protokoll: plain Makefile in the manner of utf8proc's.
# make            build/protokoll (links no poppler or Tesseract),
#                 build/protokoll-pdf-reader (the PDF layer's executable, which
#                 the command runs for each PDF), build/libprotokoll.a,
#                 build/libprotokoll.so, build/libprotokoll-pdf.a,
#                 build/libprotokoll-pdf.so (the PDF layer)
# make test       every test (installs missing build dependencies first)
# make run        extract corpus/ to build/corpus.csv
# make SANITIZE=address,undefined test-unit   the tests under sanitizers

VERSION   = 0.1.0
SOMAJOR   = 0
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
LIBDIR   ?= $(PREFIX)/lib
INCDIR   ?= $(PREFIX)/include
MANDIR   ?= $(PREFIX)/share/man
PKGDIR   ?= $(LIBDIR)/pkgconfig
DESTDIR  ?=
# the Python package goes where Debian's python3 finds it for PREFIX /usr or
# /usr/local: $(PREFIX)/lib/python3.X/dist-packages (PYDIR= to choose)
PYTHON   ?= $(firstword $(wildcard /usr/bin/python3) python3)
PYVER     = $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
PYDIR    ?= $(PREFIX)/lib/python$(PYVER)/dist-packages
PY_SRC    = $(filter-out python/protokoll/_libdir.py,$(wildcard python/protokoll/*.py))

CC       ?= cc
CFLAGS   ?= -O2 -g
WARN      = -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wstrict-prototypes -Wvla -Werror
PKGS      = libpcre2-8 libutf8proc jansson
DEP_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
DEP_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv
# the PDF layer's own: poppler's C++ frontend and Tesseract, in
# libprotokoll-pdf only (their headers as system headers: our warnings are ours)
PDF_PKGS   = poppler-cpp tesseract
PDF_CFLAGS = $(patsubst -I%,-isystem %,$(shell pkg-config --cflags $(PDF_PKGS) 2>/dev/null))
PDF_LIBS   = $(shell pkg-config --libs $(PDF_PKGS) 2>/dev/null) -lstdc++
CXX      ?= c++
CXXFLAGS ?= -O2 -g
CXXWARN   = -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Werror

ifneq ($(SANITIZE),)
B        ?= build/san
SANFLAGS  = -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
else
B        ?= build
SANFLAGS  =
endif

ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SANFLAGS) -Iinclude -I$(B)/gen $(DEP_CFLAGS)
LIB_CFLAGS = $(ALL_CFLAGS) -fPIC -fvisibility=hidden -DPK_BUILDING

LIB_SRC  = $(wildcard lib/*.c)
LIB_OBJ  = $(patsubst lib/%.c,$(B)/obj/%.o,$(LIB_SRC))
# the word lists looked up by a perfect hash (gperf; lib/wordhash.awk), but
# the given names, whose table lib/given_names.awk makes (see its rule)
HASHES   = titles given_names parties genitive_nouns org_words person_verbs regnum_prefixes regnum_not_prefixes \
           abbreviations headings not_verbs furniture_lines collective_words roll_headings
GEN      = $(patsubst %,$(B)/gen/%_hash.h,$(HASHES)) $(B)/gen/bodies.inc $(B)/gen/unit_classes.inc \
           $(B)/gen/unit_nouns.inc $(B)/gen/unit_cues.inc $(B)/gen/date_cues.inc $(B)/gen/regnum_shapes.inc \
           $(B)/gen/decision_leads.inc $(B)/gen/municipalities.inc $(B)/gen/admin_bodies.inc \
           $(B)/gen/cue_words.inc $(B)/gen/unit_words.inc \
           $(B)/gen/decision_words.inc $(B)/gen/line_words.inc $(B)/gen/conjunction_words.inc \
           $(B)/gen/date_words.inc $(B)/gen/people_words.inc $(ROW_FILTERS)
GEN     += $(B)/gen/months.inc $(B)/gen/pattern_words.inc $(B)/gen/pattern_sources.inc $(B)/gen/generic_bodies.inc $(B)/gen/doc_types.inc $(B)/gen/minutes_words.inc $(B)/gen/field_words.inc $(B)/gen/canonical_words.inc
GEN     += $(B)/gen/award_words.inc $(B)/gen/segment_words.inc $(B)/gen/name_list_words.inc $(B)/gen/name_labels.inc
GEN     += $(B)/gen/name_particles.inc
# the filters made from the rows of some word lists (see below)
ROW_FILTERS = $(B)/gen/titles_first.inc $(B)/gen/titles_last.inc $(B)/gen/headings_first.inc \
           $(B)/gen/headings_last.inc $(B)/gen/furniture_lines_first.inc
TESTS    = $(patsubst tests/%.c,$(B)/tests/%,$(wildcard tests/test_*.c))
ifneq ($(SANITIZE),)
# the timed test: under the sanitizers its figures tell of their allocator
TESTS   := $(filter-out $(B)/tests/test_linear,$(TESTS))
endif
PDF_OBJ  = $(patsubst lib/pdf/%.c,$(B)/obj/pdf/%.o,$(wildcard lib/pdf/*.c)) \
           $(patsubst lib/pdf/%.cc,$(B)/obj/pdf/%.o,$(wildcard lib/pdf/*.cc))

.SECONDARY:

.PHONY: all deps gen run test test-unit test-golden baseline test-cli test-portable test-pdf test-minutes test-fuzz-regress test-san check bench profile fuzz install uninstall clean

all: $(B)/protokoll $(B)/protokoll-pdf-reader $(B)/libprotokoll.a $(B)/libprotokoll.so $(B)/libprotokoll-pdf.a $(B)/libprotokoll-pdf.so

deps:
	@sh tests/deps.sh

# the generated tables alone (tests/fuzz.sh compiles the sources itself)
gen: $(GEN)

# the bodies table: one C initialiser per row, years as numbers (0 unknown)
$(B)/gen/bodies.inc: lib/data/bodies.tsv
	@mkdir -p $(dir $@)
	awk -F'\t' '!/^#/ && NF && $$1 != "canonical" { printf "{\"%s\", \"%s\", %d, %d, \"%s\", \"%s\", \"%s\"},\n", $$1, $$2, $$3, $$4, $$5, $$6, $$7 }' $< > $@

# the generic names of a body: one C initialiser per row, the name and its
# kinds; a row without its two columns fails the build
$(B)/gen/generic_bodies.inc: lib/data/generic_bodies.tsv
	@mkdir -p $(dir $@)
	awk -F'\t' '!/^#/ && NF { if (NF != 2 || $$2 !~ /^[a-z]+( [a-z]+)*$$/) { printf "%s:%d: bad row (a name, a tab, its kinds): %s\n", FILENAME, FNR, $$0 > "/dev/stderr"; bad = 1; exit 1 } \
		printf "{\"%s\", \"%s\"},\n", $$1, $$2 } END { if (bad) exit 1 }' $< > $@ || { rm -f $@; exit 1; }

# the unit class table: one C initialiser per row, the pattern without its
# stars, its length, whether it may end (*x) or begin (x*) a longer word,
# the class and the scope; a class or scope not in the lists fails the build.
# The rows are ordered by scope, then longest first (bytes), rows of one
# scope and length in the file's order: the first row of a scope that
# matches is its longest match (unit_class.c)
$(B)/gen/unit_classes.inc: lib/data/unit_classes.tsv Makefile
	@mkdir -p $(dir $@)
	LC_ALL=C awk -F'\t' '!/^#/ && NF { \
		if (NF != 3 || $$2 !~ /^(förskola|skola|äldreomsorg|socialtjänst|annat)$$/ || $$3 !~ /^(name|class|body)$$/) { \
			printf "%s:%d: bad row: %s\n", FILENAME, FNR, $$0 > "/dev/stderr"; bad = 1; exit 1 } \
		p = $$1; l = substr(p, 1, 1) == "*"; r = substr(p, length(p), 1) == "*"; \
		p = substr(p, 1 + l, length(p) - l - r); \
		printf "%s %d {\"%s\", sizeof \"%s\" - 1, %d, %d, \"%s\", \x27%s\x27},\n", substr($$3, 1, 1), length(p), p, p, l, r, $$2, substr($$3, 1, 1) } \
		END { exit bad }' $< > $@.rows && \
	LC_ALL=C sort -s -k1,1 -k2,2nr $@.rows | cut -d' ' -f3- > $@ && rm -f $@.rows || { rm -f $@ $@.rows; exit 1; }

# the unit nouns: {indefinite, definite, plural indefinite, plural
# definite, uses} per row, a missing form (-) NULL, the uses as UN_* flags (- none);
# a row without five columns or with a use not in the list fails the build
$(B)/gen/unit_nouns.inc: lib/data/unit_nouns.tsv
	@mkdir -p $(dir $@)
	awk -F'\t' '!/^#/ && NF { \
		if (NF != 5) { printf "%s:%d: bad row: %s\n", FILENAME, FNR, $$0 > "/dev/stderr"; bad = 1; exit 1 } \
		printf "{"; \
		for (i = 1; i <= 4; i++) printf "%s, ", ($$i == "-" ? "NULL" : "\"" $$i "\""); \
		n = $$5 == "-" ? 0 : split($$5, u, ","); f = ""; \
		for (i = 1; i <= n; i++) { \
			if (u[i] !~ /^(key|opens|generic|list|list-indef|kind)$$/) { \
				printf "%s:%d: unknown use %s\n", FILENAME, FNR, u[i] > "/dev/stderr"; bad = 1; exit 1 } \
			g = toupper(u[i]); gsub(/-/, "_", g); f = f (f == "" ? "" : " | ") "UN_" g } \
		printf "%s},\n", (f == "" ? "0" : f) } \
		END { exit bad }' $< > $@ || { rm -f $@; exit 1; }

# the unit cues: {cue, its length, 1 when the units follow it} per row; a
# side other than before or after fails the build. The rows are ordered by
# their first byte, then longest first (bytes), rows as long in the file's
# order: the first row that stands at a place is the longest (units.c).
# Both ordered tables are made again when this file changes: units.c and
# unit_class.c read them in that order
$(B)/gen/unit_cues.inc: lib/data/unit_cues.tsv Makefile
	@mkdir -p $(dir $@)
	LC_ALL=C awk -F'\t' '!/^#/ && NF { \
		if (NF != 2 || $$2 !~ /^(before|after)$$/ || $$1 ~ /^ /) { printf "%s:%d: bad row: %s\n", FILENAME, FNR, $$0 > "/dev/stderr"; bad = 1; exit 1 } \
		printf "%s %d {\"%s\", sizeof \"%s\" - 1, %d},\n", substr($$1, 1, 1), length($$1), $$1, $$1, $$2 == "before" } \
		END { exit bad }' $< > $@.rows && \
	LC_ALL=C sort -s -k1,1 -k2,2nr $@.rows | cut -d' ' -f3- > $@ && rm -f $@.rows || { rm -f $@ $@.rows; exit 1; }

# the labels of a name line (people.c): LABEL(label, title, role, most
# words) per row, a missing title (-) NULL; a row without its four columns,
# a label of fewer than four bytes (people.c reads a line's first four), a
# role not in the list, or more than sixteen rows fail the build
$(B)/gen/name_labels.inc: lib/data/name_labels.tsv
	@mkdir -p $(dir $@)
	LC_ALL=C awk -F'\t' '!/^#/ && NF { \
		if (NF != 4 || length($$1) < 4 || $$0 ~ /["\\]/ || $$3 !~ /^(officer|other|chair|signatory)$$/ || $$4 !~ /^[1-9][0-9]*$$/) { \
			printf "%s:%d: bad row (a label of four bytes or more, its title or -, a role, the most words): %s\n", FILENAME, FNR, $$0 > "/dev/stderr"; bad = 1; exit 1 } \
		printf "LABEL(\"%s\", %s, \"%s\", %d),\n", $$1, ($$2 == "-" ? "NULL" : "\"" $$2 "\""), $$3, $$4; n++ } \
		END { if (!bad && n > 16) { printf "%s: %d rows, more than sixteen\n", FILENAME, n > "/dev/stderr"; bad = 1 } exit bad }' $< > $@ || { rm -f $@; exit 1; }

# the date cues: phrase, role and where, the last two as the enum names of dates.c
$(B)/gen/date_cues.inc: lib/data/date_cues.tsv
	@mkdir -p $(dir $@)
	awk -F'\t' '!/^#/ && NF { gsub(/[\\"]/, "\\\\&", $$1); printf "{\"%s\", R_%s, W_%s},\n", $$1, toupper($$2), toupper($$3) }' $< > $@

# the months: {name, short form, short form} per row, a missing form NULL,
# in the file's order; a row of more than three columns, or other than
# twelve rows, fails the build
$(B)/gen/months.inc: lib/data/months.tsv
	@mkdir -p $(dir $@)
	awk -F'\t' '!/^#/ && NF { \
		if (NF > 3 || $$0 ~ /["\\]/) { printf "%s:%d: bad row: %s\n", FILENAME, FNR, $$0 > "/dev/stderr"; bad = 1; exit 1 } \
		printf "{"; for (i = 1; i <= 3; i++) printf "%s%s", (i > 1 ? ", " : ""), (i <= NF ? "\"" $$i "\"" : "NULL"); printf "},\n"; n++ } \
		END { if (!bad && n != 12) { printf "%s: %d rows, not twelve\n", FILENAME, n > "/dev/stderr"; bad = 1 } exit bad }' $< > $@ || { rm -f $@; exit 1; }

# the municipalities: {name, official} per row
$(B)/gen/municipalities.inc: lib/data/municipalities.tsv
	@mkdir -p $(dir $@)
	awk -F'\t' '!/^#/ && NF && $$1 != "name" { printf "{\"%s\", \"%s\"},\n", $$1, $$2 }' $< > $@

# the offices and the nämnder they prepare for: {administration, body} per row
$(B)/gen/admin_bodies.inc: lib/data/admin_bodies.tsv
	@mkdir -p $(dir $@)
	awk -F'\t' '!/^#/ && NF { printf "{\"%s\", \"%s\"},\n", $$1, $$2 }' $< > $@

# the diarienummer shapes: {context, shape} per row, the shape's backslashes
# and quotes escaped for C
$(B)/gen/regnum_shapes.inc: lib/data/regnum_shapes.tsv
	@mkdir -p $(dir $@)
	awk -F'\t' '!/^#/ && NF { print $$1 "\t" $$2 }' $< | sed 's/[\\"]/\\&/g; s/^\([^\t]*\)\t\(.*\)$$/{"\1", "\2"},/' > $@

# a word list as a perfect hash: gperf over the rows, each a key as the
# lookup compares it (see lib/wordhash.awk): titles, org words and
# diarienummer prefixes are compared with the text folded to lower case,
# so a row in capitals fails the build; parties are keyed folded, their
# spelling beside them
$(B)/gen/titles_hash.h $(B)/gen/org_words_hash.h $(B)/gen/regnum_prefixes_hash.h $(B)/gen/regnum_not_prefixes_hash.h \
	$(B)/gen/furniture_lines_hash.h $(B)/gen/collective_words_hash.h: HASH_KEY = lower
$(B)/gen/parties_hash.h: HASH_KEY = folded
$(B)/gen/abbreviations_hash.h: HASH_KEY = lower
# a table of words with a value beside each: the section headings
$(B)/gen/headings_hash.h: lib/data/headings.tsv lib/wordhash.awk
	@mkdir -p $(dir $@)
	LC_ALL=C awk -v name=headings -v key=valued -f lib/wordhash.awk $< > $(B)/gen/headings.gperf || { rm -f $(B)/gen/headings.gperf; exit 1; }
	gperf --output-file=$@ $(B)/gen/headings.gperf
# the headings of attendance lists, with the title of a person under each
$(B)/gen/roll_headings_hash.h: lib/data/roll_headings.tsv lib/wordhash.awk
	@mkdir -p $(dir $@)
	LC_ALL=C awk -v name=roll_headings -v key=valued -v value=text -f lib/wordhash.awk $< > $(B)/gen/roll_headings.gperf || { rm -f $(B)/gen/roll_headings.gperf; exit 1; }
	gperf --output-file=$@ $(B)/gen/roll_headings.gperf
# the given names: a table of their own whose look-up reads one row (see
# lib/given_names.awk), not gperf's, which read three tables far apart
$(B)/gen/given_names_hash.h: lib/data/given_names.txt lib/given_names.awk
	@mkdir -p $(dir $@)
	LC_ALL=C awk -f lib/given_names.awk $< > $@ || { rm -f $@; exit 1; }
# the name particles (pattern_words.tsv's name_particle rows, which
# RX_NAME's source reads) as the constants of lib/people.c's checks
$(B)/gen/name_particles.inc: lib/data/pattern_words.tsv lib/name_particles.awk
	@mkdir -p $(dir $@)
	LC_ALL=C awk -f lib/name_particles.awk $< > $@ || { rm -f $@; exit 1; }
$(B)/gen/%_hash.h: lib/data/%.txt lib/wordhash.awk
	@mkdir -p $(dir $@)
	LC_ALL=C awk -v name=$* -v key=$(HASH_KEY) -f lib/wordhash.awk $< > $(B)/gen/$*.gperf || { rm -f $(B)/gen/$*.gperf; exit 1; }
	gperf --output-file=$@ $(B)/gen/$*.gperf

# a filter in front of a perfect hash, made from the same rows (as
# lib/wordhash.awk reads them: the word, before a tab; the lists keyed as
# written, lower or valued): for each byte, the lengths of the rows that
# begin with it (X_first.inc) or end with it (X_last.inc), as the C
# initialisers "[byte] = (uint64_t)1 << length | ...," of a uint64_t[256].
# A word whose length is not among its first (last) byte's is in no row,
# and need not be looked up. A row of 64 bytes or more fails the build
$(B)/gen/titles_first.inc $(B)/gen/titles_last.inc: lib/data/titles.txt
$(B)/gen/headings_first.inc $(B)/gen/headings_last.inc: lib/data/headings.tsv
$(B)/gen/furniture_lines_first.inc: lib/data/furniture_lines.txt
$(ROW_FILTERS): Makefile
	@mkdir -p $(dir $@)
	LC_ALL=C awk -v end=$(if $(filter %_last.inc,$@),last,first) 'BEGIN { for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i } \
		/^#/ || !NF { next } \
		{ w = $$0; t = index(w, "\t"); if (t) w = substr(w, 1, t - 1); n = length(w); \
		  if (n == 0 || n > 63) { printf "%s:%d: a row of %d bytes (the filter holds 1 to 63): %s\n", FILENAME, FNR, n, w > "/dev/stderr"; bad = 1; exit 1 } \
		  b = ord[substr(w, end == "last" ? n : 1, 1)]; \
		  if (!((b, n) in seen)) { seen[b, n] = 1; m[b] = m[b] " | (uint64_t)1 << " n } } \
		END { if (bad) exit 1; for (b = 1; b < 256; b++) if (b in m) printf "[%d] = %s,\n", b, substr(m[b], 4) }' \
		$(filter lib/data/%,$^) > $@ || { rm -f $@; exit 1; }

# the words the one pass looks for, each with its kind of cue (an enum
# constant): cue_words.tsv, and the page furniture's words (in quotes: a
# word may end in a space)
$(B)/gen/cue_words.inc: lib/data/cue_words.tsv lib/data/furniture_words.txt
	@mkdir -p $(dir $@)
	awk -F'\t' '!/^#/ && NF { gsub(/[\\"]/, "\\\\&", $$2); printf "{PK_CUE_%s, \"%s\"},\n", toupper($$1), $$2 }' lib/data/cue_words.tsv > $@
	grep -v '^#' lib/data/furniture_words.txt | grep . | sed 's/.*/{PK_CUE_FURNITURE, &},/' >> $@

# the patterns written out whole (lib/data/pattern_sources.tsv), each with
# its cue words (lib/pattern_sources.awk)
$(B)/gen/pattern_sources.inc: lib/data/pattern_sources.tsv lib/pattern_sources.awk lib/upper.awk
	@mkdir -p $(dir $@)
	LC_ALL=C awk -f lib/upper.awk -f lib/pattern_sources.awk $< > $@ || { rm -f $@; exit 1; }

# the words that tell a document's type (lib/data/doc_types.tsv;
# lib/doc_types.awk)
$(B)/gen/doc_types.inc: lib/data/doc_types.tsv lib/doc_types.awk lib/upper.awk
	@mkdir -p $(dir $@)
	LC_ALL=C awk -f lib/upper.awk -f lib/doc_types.awk $< > $@ || { rm -f $@; exit 1; }

# a table of the word lists of stages (lib/data/*_words.tsv): a kind and a
# word in double quotes a row (a word may end in a space); each kind K is
# the array pk_K[] with its count pk_n_K, its rows in the table's order; a
# row without its two columns, or of a kind not in KINDS, fails the build
$(B)/gen/unit_words.inc: KINDS = not_unit unit_class_head unit_sector unit_list_stop unit_parent_stop unit_parent_head unit_split unit_split_name \
	unit_drop_word unit_all_word unit_part_noun unit_team_parent unit_team_noun unit_list_lead unit_place_prep not_unit_end proposal_word \
	unit_list_indef_lead generic_lead unit_name_opener unit_class_lead definite_ending front_noun_ending unit_parent_joint parent_list_stop
$(B)/gen/decision_words.inc: KINDS = verb_ending beslut_end beslut_not att_joint proposer_lead proposer_end item_word
$(B)/gen/line_words.inc: KINDS = subtitle_opener closing_opener
$(B)/gen/conjunction_words.inc: KINDS = suspended_next unit_list_joint
$(B)/gen/date_words.inc: KINDS = day_list_word year_word weekday
$(B)/gen/people_words.inc: KINDS = body_ending body_ending_article chair_role_title officer_title other_title other_title_part others_phrase vice_chair_title
$(B)/gen/name_list_words.inc: KINDS = name_list_joint
$(B)/gen/award_words.inc: KINDS = award_title_part prize_part
$(B)/gen/segment_words.inc: KINDS = proposal_to proposal_body decision_body
$(B)/gen/minutes_words.inc: KINDS = body_article
$(B)/gen/canonical_words.inc: KINDS = part_ending table_town
$(B)/gen/field_words.inc: KINDS = lead_in_end letterhead_line letterhead_end town_end district_prefix renamed_marker prose_word
$(B)/gen/pattern_words.inc: KINDS = regnum_label chair_title name_particle body_noun admin_noun participation_phrase participation_verb slash_date_lead body_joint body_genitive weekday_ending day_article
$(B)/gen/%_words.inc: lib/data/%_words.tsv
	@mkdir -p $(dir $@)
	LC_ALL=C awk -F'\t' -v kinds="$(KINDS)" 'BEGIN { nk = split(kinds, k, " "); for (i = 1; i <= nk; i++) known[k[i]] = 1 } \
		!/^#/ && NF { \
			if (NF != 2 || !($$1 in known) || $$2 !~ /^"([^"\\]|\\.)*"$$/) { \
				printf "%s:%d: bad row (a kind of %s, a tab, a word in double quotes): %s\n", FILENAME, FNR, kinds, $$0 > "/dev/stderr"; bad = 1; exit 1 } \
			rows[$$1] = rows[$$1] "    " $$2 ",\n" } \
		END { if (bad) exit 1; \
			for (i = 1; i <= nk; i++) { \
				if (!(k[i] in rows)) { printf "%s: no row of kind %s\n", FILENAME, k[i] > "/dev/stderr"; exit 1 } \
				printf "const char *const pk_%s[] = {\n%s};\nconst size_t pk_n_%s = sizeof pk_%s / sizeof *pk_%s;\n", k[i], rows[k[i]], k[i], k[i], k[i] } }' \
		$< > $@ || { rm -f $@; exit 1; }

$(B)/gen/%.inc: lib/data/%.txt
	@mkdir -p $(dir $@)
	sed 's/[\\"]/\\&/g; s/.*/"&",/' $< > $@

$(B)/obj/%.o: lib/%.c lib/internal.h include/protokoll.h $(GEN)
	@mkdir -p $(dir $@)
	$(CC) $(LIB_CFLAGS) -c $< -o $@

$(B)/libprotokoll.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

# the tests link a build of the library with failure injection compiled in
# (pk_test_fail_after); the installed libraries have none
$(B)/objt/%.o: lib/%.c lib/internal.h include/protokoll.h $(GEN)
	@mkdir -p $(dir $@)
	$(CC) $(LIB_CFLAGS) -DPK_FAIL_INJECTION -c $< -o $@

$(B)/libprotokoll-test.a: $(patsubst lib/%.c,$(B)/objt/%.o,$(LIB_SRC))
	rm -f $@
	ar rcs $@ $^

$(B)/libprotokoll.so.$(VERSION): $(LIB_OBJ)
	$(CC) $(SANFLAGS) -shared -Wl,-soname,libprotokoll.so.$(SOMAJOR) -o $@ $^ $(DEP_LIBS) -lpthread

$(B)/libprotokoll.so: $(B)/libprotokoll.so.$(VERSION)
	ln -sf libprotokoll.so.$(VERSION) $(B)/libprotokoll.so.$(SOMAJOR)
	ln -sf libprotokoll.so.$(VERSION) $@

# the PDF layer: a library of its own, so that linking libprotokoll for
# text brings in neither poppler nor Tesseract
$(B)/obj/pdf/%.o: lib/pdf/%.c lib/pdf/pdf_internal.h include/protokoll.h
	@mkdir -p $(dir $@)
	$(CC) $(LIB_CFLAGS) $(PDF_CFLAGS) -c $< -o $@

$(B)/obj/pdf/%.o: lib/pdf/%.cc lib/pdf/pdf_internal.h include/protokoll.h
	@mkdir -p $(dir $@)
	$(CXX) -std=c++17 $(CXXWARN) $(CXXFLAGS) $(SANFLAGS) -fPIC -fvisibility=hidden -DPK_BUILDING -Iinclude $(PDF_CFLAGS) -c $< -o $@

$(B)/libprotokoll-pdf.a: $(PDF_OBJ)
	rm -f $@
	ar rcs $@ $^

$(B)/libprotokoll-pdf.so.$(VERSION): $(PDF_OBJ)
	$(CXX) $(SANFLAGS) -shared -Wl,-soname,libprotokoll-pdf.so.$(SOMAJOR) -o $@ $^ $(PDF_LIBS)

$(B)/libprotokoll-pdf.so: $(B)/libprotokoll-pdf.so.$(VERSION)
	ln -sf libprotokoll-pdf.so.$(VERSION) $(B)/libprotokoll-pdf.so.$(SOMAJOR)
	ln -sf libprotokoll-pdf.so.$(VERSION) $@

# the command links libprotokoll alone; each PDF is read by the reader, an
# executable of its own that links libprotokoll-pdf (poppler, Tesseract),
# which the command finds where PROTOKOLL_PDF_READER says, else beside
# itself, else in $(BINDIR) as it was when the command was built
READER_SRC = cli/pdf_reader.c cli/io.c
CLI_SRC  = $(filter-out cli/pdf_reader.c,$(wildcard cli/*.c))
CLI_LIBS = $(shell pkg-config --libs sqlite3 2>/dev/null) -lm

$(B)/protokoll: $(CLI_SRC) $(wildcard cli/*.h) include/protokoll.h $(B)/libprotokoll.a
	$(CC) $(ALL_CFLAGS) -DPK_PDF_READER='"$(BINDIR)/protokoll-pdf-reader"' -o $@ $(CLI_SRC) $(B)/libprotokoll.a $(DEP_LIBS) $(CLI_LIBS) -lpthread

$(B)/protokoll-pdf-reader: $(READER_SRC) cli/cli.h include/protokoll.h $(B)/libprotokoll.a $(B)/libprotokoll-pdf.a
	$(CC) $(ALL_CFLAGS) -o $@ $(READER_SRC) $(B)/libprotokoll-pdf.a $(B)/libprotokoll.a $(DEP_LIBS) $(PDF_LIBS) -lpthread

$(B)/tests/%: tests/%.c $(B)/libprotokoll-test.a tests/testutil.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Ilib -o $@ $< $(B)/libprotokoll-test.a $(DEP_LIBS) $(shell pkg-config --libs cmocka) -lpthread

run: deps
	$(MAKE) all
	$(B)/protokoll -f csv -o build/corpus.csv corpus
	@echo "wrote build/corpus.csv ($$(wc -l < build/corpus.csv) lines)"

# every test: unit suites, the golden corpus, the CLI, then the unit suites,
# the golden corpus and the PDFs again under AddressSanitizer and
# UndefinedBehaviorSanitizer
test: deps
	@rm -f build/test-results.txt
	$(MAKE) all
	$(MAKE) test-unit test-golden test-cli test-portable test-fuzz-regress test-python
	$(MAKE) SANITIZE=address,undefined test-unit test-golden test-pdf test-minutes
	@python3 tests/summary.py

test-unit: $(TESTS)
	@sh tests/run_unit.sh $(TESTS)

test-golden: all
	@sh tests/golden.sh $(B)/protokoll
	@sh tests/floors.sh $(B)/protokoll

# write the score floors anew (tests/baseline/) after a change that moves them
baseline: all
	@sh tests/floors.sh $(B)/protokoll --update

# every input a fuzzer found, and the corpus, through the fuzz targets
# built with the sanitizers and a plain driver
test-fuzz-regress:
	@mkdir -p build; sh tests/fuzz.sh regress > build/fuzz-regress.log 2>&1; rc=$$?; \
	grep -E '^(ok|FAIL) ' build/fuzz-regress.log; \
	sed -n 's/^ok   \(.*\)/pass \1/p; s/^FAIL \(.*\)/fail \1/p' build/fuzz-regress.log >> build/test-results.txt; \
	[ $$rc -eq 0 ] || { echo "fail fuzz regression run (exit $$rc)" >> build/test-results.txt; tail -20 build/fuzz-regress.log; }

# the portable code beside the SSE2 steps: built and compared (tests/portable.sh)
test-portable: all
	@sh tests/portable.sh $(B)/protokoll

test-cli: all
	@sh tests/cli.sh $(B)/protokoll
	@sh tests/readme.sh $(B)/protokoll
	@sh tests/hostile.sh $(B)/protokoll
	@sh tests/sqlite.sh $(B)/protokoll
	@sh tests/stats.sh $(B)/protokoll
	@sh tests/pdf.sh $(B)/protokoll
	@sh tests/minutes.sh $(B)/protokoll

# PDFs alone: make test runs them again under the sanitizers
test-pdf: all
	@sh tests/pdf.sh $(B)/protokoll

# whole minutes, a record per paragraph (Göteborg's and Nacka's meetings);
# make test runs them again under the sanitizers
test-minutes: all
	@sh tests/minutes.sh $(B)/protokoll

# the Python binding (python/protokoll) through Debian's /usr/bin/python3
test-python: all
	@sh tests/python.sh $(B)/protokoll

check: test

bench: all
	@sh tests/bench.sh $(B)/protokoll

# the share of each stage in the instructions (callgrind, no inlining)
profile:
	@sh tests/bench/stages.sh

fuzz:
	@sh tests/fuzz.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(PKGDIR)
	install -m 755 $(B)/protokoll $(DESTDIR)$(BINDIR)/protokoll
	install -m 755 $(B)/protokoll-pdf-reader $(DESTDIR)$(BINDIR)/protokoll-pdf-reader
	install -m 644 $(B)/libprotokoll.a $(DESTDIR)$(LIBDIR)/libprotokoll.a
	install -m 755 $(B)/libprotokoll.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libprotokoll.so.$(VERSION)
	ln -sf libprotokoll.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libprotokoll.so.$(SOMAJOR)
	ln -sf libprotokoll.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libprotokoll.so
	install -m 644 $(B)/libprotokoll-pdf.a $(DESTDIR)$(LIBDIR)/libprotokoll-pdf.a
	install -m 755 $(B)/libprotokoll-pdf.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libprotokoll-pdf.so.$(VERSION)
	ln -sf libprotokoll-pdf.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libprotokoll-pdf.so.$(SOMAJOR)
	ln -sf libprotokoll-pdf.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libprotokoll-pdf.so
	install -m 644 include/protokoll.h $(DESTDIR)$(INCDIR)/protokoll.h
	install -m 644 cli/protokoll.1 $(DESTDIR)$(MANDIR)/man1/protokoll.1
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(LIBDIR)|; s|@INCDIR@|$(INCDIR)|; s|@VERSION@|$(VERSION)|' \
		lib/protokoll.pc.in > $(DESTDIR)$(PKGDIR)/protokoll.pc
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(LIBDIR)|; s|@INCDIR@|$(INCDIR)|; s|@VERSION@|$(VERSION)|' \
		lib/protokoll-pdf.pc.in > $(DESTDIR)$(PKGDIR)/protokoll-pdf.pc
	@# the Python package, told where the library is (no python3: none)
	if [ -n "$(PYVER)" ]; then \
		install -d $(DESTDIR)$(PYDIR)/protokoll && \
		install -m 644 $(PY_SRC) $(DESTDIR)$(PYDIR)/protokoll/ && \
		sed 's|^LIBDIR = None$$|LIBDIR = "$(LIBDIR)"|' python/protokoll/_libdir.py > $(DESTDIR)$(PYDIR)/protokoll/_libdir.py; \
	fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/protokoll $(DESTDIR)$(BINDIR)/protokoll-pdf-reader $(DESTDIR)$(LIBDIR)/libprotokoll.a \
		$(DESTDIR)$(LIBDIR)/libprotokoll.so $(DESTDIR)$(LIBDIR)/libprotokoll.so.$(SOMAJOR) \
		$(DESTDIR)$(LIBDIR)/libprotokoll.so.$(VERSION) $(DESTDIR)$(INCDIR)/protokoll.h \
		$(DESTDIR)$(LIBDIR)/libprotokoll-pdf.a $(DESTDIR)$(LIBDIR)/libprotokoll-pdf.so \
		$(DESTDIR)$(LIBDIR)/libprotokoll-pdf.so.$(SOMAJOR) $(DESTDIR)$(LIBDIR)/libprotokoll-pdf.so.$(VERSION) \
		$(DESTDIR)$(MANDIR)/man1/protokoll.1 $(DESTDIR)$(PKGDIR)/protokoll.pc $(DESTDIR)$(PKGDIR)/protokoll-pdf.pc
	[ -z "$(PYVER)" ] || rm -rf $(DESTDIR)$(PYDIR)/protokoll

clean:
	rm -rf build
