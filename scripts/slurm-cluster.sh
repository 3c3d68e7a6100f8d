#!/usr/bin/env bash
# A real single-node Slurm cluster with accounting, for the system tier (issue #14), run without systemd.
#
#   scripts/slurm-cluster.sh start  DIR [USER[:ACCOUNT,...]]...
#                                         installs the Debian packages if missing (root only), writes the
#                                         configuration into DIR, starts munged, mariadbd, slurmdbd, slurmctld
#                                         and slurmd, waits until the node is idle and accounting knows the
#                                         cluster, and prints "SLURM_CONF=DIR/slurm.conf" as its last line.
#                                         Associations are enforced, as at a site: each USER may charge the
#                                         account "default" (their default) and the ACCOUNTs named after it;
#                                         nobody else may submit.
#   scripts/slurm-cluster.sh stop   DIR   stops exactly the PIDs recorded in DIR/pids (TERM, then KILL).
#   scripts/slurm-cluster.sh status DIR   prints which recorded daemons run; rc 0 only when all of them do.
#
# Everything lives in DIR (configs, state, spool, logs, its own munge socket and MariaDB data directory),
# on ports picked free at first start, so several clusters can share a host and nothing in /etc is
# written: the tools find the cluster through SLURM_CONF. The cluster name is $SLURM_CLUSTER_NAME
# (default "imsystest"; lower case letters, digits and "_"). A second start while all daemons run reuses
# them. Needs root. Refer to /work/shared/system-notes.md section 6 for the measured recipe this follows.
set -euo pipefail

repo=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
daemons=(munged mariadbd slurmdbd slurmctld slurmd)   # start order; stop goes the other way
patience=60                                          # seconds for each wait below

die() { echo "slurm-cluster: $*" >&2; exit 1; }
usage() { die "usage: $0 start DIR [USER[:ACCOUNT,...]]... | stop DIR | status DIR"; }

[ $# -ge 2 ] || usage
action=$1
dir=$(readlink -m "$2")
shift 2
associations=("$@")
[ "$action" = start ] || [ ${#associations[@]} -eq 0 ] || usage
cluster=${SLURM_CLUSTER_NAME:-imsystest}
[[ $cluster =~ ^[a-z][a-z0-9_]{0,39}$ ]] || die "cluster name '$cluster' must match [a-z][a-z0-9_]*"
export SLURM_CONF=$dir/slurm.conf

# pid_of NAME: the PID recorded for a daemon, or nothing.
pid_of() { [ -f "$dir/pids" ] && awk -v n="$1" '$1 == n { print $2 }' "$dir/pids" || true; }

# alive PID: whether the process exists and has not ended (a zombie has ended).
alive() {
    local state
    [ -n "$1" ] && state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null) && [ "${state%% *}" != Z ]
}

# wait_for WHAT COMMAND...: retry COMMAND (quietly) until it succeeds, at most $patience seconds, and
# give up at once when a daemon started so far has exited.
wait_for() {
    local what=$1 deadline=$((SECONDS + patience)) name pid; shift
    until "$@" >/dev/null 2>&1; do
        while read -r name pid; do
            alive "$pid" || die "$name exited while waiting for $what (see $dir/log/$name.out)"
        done <"$dir/pids"
        [ $SECONDS -lt $deadline ] || die "gave up after ${patience}s waiting for $what (logs in $dir/log)"
        sleep 0.2
    done
}

# launch NAME COMMAND...: start a daemon detached (own session, no inherited stdio) and record its PID.
launch() {
    local name=$1; shift
    setsid "$@" </dev/null >>"$dir/log/$name.out" 2>&1 &
    echo "$name $!" >>"$dir/pids"
}

install_packages() {
    local missing=() pkg
    for pkg in slurm-wlm slurmdbd munge mariadb-server; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return
    mkdir -p "$repo/build-logs"
    echo "slurm-cluster: installing ${missing[*]} (log: build-logs/slurm-apt.log)" >&2
    { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"; } \
        >>"$repo/build-logs/slurm-apt.log" 2>&1 || die "apt-get failed, see build-logs/slurm-apt.log"
}

# free_port TAKEN...: a TCP port nobody listens on and not among TAKEN (a range clear of the ephemeral ports).
free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 12000))
        [[ " $* " == *" $port "* ]] && continue
        ss -Htln "sport = :$port" | grep -q . || { echo "$port"; return; }
    done
}

