#!/bin/sh
# pause-at.sh STAGE DIR ACTION COMMAND...
#
# Runs COMMAND with the test-only hook TORCHSHAPE_TEST_PAUSE=STAGE:DIR/pause
# (tools/torchshape/SafeWrite.h): once torchshape has paused at STAGE, runs
# the shell command ACTION (with $PID set to torchshape's process id), then
# lets it go on.  Prints "exit status: N" (137 when ACTION killed it).
stage=$1 dir=$2 action=$3
shift 3
rm -f "$dir/pause.paused" "$dir/pause.go"
TORCHSHAPE_TEST_PAUSE="$stage:$dir/pause" "$@" &
pid=$!
i=0
while [ ! -e "$dir/pause.paused" ]; do
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid"
    echo "exit status: $? (it never paused at $stage)"
    exit 1
  fi
  i=$((i + 1))
  if [ "$i" -gt 3000 ]; then
    kill "$pid"
    echo "it did not pause at $stage within 150 s"
    exit 1
  fi
  sleep 0.05
done
PID=$pid sh -c "$action"
touch "$dir/pause.go"
wait "$pid"
echo "exit status: $?"
