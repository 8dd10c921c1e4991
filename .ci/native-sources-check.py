"""Checks the native-image configuration of the example application (integration-tests/) as a native-sources build
wrote it: every class the job queue needs by reflection, every resource it reads and every class it initialises at
run time must be named there. Exits 1 naming each one that is missing."""
import json
import pathlib
import re
import sys
import zipfile

FULL_ACCESS = ("allDeclaredConstructors", "allDeclaredMethods", "allDeclaredFields")

# Read and written by Jackson: the example's payload and result types, the extension's JSON types; mapped by
# Hibernate: the JDBC store's entities.
FULLY_REFLECTIVE = [
    "io.quarkiverse.jobqueue.it.WelcomeEmail",  # payload of send-welcome-email
    "io.quarkiverse.jobqueue.it.ExampleHandlers$ExportSummary",  # result of export-orders
    "io.quarkiverse.jobqueue.JobInfo",
    "io.quarkiverse.jobqueue.JobAttempt",
    "io.quarkiverse.jobqueue.JobProgress",
    "io.quarkiverse.jobqueue.JobId",
    "io.quarkiverse.jobqueue.JobState",
    "io.quarkiverse.jobqueue.runtime.store.jdbc.JobEntity",
    "io.quarkiverse.jobqueue.runtime.store.jdbc.TypeLimitEntity",
]
# Looked up by name when the handlers are registered: the payload type of generate-report and charge-card.
LOOKED_UP = ["java.lang.String"]
RUNTIME_INITIALIZED = ["io.quarkiverse.jobqueue.runtime.store.AttemptHistory"]


def java_regex(pattern):
    """GraalVM's resource patterns are Java regexes quoted with \\Q...\\E, which Python's re lacks."""
    return re.sub(r"\\Q(.*?)\\E", lambda quoted: re.escape(quoted.group(1)), pattern)


def main(native_sources, resources_root):
    runners = list(pathlib.Path(native_sources).glob("*-runner.jar"))
    if len(runners) != 1:
        sys.exit(f"expected one *-runner.jar in {native_sources}, found {runners}: did the native-sources build run?")
    with zipfile.ZipFile(runners[0]) as jar:
        reflect = {entry["name"]: entry for entry in json.loads(jar.read("META-INF/native-image/reflect-config.json"))}
        includes = json.loads(jar.read("META-INF/native-image/resource-config.json"))["resources"]["includes"]
        feature = jar.read("io/quarkus/runner/Feature.class")

    missing = []
    for name in FULLY_REFLECTIVE:
        entry = reflect.get(name)
        if entry is None:
            missing.append(f"{name} is not in reflect-config.json")
        elif not all(entry.get(access) for access in FULL_ACCESS):
            missing.append(f"{name} is in reflect-config.json without {', '.join(FULL_ACCESS)}: {entry}")
    for name in LOOKED_UP:
        if name not in reflect:
            missing.append(f"{name} is not in reflect-config.json, so Class.forName cannot find it")

    patterns = [re.compile(java_regex(include["pattern"])) for include in includes]
    root = pathlib.Path(resources_root)
    resources = sorted(path.relative_to(root).as_posix() for path in (root / "db/job-queue").rglob("*") if path.is_file())
    if not resources:
        missing.append(f"no resource found under {root / 'db/job-queue'} to check")
    for resource in resources:
        if not any(pattern.fullmatch(resource) for pattern in patterns):
            missing.append(f"resource {resource} is not included by resource-config.json")

    for name in RUNTIME_INITIALIZED:
        if name.encode() not in feature:
            missing.append(f"{name} is not initialised at run time (not named in io.quarkus.runner.Feature)")

    if missing:
        print(f"native sources check FAILED for {runners[0]}:", file=sys.stderr)
        for problem in missing:
            print(f"  - {problem}", file=sys.stderr)
        sys.exit(1)
    print(f"native sources check OK: {len(FULLY_REFLECTIVE) + len(LOOKED_UP)} classes, {len(resources)} resources "
          f"and {len(RUNTIME_INITIALIZED)} run-time initialisation in {runners[0].name}")


if __name__ == "__main__":
    main(*sys.argv[1:])