# First start only: ports, the database password and the configuration files, kept for later starts.
configure() {
    if [ -f "$dir/slurm.conf" ]; then
        # A cluster configured before associations were enforced gets the line; its ports and data stay.
        grep -q '^AccountingStorageEnforce=' "$dir/slurm.conf" || echo 'AccountingStorageEnforce=associations' >>"$dir/slurm.conf"
        return
    fi
    local ctld_port slurmd_port dbd_port db_port password
    ctld_port=$(free_port); slurmd_port=$(free_port "$ctld_port"); dbd_port=$(free_port "$ctld_port" "$slurmd_port")
    db_port=$(free_port "$ctld_port" "$slurmd_port" "$dbd_port")
    password=$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')
    install -d -m 0755 "$dir" "$dir/log" "$dir/run"
    install -d -o slurm -g slurm -m 0755 "$dir/state" "$dir/slurmlog" "$dir/slurmrun"
    install -d -m 0755 "$dir/spool"
    install -d -o munge -g munge -m 0755 "$dir/munge"
    install -d -o mysql -g mysql -m 0750 "$dir/mysql"
    install -d -o mysql -g mysql -m 0755 "$dir/mysqlrun"
    echo "$db_port" >"$dir/db.port"
    cat >"$dir/slurm.conf" <<EOF
# Written by scripts/slurm-cluster.sh; test cluster "$cluster", everything under $dir.
ClusterName=$cluster
SlurmctldHost=localhost
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
SlurmUser=slurm
SlurmdUser=root
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmrun/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/slurmlog/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/linux
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
MinJobAge=300
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=localhost
AccountingStoragePort=$dbd_port
AccountingStorageEnforce=associations
# For slurmdbd connections Slurm takes the munge socket from here, not from AuthInfo.
AccountingStoragePass=$dir/munge/munge.socket
NodeName=localhost NodeAddr=127.0.0.1 Port=$slurmd_port CPUs=$(nproc) RealMemory=1000 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
    chmod 0644 "$dir/slurm.conf"
    # slurmdbd.conf holds the database password: slurm's alone, as slurmdbd insists.
    install -o slurm -g slurm -m 0600 /dev/null "$dir/slurmdbd.conf"
    cat >"$dir/slurmdbd.conf" <<EOF
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
DbdHost=localhost
DbdPort=$dbd_port
SlurmUser=slurm
LogFile=$dir/slurmlog/slurmdbd.log
PidFile=$dir/slurmrun/slurmdbd.pid
StorageType=accounting_storage/mysql
StorageHost=127.0.0.1
StoragePort=$db_port
StorageLoc=slurm_acct_db
StorageUser=slurm
StoragePass=$password
EOF
    install -m 0600 /dev/null "$dir/db.password"
    echo "$password" >"$dir/db.password"
}

