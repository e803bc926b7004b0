#!/usr/bin/env bash
# Builds RoleLab's Linux installers into target/installer/: a .deb (and an .rpm where rpmbuild exists),
# on a jlink runtime holding only the modules RoleLab needs, with the JavaFX native libraries inside it,
# and an AppCDS class list recorded at build time (the archive is made from it when the package installs). Needs: JDK 17 with jmods, fakeroot, binutils; xvfb-run,
# root and a free /opt/rolelab for the class list (ROLELAB_NO_APPCDS=1 builds a slower-starting package without one).
# Windows (.msi) and macOS (.dmg): see installer/windows and installer/macos.
set -euo pipefail
cd "$(dirname "$0")/.."

# A package without the class list starts markedly slower, so its absence stops the build rather than a "note:"
# that is easy to miss (it once slipped through because RoleLab was installed on the build machine).
if [ -z "${ROLELAB_NO_APPCDS:-}" ]; then
  why=""
  command -v xvfb-run >/dev/null || why="xvfb-run is missing (apt-get install xvfb)"
  [ -w /opt ] || why="/opt is not writable (build as root)"
  [ ! -e /opt/rolelab ] || why="/opt/rolelab exists, and the class list is recorded there (an installed RoleLab: dpkg --purge rolelab first)"
  if [ -n "$why" ]; then
    echo "installer/build.sh: cannot record the AppCDS class list: $why." >&2
    echo "  To build a package without it (it starts slower), run: ROLELAB_NO_APPCDS=1 installer/build.sh" >&2
    exit 1
  fi
fi
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
VERSION=$(sed -n 's:.*<version>\([0-9.]*\)-SNAPSHOT</version>.*:\1:p;s:.*<version>\([0-9.]*\)</version>.*:\1:p' pom.xml | head -n 1)
T=target/installer-work
OUT=target/installer
rm -rf "$T" "$OUT"
mkdir -p "$T/fxmods" "$T/input" "$OUT"

[ -f target/rolelab.jar ] || mvn -B -q -DskipTests package

