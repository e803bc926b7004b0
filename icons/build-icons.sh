#!/usr/bin/env bash
# Makes every icon size the platforms want from rolelab.svg (Debian: librsvg2-bin, icoutils, icnsutils).
set -euo pipefail
cd "$(dirname "$0")"
for s in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$s" -h "$s" rolelab.svg -o "rolelab-$s.png"
done
icotool -c -o rolelab.ico rolelab-16.png rolelab-24.png rolelab-32.png rolelab-48.png rolelab-64.png rolelab-128.png rolelab-256.png
png2icns rolelab.icns rolelab-16.png rolelab-32.png rolelab-128.png rolelab-256.png rolelab-512.png rolelab-1024.png >/dev/null
# the window icon, inside the jar
cp rolelab-256.png ../src/main/resources/dev/rolelab/gui/rolelab.png
echo "icons: $(ls rolelab-*.png | wc -l) PNG sizes, rolelab.ico, rolelab.icns"
