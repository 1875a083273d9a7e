#!/usr/bin/env bash
# CPack builds feedd_VERSION_ARCH.deb from the build folder; unpacked with dpkg -x it holds the
# layout of interfaces.md "On disk", declares the config a conffile, has dependencies computed
# by dpkg-shlibdeps, and its feedd accepts its own config.
#   package_test.sh BUILD_DIR VERSION
set -euo pipefail
build=$1
version=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && cpack --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1) ||
  { echo "FAILED: cpack"; cat "$work/cpack.log"; exit 1; }
deb="$work/out/feedd_${version}_$(dpkg --print-architecture).deb"
[[ -f $deb ]] || { echo "FAILED: no $deb"; ls "$work/out"; exit 1; }
dpkg -x "$deb" "$work/root"

failed=0
expect_file() {
  if [[ -f "$work/root$1" ]]; then echo "ok: $1"; else echo "FAILED: missing $1"; failed=1; fi
}
expect_file /usr/bin/feedd
expect_file /etc/feedd/feedd.toml
expect_file /lib/systemd/system/feedd.service
expect_file /usr/share/man/man1/feedd.1
expect_file /usr/share/man/man5/feedd.toml.5
expect_file /usr/share/doc/feedd/README.md
expect_file /usr/share/doc/feedd/BENCHMARKS.md
[[ -x "$work/root/usr/bin/feedd" ]] || { echo "FAILED: /usr/bin/feedd is not executable"; failed=1; }
cmp -s "$work/root/lib/systemd/system/feedd.service" "$(dirname "$0")/../../systemd/feedd.service" ||
  { echo "FAILED: the packaged unit differs from systemd/feedd.service"; failed=1; }

conffiles=$(dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles)
[[ $conffiles == "/etc/feedd/feedd.toml" ]] || { echo "FAILED: conffiles: '$conffiles'"; failed=1; }
depends=$(dpkg-deb --field "$deb" Depends)
echo "Depends: $depends"
for library in libc6 libsqlite3 libssl3 libsystemd0; do
  [[ $depends == *"$library"* ]] || { echo "FAILED: Depends lacks $library"; failed=1; }
done
[[ $(dpkg-deb --field "$deb" Section) == net ]] || { echo "FAILED: section"; failed=1; }
[[ -n $(dpkg-deb --field "$deb" Maintainer) ]] || { echo "FAILED: no maintainer"; failed=1; }

# The packaged config is valid, and its database is the unit's StateDirectory.
"$work/root/usr/bin/feedd" check -c "$work/root/etc/feedd/feedd.toml" ||
  { echo "FAILED: feedd check on the packaged config"; failed=1; }
grep -q '^database = "/var/lib/feedd/feedd.db"' "$work/root/etc/feedd/feedd.toml" ||
  { echo "FAILED: the packaged config's database is not in /var/lib/feedd"; failed=1; }
exit $failed
