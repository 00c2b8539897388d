#!/usr/bin/env python3
"""Turns a gen_corpus.py corpus (OUT/content/**/*.md) into the documents
search_tool indexes (the same shape the pipeline hands to BuildIndex), so the
benchmark can time the index build on its own.

Usage: corpus_docs.py CONTENT_DIR > docs.json
Sections split at '## ' headings; Markdown links, emphasis and list bullets
are stripped; facets: the titles of the page's kenmerken and leefgebieden.
"""
import json
import os
import re
import sys

TYPES = {"kenmerken": ("kenmerk", "Kwaliteitskenmerk"), "competenties": ("competentie", "Competentie"),
         "interventies": ("interventie", "Interventie"),
         "praktijkvoorbeelden": ("praktijkvoorbeeld", "Praktijkvoorbeeld"),
         "bronnen": ("bron", "Bron"), "leefgebieden": ("leefgebied", "Leefgebied")}


def front_matter(text):
    m = re.match(r"---\n(.*?)\n---\n", text, re.S)
    fields = {}
    for line in m.group(1).splitlines():
        k, _, v = line.partition(":")
        v = v.strip()
        if v.startswith("["):
            fields[k] = [x.strip() for x in v[1:-1].split(",") if x.strip()]
        else:
            fields[k] = v.strip('"')
    return fields, text[m.end():]


def plain(md):
    md = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", md)
    md = re.sub(r"[*_`|#>]", " ", md)
    md = re.sub(r"^\s*[-+]\s+", "", md, flags=re.M)
    return re.sub(r"\s+", " ", md).strip()


def main(root):
    pages = {}
    for folder in sorted(os.listdir(root)):
        if folder not in TYPES:
            continue
        for name in sorted(os.listdir(os.path.join(root, folder))):
            with open(os.path.join(root, folder, name), encoding="utf-8") as f:
                fields, body = front_matter(f.read())
            pages[(folder, name[:-3])] = (fields, body)
    titles = {k: v[0].get("title", "") for k, v in pages.items()}
    docs = []
    for (folder, slug), (fields, body) in pages.items():
        type_id, label = TYPES[folder]
        parts = re.split(r"^## (.*)$", body, flags=re.M)
        sections = [{"heading": "", "anchor": "", "level": 0, "text": plain(parts[0])}]
        for i in range(1, len(parts), 2):
            heading = parts[i].strip()
            anchor = re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")
            sections.append({"heading": heading, "anchor": anchor, "level": 2, "text": plain(parts[i + 1])})
        facets = {}
        for key, ftype, fname in (("kenmerken", "kenmerken", "Kwaliteitskenmerk"),
                                  ("kenmerk", "kenmerken", "Kwaliteitskenmerk"),
                                  ("leefgebieden", "leefgebieden", "Leefgebied")):
            ids = fields.get(key) or []
            ids = [ids] if isinstance(ids, str) else ids
            vals = sorted({titles.get((ftype, i), i) for i in ids})
            if vals:
                facets[fname] = vals
        docs.append({"url": f"{folder}/{slug}/", "title": fields.get("title", slug), "type": type_id,
                     "type_label": label, "summary": fields.get("summary", ""),
                     "sections": sections, "facets": facets})
    json.dump(docs, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
