#!/usr/bin/env python3
"""Draws a terminal capture with its colours as an SVG, for the README's theme pictures.

    tmux capture-pane -e -p -t SESSION | python3 doc/themes/capture.py --bg '#000000' --fg '#ffffff' > dark.svg

Reads `capture-pane -e` output (SGR escapes: the 16 colours, 256 colours, 24-bit, bold, italic,
underline, reverse) and draws each run of cells as an SVG text span on a rectangle of its
background, in xterm's default palette, one cell 8.4 x 17 px in a monospace font.
"""
import argparse
import re
import sys
from html import escape

BASE16 = ["000000", "cd0000", "00cd00", "cdcd00", "0000ee", "cd00cd", "00cdcd", "e5e5e5",
          "7f7f7f", "ff0000", "00ff00", "ffff00", "5c5cff", "ff00ff", "00ffff", "ffffff"]


def xterm(i):
    if i < 16:
        return "#" + BASE16[i]
    if i < 232:
        i -= 16
        levels = [0, 95, 135, 175, 215, 255]
        r, g, b = levels[i // 36], levels[(i // 6) % 6], levels[i % 6]
        return "#%02x%02x%02x" % (r, g, b)
    v = 8 + 10 * (i - 232)
    return "#%02x%02x%02x" % (v, v, v)


def parse(line):
    """Cells of one captured line: (char, fg, bg, bold, italic, underline)."""
    st = {"fg": None, "bg": None, "b": False, "i": False, "u": False, "r": False}
    cells = []
    for part in re.split(r"(\x1b\[[0-9;:]*m)", line):
        if part.startswith("\x1b["):
            codes = [int(c) if c else 0 for c in re.split("[;:]", part[2:-1])] or [0]
            k = 0
            while k < len(codes):
                c = codes[k]
                if c == 0:
                    st = {"fg": None, "bg": None, "b": False, "i": False, "u": False, "r": False}
                elif c == 1:
                    st["b"] = True
                elif c == 3:
                    st["i"] = True
                elif c == 4:
                    st["u"] = True
                elif c == 7:
                    st["r"] = True
                elif c in (22,):
                    st["b"] = False
                elif c == 23:
                    st["i"] = False
                elif c == 24:
                    st["u"] = False
                elif c == 27:
                    st["r"] = False
                elif 30 <= c <= 37:
                    st["fg"] = xterm(c - 30)
                elif 90 <= c <= 97:
                    st["fg"] = xterm(c - 90 + 8)
                elif 40 <= c <= 47:
                    st["bg"] = xterm(c - 40)
                elif 100 <= c <= 107:
                    st["bg"] = xterm(c - 100 + 8)
                elif c == 39:
                    st["fg"] = None
                elif c == 49:
                    st["bg"] = None
                elif c in (38, 48) and k + 1 < len(codes):
                    key = "fg" if c == 38 else "bg"
                    if codes[k + 1] == 5 and k + 2 < len(codes):
                        st[key] = xterm(codes[k + 2])
                        k += 2
                    elif codes[k + 1] == 2 and k + 4 < len(codes):
                        st[key] = "#%02x%02x%02x" % tuple(codes[k + 2:k + 5])
                        k += 4
                k += 1
        else:
            for ch in part:
                cells.append((ch, dict(st)))
    return cells


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bg", default="#000000")
    ap.add_argument("--fg", default="#ffffff")
    a = ap.parse_args()
    lines = sys.stdin.read().rstrip("\n").split("\n")
    cw, ch = 8.4, 17
    cols = max(len(parse(l)) for l in lines)
    w, h = int(cols * cw) + 16, len(lines) * ch + 16
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
           f'font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="14">',
           f'<rect width="100%" height="100%" fill="{a.bg}"/>']
    for y, line in enumerate(lines):
        cells = parse(line)
        x = 0
        while x < len(cells):
            st = cells[x][1]
            run = x
            while run < len(cells) and cells[run][1] == st:
                run += 1
            text = "".join(c for c, _ in cells[x:run])
            fg, bg = st["fg"] or a.fg, st["bg"]
            if st["r"]:
                fg, bg = (st["bg"] or a.bg), (st["fg"] or a.fg)
            px, py = 8 + x * cw, 8 + y * ch
            if bg:
                out.append(f'<rect x="{px:.1f}" y="{py}" width="{(run - x) * cw:.1f}" height="{ch}" fill="{bg}"/>')
            if text.strip():
                style = ' font-weight="bold"' if st["b"] else ""
                style += ' font-style="italic"' if st["i"] else ""
                style += ' text-decoration="underline"' if st["u"] else ""
                out.append(f'<text x="{px:.1f}" y="{py + 13}" fill="{fg}"{style} '
                           f'textLength="{(run - x) * cw:.1f}" xml:space="preserve">{escape(text)}</text>')
            x = run
    out.append("</svg>")
    print("\n".join(out))


main()
