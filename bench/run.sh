#!/usr/bin/env bash
# Runs the benchmark: `bash bench/run.sh quick` (a few minutes, what CI affords; report in artifacts/bench/) or
# `bash bench/run.sh full` (about 35 minutes on two cores, more when an overloaded phase leaves minutes of backlog; rewrites docs/performance.md and its plots).
# Release builds of every service: the AppHost starts the configuration it was built in.
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release --project bench/NotificationAspire.Bench -- "${1:-quick}" "${@:2}"
