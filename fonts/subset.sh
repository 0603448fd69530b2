#!/usr/bin/env bash
# Makes the fonts bundled into `stake` for PDF reports, once; the results are committed.
#
# Source: Debian's fonts-noto-cjk (Regular) and fonts-noto-cjk-extra (Bold), face "Noto Sans
# CJK SC" of each collection, plus "Noto Sans Mono CJK SC" for code. Subset to GB2312 (the
# 6,763 common Simplified Chinese characters and its symbols) plus Latin, Greek, punctuation
# and the symbols reports use, so one family draws Latin and Chinese. OpenType layout tables
# are dropped: the layout engine places glyphs by cmap and hmtx alone.
#
#   apt-get install -y fonts-noto-cjk fonts-noto-cjk-extra python3-fonttools
#   fonts/subset.sh
set -euo pipefail
cd "$(dirname "$0")"
src=/usr/share/fonts/opentype/noto
python=${PYTHON:-python3}
sc_face=2   # face index of "Noto Sans CJK SC" in the .ttc collections
mono_face=7 # "Noto Sans Mono CJK SC"

# GB2312 as code points, plus Latin and the punctuation/symbol blocks.
"$python" - >unicodes.txt <<'PY'
cps = set()
for hi in range(0xA1, 0xFF):
    for lo in range(0xA1, 0xFF):
        try:
            cps.update(ord(c) for c in bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
ranges = [
    (0x0020, 0x007E), (0x00A0, 0x024F),  # Basic Latin, Latin-1, Latin Extended-A/B
    (0x0370, 0x03FF), (0x0400, 0x04FF),  # Greek, Cyrillic
    (0x2000, 0x206F), (0x20A0, 0x20BF),  # General Punctuation, currency
    (0x2100, 0x214F), (0x2190, 0x21FF),  # letterlike symbols, arrows
    (0x2200, 0x22FF), (0x2460, 0x24FF),  # mathematical operators, enclosed numbers
    (0x2500, 0x257F), (0x25A0, 0x25FF),  # box drawing, geometric shapes
    (0x2600, 0x26FF), (0x2700, 0x27BF),  # symbols, dingbats (✓ ✗ where the font has them)
    (0x3000, 0x303F), (0xFF00, 0xFFEF),  # CJK punctuation, full-width forms
]
for lo, hi in ranges:
    cps.update(range(lo, hi + 1))
print(",".join(f"U+{cp:04X}" for cp in sorted(cps)))
PY

subset() { # source face output unicodes-file
    "$python" -m fontTools.subset "$1" --font-number="$2" --output-file="$3" \
        --unicodes-file="$4" --layout-features='' --no-layout-closure \
        --name-IDs='*' --name-languages='*' --notdef-outline --recalc-bounds
}
subset "$src/NotoSansCJK-Regular.ttc" $sc_face NotoSansCJKsc-Regular-subset.otf unicodes.txt
subset "$src/NotoSansCJK-Bold.ttc" $sc_face NotoSansCJKsc-Bold-subset.otf unicodes.txt
printf 'U+0020-007E,U+00A0-00FF,U+2010-2027' >mono-unicodes.txt
subset "$src/NotoSansCJK-Regular.ttc" $mono_face NotoSansMonoCJKsc-Regular-subset.otf mono-unicodes.txt
rm unicodes.txt mono-unicodes.txt
ls -l ./*.otf
