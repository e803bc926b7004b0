#!/usr/bin/env bash
# Start-up of RoleLab three ways, side by side in one run (median of 5 after one warm-up, interleaved, one Xvfb
# for all), plus the package's sizes and the installed app's peak RSS. Needs root, Xvfb, target/rolelab.jar and the
# .deb from installer/build.sh; installs the .deb if it is not installed, and removes it again afterwards.
#   java -jar         the README's command: the system JDK, classpath jars, no CDS for the app
#   jlink, no AppCDS  the installed runtime and jars, the archive switched off (-Xshare:off)
#   installed         the `rolelab` command: the jlink runtime with the AppCDS archive made at install
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$(ls target/installer/rolelab_*_amd64.deb)
installed_here=false
if ! dpkg-query -W -f='${Status}' rolelab 2>/dev/null | grep -q 'install ok installed'; then
  apt-get install -y -qq "./$deb" >/dev/null 2>&1
  installed_here=true
fi
Xvfb :97 -screen 0 1280x900x24 >/dev/null 2>&1 &
xvfb=$!
home=$(mktemp -d)
cleanup() {
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$home"
  if $installed_here; then apt-get purge -y -qq rolelab >/dev/null 2>&1; fi
}
trap cleanup EXIT
sleep 1

# the installed command with the archive switched off: the same java line, -Xshare:off in front
noappcds="$home/rolelab-no-appcds"
sed 's#/bin/java #/bin/java -Xshare:off #' /opt/rolelab/bin/rolelab > "$noappcds"
chmod 755 "$noappcds"

names=("java -jar" "jlink, no AppCDS" "installed")
cmds=("java -jar target/rolelab.jar --exit-after-first-frame" "$noappcds --exit-after-first-frame" "/opt/rolelab/bin/rolelab --exit-after-first-frame")

# one start: "<ms to the first frame> <peak RSS kB>"
start() {
  local t0 line ff=-1 rss=-1
  t0=$(date +%s%N)
  while IFS= read -r line; do
    case "$line" in
      *"first frame shown"*) ff=$(( ($(date +%s%N) - t0) / 1000000 )) ;;
      *"peak RSS"*) rss=${line//[^0-9]/} ;;
    esac
  done < <(DISPLAY=:97 ROLELAB_HOME="$home/data" $1 2>&1)
  echo "$ff $rss"
}

declare -A ff rss
for round in 0 1 2 3 4 5; do
  for i in "${!cmds[@]}"; do
    read -r f r < <(start "${cmds[$i]}")
    if [ "$round" -gt 0 ]; then # round 0 warms the disk cache
      ff[$i]+="$f "
      rss[$i]+="$r "
    fi
  done
done
median() { tr ' ' '\n' | grep . | sort -n | sed -n 3p; }

echo
echo "RoleLab start-up, process start to first window (median of 5, Xvfb, this machine)"
for i in "${!cmds[@]}"; do
  printf '  %-18s %5s ms   runs: %s  peak RSS %s MB\n' "${names[$i]}" "$(echo "${ff[$i]}" | median)" "${ff[$i]}" \
    "$(( $(echo "${rss[$i]}" | median) / 1024 ))"
done
echo
printf '  .deb                %s bytes (%.1f MB)\n' "$(stat -c %s "$deb")" "$(echo "$(stat -c %s "$deb") / 1000000" | bc -l)"
printf '  Installed-Size      %s KiB (dpkg)\n' "$(dpkg-deb -f "$deb" Installed-Size)"
printf '  on disk installed   %s (with the AppCDS archive: %s)\n' "$(du -sh /opt/rolelab | cut -f1)" \
  "$(du -h /opt/rolelab/lib/rolelab.jsa 2>/dev/null | cut -f1 || echo none)"
