#!/usr/bin/env bash
# The bookstore on a local kind cluster: creates the cluster "bookstore" when absent,
# installs ingress-nginx, builds the seven services and their images (JVM, or native with
# --native), loads them into the cluster, generates the Secrets, applies the kind overlay,
# waits for it, and runs one checkout through the ingress. See deploy/README.md.
#
#   deploy/kind/up.sh [--native]
#   deploy/kind/up.sh --print-images [--native]   the images it builds, one per line
#   deploy/kind/up.sh --print-secrets             the Secrets and keys it generates
set -euo pipefail

readonly CLUSTER=bookstore
readonly CONTEXT="kind-$CLUSTER"
readonly NAMESPACE=bookstore
readonly VERSION=1.0.0-SNAPSHOT
# The host port of the ingress: extraPortMappings in cluster.yaml.
readonly BASE_URL=http://localhost:8088
# Pinned: the manifest of this release for kind (hostPort 80/443 on the ingress-ready node).
readonly INGRESS_NGINX_VERSION=controller-v1.12.1
readonly INGRESS_NGINX_MANIFEST="https://raw.githubusercontent.com/kubernetes/ingress-nginx/$INGRESS_NGINX_VERSION/deploy/static/provider/kind/deploy.yaml"
readonly MODULES=(storefront catalog orders outbox-publisher payments-gateway recommendations psp-simulator)
# Each Secret the manifests reference but never contain: its name, then its keys.
readonly SECRETS=(
    "bookstore-secrets postgres-password psp-secret-key psp-webhook-secret payments-gateway-client-secret"
    "alertmanager-secrets pager-routing-key pager-acme-eu-west-1-routing-key chat-webhook-url smtp-password"
    "grafana-admin admin-user admin-password"
    "keycloak-admin admin-user admin-password"
)
# The smoke checkout signs in as the realm's demo user alice (tenant acme) through the ingress.
readonly SHOPPER=alice
readonly TENANT=acme
readonly BOOK=978-0-13-468599-1

DEPLOY_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly DEPLOY_DIR
ROOT_DIR="$(cd "$DEPLOY_DIR/.." && pwd)"
readonly ROOT_DIR

native=false
mode=up

usage() {
    sed -n '2,9s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

fail() {
    printf 'up.sh: %s\n' "$1" >&2
    exit 1
}

tag() {
    if $native; then printf '%s-native' "$VERSION"; else printf '%s' "$VERSION"; fi
}

overlay() {
    if $native; then printf 'kind-native'; else printf 'kind'; fi
}

print_images() {
    local module
    for module in "${MODULES[@]}"; do
        printf 'bookstore/%s:%s\n' "$module" "$(tag)"
    done
}

print_secrets() {
    local entry
    for entry in "${SECRETS[@]}"; do
        printf '%s\n' "$entry"
    done
}

require() {
    command -v "$1" >/dev/null 2>&1 || fail "$1 is missing: $2"
}

check_prerequisites() {
    require docker "install Docker (https://docs.docker.com/get-docker/)"
    require kind "install kind 0.24 or later (https://kind.sigs.k8s.io/docs/user/quick-start/#installation)"
    require kubectl "install kubectl (https://kubernetes.io/docs/tasks/tools/)"
    require curl "install curl"
    require openssl "install openssl: it generates the Secrets"
    docker info >/dev/null 2>&1 || fail "docker is installed but its daemon does not answer: start Docker first"
    # shellcheck source-path=SCRIPTDIR source=../../scripts/use-jdk.sh
    source "$ROOT_DIR/scripts/use-jdk.sh"
    use_jdk || fail "the build (./mvnw) needs a JDK 21 or newer"
}

kc() {
    kubectl --context "$CONTEXT" "$@"
}

create_cluster() {
    if kind get clusters 2>/dev/null | grep -qx "$CLUSTER"; then
        echo "==> kind cluster $CLUSTER exists"
    else
        echo "==> creating kind cluster $CLUSTER"
        kind create cluster --config "$DEPLOY_DIR/kind/cluster.yaml"
    fi
}

install_ingress() {
    echo "==> ingress-nginx $INGRESS_NGINX_VERSION (downloads its manifest)"
    kc apply -f "$INGRESS_NGINX_MANIFEST"
    kc -n ingress-nginx rollout status deployment/ingress-nginx-controller --timeout=5m
    kc -n ingress-nginx wait --for=condition=Ready pod \
        --selector=app.kubernetes.io/component=controller --timeout=5m
}

build_images() {
    local modules module dockerfile
    modules="$(IFS=,; printf '%s' "${MODULES[*]}")"
    echo "==> building $modules"
    if $native; then
        (cd "$ROOT_DIR" && ./mvnw -B package -DskipTests -Pnative -Dquarkus.native.container-build=true -pl "$modules" -am)
        dockerfile=Dockerfile.native-micro
    else
        (cd "$ROOT_DIR" && ./mvnw -B package -DskipTests -pl "$modules" -am)
        dockerfile=Dockerfile.jvm
    fi
    for module in "${MODULES[@]}"; do
        [[ -f "$ROOT_DIR/$module/src/main/docker/$dockerfile" ]] \
            || fail "$module/src/main/docker/$dockerfile is missing"
        docker build -f "$ROOT_DIR/$module/src/main/docker/$dockerfile" \
            -t "bookstore/$module:$(tag)" "$ROOT_DIR/$module"
    done
    echo "==> loading the images into $CLUSTER"
    # shellcheck disable=SC2046 # one image name per line, none with spaces
    kind load docker-image --name "$CLUSTER" $(print_images)
}

secret_value() {
    case "$1" in
        admin-user) printf 'admin' ;;
        psp-secret-key) printf 'sk_test_%s' "$(openssl rand -hex 24)" ;;
        psp-webhook-secret) printf 'whsec_%s' "$(openssl rand -hex 32)" ;;
        # Never delivered: set the real URL with kubectl to get chat notifications.
        chat-webhook-url) printf 'https://chat.invalid/%s' "$(openssl rand -hex 16)" ;;
        *) printf '%s' "$(openssl rand -hex 24)" ;;
    esac
}

