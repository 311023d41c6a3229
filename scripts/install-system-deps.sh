#!/usr/bin/env bash
# Installs the Debian packages the app and its test suite need, when missing.
# Runs apt-get only as root; otherwise prints what is missing and carries on.
# `install-system-deps.sh bundle` adds what `make bundle` needs besides.
set -euo pipefail

PACKAGES=(
  libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 libegl1 libgl1
  libfontconfig1 libdbus-1-3 libglib2.0-0 libxcb-xinerama0 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-image0 libxcb-xkb1
  libreoffice-writer-nogui fonts-liberation2 poppler-utils xvfb
  python3-uno
  libenchant-2-2 hunspell-fr hunspell-en-us hunspell-en-gb
  fonts-wqy-microhei
)
# PyInstaller reads shared libraries with objdump; the bundle's licenses
# folder takes the full texts from base-files' common-licenses.
if [ "${1:-}" = bundle ]; then
  PACKAGES+=(binutils base-files)
fi

command -v dpkg-query >/dev/null 2>&1 || { echo "install-system-deps: not a Debian system, skipping"; exit 0; }

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-system-deps: missing packages (run as root to install): ${missing[*]}" >&2
  exit 0
fi

echo "install-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
