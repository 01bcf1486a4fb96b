#!/usr/bin/env bash
# Grades the real photos in ../shared/data/images as one class with a given easel binary and prints, per artwork,
# its scores, critique and evidence notes. Used for the before/after comparison in docs/builtin-scorer-before-after.md:
#   bash Tests/Scripts/critique-sample.sh .build/debug/easel > after.txt
# The photos are linked (never copied) into a scratch folder; the database lives in the scratch folder too.
set -euo pipefail
easel=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
images="$root/../shared/data/images"
scratch=$(mktemp -d /tmp/easel-critique-sample.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
mkdir "$scratch/class"
for f in "$images"/*.png "$images"/*.jpg; do ln -s "$f" "$scratch/class/$(basename "$f")"; done
# The descriptions a child might write; two are left empty on purpose.
cat > "$scratch/class/class.csv" <<'CSV'
file,student,title,description
drawing-garlic.png,A,Garlic,a garlic bulb with a face
drawing-char4.png,B,Reaching,
drawing-char5.png,C,Bug,a bug with long feelers
drawing-char6.png,D,Pig,
painting-starry_night.jpg,E,Night,a swirling night sky over a village
painting-the_scream.jpg,F,Scream,a person screaming on a bridge
painting-shipwreck.jpg,G,Ship,a ship in a storm
painting-woman-with-hat-matisse.jpg,H,Hat,a woman in a big hat
CSV
db="$scratch/easel.sqlite"
"$easel" import "$scratch/class" --class sample --db "$db" > /dev/null
"$easel" grade --class sample --scorer builtin --db "$db" > /dev/null 2>&1 || "$easel" grade --class sample --db "$db" > /dev/null
python3 - "$db" <<'PY'
import json, os, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute(
    "select a.file_path, a.description, s.originality, s.color, s.texture, s.composition, s.content, s.critique,"
    " s.evidence, s.scorer_version from artwork a join assessment s on s.artwork_id = a.id order by a.file_path"
).fetchall()
for path, description, o, c, t, p, n, critique, evidence, version in rows:
    print(f"## {os.path.basename(path)} (description: {description!r}; scorer builtin {version})")
    print(f"scores: originality {o}, colour {c}, texture {t}, composition {p}, content {n} = {o + c + t + p + n}")
    print(f"critique: {critique}")
    for e in json.loads(evidence):
        print(f"  evidence {e.get('measure')}: {e.get('note')}")
    print()
PY
