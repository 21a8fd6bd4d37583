#!/usr/bin/env bash
# A single-node Ceph RADOS Gateway for the S3 tests: one monitor, one OSD on memstore (RAM, nothing
# on disk but keys and logs), pools of size 1, RGW (beast) on 127.0.0.1:7480, and a user with fixed
# test keys. Debian 12's ceph 16: apt-get install --no-install-recommends radosgw ceph-mon ceph-osd.
#
#   scripts/ceph-rgw.sh start   # idempotent: does nothing when the gateway already answers
#   scripts/ceph-rgw.sh stop    # stops the daemons and removes the state directory
#   scripts/ceph-rgw.sh env     # prints the TEST_S3_* variables for the tests
#
# CEPH_RGW_DIR (default /tmp/msf-ceph-rgw) holds configuration, keyrings, pid files and logs;
# CEPH_RGW_PORT (default 7480) is the gateway's port.
set -euo pipefail

DIR="${CEPH_RGW_DIR:-/tmp/msf-ceph-rgw}"
PORT="${CEPH_RGW_PORT:-7480}"
FSID="6d1c6f2e-6a43-4a55-9a55-2f5d0c1f7a01"
ACCESS_KEY="MSFTESTACCESSKEY0001"
SECRET_KEY="msf-test-secret-key-0000000000000000000001"
CONF="$DIR/ceph.conf"
CEPH=(ceph -c "$CONF" --connect-timeout 20)

print_env() {
  echo "export TEST_S3_ENDPOINT=http://127.0.0.1:$PORT"
  echo "export TEST_S3_ACCESS_KEY_ID=$ACCESS_KEY"
  echo "export TEST_S3_SECRET_ACCESS_KEY=$SECRET_KEY"
  echo "export TEST_S3_REGION=us-east-1"
}

answers() { curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/"; }

stop() {
  for name in client.rgw.a osd.0 mon.a; do
    local pidfile="$DIR/run/$name.pid"
    if [ -f "$pidfile" ]; then
      local pid
      pid="$(cat "$pidfile")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$DIR"
}

start() {
  local t0=$SECONDS
  if answers && [ -f "$DIR/ready" ]; then
    echo "ceph-rgw: already running on 127.0.0.1:$PORT"
    return 0
  fi
  stop
  mkdir -p "$DIR"/{run,log,mon/ceph-a,osd/ceph-0,rgw}
  cat >"$CONF" <<EOF
[global]
fsid = $FSID
mon initial members = a
mon host = v1:127.0.0.1:6789
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
keyring = $DIR/\$name.keyring
run dir = $DIR/run
pid file = $DIR/run/\$name.pid
admin socket = $DIR/run/\$name.asok
log file = $DIR/log/\$name.log
mon data = $DIR/mon/\$cluster-\$id
osd data = $DIR/osd/\$cluster-\$id
osd objectstore = memstore
memstore device bytes = 2147483648
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon allow pool delete = true
mon max pg per osd = 1000
mon warn on pool no redundancy = false
ms bind ipv6 = false
public addr = 127.0.0.1
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$PORT
rgw data = $DIR/rgw
EOF
  # Keys: the monitor's, the administrator's (imported into the monitor's keyring).
  ceph-authtool --create-keyring "$DIR/mon.a.keyring" --gen-key -n mon. --cap mon 'allow *' >/dev/null
  ceph-authtool --create-keyring "$DIR/client.admin.keyring" --gen-key -n client.admin \
    --cap mon 'allow *' --cap osd 'allow *' --cap mgr 'allow *' >/dev/null
  ceph-authtool "$DIR/mon.a.keyring" --import-keyring "$DIR/client.admin.keyring" >/dev/null
  monmaptool --create --add a 127.0.0.1:6789 --fsid "$FSID" "$DIR/monmap" >/dev/null
  ceph-mon -c "$CONF" --mkfs -i a --monmap "$DIR/monmap" --keyring "$DIR/mon.a.keyring"
  ceph-mon -c "$CONF" -i a

  # One OSD in RAM.
  local osd_uuid
  osd_uuid="$(cat /proc/sys/kernel/random/uuid)"
  "${CEPH[@]}" osd new "$osd_uuid" >/dev/null
  "${CEPH[@]}" auth get-or-create osd.0 mon 'allow profile osd' osd 'allow *' mgr 'allow profile osd' \
    -o "$DIR/osd.0.keyring"
  ceph-osd -c "$CONF" -i 0 --mkfs --osd-uuid "$osd_uuid" 2>>"$DIR/log/osd-mkfs.log"
  ceph-osd -c "$CONF" -i 0 2>>"$DIR/log/osd-start.log"

  # The gateway.
  "${CEPH[@]}" auth get-or-create client.rgw.a mon 'allow rw' osd 'allow rwx' -o "$DIR/client.rgw.a.keyring"
  radosgw -c "$CONF" -n client.rgw.a
  for _ in $(seq 1 120); do answers && break; sleep 0.5; done
  answers || {
    echo "ceph-rgw: the gateway did not answer on 127.0.0.1:$PORT; logs in $DIR/log" >&2
    exit 1
  }
  radosgw-admin -c "$CONF" user create --uid=msf-test --display-name="makerspace-filing tests" \
    --access-key="$ACCESS_KEY" --secret-key="$SECRET_KEY" >/dev/null
  touch "$DIR/ready"
  echo "ceph-rgw: up on 127.0.0.1:$PORT in $((SECONDS - t0)) s (state in $DIR)"
}

case "${1:-}" in
  start) start ;;
  stop) stop && echo "ceph-rgw: stopped" ;;
  env) print_env ;;
  *)
    echo "usage: $0 start|stop|env" >&2
    exit 2
    ;;
esac
