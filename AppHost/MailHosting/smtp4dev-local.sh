#!/usr/bin/env bash
# Runs smtp4dev from the repository's dotnet tool manifest for the AppHost's local mode. `dotnet tool run`
# starts the server as a child process and does not pass SIGTERM on, so this script does, letting the
# AppHost stop it cleanly. Arguments go to smtp4dev unchanged.
set -uo pipefail
dotnet tool run smtp4dev -- "$@" &
runner=$!
stop() {
  pkill -TERM -P "$runner" 2>/dev/null
  kill -TERM "$runner" 2>/dev/null
}
trap stop TERM INT
wait "$runner"
wait "$runner" 2>/dev/null
