#!/usr/bin/env bash
# Makes sure the servers the tests use are up on loopback: running, else start the installed one, else install it
# (Debian packages), then start it. See ../shared/services.md.
set -euo pipefail

log() { printf '[services] %s\n' "$*"; }

apt_install() {
    if [ -z "${APT_UPDATED:-}" ]; then
        apt-get update -qq
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

postgres_ready() {
    command -v pg_isready >/dev/null 2>&1 && pg_isready -h 127.0.0.1 -p 5432 -q
}

ensure_postgres() {
    if postgres_ready; then
        log "PostgreSQL is running"
    else
        if [ ! -d /etc/postgresql ] || [ -z "$(ls -A /etc/postgresql 2>/dev/null)" ]; then
            log "installing PostgreSQL"
            apt_install postgresql
        fi
        local version
        version=$(ls /etc/postgresql | sort -V | tail -n 1)
        log "starting PostgreSQL $version"
        pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
        for _ in $(seq 1 60); do
            postgres_ready && break
            sleep 1
        done
        postgres_ready || { log "PostgreSQL did not start"; exit 1; }
    fi
    # One configuration for machines with trust and with password authentication.
    su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
    if ! su postgres -c "psql -lqt" | cut -d '|' -f 1 | grep -qw test; then
        su postgres -c "createdb test"
    fi
    PGPASSWORD=postgres psql -h 127.0.0.1 -U postgres -d test -qtc "SELECT 1" >/dev/null
    log "PostgreSQL ready on 127.0.0.1:5432, database test"
}

ensure_postgres