# associate: the associations the start named (see the usage above); adding one that exists changes nothing.
associate() {
    local entry user accounts account
    sacctmgr -n -P list account format=account | grep -qx default || sacctmgr -i add account default >/dev/null
    for entry in "${associations[@]}"; do
        user=${entry%%:*}
        accounts=$([ "$entry" = "$user" ] || echo "${entry#*:}")
        [[ $user =~ ^[a-z_][a-z0-9_-]*$ ]] || die "not a user name: '$user'"
        for account in ${accounts//,/ }; do
            [[ $account =~ ^[a-z0-9_]+$ ]] || die "not an account name: '$account'"
            sacctmgr -n -P list account format=account | grep -qx "$account" || sacctmgr -i add account "$account" >/dev/null
        done
        sacctmgr -n -P list assoc user="$user" account=default format=user | grep -qx "$user" \
            || sacctmgr -i add user "$user" account=default defaultaccount=default >/dev/null
        for account in ${accounts//,/ }; do
            sacctmgr -n -P list assoc user="$user" account="$account" format=user | grep -qx "$user" \
                || sacctmgr -i add user "$user" account="$account" >/dev/null
        done
    done
}

# mariadb_sql SQL: run SQL as the database's root (unix-socket authentication as OS root).
mariadb_sql() { mariadb --no-defaults --socket="$dir/mysqlrun/mysql.sock" -u root -e "$1"; }

start() {
    [ "$(id -u)" -eq 0 ] || die "needs root (starts daemons as munge, mysql and slurm)"
    if status >/dev/null 2>&1; then
        echo "slurm-cluster: already running in $dir" >&2
        associate
        echo "SLURM_CONF=$SLURM_CONF"
        return
    fi
    stop >/dev/null 2>&1 || true                      # a partial cluster from an earlier run
    install_packages
    [ -f /etc/munge/munge.key ] || die "/etc/munge/munge.key is missing (the munge package creates it)"
    configure
    : >"$dir/pids"
    # A start that fails stops whatever it had started, so nothing is left behind.
    trap 'echo "slurm-cluster: start failed, stopping what it started" >&2; stop >&2' EXIT

    launch munged setpriv --reuid=munge --regid=munge --init-groups -- /usr/sbin/munged -F \
        --socket="$dir/munge/munge.socket" --pid-file="$dir/munge/munged.pid" \
        --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed"
    wait_for munged munge -S "$dir/munge/munge.socket" -n

    local fresh_db=false
    if [ ! -d "$dir/mysql/mysql" ]; then
        fresh_db=true
        mariadb-install-db --no-defaults --user=mysql --datadir="$dir/mysql" --skip-test-db \
            >>"$dir/log/mariadb-install-db.out" 2>&1 || die "mariadb-install-db failed, see $dir/log"
    fi
    launch mariadbd /usr/sbin/mariadbd --no-defaults --user=mysql --datadir="$dir/mysql" \
        --socket="$dir/mysqlrun/mysql.sock" --pid-file="$dir/mysqlrun/mariadbd.pid" --bind-address=127.0.0.1 \
        --port="$(cat "$dir/db.port")" --log-error="$dir/mysqlrun/mariadbd.log"
    wait_for mariadbd mariadb_sql 'SELECT 1'
    if $fresh_db; then
        local password; password=$(cat "$dir/db.password")
        mariadb_sql "CREATE USER 'slurm'@'127.0.0.1' IDENTIFIED BY '$password';
                     GRANT ALL ON slurm_acct_db.* TO 'slurm'@'127.0.0.1';"
    fi

    # slurmdbd has no option for its file: it reads slurmdbd.conf next to $SLURM_CONF.
    launch slurmdbd /usr/sbin/slurmdbd -D
    wait_for slurmdbd sacctmgr -n list cluster
    # The cluster is known to accounting before slurmctld first registers, so no restart is needed.
    sacctmgr -n -P list cluster format=cluster | grep -qx "$cluster" || sacctmgr -i add cluster "$cluster" >/dev/null
    associate

    launch slurmctld /usr/sbin/slurmctld -D -i
    launch slurmd /usr/sbin/slurmd -D -N localhost
    wait_for "node localhost idle" bash -c '[ "$(sinfo -h -N -n localhost -o %t)" = idle ]'
    wait_for "slurmctld registered with slurmdbd" \
        bash -c "sacctmgr -n -P list cluster format=cluster,controlport | grep -qx '$cluster|[1-9][0-9]*'"
    trap - EXIT
    echo "SLURM_CONF=$SLURM_CONF"
}

stop() {
    local names=() name pid i deadline
    for ((i = ${#daemons[@]} - 1; i >= 0; i--)); do names+=("${daemons[i]}"); done
    # Jobs first: their slurmstepd processes outlive slurmd, so cancel them while slurmctld still runs.
    if alive "$(pid_of slurmctld)" && alive "$(pid_of slurmd)"; then
        squeue -h -o %i 2>/dev/null | xargs -r scancel 2>/dev/null || true
        deadline=$((SECONDS + patience))
        while [ -n "$(squeue -h -o %i 2>/dev/null)" ] && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    fi
    for name in "${names[@]}"; do
        pid=$(pid_of "$name")
        alive "$pid" || continue
        kill -TERM "$pid" 2>/dev/null || true
        deadline=$((SECONDS + 30))
        while alive "$pid" && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
        if alive "$pid"; then
            echo "slurm-cluster: $name ($pid) ignored TERM for 30s, sending KILL" >&2
            kill -KILL "$pid" 2>/dev/null || true
            while alive "$pid"; do sleep 0.1; done
        fi
        echo "slurm-cluster: stopped $name ($pid)"
    done
    rm -f "$dir/pids"
}

status() {
    local name pid all=0
    for name in "${daemons[@]}"; do
        pid=$(pid_of "$name")
        if alive "$pid"; then echo "$name running (pid $pid)"; else echo "$name not running"; all=1; fi
    done
    return $all
}

case $action in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) usage ;;
esac
