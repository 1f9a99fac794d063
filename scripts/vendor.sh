#!/bin/sh
# Copy the pinned front-end packages from node_modules (installed by `npm ci`) into
# the app's static files, with their licences. The app serves them itself: no CDN.
set -eu
dest=salescoach/core/static/vendor
rm -rf "$dest"
mkdir -p "$dest/bootstrap" "$dest/htmx" "$dest/chartjs"
cp node_modules/bootstrap/dist/css/bootstrap.min.css "$dest/bootstrap/"
cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js "$dest/bootstrap/"
cp node_modules/bootstrap/LICENSE "$dest/bootstrap/LICENSE"
cp node_modules/htmx.org/dist/htmx.min.js "$dest/htmx/"
cp node_modules/htmx.org/LICENSE "$dest/htmx/LICENSE"
cp node_modules/chart.js/dist/chart.umd.min.js "$dest/chartjs/"
cp node_modules/chart.js/LICENSE.md "$dest/chartjs/LICENSE.md"
# Chart.js bundles @kurkle/color (MIT) into its UMD build: ship that licence too.
cp node_modules/@kurkle/color/LICENSE.md "$dest/chartjs/LICENSE-kurkle-color.md"
# Source-map references point at files we do not ship.
sed -i.bak '/sourceMappingURL/d' "$dest"/bootstrap/*.css "$dest"/bootstrap/*.js "$dest"/chartjs/*.js && rm -f "$dest"/bootstrap/*.bak "$dest"/chartjs/*.bak
node -e 'const l=require("./package-lock.json").packages;for(const k in l){if(k)console.log(k.replace("node_modules/",""),l[k].version,l[k].license||"")}' > "$dest/VERSIONS.txt"
echo "vendored into $dest:"; cat "$dest/VERSIONS.txt"
