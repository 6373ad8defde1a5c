#!/bin/sh
# GNU parallel over ssh: the README's recipe against a real sshd, started
# here on a spare port with throwaway keys and stopped at the end, with cg
# installed by make install; parallel sends the inputs and brings the
# results back.
. "$(dirname "$0")/lib.sh"

PORT=$((20000 + ($$ + 7919) % 20000))
SSHD=$(command -v sshd || echo /usr/sbin/sshd)
trap '[ -f "$T/sshd.pid" ] && kill "$(cat "$T/sshd.pid")"; rm -rf "$T"' EXIT

test_expect_success 'an sshd with a throwaway key starts' '
	ssh-keygen -q -t ed25519 -N "" -f "$T/hostkey" &&
	ssh-keygen -q -t ed25519 -N "" -f "$T/userkey" &&
	cp "$T/userkey.pub" "$T/authorized_keys" &&
	cat >"$T/sshd_config" <<-EOF &&
	Port $PORT
	ListenAddress 127.0.0.1
	HostKey $T/hostkey
	PidFile $T/sshd.pid
	AuthorizedKeysFile $T/authorized_keys
	PermitRootLogin prohibit-password
	PasswordAuthentication no
	KbdInteractiveAuthentication no
	UsePAM no
	StrictModes no
	EOF
	mkdir -p /run/sshd 2>/dev/null
	"$SSHD" -f "$T/sshd_config" -E "$T/sshd.log" &&
	i=0 &&
	until [ -f "$T/sshd.pid" ]; do
		i=$((i + 1)) && [ $i -lt 50 ] || { cat "$T/sshd.log"; exit 1; }
		sleep 0.1
	done
'

SSH="ssh -p $PORT -i $T/userkey -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=$T/known_hosts -o LogLevel=ERROR"
export SSH

test_expect_success 'a command runs through it' '
	expect_equal "$($SSH 127.0.0.1 echo \$SSH_CONNECTION | cut -d" " -f4)" $PORT
'

test_expect_success 'make install puts cg where the hosts run it' '
	make -s -C "$TOP" install PREFIX="$T/prefix" \
		${CG_SANITIZE:+SANITIZE=$CG_SANITIZE} >install.log 2>&1 ||
		{ tail install.log; exit 1; }
	test -x "$T/prefix/bin/cg-search"
'

test_expect_success 'the README recipe runs over ssh, files sent and brought back' '
	awk "/^\`\`\`sh ssh\$/ { f = 1; next } /^\`\`\`\$/ { f = 0 } f" \
		"$TOP/README.md" >ssh.sh &&
	test -s ssh.sh &&
	logins0=$(grep -c "Accepted publickey" "$T/sshd.log") || logins0=0
	mkdir run && cd run &&
	PATH=$T/prefix/bin:/usr/bin:/bin HOSTS=127.0.0.1 bash -e ../ssh.sh \
		>out 2>err || { tail -20 err; exit 1; }
	for b in qsort crc32 fft; do
		jq -e ".benchmark == \"benchmark://cgbench-v0/$b\" and
			(.actions | length) > 0" $b.best >/dev/null || exit 1
	done &&
	logins=$(grep -c "Accepted publickey" "$T/sshd.log") &&
	test $((logins - logins0)) -ge 3
'

test_expect_success 'the remote host was left clean (--cleanup)' '
	expect_empty "$(ls -A ~ | grep -E "\.state$|\.best" || true)"
'

test_done
