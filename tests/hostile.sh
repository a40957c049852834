#!/bin/sh
# Hostile inputs through the command: every input gives exactly one
# record, in input order, and the run goes on.
bin=$1
t=build/hostile; rm -rf $t; mkdir -p $t
. tests/lib.sh "$bin"
ok=corpus/000_f9602f9a592d35f0.txt

# a file over the limit (sparse: nothing is read)
truncate -s 1100M $t/big.txt
"$bin" $t/big.txt $ok > $t/out; rc=$?
[ $rc -eq 1 ] && sed -n 1p $t/out | grep -q '"error":"input too large"' && sed -n 2p $t/out | grep -q '"doc_type"'
check $? "a file over 1 GiB gives an error record and the run goes on"
rm -f $t/big.txt

# a single 100 MB line
head -c 100000000 /dev/zero | tr '\0' 'a' > $t/line.txt
"$bin" $t/line.txt > $t/out; rc=$?
[ $rc -eq 0 ] && grep -q '"warnings":\["nothing found"\]' $t/out; check $? "a single 100 MB line gives a record"
rm -f $t/line.txt

# a directory where a file is expected
"$bin" < / > $t/out; [ $? -eq 1 ] && grep -q '"source":"-","error":"is a directory"' $t/out
check $? "standard input that is a directory gives an error record"
mkdir -p $t/tree/dir.txt; cp $ok $t/tree/dir.txt/a.txt; cp $ok $t/tree/b.txt
"$bin" $t/tree > $t/out; [ $? -eq 0 ] && [ "$(wc -l < $t/out)" -eq 2 ]
check $? "a directory named *.txt is walked, not read"

# unreadable inputs: a read error, and a file without permission
"$bin" /proc/self/mem $ok > $t/out; [ $? -eq 1 ] && sed -n 1p $t/out | grep -q '"error":"Input/output error"' &&
    [ "$(wc -l < $t/out)" -eq 2 ]
check $? "a read error gives an error record and the run goes on"
cp $ok $t/locked.txt; chmod 000 $t/locked.txt; chmod 755 $t
if [ "$(id -u)" = 0 ]; then as="setpriv --reuid=65534 --regid=65534 --clear-groups"; else as=""; fi
$as "$bin" $t/locked.txt > $t/out; [ $? -eq 1 ] && grep -q '"error":"Permission denied"' $t/out
check $? "a file without read permission gives an error record"

# every kind at once keeps the input order
printf '' > $t/empty.txt; printf '\f \n\f' > $t/ff.txt
printf '\357\273\277Protokoll\r\n' > $t/bom.txt; printf 'S\366dermalm\n' > $t/latin1.txt
printf 'S\303\266dermalm a\303(b\342\202' > $t/invalid.txt; head -c 2000 /dev/urandom > $t/random.txt; printf '\0\0\0\0x' >> $t/random.txt
"$bin" -j 2 $t/empty.txt $t/ff.txt $t/bom.txt $t/latin1.txt $t/invalid.txt $t/random.txt /nonexistent > $t/out
[ $? -eq 1 ] && [ "$(wc -l < $t/out)" -eq 7 ] &&
    [ "$(sed 's/.*"source":"\([^"]*\)".*/\1/' $t/out | tr '\n' ' ')" = "$t/empty.txt $t/ff.txt $t/bom.txt $t/latin1.txt $t/invalid.txt $t/random.txt /nonexistent " ] &&
    sed -n 4p $t/out | grep -q 'Windows-1252' && sed -n 5p $t/out | grep -q 'invalid bytes replaced' &&
    sed -n 6p $t/out | grep -q '"error":"not text' && sed -n 7p $t/out | grep -q '"error":"No such file'
check $? "mixed hostile inputs give one record each, in order"

# memcheck over the corpus, two threads: no error, no definite leak
valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite \
    "$bin" -j 2 corpus > /dev/null 2> $t/valgrind.txt
[ $? -eq 0 ] && [ ! -s $t/valgrind.txt ]; check $? "valgrind over the corpus: no errors, no definite leaks"
exit 0
