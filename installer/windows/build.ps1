# Builds RoleLab's Windows installer (.msi) into target\installer. Needs JDK 17 (with jmods) and the
# WiX Toolset 3 on PATH (jpackage calls candle and light). Run from the repository root in PowerShell:
#   mvn -B -DskipTests package ; .\installer\windows\build.ps1
$ErrorActionPreference = "Stop"
$T = "target\installer-work"; $Out = "target\installer"
Remove-Item -Recurse -Force $T, $Out -ErrorAction SilentlyContinue
New-Item -ItemType Directory "$T\fxmods", "$T\input\lib", $Out | Out-Null
Copy-Item target\rolelab.jar "$T\input\"
Get-ChildItem target\lib\*.jar | ForEach-Object {
  if ($_.Name -like "javafx-*-win.jar") { Copy-Item $_ "$T\fxmods\" }
  elseif ($_.Name -notlike "javafx-*") { Copy-Item $_ "$T\input\lib\" }
}
$mods = & "$env:JAVA_HOME\bin\jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps --class-path "$T\input\lib\*" "$T\input\rolelab.jar"
& "$env:JAVA_HOME\bin\jlink" --module-path "$env:JAVA_HOME\jmods;$T\fxmods" --add-modules "$mods,jdk.crypto.ec,jdk.localedata,javafx.controls,javafx.fxml" `
  --include-locales=en --strip-debug --no-header-files --no-man-pages --generate-cds-archive --output "$T\runtime"
& "$env:JAVA_HOME\bin\jpackage" --type msi --name RoleLab --app-version 0.1.0 --dest $Out --runtime-image "$T\runtime" `
  --input "$T\input" --main-jar rolelab.jar --main-class dev.rolelab.Main --icon icons\rolelab.ico `
  --vendor RoleLab --description "Give an EC2 instance an IAM role and push to ECR with it, step by step" `
  --win-menu --win-menu-group RoleLab --win-shortcut --win-dir-chooser --win-upgrade-uuid 6c1b7a52-4a8e-4f3e-9d2b-2f1f6e0a5b11 `
  --java-options "-XX:+UseSerialGC" --java-options "-XX:TieredStopAtLevel=1" `
  --add-launcher rolelab=installer\windows\cli-launcher.properties
