"""Extract Natural Earth's 1:110m admin-0 countries into the package (run once, at build time).

The geopandas 0.14 wheels on the package index carry Natural Earth's ``naturalearth_lowres``
(1:110m admin-0 countries) and ``naturalearth_cities`` (populated places) shapefiles. This
script downloads that wheel with pip into a temporary folder, reads both shapefiles with
pyshp (``pip install "relations-toolkit[geodata]"``), keys every shape by the ISO 3166-1
alpha-3 code of ``toolkit/lexicon/countries.csv``, and writes
``toolkit/geodata/countries_110m.json``, which ``toolkit.maps`` reads at run time (nothing is
downloaded then). Natural Earth is in the public domain.

What it does to the data, and why:

- codes: Natural Earth writes ``-99`` where a country has no ISO code of its own (Kosovo; in
  older releases France and Norway too) and uses its own ``CYN`` (Northern Cyprus) and
  ``SOL`` (Somaliland). :data:`NAME_FIXES` keys those by name: Kosovo becomes ``XKX`` (the
  lexicon's code), Northern Cyprus is drawn as part of Cyprus and Somaliland as part of
  Somalia (the countries the UN recognises, and those the lexicon knows). Every other code
  must be in the lexicon or in :data:`NOT_IN_LEXICON` (Antarctica and three overseas
  territories drawn as land without data), or the script stops.
- polygons: each country is a list of polygons, each a list of rings (the outer ring, then
  its holes: Lesotho is a hole in South Africa), each ring a flat list ``[x0, y0, x1, y1,
  ...]`` of longitude and latitude rounded to ``--digits`` decimals (2: about 1 km, far below
  what 1:110m resolves); repeated points after rounding are dropped. The data is already
  generalised for 1:110m (about 10,600 points), so it is not simplified further.
- label: a point to write the country's name at: the area centroid of its largest polygon.
- points: lexicon countries too small for 1:110m (Bahrain, Singapore, Malta, ...) get the
  location of their capital from ``naturalearth_cities`` (matched by the lexicon's English
  capital names, or :data:`CITY_FIXES`), so a map can show them as a dot.

Usage (from the repository root)::

    python scripts/extract_natural_earth.py                  # downloads the wheel with pip
    python scripts/extract_natural_earth.py --wheel geopandas-0.14.4-py3-none-any.whl
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LEXICON = REPO / "toolkit" / "lexicon"
OUT = REPO / "toolkit" / "geodata" / "countries_110m.json"

#: Natural Earth names whose code is -99 or not ISO 3166-1, and the lexicon code they get.
NAME_FIXES = {"Kosovo": "XKX", "France": "FRA", "Norway": "NOR", "N. Cyprus": "CYP", "Somaliland": "SOM"}
#: Natural Earth shapes with no lexicon row: drawn as land without data.
NOT_IN_LEXICON = {"ATA": "Antarctica", "ATF": "French Southern and Antarctic Lands", "FLK": "Falkland Islands",
                  "NCL": "New Caledonia"}
#: Capitals whose Natural Earth name is not among the lexicon's English capital forms.
CITY_FIXES = {"AND": "Andorra", "MCO": "Monaco", "SMR": "San Marino", "VAT": "Vatican City", "HKG": "Hong Kong",
              "PLW": "Melekeok", "KIR": "Tarawa", "SGP": "Singapore"}


def download_wheel(folder: Path) -> Path:
    """``pip download geopandas==0.14.* --no-deps`` into ``folder``; the wheel's path."""
    subprocess.run([sys.executable, "-m", "pip", "download", "geopandas==0.14.*", "--no-deps", "--only-binary=:all:",
                    "-d", str(folder), "-q"], check=True)
    wheels = sorted(folder.glob("geopandas-0.14.*.whl"))
    if not wheels:
        raise SystemExit(f"pip left no geopandas 0.14 wheel in {folder}")
    return wheels[-1]


def extract(wheel: Path, folder: Path) -> tuple[Path, Path]:
    """The ``naturalearth_lowres`` and ``naturalearth_cities`` shapefile stems, unpacked into ``folder``."""
    with zipfile.ZipFile(wheel) as zf:
        names = [n for n in zf.namelist() if "/naturalearth_lowres/" in n or "/naturalearth_cities/" in n]
        if not names:
            raise SystemExit(f"{wheel.name} holds no naturalearth_lowres data")
        zf.extractall(folder, names)
    base = folder / "geopandas" / "datasets"
    return base / "naturalearth_lowres" / "naturalearth_lowres", base / "naturalearth_cities" / "naturalearth_cities"


def ring_area(ring: list[tuple[float, float]]) -> float:
    """Signed area (shoelace): negative for clockwise rings, which are outer rings in a shapefile."""
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]))


def centroid(ring: list[tuple[float, float]]) -> tuple[float, float]:
    a = ring_area(ring)
    if a == 0:
        return ring[0]
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return cx / (6 * a), cy / (6 * a)


