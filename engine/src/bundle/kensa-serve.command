#!/bin/sh
# Double-clicked in the Finder (macOS) or a Linux file manager: opens the questionnaire in the browser. Terminal keeps
# its window, so kensa's messages (the address, where answers are saved, a missing Java) stay readable.
dir=$(cd "$(dirname "$0")" && pwd -P) || exit 3
"$dir/bin/kensa" serve "$@"
status=$?
if [ "$status" -ne 0 ] && [ -t 0 ]; then
  printf '%s\n' "" "kensa を起動できませんでした(上のメッセージを確認してください)。Enter キーで閉じます。"
  read -r _
fi
exit "$status"
