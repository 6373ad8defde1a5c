#!/bin/sh
# make leaderboard on Slurm: a one-node cluster of Debian's munged,
# slurmctld and slurmd, started here in a scratch folder and stopped at
# the end, runs each search as a job step (LAUNCH=srun) with the same
# results as a local run; the README's Slurm examples run on it.
. "$(dirname "$0")/lib.sh"

for d in munged slurmctld slurmd; do
	command -v $d >/dev/null || PATH=$PATH:/usr/sbin
done
NODE=$(hostname -s)
BIN=${CG_BIN:-$TOP/build/bin}
# Ports of our own, away from a real cluster's 6817 and 6818.
PORT=$((20000 + $$ % 20000))

cleanup() {
	for p in slurmd slurmctld munged; do
		[ -f "$T/$p.pid" ] && kill "$(cat "$T/$p.pid")" 2>/dev/null
	done
	sleep 1
}
trap 'cleanup; rm -rf "$T"' EXIT

mkdir -p "$T/state" "$T/spool"
dd if=/dev/urandom bs=1024 count=1 of="$T/munge.key" 2>/dev/null
chmod 400 "$T/munge.key"
cat >"$T/slurm.conf" <<EOF
ClusterName=cgtest
SlurmctldHost=$NODE(127.0.0.1)
SlurmUser=$(id -un)
SlurmdUser=$(id -un)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
AuthType=auth/munge
AuthInfo=socket=$T/munge.sock
CredType=cred/munge
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=cg Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
SLURM_CONF=$T/slurm.conf
export SLURM_CONF

test_expect_success 'a one-node Slurm starts' '
	munged --key-file="$T/munge.key" --socket="$T/munge.sock" \
		--pid-file="$T/munged.pid" --log-file="$T/munged.log" \
		--seed-file="$T/munge.seed" --force &&
	slurmctld -f "$SLURM_CONF" &&
	slurmd -f "$SLURM_CONF" -N "$NODE" &&
	i=0 &&
	until sinfo -h -o %t 2>/dev/null | grep -q idle; do
		i=$((i + 1)) && [ $i -lt 60 ] || { tail "$T"/*.log; exit 1; }
		sleep 0.5
	done &&
	expect_equal "$(srun -n1 hostname)" "$(hostname)"
'

B="benchmark://cgbench-v0/qsort benchmark://cgbench-v0/crc32 benchmark://cgbench-v0/fft"
LB="-f $TOP/tests/leaderboard.mk CG=$BIN BENCHMARKS='$B' STEPS=200 JOBS=1 RUNS=2 ALGOS='ils random'"

test_expect_success 'make leaderboard runs each search as a job step' '
	steps0=$(grep -c "launch task" "$T/slurmd.log") || steps0=0
	salloc -c 2 sh -c "make -s -j 2 $LB OUT=$T/slurm LAUNCH=\"srun -n1\" \
		leaderboard" >slurm.out 2>slurm.err ||
		{ cat slurm.err; exit 1; }
	steps=$(grep -c "launch task" "$T/slurmd.log") &&
	test $((steps - steps0)) -ge 12 &&
	expect_grep "^ils .* 6/6 " slurm.out
'

test_expect_success 'its results are those of a local run' '
	eval make -s -j 2 $LB OUT=$T/local leaderboard >local.out &&
	for a in ils random; do
		d=cgbench-v0-$a-n200 &&
		cut -d, -f1,2,4 "$T/slurm/$d/results.csv" >s.csv &&
		cut -d, -f1,2,4 "$T/local/$d/results.csv" >l.csv &&
		expect_equal "$(wc -l <s.csv)" 7 &&
		cmp s.csv l.csv || exit 1
	done
'

test_expect_success 'an interrupted leaderboard resumes, redoing only what is missing' '
	d=$T/local/cgbench-v0-ils-n200 &&
	rm "$d/cgbench-v0/fft.run2.json" "$d/summary" &&
	touch -d "2000-01-01" "$d"/cgbench-v0/*.json &&
	echo half >"$d/cgbench-v0/fft.run2.json.tmp" &&
	eval make -s -j 2 $LB OUT=$T/local leaderboard >again.out &&
	expect_equal "$(find "$d" -name "*.json" -newer local.out | wc -l)" 1 &&
	cut -d, -f1,2,4 "$d/results.csv" >again.csv &&
	cut -d, -f1,2,4 "$T/slurm/cgbench-v0-ils-n200/results.csv" >s.csv &&
	cmp again.csv s.csv
'

test_expect_success 'a job array through sbatch gives the results of a local run' '
	printf "%s\n" $B >list &&
	cat >task.sh <<-\EOF &&
	#!/bin/sh
	b=$(sed -n "${SLURM_ARRAY_TASK_ID}p" list)
	f=array.$SLURM_ARRAY_TASK_ID.json
	cg-search -q -n 200 -j 1 --seed 1 -b "$b" >$f.tmp && mv $f.tmp $f
	EOF
	sbatch --wait -a 1-3 -c 1 -o /dev/null task.sh >sbatch.out &&
	for i in 1 2 3; do cat array.$i.json || exit 1; done >array.jsonl &&
	for b in $B; do cg-search -q -n 200 -j 1 --seed 1 -b $b || exit 1; done \
		>local.jsonl &&
	jq -c "[.benchmark, .actions, .episode_reward]" array.jsonl >a &&
	jq -c "[.benchmark, .actions, .episode_reward]" local.jsonl >l &&
	expect_equal "$(wc -l <a)" 3 &&
	cmp a l &&
	expect_valid array.jsonl
'

# The README's Slurm examples, run from the source tree as a user would.
test_expect_success 'the Slurm examples of README.md run' '
	awk "/^\`\`\`sh slurm\$/ { f = 1; next } /^\`\`\`\$/ { f = 0 } f" \
		"$TOP/README.md" >slurm.sh &&
	test -s slurm.sh &&
	s=$PWD/slurm.sh &&
	(cd "$TOP" && OUT=$T/readme PATH=$BIN:$PATH bash -e "$s") \
		>readme.out 2>readme.err || { tail -20 readme.err; exit 1; }
'

test_done
