#!/usr/bin/env bash
# Start-up of each service from its packaged jar, as after a crash or a `kill -9` (issue 17:
# back within 5 s): from exec to /q/health/ready answering 200, the wall time and the CPU
# time of the JVM (user + system, /proc/<pid>/stat) at that moment, and in
# <service>-<variant>-threads.txt the CPU by thread (the main thread, the JIT compilers, the
# Kafka clients...). Each service is packaged
# twice, as a plain fast-jar and as the aot-jar with its JDK AOT cache (app.aot, recorded at
# package time); the aot-jar is started with the cache (aot-cache) and without it (aot-jar: a
# JDK that cannot use the cache runs so). The aot-trained variant (not in the default
# VARIANTS) starts it with a cache recorded from one real start of the service instead
# (-XX:AOTCacheOutput, through readiness and a few requests to a graceful stop), which holds
# the classes the run-time start loads too, not only the static initialisation's. Each start
# is alone on PORT with -Xmx256m like the testkit's QuarkusApp,
# REPEATS times per variant, alternating the variants; the summary gives the medians. The
# databases are migrated by an unmeasured first start (WARMUP=0 skips it where they are
# already), so every measured start is a restart.
# No Kafka (the consumers stay paused; readiness does not wait for the broker) and no
# Keycloak (the identity provider is looked up on first use). On a busy machine the CPU time
# is the steadier figure: the wall time grows with the load, the work does not.
#
#   bench/start-up.sh            REPEATS=3 WARMUP=1 PORT=18080 VARIANTS="fast-jar aot-jar aot-cache [aot-trained]" SERVICES="catalog orders ..."
#                                BOOKSTORE_PG_HOST=127.0.0.1 BOOKSTORE_PG_PORT=5432 BOOKSTORE_PG_USER=postgres
#                                PACKAGED=<folder> reuses <folder>/<variant>/<service>/ from an earlier run
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=../scripts/use-jdk.sh
source "$home/scripts/use-jdk.sh"
use_jdk

repeats=${REPEATS:-3}
warm_up=${WARMUP:-1}
port=${PORT:-18080}
services=${SERVICES:-catalog orders outbox-publisher payments-gateway psp-simulator recommendations storefront}
pg_host=${BOOKSTORE_PG_HOST:-127.0.0.1}
pg_port=${BOOKSTORE_PG_PORT:-5432}
pg_user=${BOOKSTORE_PG_USER:-postgres}
packaged=${PACKAGED:-$results/packaged}
variants=${VARIANTS:-fast-jar aot-jar aot-cache}
hz=$(getconf CLK_TCK)

# The database of each service (DESIGN.md; the outbox publisher reads the orders' outbox).
database_of() {
    case "$1" in
        catalog) echo bookstore_catalog ;;
        orders | outbox-publisher) echo bookstore_orders ;;
        payments-gateway) echo bookstore_payments ;;
        recommendations) echo bookstore_recommendations ;;
        *) echo "" ;;
    esac
}

# Packages the services as <variant> and keeps each quarkus-app folder in $packaged/<variant>/.
package_as() {
    local variant=$1 module
    local -a properties=(-Dquarkus.package.jar.type=fast-jar -Dquarkus.package.jar.aot.enabled=false)
    if [[ $variant == aot-cache ]]; then
        properties=(-Dquarkus.package.jar.type=aot-jar -Dquarkus.package.jar.aot.enabled=true
            -Dquarkus.package.jar.aot.type=AOT -Dquarkus.package.jar.aot.phase=BUILD)
    fi
    (cd "$home" && ./mvnw -B -q package -DskipTests -pl "$(tr ' ' ',' <<< "$services")" "${properties[@]}") > "$results/package-$variant.txt" 2>&1
    mkdir -p "$packaged/$variant"
    for module in $services; do
        rm -rf "${packaged:?}/$variant/$module"
        cp -a "$home/$module/target/quarkus-app" "$packaged/$variant/$module"
    done
}

# Starts <service> packaged as <variant> and prints "<wall ms> <cpu ms>" once it is ready.
start_once() {
    local service=$1 variant=$2 log=$3 database start pid ticks
    local dir="$packaged/aot-cache/$service"
    local -a java=(java -Xmx256m)
    case $variant in
        fast-jar) dir="$packaged/fast-jar/$service" ;;
        aot-cache) java+=(-XX:AOTCache=app.aot) ;;
        aot-trained)
            [[ -f $dir/app-trained.aot ]] || record_trained_cache "$service" "$log" || return 1
            java+=(-XX:AOTCache=app-trained.aot)
            ;;
    esac
    start=$(date +%s%N)
    run_service "$service" "$dir" "$log" "${java[@]}" &
    pid=$!
    await_ready "$pid" "$service ($variant)" "$log" || return 1
    ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    echo "$((($(date +%s%N) - start) / 1000000)) $((ticks * 1000 / hz))"
    threads_cpu "$pid" >> "$results/$service-$variant-threads.txt"
    kill -9 "$pid"
    wait "$pid" 2> /dev/null || true
}

