#!/usr/bin/env bash
# Deletes the kind cluster "bookstore" that deploy/kind/up.sh created, with everything in
# it: the bookstore, its data, the observability stack and the generated Secrets.
set -euo pipefail

readonly CLUSTER=bookstore

command -v kind >/dev/null 2>&1 \
    || { echo "down.sh: kind is missing: install kind (https://kind.sigs.k8s.io/docs/user/quick-start/#installation)" >&2; exit 1; }

if kind get clusters 2>/dev/null | grep -qx "$CLUSTER"; then
    kind delete cluster --name "$CLUSTER"
else
    echo "down.sh: there is no kind cluster $CLUSTER"
fi
