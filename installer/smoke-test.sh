#!/usr/bin/env bash
# Installs the built .deb on this machine (as root), opens the installed wizard under Xvfb until its first
# frame, runs the installed CLI, then purges the package and checks that nothing is left. Stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$(ls target/installer/rolelab_*_amd64.deb)
passed=0
check() { # check "<what>" <command...>
  local what=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "  ok   $what"
  else
    echo "  FAIL $what"
    exit 1
  fi
}
quiet() { # runs a command, showing its output only when it fails
  local log
  log=$(mktemp)
  "$@" > "$log" 2>&1 || { cat "$log"; rm -f "$log"; return 1; }
  rm -f "$log"
}
first_frame() {
  local out
  out=$(xvfb-run -a rolelab --exit-after-first-frame 2>&1)
  grep -q "rolelab: first frame shown" <<< "$out" || { echo "$out"; return 1; }
}
plan_practice() {
  rolelab plan --practice --json > "$ROLELAB_HOME/plan.json" && grep -q '"account": "123456789012"' "$ROLELAB_HOME/plan.json"
}
start_script() {
  [ "$(stat -c %a /opt/rolelab/bin/rolelab)" = 755 ] && [ "$(head -c 2 /opt/rolelab/bin/rolelab)" = '#!' ]
}
nothing_left() {
  local p
  for p in /opt/rolelab /usr/bin/rolelab /usr/share/applications/rolelab.desktop /usr/share/icons/hicolor/256x256/apps/rolelab.png; do
    [ ! -e "$p" ] || { echo "left after removal: $p"; return 1; }
  done
}

echo "installer smoke test: $deb"
check "apt-get installs the package" quiet apt-get install -y -qq "./$deb"
export ROLELAB_HOME; ROLELAB_HOME=$(mktemp -d)
check "the installed wizard shows its first frame (Xvfb)" first_frame
check "rolelab plan --practice" plan_practice
check "desktop entry and icon" test -f /usr/share/applications/rolelab.desktop -a -f /usr/share/icons/hicolor/256x256/apps/rolelab.png
check "AppCDS archive made at install" test -s /opt/rolelab/lib/rolelab.jsa
check "bin/rolelab is the start script" start_script
check "apt-get purge removes it" quiet apt-get purge -y -qq rolelab
check "nothing is left" nothing_left
rm -rf "$ROLELAB_HOME"
echo "installer smoke test: $passed passed, 0 failed"
