#!/usr/bin/env bash
# Runs one benchmark main of local/runtime's test tree (see BENCHMARKS.md at the repository root), after building
# what it needs; benchmarks are never part of the shipped jars. Usage, from anywhere in the repository:
#   local/runtime/src/bench/run.sh PipelineBenchmark --photos group --uploads 200
# BENCH_MAVEN_FLAGS adds Maven flags (e.g. -o offline); BENCH_SKIP_BUILD=1 reuses the last build; BENCH_JVM_FLAGS
# replaces the JVM flags, which default to the README's start command's (-Xmx2g -XX:TieredStopAtLevel=1
# -XX:ReservedCodeCacheSize=240m).
set -euo pipefail
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
main="$1"
shift
modules=local/runtime
if [ "$main" = "ColdStartBenchmark" ]; then
  # the naive builds it compares the functions' jars with (the naive-lambda profile, never part of a normal build)
  modules="$modules,local/runtime/src/bench/naive-lambda/reader,local/runtime/src/bench/naive-lambda/consumer"
fi
if [ "${BENCH_SKIP_BUILD:-0}" != "1" ]; then
  (cd "$root" && mvn -B -q ${BENCH_MAVEN_FLAGS:-} -P naive-lambda -pl "$modules" -am package -DskipTests)
fi
cd "$root/local/runtime"
# shellcheck disable=SC2086 # BENCH_JVM_FLAGS is a word list
exec java ${BENCH_JVM_FLAGS:--Xmx2g -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=240m} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  "org.emotionanalyser.local.runtime.$main" "$@"