# Values are made here once per cluster and passed as files, never on a command line.
create_secrets() {
    local entry name keys_line key dir
    local -a keys files
    kc create namespace "$NAMESPACE" --dry-run=client -o yaml | kc apply -f -
    for entry in "${SECRETS[@]}"; do
        read -r name keys_line <<<"$entry"
        read -r -a keys <<<"$keys_line"
        if kc -n "$NAMESPACE" get secret "$name" >/dev/null 2>&1; then
            echo "==> secret $name exists"
            continue
        fi
        dir="$(mktemp -d)"
        files=()
        for key in "${keys[@]}"; do
            (umask 077 && secret_value "$key" >"$dir/$key")
            files+=("--from-file=$key=$dir/$key")
        done
        kc -n "$NAMESPACE" create secret generic "$name" "${files[@]}"
        rm -rf "$dir"
    done
}

deploy() {
    local attempt
    echo "==> applying deploy/overlays/$(overlay)"
    # A Job's pod template cannot change; the topic job is idempotent, so it just runs again.
    kc -n "$NAMESPACE" delete job kafka-topics --ignore-not-found
    for attempt in 1 2 3 4 5; do
        # The ingress-nginx admission webhook may refuse the Ingresses for a few seconds
        # after the controller became ready.
        if kubectl kustomize "$DEPLOY_DIR/overlays/$(overlay)" | kc apply -f -; then
            break
        fi
        [[ $attempt -lt 5 ]] || fail "kubectl apply failed"
        sleep 5
    done
    echo "==> waiting for the rollout"
    kc -n "$NAMESPACE" rollout status statefulset/postgres --timeout=10m
    kc -n "$NAMESPACE" rollout status statefulset/kafka --timeout=10m
    kc -n "$NAMESPACE" wait --for=condition=Complete job/kafka-topics --timeout=10m
    kc -n "$NAMESPACE" wait --for=condition=Available deployment --all --timeout=10m
}

json_field() {
    sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" <<<"$2"
}

