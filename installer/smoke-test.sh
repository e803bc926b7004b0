#!/usr/bin/env bash
# Installs the built .deb on this machine (as root), opens the installed wizard under Xvfb until its first
# frame, runs the installed CLI, then removes the package and checks that nothing is left.
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$(ls target/installer/rolelab_*_amd64.deb)
apt-get install -y -qq "./$deb" >/dev/null
export ROLELAB_HOME; ROLELAB_HOME=$(mktemp -d)
out=$(xvfb-run -a rolelab --exit-after-first-frame 2>&1)
echo "$out" | grep -q "rolelab: first frame shown" || { echo "FAIL: the installed wizard did not show its first frame"; echo "$out"; exit 1; }
rolelab plan --practice --json > "$ROLELAB_HOME/plan.json"
grep -q '"account": "123456789012"' "$ROLELAB_HOME/plan.json" || { echo "FAIL: rolelab plan --practice"; exit 1; }
[ -f /usr/share/applications/rolelab.desktop ] || { echo "FAIL: no desktop entry"; exit 1; }
apt-get remove -y -qq rolelab >/dev/null
for p in /opt/rolelab /usr/bin/rolelab /usr/share/applications/rolelab.desktop; do
  [ ! -e "$p" ] || { echo "FAIL: $p is left after removal"; exit 1; }
done
echo "installer smoke test: 3 passed, 0 failed"
