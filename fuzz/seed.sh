#!/bin/sh
# Seeds each fuzz target's corpus from the examples and the real reports beside the repo
# (nothing here is committed): the fuzzer starts from real shapes, not from empty input.
set -eu
cd "$(dirname "$0")"
for t in text docx html pdf sheet; do mkdir -p "corpus/$t"; done
for f in ../examples/* ../../shared/corpus/real/* ../../shared/corpus/template/* \
         ../../shared/corpus/seeds/*; do
    [ -f "$f" ] || continue
    case "$f" in
        *.txt|*.md) t=text ;; *.docx) t=docx ;; *.html|*.htm) t=html ;; *.pdf) t=pdf ;;
        *.xlsx|*.xls|*.ods) t=sheet ;; *) continue ;;
    esac
    cp "$f" "corpus/$t/"
done
for t in text docx html pdf sheet; do echo "$t: $(ls "corpus/$t" | wc -l) seeds"; done
