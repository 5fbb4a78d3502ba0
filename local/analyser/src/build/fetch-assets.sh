#!/usr/bin/env bash
# Fetches the face models and the test photos the analyser needs, once, into a cache that `mvn clean` keeps,
# verifies them, and unpacks only the files the build uses.
#   $1 cache folder (kept across builds)   $2 classes output folder   $3 test photo output folder
# Models come from the npm package @vladmandic/human (MIT); sample group photos from @vladmandic/face-api (MIT);
# non-person photos from Debian's python3-skimage data files (BSD). Nothing is fetched at run time.
set -euo pipefail

cache_dir="$1"
classes_dir="$2"
photos_dir="$3"

human_package="@vladmandic/human@3.3.6"
human_tarball="vladmandic-human-3.3.6.tgz"
human_sha256="425e9c51dbbca0c8934362b170cb0d54c2529c11c654b3c03092b16e9d6ad3f7"
faceapi_package="@vladmandic/face-api@1.7.15"
faceapi_tarball="vladmandic-face-api-1.7.15.tgz"
faceapi_sha256="0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031"
models="blazeface emotion faceres centernet"

mkdir -p "$cache_dir" "$classes_dir/models" "$photos_dir"

fetch_npm() {
  local package="$1" tarball="$2" expected="$3"
  if [ ! -f "$cache_dir/$tarball" ]; then
    if ! command -v npm > /dev/null; then
      echo "ERROR: npm is needed once to fetch $package into $cache_dir; install Node.js/npm or copy $tarball there." >&2
      exit 1
    fi
    echo "Fetching $package into $cache_dir (once)"
    (cd "$cache_dir" && npm pack --silent "$package" > /dev/null)
  fi
  local actual
  actual="$(sha256sum "$cache_dir/$tarball" | cut -d' ' -f1)"
  if [ "$actual" != "$expected" ]; then
    echo "ERROR: $cache_dir/$tarball has SHA-256 $actual but $expected was expected." >&2
    echo "       The download is corrupt or the package was replaced; delete the file and build again." >&2
    exit 1
  fi
}

fetch_npm "$human_package" "$human_tarball" "$human_sha256"
fetch_npm "$faceapi_package" "$faceapi_tarball" "$faceapi_sha256"

for model in $models; do
  if [ ! -f "$classes_dir/models/$model.bin" ] || [ "$cache_dir/$human_tarball" -nt "$classes_dir/models/$model.bin" ]; then
    tar -xzf "$cache_dir/$human_tarball" -C "$classes_dir/models" --strip-components=2 \
      "package/models/$model.json" "package/models/$model.bin"
  fi
done

for n in 1 2 3 4 5 6; do
  if [ ! -f "$photos_dir/sample$n.jpg" ]; then
    tar -xzf "$cache_dir/$faceapi_tarball" -C "$photos_dir" --strip-components=2 "package/demo/sample$n.jpg"
  fi
done

# Non-person photos: Debian's python3-skimage ships astronaut.png, coffee.png and chelsea.png (a cat).
# `apt-get download` needs no root; when apt is missing or offline the tests that need these photos say so and skip.
skimage_dir="$cache_dir/skimage"
if [ ! -f "$skimage_dir/coffee.png" ]; then
  if command -v apt-get > /dev/null && command -v dpkg-deb > /dev/null; then
    work="$(mktemp -d)"
    if (cd "$work" && apt-get download -q python3-skimage > /dev/null 2>&1); then
      dpkg-deb -x "$work"/python3-skimage_*.deb "$work/extracted"
      mkdir -p "$skimage_dir"
      for photo in astronaut.png coffee.png chelsea.png; do
        cp "$(find "$work/extracted" -path "*skimage/data/$photo" | head -n 1)" "$skimage_dir/$photo"
      done
    else
      echo "WARNING: 'apt-get download python3-skimage' failed; tests needing its non-person photos will be skipped." >&2
    fi
    rm -rf "$work"
  else
    echo "WARNING: apt-get/dpkg-deb not found; tests needing python3-skimage photos will be skipped." >&2
  fi
fi
if [ -d "$skimage_dir" ]; then
  cp "$skimage_dir"/*.png "$photos_dir/"
fi
