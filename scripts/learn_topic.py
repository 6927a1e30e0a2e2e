#!/usr/bin/env python3
"""Learn lexicons/topic.csv: how much each word says "this sentence is about
film or TV" rather than about something else, from unlabelled documents.

Film and TV documents: the film news of BBC (entertainment), IMDb user
reviews, critic reviews (movie-review-polarity), Wikipedia film leads and
Netflix title descriptions. Other documents: BBC business, politics, sport
and tech, Reuters newswire, US presidential speeches and Gutenberg books (cut
into 3,000-character pieces). All from ../shared/data (see its SOURCE.md
files). No hand label is used. The documents that hold any labelled row of
../shared/eval (and of any extra gold file given with --exclude) are left
out, so the figures measured on those rows are on text the model never saw.

A word's weight is its smoothed log odds of appearing in a film document
rather than another one (document frequencies, add-one smoothing):

    weight(w) = ln((f_w + 1) / (F + 2)) - ln((o_w + 1) / (O + 2))

with f_w / o_w the film / other documents that contain w and F / O the
document counts (naive Bayes with a Bernoulli model; Manning, Raghavan and
Schuetze, Introduction to Information Retrieval, 2008, section 13.3). Words
in fewer than MIN_DF documents, or with |weight| < MIN_ABS, are dropped;
weights are clipped to +-CLIP.

Usage: python3 scripts/learn_topic.py [--data ../shared/data] [--exclude GOLD.csv ...] > lexicons/topic.csv
"""
import argparse, csv, json, math, os, re, sys

MIN_DF, MIN_ABS, CLIP = 30, 0.5, 4.0
# Lower-case words as rolecall's tagger reads them: ASCII letters with inner
# apostrophes or hyphens.
WORD = re.compile(r"[a-z](?:[a-z'-]*[a-z])?")


def words(text):
    return set(WORD.findall(text.lower()))


def files(root, sub):
    for dirpath, dirs, names in os.walk(os.path.join(root, sub)):
        dirs.sort()
        for n in sorted(names):
            if n in ("SOURCE.md", "README", "README.TXT"):
                continue
            p = os.path.join(dirpath, n)
            with open(p, "rb") as f:
                yield os.path.relpath(p, root), f.read().decode("utf-8", "replace")


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "data"))
    ap.add_argument("--exclude", nargs="*", default=[])
    a = ap.parse_args()
    root = os.path.normpath(a.data)
    gold = [os.path.join(root, "..", "eval", n) for n in ("dev.csv", "train.csv")] + a.exclude
    skip = set()
    for g in gold:
        if os.path.exists(g):
            with open(g, newline="") as f:
                skip.update(r["ref"].split("@")[0] for r in csv.DictReader(f))
    film, other = {}, {}
    n = {"film": 0, "other": 0}

    def add(kind, ref, text):
        if ref in skip:
            return
        n[kind] += 1
        c = film if kind == "film" else other
        for w in words(text):
            c[w] = c.get(w, 0) + 1

    # BBC entertainment news is film, TV, music and stage: a story counts as
    # film or TV when its film and TV words outnumber its music and stage words.
    film_words = re.compile(r"\b(film|films|movie|movies|cinema|actor|actress|oscar|oscars|tv|television|director|hollywood)\b")
    music_words = re.compile(r"\b(album|albums|band|bands|singer|song|songs|music|chart|charts|concert|gig|theatre|stage|musical)\b")
    for ref, t in files(root, "bbc-news/entertainment"):
        low = t.lower()
        if len(film_words.findall(low)) > len(music_words.findall(low)):
            add("film", ref, t)
    for sub in ("imdb-reviews-aclimdb", "movie-review-polarity"):
        for ref, t in files(root, sub):
            add("film", ref, t)
    wiki = os.path.join(root, "wikipedia-movie-data")
    for name in sorted(os.listdir(wiki)):
        if name.endswith(".json"):
            with open(os.path.join(wiki, name)) as f:
                for i, m in enumerate(json.load(f)):
                    add("film", f"wikipedia-movie-data/{name}#{i}", m.get("extract") or "")
    with open(os.path.join(root, "streaming-titles-netflix", "netflix_titles.csv"), newline="") as f:
        for i, r in enumerate(csv.DictReader(f)):
            add("film", f"streaming-titles-netflix/netflix_titles.csv#{i + 1}", r["description"])
    for sub in ("bbc-news/business", "bbc-news/politics", "bbc-news/sport", "bbc-news/tech",
                "reuters-21578-apte", "us-presidential-speeches"):
        for ref, t in files(root, sub):
            add("other", ref, t)
    for ref, t in files(root, "gutenberg-nltk"):
        for k in range(0, len(t), 3000):
            add("other", ref, t[k:k + 3000])
    F, O = n["film"], n["other"]
    out = []
    for w in sorted(set(film) | set(other)):
        f_w, o_w = film.get(w, 0), other.get(w, 0)
        if f_w + o_w < MIN_DF:
            continue
        lo = math.log((f_w + 1) / (F + 2)) - math.log((o_w + 1) / (O + 2))
        if abs(lo) < MIN_ABS:
            continue
        out.append((w, max(-CLIP, min(CLIP, lo))))
    print("# Film/TV topic weights of words, learned by scripts/learn_topic.py from")
    print(f"# {F} film and TV documents and {O} other documents of ../shared/data")
    print(f"# ({len(skip)} documents holding labelled rows left out). Not hand-edited.")
    print("word,weight")
    for w, lo in out:
        print(f"{w},{lo:.2f}")
    print(f"learn_topic: {len(out)} words from {F} film and {O} other documents", file=sys.stderr)


if __name__ == "__main__":
    main()