# Runs <service> from <dir> with the java command given, alone: its database, nothing else.
run_service() {
    local service=$1 dir=$2 log=$3 database
    shift 3
    database=$(database_of "$service")
    cd "$dir"
    if [[ -n $database ]]; then
        export QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$pg_host:$pg_port/$database"
        export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$pg_host:$pg_port/$database"
        export QUARKUS_DATASOURCE_USERNAME="$pg_user"
    fi
    # Nothing listens on port 1: no broker, no identity provider, no peers.
    QUARKUS_HTTP_PORT=$port KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 \
        QUARKUS_OIDC_AUTH_SERVER_URL=http://127.0.0.1:1/realms/bookstore \
        QUARKUS_OTEL_SDK_DISABLED=true QUARKUS_HTTP_ACCESS_LOG_ENABLED=false \
        BOOKSTORE_SECRETS_ALLOW_DEVELOPMENT_DEFAULTS=true \
        exec "$@" -jar quarkus-run.jar >> "$log" 2>&1
}

# Waits until the service answers ready; fails when its process <pid> ends first.
await_ready() {
    local pid=$1 what=$2 log=$3
    until curl -fso /dev/null "http://127.0.0.1:$port/q/health/ready"; do
        if ! kill -0 "$pid" 2> /dev/null; then
            echo "$what exited before it was ready; see $log" >&2
            return 1
        fi
        sleep 0.05
    done
}

# One line of CPU milliseconds by thread name (numbered threads together), most first, at this moment.
threads_cpu() {
    local pid=$1 task
    for task in "/proc/$pid/task"/*; do
        echo "$(sed 's/.*) //' "$task/stat" 2> /dev/null | awk '{print $12 + $13}') $(tr ' ' '_' < "$task/comm" 2> /dev/null)"
    done | awk -v hz="$hz" '$1 > 0 { name = $2; gsub(/[0-9]+$/, "#", name); ms[name] += $1 * 1000 / hz }
        END { for (n in ms) printf "%s=%d\n", n, ms[n] }' | sort -t= -k2 -rn | tr '\n' ' '
    echo
}

# Records <service>'s app-trained.aot beside app.aot: one start with -XX:AOTCacheOutput through
# readiness and a few requests, then SIGTERM; the JVM writes the cache as it exits.
record_trained_cache() {
    local service=$1 log=$2 dir="$packaged/aot-cache/$1" pid
    run_service "$service" "$dir" "$log" java -Xmx256m -XX:AOTCacheOutput=app-trained.aot &
    pid=$!
    await_ready "$pid" "$service (recording its trained cache)" "$log" || return 1
    for _ in $(seq 1 20); do
        curl -so /dev/null "http://127.0.0.1:$port/q/health/ready"
        curl -so /dev/null "http://127.0.0.1:$port/q/metrics"
    done
    kill -TERM "$pid"
    wait "$pid" 2> /dev/null || true
    [[ -f $dir/app-trained.aot ]] || { echo "$service left no trained cache; see $log" >&2; return 1; }
}

if [[ -z ${PACKAGED:-} ]]; then
    package_as fast-jar
    package_as aot-cache
fi
java -version 2>&1 | head -1 > "$results/java-version.txt"
for db in $(for s in $services; do database_of "$s"; done | sort -u); do
    psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -qtc "SELECT 1 FROM pg_database WHERE datname = '$db'" postgres | grep -q 1 ||
        psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -qc "CREATE DATABASE $db" postgres
done

raw="$results/start-up-raw.txt"
echo "service variant repeat wall_ms cpu_ms" > "$raw"
for service in $services; do
    if [[ $warm_up == 1 ]]; then
        start_once "$service" fast-jar "$results/$service-warm-up.log" > /dev/null
    fi
    for repeat in $(seq 1 "$repeats"); do
        for variant in $variants; do
            # A start that fails (the reason is in its log) counts in no median.
            if measured=$(start_once "$service" "$variant" "$results/$service-$variant.log"); then
                echo "$service $variant $repeat $measured" >> "$raw"
            fi
        done
    done
done

summary="$results/start-up.txt"
python3 - "$raw" > "$summary" <<'PY'
import statistics, sys
from collections import defaultdict
runs = defaultdict(list)
for line in list(open(sys.argv[1]))[1:]:
    service, variant, _, wall, cpu = line.split()
    runs[service, variant].append((int(wall), int(cpu)))
variants = list(dict.fromkeys(v for _, v in runs))
print(f"{'service':<18}" + "".join(f" {v + ' wall_s':>17} {'cpu_s':>6}" for v in variants))
for service in dict.fromkeys(s for s, _ in runs):
    cells = ""
    for v in variants:
        starts = runs.get((service, v), [])
        wall = statistics.median(x[0] for x in starts) / 1000 if starts else float('nan')
        cpu = statistics.median(x[1] for x in starts) / 1000 if starts else float('nan')
        cells += f" {wall:17.1f} {cpu:6.1f}"
    print(f"{service:<18}{cells}  (n={len(runs[service, variants[0]])})")
PY
cat "$summary"
echo "results: $results"
