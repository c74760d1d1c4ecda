#!/usr/bin/env bash
# Rebuild the vendored GOV.UK Frontend assets in casereview/web/static/govuk/.
# Maintainers run this when upgrading GOV.UK Frontend; `make run` never needs npm.
# casereview is not served from a gov.uk domain, so the GDS Transport typeface is not licensed
# for it: the stylesheet is compiled with GOV.UK Frontend's documented font settings instead.
set -euo pipefail
VERSION="${1:-6.0.0}"
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
cd "$work"
npm init -y >/dev/null
npm install --silent "govuk-frontend@${VERSION}" sass@1
cat > app.scss <<'SCSS'
$govuk-font-family: system-ui, sans-serif;
$govuk-include-default-font-face: false;
@import "node_modules/govuk-frontend/dist/govuk/index";
SCSS
npx sass --no-source-map --style=compressed --quiet-deps --silence-deprecation=import app.scss out.css
dest="$here/casereview/web/static/govuk"
rm -rf "$dest" && mkdir -p "$dest/assets"
cp out.css "$dest/govuk-frontend.min.css"
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js "$dest/"
cp -r node_modules/govuk-frontend/dist/govuk/assets/images "$dest/assets/"
echo "GOV.UK Frontend ${VERSION}, MIT licence, (c) Crown copyright; images OGL." > "$dest/NOTICE"
echo "$VERSION" > "$dest/VERSION"
echo "GOV.UK Frontend $VERSION vendored into $dest"