# the app: our jar and its libraries, JavaFX aside (it goes into the runtime as modules)
cp target/rolelab.jar "$T/input/"
mkdir -p "$T/input/lib"
for j in target/lib/*.jar; do
  case "$(basename "$j")" in
    javafx-*-linux.jar) cp "$j" "$T/fxmods/" ;;
    javafx-*) ;;
    *) cp "$j" "$T/input/lib/" ;;
  esac
done
cp installer/linux/rolelab.desktop "$T/input/"
cp icons/rolelab-256.png "$T/input/rolelab.png"

# the JDK modules the code uses (jdeps), plus TLS elliptic curves, plus JavaFX
JDK_MODS=$("$JAVA_HOME/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps \
  --class-path "$T/input/lib/*" "$T/input/rolelab.jar" 2>/dev/null)
# java.security.jgss is there for JSch's Kerberos sign-in, which RoleLab never offers (public key only): left out,
# with java.naming and java.security.sasl that only it needs
JDK_MODS=$(echo "$JDK_MODS" | tr , '\n' | grep -v -x 'java.security.jgss' | paste -sd, -)
MODS="$JDK_MODS,jdk.crypto.ec,jdk.localedata,javafx.controls,javafx.fxml"
echo "modules: $MODS"

"$JAVA_HOME/bin/jlink" --module-path "$JAVA_HOME/jmods:$T/fxmods" --add-modules "$MODS" \
  --include-locales=en --strip-debug --no-header-files --no-man-pages --compress=1 \
  --exclude-resources 'regex:/javafx\.graphics/lib[a-z0-9_]+\.so' --output "$T/runtime"
# JavaFX's native libraries beside the JDK's: loaded from there, never unpacked to ~/.openjfx at start
for j in "$T"/fxmods/javafx-graphics-*-linux.jar; do
  unzip -q -o -j "$j" '*.so' -d "$T/runtime/lib/"
done
# symbol tables are for debuggers, not for loading (the dynamic symbols stay): ~5 MB, libjvm.so most of it
find "$T/runtime/lib" -name '*.so' -exec strip --strip-unneeded {} +

JAVA_OPTS=(--java-options '-Xshare:auto' --java-options '-Xlog:cds=off' --java-options '-Xlog:cds+dynamic=off'
           --java-options '-XX:+UseSerialGC' --java-options '-XX:TieredStopAtLevel=1')

"$JAVA_HOME/bin/jpackage" --type app-image --name rolelab --app-version "$VERSION" --dest "$T/image" \
  --runtime-image "$T/runtime" --input "$T/input" --main-jar rolelab.jar --main-class dev.rolelab.Main \
  --icon icons/rolelab-256.png "${JAVA_OPTS[@]}"
# no JDK-only CDS archive in the runtime: the package's own archive (made at install) holds the JDK's classes too

# AppCDS: record which classes a start to the first frame loads (through the launcher, under Xvfb). The
# archive itself is made by the package's postinst from the installed files: an archive only matches the
# exact jars (path, size, time) it was made from, and packaging does not keep the build's file times.
if [ -z "${ROLELAB_NO_APPCDS:-}" ]; then
  cp -a "$T/image/rolelab" /opt/rolelab
  trap 'rm -rf /opt/rolelab' EXIT
  if ROLELAB_HOME="$PWD/$T/cds-home" JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=/opt/rolelab/lib/rolelab.classlist" \
      xvfb-run -a /opt/rolelab/bin/rolelab --exit-after-first-frame >/dev/null 2>&1 && [ -s /opt/rolelab/lib/rolelab.classlist ]; then
    cp /opt/rolelab/lib/rolelab.classlist "$T/image/rolelab/lib/rolelab.classlist"
    echo 'java-options=-XX:SharedArchiveFile=$APPDIR/../rolelab.jsa' >> "$T/image/rolelab/lib/app/rolelab.cfg"
    echo "AppCDS class list: $(wc -l < "$T/image/rolelab/lib/rolelab.classlist") classes"
  else
    echo "installer/build.sh: no AppCDS class list: the app did not reach its first frame under xvfb-run" >&2
    exit 1
  fi
  rm -rf /opt/rolelab
  trap - EXIT
else
  echo "note: no AppCDS class list (ROLELAB_NO_APPCDS is set): this package starts slower"
fi

# The `rolelab` command: a shell script that starts the bundled runtime with the launcher's own settings (from its
# .cfg). jpackage's native launcher for Linux asks rpm and dpkg which package owns it on every start (`rpm -qf`,
# `dpkg -S`, `dpkg -L`, twice), ~0.6 s here before Java even begins; the script costs a few milliseconds.
CFG="$T/image/rolelab/lib/app/rolelab.cfg"
APP=/opt/rolelab
# the installed classpath, once: the script starts with it and postinst dumps the AppCDS archive with it (CDS
# accepts the archive only for the same classpath)
sed -n 's/^app.classpath=//p' "$CFG" | sed "s#\$APPDIR#$APP/lib/app#" | paste -sd: - > "$T/image/rolelab/lib/rolelab.classpath"
{
  echo '#!/bin/sh'
  echo '# RoleLab (written by installer/build.sh from lib/app/rolelab.cfg): the bundled runtime, started directly'
  printf 'exec %s/lib/runtime/bin/java %s-cp %s %s "$@"\n' "$APP" \
    "$(sed -n 's/^java-options=//p' "$CFG" | sed "s#\$APPDIR#$APP/lib/app#" | tr '\n' ' ')" \
    "$(cat "$T/image/rolelab/lib/rolelab.classpath")" \
    "$(sed -n 's/^app.mainclass=//p' "$CFG")"
} > "$T/image/rolelab/bin/rolelab"
chmod 755 "$T/image/rolelab/bin/rolelab"

"$JAVA_HOME/bin/jpackage" --type deb --app-image "$T/image/rolelab" --name rolelab --app-version "$VERSION" --dest "$T/deb" \
  --resource-dir installer/linux --description "Give an EC2 instance an IAM role and push to ECR with it, step by step" \
  --vendor "RoleLab" --copyright "RoleLab" --linux-package-name rolelab --linux-app-category devel \
  --linux-deb-maintainer maintainers@rolelab.dev
# jpackage leaves dpkg-deb at xz -6; -9 (a 64 MB window, ~2 min here) saves ~1.7 MB, mostly across the runtime's modules
deb=$(basename "$T"/deb/rolelab_*.deb)
dpkg-deb -R "$T/deb/$deb" "$T/deb/tree"
dpkg-deb --threads-max=2 -Zxz -z9 --build "$T/deb/tree" "$OUT/$deb" >/dev/null
if command -v rpmbuild >/dev/null; then
  "$JAVA_HOME/bin/jpackage" --type rpm --app-image "$T/image/rolelab" --name rolelab --app-version "$VERSION" --dest "$OUT" \
    --resource-dir installer/linux --description "Give an EC2 instance an IAM role and push to ECR with it, step by step" \
    --vendor "RoleLab" --linux-package-name rolelab --linux-app-category Development/Tools || echo "warning: the .rpm could not be built"
fi
ls -la "$OUT"
