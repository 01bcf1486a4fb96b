#!/usr/bin/env bash
# Issue 12: a CSV export with accented and CJK names opens with them intact after conversion to xlsx.
# Imports four Samples under names in several scripts, exports the CSV (with its byte-order mark, as Easel writes
# it by default), converts it to xlsx with LibreOffice headless, then reads the names back out of the xlsx's shared
# strings. LibreOffice is given the import options its Text Import dialog shows for this file (comma, double quote,
# Unicode UTF-8): headless, with no options, it reads CSV in the system character set (Windows-1252 here, whatever
# the locale) and ignores the byte-order mark, so every name comes out garbled that way (checked: all 8). Excel
# uses the byte-order mark to pick UTF-8, which is why the export writes one. Needs soffice (apt-get install libreoffice-calc) and a built easel (EASEL_BIN, else
# .build/debug/easel).
#   Tests/Scripts/csv-xlsx-check.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
easel="${EASEL_BIN:-$PWD/.build/debug/easel}"
command -v soffice >/dev/null || { echo "csv-xlsx-check: soffice not found (apt-get install libreoffice-calc)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/class"
names=("Zoë Ångström" "José Martínez" "Łucja Żółć" "Nguyễn Thị Minh" "王小明" "佐藤 花子" "김민준" "Ærøskøbing Ødegård")
files=(me_and_the_sun.png my_family.png my_house.png storm.png clay_dog.png fjord_at_dusk.png forest_path.png last_light.png)
echo "file,student,title,description" >"$work/class/class.csv"
for i in "${!names[@]}"; do
    cp "Samples/${files[$i]}" "$work/class/"
    echo "${files[$i]},${names[$i]},Work $i," >>"$work/class/class.csv"
done
export EASEL_DB="$work/easel.sqlite" EASEL_CONFIG="$work/config.toml"
"$easel" import "$work/class" --class "Klasse 7ü" >/dev/null
"$easel" grade --class "Klasse 7ü" >/dev/null 2>&1
"$easel" export csv --class "Klasse 7ü" -o "$work/grades.csv" >/dev/null
head -c 3 "$work/grades.csv" | od -An -tx1 | grep -q "ef bb bf" || { echo "csv-xlsx-check: no byte-order mark" >&2; exit 1; }
(cd "$work" && HOME="$work" soffice --headless --infilter="CSV:44,34,76,1" --convert-to xlsx grades.csv >/dev/null 2>&1)
python3 - "$work/grades.xlsx" "${names[@]}" <<'PY'
import re, sys, zipfile, html
with zipfile.ZipFile(sys.argv[1]) as z:
    xml = z.read("xl/sharedStrings.xml").decode("utf-8")
strings = {html.unescape(s) for s in re.findall(r"<t[^>]*>([^<]*)</t>", xml)}
missing = [n for n in sys.argv[2:] if n not in strings]
if "student_id" not in strings:
    missing.append("student_id (the first header: the byte-order mark must not stick to it)")
for n in sys.argv[2:]:
    print(f"  {'ok     ' if n in strings else 'MISSING'} {n}")
if missing:
    sys.exit(f"csv-xlsx-check: {len(missing)} names garbled in the xlsx")
print(f"csv-xlsx-check: all {len(sys.argv) - 2} names intact in the xlsx")
PY
