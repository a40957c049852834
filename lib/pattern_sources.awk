# build/gen/pattern_sources.inc from lib/data/pattern_sources.tsv (with
# lib/upper.awk): for each row P, cue_P[] (NULL-terminated; a word marked
# "*" written out as itself, capitalised and in capitals; "0-9" the digit
# cue cue_digit, "-" none: NULL) and src_P (its source as a C string; "-":
# NULL, written by the code). A row without its three columns, or a "*"
# word not in lower case, fails the build.
BEGIN { FS = "\t" }

function q(w) { gsub(/[\\"]/, "\\\\&", w); return "\"" w "\"" }

!/^#/ && NF {
	if (NF != 3 || $1 !~ /^[a-z_]+$/ || $2 == "" || $3 == "") {
		printf "%s:%d: bad row (a pattern, a tab, its cue words, a tab, its source): %s\n", FILENAME, FNR, $0 > "/dev/stderr"
		bad = 1
		exit 1
	}
	if ($2 == "0-9")
		printf "#define cue_%s cue_digit\n", $1
	else if ($2 == "-")
		printf "#define cue_%s NULL\n", $1
	else {
		printf "static const char *const cue_%s[] = {", $1
		nw = split($2, w, " ")
		for (i = 1; i <= nw; i++) {
			x = w[i]
			if (x ~ /\*$/) {
				x = substr(x, 1, length(x) - 1)
				if (x == "" || upall(x) == x || x ~ /[A-Z]/) {
					printf "%s:%d: \"%s*\" is not a word in lower case\n", FILENAME, FNR, x > "/dev/stderr"
					bad = 1
					exit 1
				}
				printf "%s, %s, %s, ", q(x), q(upfirst(x)), q(upall(x))
			} else
				printf "%s, ", q(x)
		}
		printf "NULL};\n"
	}
	if ($3 == "-")
		printf "#define src_%s NULL\n", $1
	else
		printf "static const char src_%s[] = %s;\n", $1, q($3)
}

END { if (bad) exit 1 }
