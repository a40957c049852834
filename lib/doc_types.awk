# build/gen/doc_types.inc from lib/data/doc_types.tsv (with lib/upper.awk):
# one C initialiser a word, {type, word}, in the table's order; a word
# marked "+" as written and then in capitals; "\xHH" kept as C's escape
# (its string closed after it, so that no letter after it is read as a
# hex digit). A row without its two columns, or a type whose rows do not
# follow each other, fails the build.
BEGIN { FS = "\t" }

function q(w) {
	gsub(/"/, "\\\"", w)
	gsub(/\\x[0-9a-fA-F][0-9a-fA-F]/, "&\" \"", w)
	return "\"" w "\""
}

!/^#/ && NF {
	if (NF != 2 || $1 !~ /^[a-z_]+$/ || $2 == "" || $2 == "+") {
		printf "%s:%d: bad row (a type, a tab, a word): %s\n", FILENAME, FNR, $0 > "/dev/stderr"
		bad = 1
		exit 1
	}
	if ($1 != last && ($1 in seen)) {
		printf "%s:%d: the rows of %s do not follow each other\n", FILENAME, FNR, $1 > "/dev/stderr"
		bad = 1
		exit 1
	}
	seen[$1] = 1
	last = $1
	w = $2
	if (w ~ /\+$/) {
		w = substr(w, 1, length(w) - 1)
		printf "{\"%s\", %s},\n{\"%s\", %s},\n", $1, q(w), $1, q(upall(w))
	} else
		printf "{\"%s\", %s},\n", $1, q(w)
}

END { if (bad) exit 1 }
