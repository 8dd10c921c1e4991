#!/usr/bin/env bash
# Builds the example application's native-image sources (no GraalVM needed: the build stops before native-image) and
# checks that the generated configuration registers what the job queue needs in a native executable.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -B -q -pl runtime,deployment,integration-tests package -DskipTests \
    -Dquarkus.native.enabled=true -Dquarkus.native.sources-only=true
python3 .ci/native-sources-check.py integration-tests/target/native-sources runtime/src/main/resources