url_encode() {
    local text="$1" out="" char i
    for ((i = 0; i < ${#text}; i++)); do
        char="${text:i:1}"
        case "$char" in
            [a-zA-Z0-9.~_-]) out+="$char" ;;
            *) out+="$(printf '%%%02X' "'$char")" ;;
        esac
    done
    printf '%s' "$out"
}

# An access token of $SHOPPER from Keycloak's token endpoint (the scripts' public client),
# through the ingress, as a shopper's client gets one; Keycloak may still be importing the realm.
shopper_token() {
    local token="" attempt
    for attempt in $(seq 1 30); do
        token="$(json_field access_token "$(curl -sS --max-time 10 \
            -d grant_type=password -d client_id=bookstore-cli -d "username=$SHOPPER" -d password=bookstore \
            "$BASE_URL/auth/realms/bookstore/protocol/openid-connect/token" 2>/dev/null || true)")"
        [[ -n "$token" ]] && break
        [[ $attempt -lt 30 ]] || fail "Keycloak gave no token for $SHOPPER at $BASE_URL/auth/realms/bookstore"
        sleep 2
    done
    printf '%s' "$token"
}

smoke_checkout() {
    local key body="" code="" order_id trace_id status="" attempt token
    key="$(openssl rand -hex 16)"
    token="$(shopper_token)"
    echo "==> one checkout through the ingress ($BASE_URL/api/v2/checkout, $SHOPPER of tenant $TENANT)"
    # The same Idempotency-Key makes every retry the same checkout.
    for attempt in $(seq 1 30); do
        body="$(curl -sS --max-time 30 -X POST "$BASE_URL/api/v2/checkout" \
            -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
            -H "Idempotency-Key: $key" -H 'Prefer: wait=10' \
            -d "{\"items\":[{\"isbn\":\"$BOOK\",\"qty\":1}],\"payment_method\":\"pm_card_visa\"}" \
            -w '\n%{http_code}' 2>/dev/null)" || true
        code="${body##*$'\n'}"
        body="${body%$'\n'*}"
        [[ "$code" == 200 || "$code" == 202 ]] && break
        [[ $attempt -lt 30 ]] || fail "the checkout was answered ${code:-nothing}: $body"
        sleep 2
    done
    order_id="$(json_field order_id "$body")"
    trace_id="$(json_field trace_id "$body")"
    [[ -n "$order_id" ]] || fail "the checkout answer has no order_id: $body"
    for attempt in $(seq 1 60); do
        status="$(json_field status "$(curl -sS --max-time 10 -H "Authorization: Bearer $token" "$BASE_URL/api/v2/orders/$order_id" 2>/dev/null || true)")"
        case "$status" in
            paid) break ;;
            payment_failed) fail "order $order_id ended payment_failed (trace $trace_id)" ;;
        esac
        [[ $attempt -lt 60 ]] || fail "order $order_id is still ${status:-unknown} after 60 s (trace $trace_id)"
        sleep 1
    done
    SMOKE_ORDER="$order_id"
    SMOKE_TRACE="$trace_id"
}

report() {
    local password panes
    password="$(kc -n "$NAMESPACE" get secret grafana-admin -o jsonpath='{.data.admin-password}' | base64 --decode)"
    panes="{\"a\":{\"datasource\":\"tempo\",\"queries\":[{\"refId\":\"A\",\"datasource\":{\"type\":\"tempo\",\"uid\":\"tempo\"},\"queryType\":\"traceql\",\"query\":\"$SMOKE_TRACE\"}],\"range\":{\"from\":\"now-1h\",\"to\":\"now\"}}}"
    cat <<EOF

The bookstore runs on kind cluster $CLUSTER ($(overlay) images).
  order      $SMOKE_ORDER  paid
  trace id   $SMOKE_TRACE
  its trace  $BASE_URL/grafana/explore?schemaVersion=1&orgId=1&panes=$(url_encode "$panes")
  storefront $BASE_URL/api/v2/books
  Grafana    $BASE_URL/grafana/   (user admin, password $password)
  Keycloak   $BASE_URL/auth/admin/   (realm bookstore; user admin, password: kubectl --context $CONTEXT -n $NAMESPACE get secret keycloak-admin -o jsonpath='{.data.admin-password}' | base64 --decode)
  a token    curl -s -d grant_type=password -d client_id=bookstore-cli -d username=alice -d password=bookstore $BASE_URL/auth/realms/bookstore/protocol/openid-connect/token
  Prometheus kubectl --context $CONTEXT -n $NAMESPACE port-forward svc/prometheus 9090
  tear down  deploy/kind/down.sh
EOF
}

main() {
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --native) native=true ;;
            --print-images) mode=print-images ;;
            --print-secrets) mode=print-secrets ;;
            -h | --help) usage; exit 0 ;;
            *) usage >&2; fail "unknown argument: $1" ;;
        esac
        shift
    done

    case "$mode" in
        print-images) print_images; return ;;
        print-secrets) print_secrets; return ;;
    esac

    check_prerequisites
    create_cluster
    install_ingress
    build_images
    create_secrets
    deploy
    smoke_checkout
    report
}

# Sourced (as deploy/src/test does, to run one function against stand-in tools), the
# script only defines its functions.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    main "$@"
fi
