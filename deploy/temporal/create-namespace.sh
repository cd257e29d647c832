#!/bin/sh
# Registers the namespace the workers and the CLI use (temporalio/server, unlike the deprecated
# auto-setup image, creates none). Run by the temporal-namespace service of docker-compose.yml
# (image temporalio/admin-tools, which has the `temporal` CLI). Safe to run on every `up`.
set -eu

ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
RETENTION="${TEMPORAL_NAMESPACE_RETENTION:-7d}"
ATTEMPTS="${ATTEMPTS:-60}"

echo "Waiting for the Temporal frontend at $ADDRESS ..."
i=0
until temporal operator cluster health --address "$ADDRESS" >/dev/null 2>&1; do
  i=$((i + 1))
  if [ "$i" -ge "$ATTEMPTS" ]; then
    echo "Temporal at $ADDRESS did not report healthy" >&2
    exit 1
  fi
  sleep 2
done

i=0
while :; do
  if temporal operator namespace describe --namespace "$NAMESPACE" --address "$ADDRESS" >/dev/null 2>&1; then
    echo "Namespace $NAMESPACE exists"
    break
  fi
  if temporal operator namespace create --namespace "$NAMESPACE" --retention "$RETENTION" \
      --address "$ADDRESS"; then
    echo "Namespace $NAMESPACE created (retention $RETENTION)"
    # The frontend and history services refresh their namespace caches periodically; give them
    # time so the workers' first polls do not get "namespace not found".
    sleep "${NAMESPACE_SETTLE_SECONDS:-10}"
    break
  fi
  i=$((i + 1))
  if [ "$i" -ge "$ATTEMPTS" ]; then
    echo "Could not create namespace $NAMESPACE" >&2
    exit 1
  fi
  sleep 2
done

# The saga's search attributes (deploy/temporal/search-attributes, NAME=TYPE): a worker's sagas
# cannot upsert attributes the namespace lacks. Existing ones are left as they are.
existing=$(temporal operator search-attribute list --namespace "$NAMESPACE" --address "$ADDRESS")
grep -v '^[[:space:]]*#' /scripts/search-attributes | while IFS='=' read -r name type; do
  [ -n "$name" ] || continue
  if printf '%s\n' "$existing" | grep -qw "$name"; then
    echo "Search attribute $name exists"
  else
    temporal operator search-attribute create --namespace "$NAMESPACE" --name "$name" --type "$type" \
      --address "$ADDRESS"
    echo "Search attribute $name ($type) created"
  fi
done
