#!/usr/bin/env bash
# Builds the Python package from this checkout and runs its tests, the Spark
# test included, on a fresh machine. Called from .ci/run; exits non-zero when
# anything fails, and when pytest ran no test (its exit code 5).
#
#   bash python/ci.sh
#
# Needs: the Rust toolchain, python3 (3.9+) with venv and pip, and PyPI. Java 17
# is installed from Debian (openjdk-17-jre-headless) when `java` is missing.
# Set CARGO_TARGET_DIR to share a cargo target directory with other builds; by
# default the wheel builds in python/target and the test's reference CLI (the
# crate's `align` example, debug build) in the root target/ that `cargo test`
# already filled.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
start=$(date +%s)

if ! command -v java >/dev/null 2>&1 && [ ! -x "${JAVA_HOME:-/nonexistent}/bin/java" ]; then
    echo "python/ci.sh: installing Java 17 (openjdk-17-jre-headless) for PySpark"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
fi
java -version 2>&1 | head -1

venv="$(mktemp -d)"
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
# The `test` extra brings pytest and pyspark.
"$venv/bin/pip" install --quiet --disable-pip-version-check "./python[test]"

status=0
"$venv/bin/python" -m pytest python/tests -ra || status=$?
if [ "$status" -eq 5 ]; then
    echo "python/ci.sh: pytest collected no test" >&2
fi
echo "python/ci.sh: exit $status after $(($(date +%s) - start)) s"
exit "$status"
