#!/usr/bin/env python3
"""Writes a feature's .resx pair (en and zh-TW) from a small Python table.

Usage: tools/resx.py OUT_BASE  < table.py   where table.py defines STRINGS = {key: (en, zh_tw)}.
The .resx files are the source of truth; this only saves typing XML by hand.
"""
import sys
from xml.sax.saxutils import escape

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""


def write(path, pairs):
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for key, value in pairs:
            f.write(f'  <data name="{key}" xml:space="preserve"><value>{escape(value)}</value></data>\n')
        f.write("</root>\n")


def main():
    base = sys.argv[1]
    scope = {}
    exec(sys.stdin.read(), scope)
    strings = scope["STRINGS"]
    write(base + ".resx", [(k, v[0]) for k, v in strings.items()])
    write(base + ".zh-TW.resx", [(k, v[1]) for k, v in strings.items()])


if __name__ == "__main__":
    main()
