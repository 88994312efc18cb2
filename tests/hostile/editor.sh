#!/bin/sh
# The "editor" for `vnetctl edit` in the hostile suite: replaces the file vnetctl
# opened with the hostile input, and records which file that was (so the
# runner can check it is gone afterwards and name it in messages).
printf '%s\n' "$1" >"$HOSTILE_EDIT_SEEN"
cat "$HOSTILE_EDIT_INPUT" >"$1"
