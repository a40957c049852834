#!/bin/sh
# The README's examples: every `$ COMMAND` line in a ```sh block runs, in
# order, from the repository root, and must print exactly the lines shown
# under it (up to the next `$ ` line, a blank line or the block's end) and
# exit 0; one shown without output must exit 0. Each is its own check, named
# "README example: COMMAND" (cut to 60 characters). `build/protokoll` is the
# binary under test. PATH starts with /usr/bin so that `python3` is Debian's,
# the one python3-pandas installs into, whatever python3 comes first
# otherwise. An example that needs jq, pandas or Dask where they are
# missing is skipped, never passed. tests/update_readme.py writes the outputs.
bin=$1
t=build/readmetest; rm -rf $t; mkdir -p $t
. tests/lib.sh "$bin"
PATH=/usr/bin:$PATH; export PATH

# the examples, one NN.cmd each, NN.want beside it when output is shown,
# and an index of "NN<TAB>name"
python3 - "$t" <<'PY'
import re, sys
t = sys.argv[1]
text = open("README.md", encoding="utf-8").read()
n, names = 0, set()
index = open(f"{t}/index", "w", encoding="utf-8")
for block in re.findall(r"^```sh\n(.*?)^```", text, re.S | re.M):
    lines = block.split("\n")
    for i, l in enumerate(lines):
        if not l.startswith("$ "):
            continue
        cmd = l[2:]
        want = []
        for m in lines[i + 1:]:
            if m.startswith("$ ") or m == "":
                break
            want.append(m)
        n += 1
        name = cmd if len(cmd) <= 60 else cmd[:59] + "…"
        if name in names:
            sys.exit(f"two README examples are both named {name!r}")
        names.add(name)
        open(f"{t}/{n:02}.cmd", "w", encoding="utf-8").write(cmd + "\n")
        if want:
            open(f"{t}/{n:02}.want", "w", encoding="utf-8").write("\n".join(want) + "\n")
        index.write(f"{n:02}\t{name}\n")
sys.exit(0 if n else 1)
PY
check $? "README examples are found and named apart"

if python3 -c 'import pandas' 2>/dev/null; then pandas=yes; else pandas=; fi
if python3 -c 'import dask.dataframe, dask.distributed' 2>/dev/null; then dask=yes; else dask=; fi
if command -v jq > /dev/null 2>&1; then jq=yes; else jq=; fi
tab=$(printf '\t')
while IFS="$tab" read -r n name; do
    cmd=$(cat "$t/$n.cmd")
    case "$cmd" in *pandas*) [ -n "$pandas" ] || { skip "README example: $name" "pandas is not installed for /usr/bin/python3"; continue; } ;; esac
    case "$cmd" in *dask*) [ -n "$dask" ] || { skip "README example: $name" "dask.distributed is not installed for /usr/bin/python3"; continue; } ;; esac
    case "$cmd" in *"jq "*) [ -n "$jq" ] || { skip "README example: $name" "jq is not installed"; continue; } ;; esac
    # the binary under test in place of the one the README names
    cmd=$(printf '%s\n' "$cmd" | sed "s#^build/protokoll #$bin #; s#| build/protokoll #| $bin #g")
    sh -c "$cmd" < /dev/null > "$t/$n.got" 2> "$t/$n.err"; rc=$?
    ok=$rc
    if [ -f "$t/$n.want" ]; then
        # CSV lines end in CRLF (RFC 4180); the README shows lines
        sed 's/\r$//' "$t/$n.got" | diff "$t/$n.want" - > "$t/$n.diff" || ok=1
    fi
    check $ok "README example: $name"
    if [ $ok -ne 0 ]; then
        echo "  exit $rc; README shows (<) and the command printed (>):"
        head -20 "$t/$n.diff" | sed 's/^/  /'
        head -5 "$t/$n.err" | sed 's/^/  stderr: /'
    fi
done < $t/index
exit 0
