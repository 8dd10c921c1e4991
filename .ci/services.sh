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


mariadb_ready() {
    command -v mariadb-admin >/dev/null 2>&1 && mariadb-admin ping >/dev/null 2>&1
}

mariadb_tcp() {
    mariadb --protocol=TCP -h 127.0.0.1 -P 3306 -u root "$@"
}

ensure_mariadb() {
    if mariadb_ready; then
        log "MariaDB is running"
    else
        if [ ! -x /usr/sbin/mariadbd ]; then
            log "installing MariaDB"
            apt_install mariadb-server
        fi
        if ! mariadb_ready; then
            log "starting MariaDB"
            # The socket and pid directory lives on tmpfs on many machines and may be missing after a restart.
            install -d -o mysql -g mysql /run/mysqld
            start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
        fi
        for _ in $(seq 1 60); do
            mariadb_ready && break
            sleep 1
        done
        mariadb_ready || { log "MariaDB did not start"; exit 1; }
    fi
    # Root with an empty password over TCP: Debian installs root@localhost with unix_socket authentication only.
    if ! mariadb_tcp -e "SELECT 1" >/dev/null 2>&1; then
        log "allowing root with an empty password over TCP"
        mariadb -u root -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('');
            CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
            GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
            FLUSH PRIVILEGES;"
    fi
    mariadb_tcp -e "CREATE DATABASE IF NOT EXISTS test"
    mariadb_tcp -D test -e "SELECT 1" >/dev/null
    log "MariaDB ready on 127.0.0.1:3306, database test"
}

redis_ready() {
    command -v redis-cli >/dev/null 2>&1 && [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]
}

ensure_redis() {
    if redis_ready; then
        log "Redis is running"
    else
        if ! command -v redis-server >/dev/null 2>&1; then
            log "installing Redis"
            apt_install redis-server
        fi
        log "starting Redis"
        redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
        for _ in $(seq 1 30); do
            redis_ready && break
            sleep 1
        done
        redis_ready || { log "Redis did not start"; exit 1; }
    fi
    log "Redis ready on 127.0.0.1:6379"
}

ensure_postgres
ensure_mariadb
ensure_redis
