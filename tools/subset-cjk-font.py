#!/usr/bin/env python3
"""Makes the chart font shipped in src/Bot.Adapters/Charts/Fonts: Noto Sans CJK TC (OFL) cut down to the
characters charts use: ASCII and Latin-1, general and CJK punctuation, full-width forms, Big5's symbols and
its 5,401 frequently used characters (Traditional), GB 2312 level 1's 3,755 (Simplified), and every character
of the zh-TW resource files.

Usage (Debian: apt-get download fonts-noto-cjk python3-fonttools, then dpkg-deb -x each):
  PYTHONPATH=<fonttools dir> python3 tools/subset-cjk-font.py <NotoSansCJK-Regular.ttc> <out.otf>
"""
import glob
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection


def codec_range(codec, first, lead_bytes, trail_bytes):
    chars = set()
    for lead in lead_bytes:
        for trail in trail_bytes:
            if (lead, trail) < first:
                continue
            try:
                chars.add(bytes([lead, trail]).decode(codec))
            except UnicodeDecodeError:
                pass
    return chars


def characters(repo):
    chars = {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0xA0, 0x100)}
    for low, high in [(0x2000, 0x206F), (0x2190, 0x21FF), (0x25A0, 0x25FF), (0x3000, 0x303F), (0xFF00, 0xFFEF)]:
        chars |= {chr(c) for c in range(low, high + 1)}
    big5_trail = list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF))
    # Big5 symbols (0xA140-0xA3BF) and frequently used characters (0xA440-0xC67E).
    chars |= codec_range("big5", (0xA1, 0x40), range(0xA1, 0xA4), big5_trail)
    chars |= {c for c in codec_range("big5", (0xA4, 0x40), range(0xA4, 0xC7), big5_trail)
              if c.encode("big5") <= b"\xc6\x7e"}
    # GB 2312 level 1, the most common Simplified characters (rows 16-55).
    chars |= codec_range("gb2312", (0xB0, 0xA1), range(0xB0, 0xD8), range(0xA1, 0xFF))
    for path in glob.glob(os.path.join(repo, "src", "**", "*.zh-TW.resx"), recursive=True):
        with open(path, encoding="utf-8") as f:
            chars |= {c for c in f.read() if ord(c) >= 0x2E80}
    return chars


def main(ttc, out):
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    font = next(f for f in TTCollection(ttc).fonts if f["name"].getDebugName(1) == "Noto Sans CJK TC")
    options = subset.Options()
    options.hinting = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    subsetter = subset.Subsetter(options)
    wanted = characters(repo)
    subsetter.populate(unicodes=[ord(c) for c in wanted])
    subsetter.subset(font)
    font.save(out)
    print(f"{len(wanted)} characters, {os.path.getsize(out)} bytes -> {out}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
