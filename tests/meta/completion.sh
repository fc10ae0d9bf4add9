#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Bash completion (completion/jail.bash.in as built): jail names and JIDs
# from the registry (jls), parameter names from the parser's source.
#   tests/meta/completion.sh BIN_DIR COMPLETION_FILE
set -u
bin=$1 comp=$2
command -v bash >/dev/null || { echo "no bash: skipped"; exit 77; }
failed=0
name=compl-$$
PATH=$bin:$PATH
export PATH
# complete WORDS... : what bash would offer for the last word
complete_words() {
	bash -c '. "$0"; fn=$(complete -p "$1" | sed "s/.*-F \([^ ]*\) .*/\1/")
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=()
		"$fn" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
		printf "%s\n" "${COMPREPLY[@]}"' "$comp" "$@" 2>&1 | sort | tr '\n' ' ' | sed 's/ $//'
}
check() { # check WHAT GOT WANT
	if [ "$2" = "$3" ]; then echo "PASS: $1"; else echo "FAIL: $1: got [$2], want [$3]"; failed=1; fi
}

jail -c name=$name path=/ persist >/dev/null || { echo "FAIL: cannot create a jail"; exit 1; }
trap 'jail -r $name >/dev/null 2>&1' EXIT
jid=$(jls -j $name jid)
check "jexec: a running jail's name" "$(complete_words jexec compl-)" "$name"
check "jexec: its JID" "$(complete_words jexec "$jid" | tr ' ' '\n' | grep -x "$jid")" "$jid"
check "jail -r: running jails" "$(complete_words jail -r compl-)" "$name"
check "jkill -s TERM: running jails" "$(complete_words jkill -s TERM compl-)" "$name"
check "jkill -s: signal names" "$(complete_words jkill -s TER)" "TERM"
check "jls -j: running jails" "$(complete_words jls -j compl-)" "$name"
check "jail -c: parameter names, = follows" "$(complete_words jail -c host.)" "host.domainname= host.hostname="
check "jail -c: allow.* from policy/jail.h" "$(complete_words jail -c allow.mou)" "allow.mount"
check "jail -c: path= completes directories" "$(complete_words jail -c path=/us)" "path=/usr"
check "jail: old syntax, the path" "$(complete_words jail /us)" "/usr"
check "jexec JAIL: a command" "$(complete_words jexec $name hostnam | tr " " "\n" | grep -x hostname | sort -u)" "hostname"
jail -r $name >/dev/null
trap - EXIT
check "jexec: no jail once removed" "$(complete_words jexec compl-)" ""
exit $failed
