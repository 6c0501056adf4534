# Shared by the benchmark scripts (sourced): the stack, the load generator and CPU accounting.
# Results go to bench/results/<UTC time>/ unless BENCH_RESULTS names a folder.

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
results="${BENCH_RESULTS:-$home/bench/results/$(date -u +%Y%m%dT%H%M%SZ)}"
stack_dir="$results/stack"
mkdir -p "$results"

bookstore() {
    "$home/bookstore" "$@"
}

# Benchmarks measure the services as deployed: no access log (the devstack's default turns it on),
# and no Prometheus scraping them nor Alertmanager (as when the figures in docs/benchmarks.md were taken).
# JIT=tiered starts the services with the JVM's default JIT, as every figure before 2026-12-06 was
# taken; the devstack's default is C1 alone (docs/benchmarks.md#jit).
stack_up() {
    bookstore up --detach --no-demo --monitoring off --dir "$stack_dir" --env QUARKUS_HTTP_ACCESS_LOG_ENABLED=false \
        ${JIT:+--jit "$JIT"} "$@"
}

stack_down() {
    bookstore down --dir "$stack_dir" > /dev/null || true
}

# A stack started with BOOKSTORE_AOT_TRAINING=off still starts a service from the trained AOT cache
# (app-trained.aot, with the JIT's method profiles of an earlier `up`) when one newer than its jar
# is there: two builds compared so would start unalike. Moves those caches aside until
# put_trained_aot_caches_back (call it on exit), so that every service starts from its
# package-time cache; their times are kept, so they stay valid for the next `up`. BENCH_AOT=trained
# keeps them, to measure what they change (train them first with a `./bookstore up`).
set_trained_aot_caches_aside() {
    local cache
    [[ ${BENCH_AOT:-package} == trained ]] && return 0
    for cache in "$home"/*/target/quarkus-app/app-trained.aot; do
        [[ -f $cache ]] && mv "$cache" "$cache.set-aside-by-bench"
    done
    return 0
}

put_trained_aot_caches_back() {
    local cache
    for cache in "$home"/*/target/quarkus-app/app-trained.aot.set-aside-by-bench; do
        [[ -f $cache ]] && mv "$cache" "${cache%.set-aside-by-bench}"
    done
    return 0
}

# One line per process: name, then CPU time used so far in clock ticks (user + system). The
# stack's children by name, every PostgreSQL process together (plus the children the
# postmaster already reaped), and the devstack itself.
cpu_snapshot() {
    local name pid
    while read -r name pid; do
        [[ -r /proc/$pid/stat ]] && echo "$name $(awk '{print $14 + $15}' "/proc/$pid/stat")"
    done < "$stack_dir/children.pid"
    echo "devstack $(awk '{print $14 + $15}' "/proc/$(cat "$stack_dir/devstack.pid")/stat")"
    local postgres=0 ticks
    for pid in $(pgrep -u postgres || true); do
        ticks=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat" 2> /dev/null || echo 0)
        postgres=$((postgres + ticks))
    done
    echo "postgresql $postgres"
}

# CPU milliseconds per unit of work between two snapshots: cpu_per_unit <before> <after> <units>
cpu_per_unit() {
    local hz
    hz=$(getconf CLK_TCK)
    join <(sort "$1") <(sort "$2") | awk -v hz="$hz" -v units="$3" '
        { ms = ($3 - $2) * 1000 / hz; total += ms; printf "%-18s %8.2f\n", $1, ms / units }
        END { printf "%-18s %8.2f\n", "total", total / units }'
}

# The JVMs' CPU by thread kind, in the same form as cpu_snapshot ("<service>/<kind> <ticks>"): jit
# (the C1 and C2 compiler threads), gc (G1's and the GC worker threads) and the rest, the
# application's own work and the VM's. One awk per JVM reads every thread's stat line, whose
# name (in parentheses) may hold spaces: the fields are counted after its closing parenthesis.
# Threads that ended took their ticks with them: the kinds are a lower bound, the process total
# (cpu_snapshot) exact.
thread_cpu_snapshot() {
    local name pid
    while read -r name pid; do
        [[ -d /proc/$pid/task ]] || continue
        cat /proc/"$pid"/task/*/stat 2> /dev/null | awk -v name="$name" '
            {
                rest = $0
                sub(/.*\) /, "", rest)
                open = index($0, "(")
                comm = substr($0, open + 1, length($0) - length(rest) - open - 2)
                split(rest, field, " ")
                kind = comm ~ /^C[12] CompilerThre/ ? "jit" : comm ~ /^(GC Thread|G1 )/ ? "gc" : "rest"
                ticks[name "/" kind] += field[12] + field[13]
            }
            END { for (key in ticks) print key, ticks[key] }'
    done < "$stack_dir/children.pid"
}
