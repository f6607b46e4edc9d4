#!/bin/sh
# size-limited.sh BLOCKS COMMAND...
#
# Runs COMMAND unable to write more than BLOCKS × 512 bytes to any file, the
# way a full disk would stop it (SIGXFSZ ignored: writes fail with EFBIG).
# Prints "exit status: N".
trap '' XFSZ
ulimit -f "$1"
shift
"$@"
echo "exit status: $?"