def inside(point: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    """Even-odd point-in-polygon test."""
    x, y = point
    hit = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        if (y0 > y) != (y1 > y) and x < (x1 - x0) * (y - y0) / (y1 - y0) + x0:
            hit = not hit
    return hit


def polygons(shape) -> list[list[list[tuple[float, float]]]]:
    """A shapefile polygon's rings grouped as [outer, hole, ...] polygons (holes go to the outer ring holding them)."""
    bounds = list(shape.parts) + [len(shape.points)]
    rings = [[tuple(p) for p in shape.points[a:b]] for a, b in zip(bounds, bounds[1:])]
    outers = [[r] for r in rings if ring_area(r) < 0]
    for r in rings:
        if ring_area(r) >= 0:
            owner = next((p for p in outers if inside(r[0], p[0])), None)
            if owner is None:
                raise SystemExit("a hole lies in no outer ring")
            owner.append(r)
    return outers


def flat(ring: list[tuple[float, float]], digits: int) -> list[float]:
    out: list[float] = []
    last = None
    for x, y in ring[:-1] if ring[0] == ring[-1] else ring:  # the closing point is implied
        p = (round(x, digits), round(y, digits))
        if p != last:
            out.extend(p)
            last = p
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wheel", type=Path, help="a geopandas 0.14 wheel already downloaded (else pip downloads it)")
    ap.add_argument("--digits", type=int, default=2, help="decimals kept in coordinates (default 2)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    import shapefile  # pyshp, a build-time dependency only

    lexicon = {r["iso3"]: r for r in csv.DictReader((LEXICON / "countries.csv").open(encoding="utf-8"))}
    capitals: dict[str, list[str]] = {}
    for r in csv.DictReader((LEXICON / "country_names.csv").open(encoding="utf-8")):
        if r["lang"] == "en" and r["kind"] == "capital":
            capitals.setdefault(r["iso3"], []).append(r["form"])

    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or download_wheel(Path(tmp))
        countries_shp, cities_shp = extract(wheel, Path(tmp))
        shapes: dict[str, dict] = {}
        with shapefile.Reader(str(countries_shp), encoding="latin-1") as reader:
            for rec, shape in zip(reader.records(), reader.shapes()):
                name, code = rec["name"], rec["iso_a3"]
                code = NAME_FIXES.get(name, code)
                if code not in lexicon and code not in NOT_IN_LEXICON:
                    raise SystemExit(f"Natural Earth's {name!r} ({rec['iso_a3']}) has no lexicon code: add it to "
                                     "NAME_FIXES or NOT_IN_LEXICON")
                entry = shapes.setdefault(code, {"name": lexicon[code]["name_en"] if code in lexicon
                                                 else NOT_IN_LEXICON[code], "ne_names": [], "polygons": []})
                entry["ne_names"].append(name)
                entry["polygons"].extend(polygons(shape))
        with shapefile.Reader(str(cities_shp), encoding="latin-1") as reader:
            cities = {rec["name"]: tuple(shape.points[0]) for rec, shape in zip(reader.records(), reader.shapes())}
        version = wheel.name.split("-")[1]

    out_countries: dict[str, dict] = {}
    for code in sorted(shapes):
        entry = shapes[code]
        biggest = max(entry["polygons"], key=lambda p: -ring_area(p[0]))
        lx, ly = centroid(biggest[0])
        out_countries[code] = {
            "name": entry["name"], "natural_earth": " + ".join(entry["ne_names"]),
            "label": [round(lx, args.digits), round(ly, args.digits)],
            "polygons": [[flat(r, args.digits) for r in poly] for poly in entry["polygons"]],
        }
    points: dict[str, dict] = {}
    for code in sorted(set(lexicon) - set(shapes)):
        names = [CITY_FIXES[code]] if code in CITY_FIXES else capitals.get(code, [])
        city = next((n for n in names if n in cities), None)
        if city:
            x, y = cities[city]
            points[code] = {"name": lexicon[code]["name_en"], "city": city,
                            "point": [round(x, args.digits), round(y, args.digits)]}
    absent = sorted(set(lexicon) - set(shapes) - set(points))
    data = {
        "meta": {
            "source": "Natural Earth 1:110m Cultural Vectors: Admin 0 - Countries and Populated Places "
                      "(public domain, naturalearthdata.com), as shipped in geopandas " + version +
                      " (datasets/naturalearth_lowres, datasets/naturalearth_cities)",
            "made_by": "scripts/extract_natural_earth.py --digits " + str(args.digits),
            "coordinates": "longitude, latitude (WGS 84), degrees; rings are flat [x0, y0, x1, y1, ...], "
                           "outer ring first, then its holes",
            "not_on_the_map": absent,
        },
        "countries": out_countries,
        "points": points,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n",
                        encoding="utf-8")
    n_points = sum(len(r) // 2 for c in out_countries.values() for p in c["polygons"] for r in p)
    print(f"{args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}: "
          f"{len(out_countries)} shapes ({n_points} points), {len(points)} capitals as points, "
          f"{args.out.stat().st_size / 1024:.0f} KiB; lexicon countries not on the map: {', '.join(absent) or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
