#!/usr/bin/env bash
# Builds RoleLab's macOS disk image (.dmg) into target/installer. Needs JDK 17 with jmods on a Mac.
#   mvn -B -DskipTests package && installer/macos/build.sh
# Signing and notarisation: add --mac-sign --mac-signing-key-user-name "Developer ID Application: …" below.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA_HOME=${JAVA_HOME:-$(/usr/libexec/java_home -v 17)}
T=target/installer-work; OUT=target/installer
rm -rf "$T" "$OUT"; mkdir -p "$T/fxmods" "$T/input/lib" "$OUT"
cp target/rolelab.jar "$T/input/"
for j in target/lib/*.jar; do
  case "$(basename "$j")" in
    javafx-*-mac*.jar) cp "$j" "$T/fxmods/" ;;
    javafx-*) ;;
    *) cp "$j" "$T/input/lib/" ;;
  esac
done
MODS=$("$JAVA_HOME/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps --class-path "$T/input/lib/*" "$T/input/rolelab.jar")
"$JAVA_HOME/bin/jlink" --module-path "$JAVA_HOME/jmods:$T/fxmods" --add-modules "$MODS,jdk.crypto.ec,jdk.localedata,javafx.controls,javafx.fxml" \
  --include-locales=en --strip-debug --no-header-files --no-man-pages --generate-cds-archive --output "$T/runtime"
"$JAVA_HOME/bin/jpackage" --type dmg --name RoleLab --app-version 0.1.0 --dest "$OUT" --runtime-image "$T/runtime" \
  --input "$T/input" --main-jar rolelab.jar --main-class dev.rolelab.Main --icon icons/rolelab.icns \
  --mac-package-identifier dev.rolelab.RoleLab --mac-package-name RoleLab \
  --java-options -XX:+UseSerialGC --java-options -XX:TieredStopAtLevel=1
