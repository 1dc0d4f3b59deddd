#!/usr/bin/env bash
# Installs what the platform needs on a fresh machine and is safe to run again.
# - dotnet local tools (smtp4dev, dotnet-ef) from dotnet-tools.json
# - without a container engine: PostgreSQL's binaries for the local-mode stand-in (Debian/Ubuntu, as root)
# - the npm packages whose schemas validate the generated Kubernetes objects offline (tests/Deployment.Tests)
# - for the console's browser tests: Debian's chromium (Playwright drives it; it cannot download its own) and axe-core
# - for the webhook tests: the Standard Webhooks JavaScript library, a receiver's verifier that is not our code
set -euo pipefail
cd "$(dirname "$0")/.."

# The SDK misattributes commands between the manifest's tools the first time a dotnet home restores them
# (dotnet/sdk#53783: "dotnet-ef is not contained in the package ... rnwood.smtp4dev", exit 1). The first
# attempt fills the home's tool resolver cache, so a second attempt succeeds; only its verdict counts.
if ! dotnet tool restore >/dev/null 2>&1; then
  dotnet tool restore >/dev/null
fi
echo "bootstrap: dotnet tools restored"

# Exactly the versions of package-lock.json; they warn that they prefer Node 22 and work on Node 20.
npm ci --prefix eng/kubernetes-validation --no-audit --no-fund --loglevel=error >/dev/null
echo "bootstrap: Kubernetes schema packages installed"

npm ci --prefix eng/accessibility-checks --no-audit --no-fund --loglevel=error >/dev/null
echo "bootstrap: axe-core installed for the browser tests"

npm ci --prefix eng/webhook-verification --no-audit --no-fund --loglevel=error >/dev/null
echo "bootstrap: the Standard Webhooks JavaScript library installed for the webhook tests"

if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
if [ -x /usr/bin/chromium ]; then
  echo "bootstrap: chromium found for the browser tests"
else
  echo "bootstrap: installing Debian's chromium for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq chromium >/dev/null
fi

engine_answers() {
  for cli in docker podman; do
    command -v "$cli" >/dev/null 2>&1 && timeout 5 "$cli" info >/dev/null 2>&1 && return 0
  done
  return 1
}

postgres_found() {
  command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
}

if engine_answers; then
  echo "bootstrap: a container engine answers; the AppHost will use containers"
elif postgres_found; then
  echo "bootstrap: no container engine; PostgreSQL binaries found for local mode"
else
  echo "bootstrap: no container engine and no PostgreSQL binaries; installing Debian's postgresql"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # The package's own cluster is not used: the AppHost runs postgres itself in its own data folder.
  $SUDO apt-get install -y -qq postgresql >/dev/null
  for cluster in $(pg_lsclusters -h 2>/dev/null | awk '{print $1"/"$2}'); do
    $SUDO pg_ctlcluster "${cluster%/*}" "${cluster#*/}" stop 2>/dev/null || true
  done
fi
