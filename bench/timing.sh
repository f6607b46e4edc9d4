# Timing helpers shared by the bench scripts (sourced; the caller sets $TMP,
# a scratch directory).  Needs GNU time at /usr/bin/time.

# timed NAME CMD...: appends "wall cpu" to $TMP/NAME (cpu = user + sys)
timed() {
  local name=$1; shift
  /usr/bin/time -f '%e %U %S' -o "$TMP/time.out" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$TMP/time.out" | awk '{ printf "%s %.2f\n", $1, $2 + $3 }' >>"$TMP/$name"
}
# median FIELD < lines
median() {
  sort -g -k"$1,$1" | awk -v f="$1" '{ v[NR] = $f } END {
    if (NR == 0) { print "nan"; exit }
    if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "nan" }'; }
