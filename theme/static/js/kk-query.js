// The Kazakh query normaliser: turns what a reader types into words the Kazakh index matches.
//
// This file is the only implementation. The search page runs it, and
// tests/test_search_normaliser.py runs this very file in Chromium over its table of word
// forms, so what is tested is what readers get. (A Python twin generating a JS table would
// be a second copy to keep in step; nothing at build time needs the normaliser: the word
// list it looks up is read from Pagefind's own index by generator/publish/search.py.)
//
// Pagefind has no Kazakh stemmer but matches a query word against every indexed word it is
// a prefix of. So:
//   1. stem(): strip case, possessive and plural endings (every vowel-harmony and
//      consonant-assimilation variant), leaving a prefix of the typed word.
//      A prefix of the word stays a prefix of every form of it in the index.
//   2. fold(): readers on a Russian keyboard type а for ә, к for қ, н for ң, о for ө,
//      у for ұ and ү, г for ғ, и for і, х for һ. The index keeps the real letters (so
//      excerpts show and mark real words, and nothing folded is ever indexed); instead the
//      folded stem is looked up in the index's own word list (Vocabulary) and turned back
//      into the real prefixes it stands for ("колонерши" -> "қолөнерші").

const KAZAKH = "әқңөұүғіһ";
const FOLDED = "акноуугих";
const FOLD = new Map([...KAZAKH].map((c, i) => [c, FOLDED[i]]));
const HAS_KAZAKH = /[әқңөұүғіһ]/;

/** Lower case, with each Kazakh letter replaced by the Russian-keyboard letter typed for it. */
export function fold(text) {
  let out = "";
  for (const c of text.toLowerCase()) out += FOLD.get(c) ?? c;
  return out;
}

// What the letter before an ending must be. Folding keeps these classes (ә, ө, ұ, ү, і stay
// vowels; қ, һ voiceless; ғ, ң voiced), so the same tests work on folded words.
const VOWEL = /[аәеиоөуұүыіэюяё]$/;
const CONSONANT = /[бвгғджзйклмнңпрстфхһцчшщқь]$/; // ь: loanwords (фестиваль)
const VOICELESS = /[кқпстфхһцчшщ]$/;
const VOICED = /[бвгғджзйлмнңрь]$/;
const NASAL = /[мнң]$/;
const POSS3 = /[ыіи]$/; // the third-person possessive (і folded is и), after which case endings take н
const LAR = /[аәеиоөуұүыіэюяёрйу]$/;
const ANY = /$/;
const OR = (...res) => ({ test: (s) => res.some((re) => re.test(s)) });

// [endings, what must come before them, (only after these endings of the next slot)].
// Back- and front-vowel variants side by side.
const CASE = [
  [["ның", "нің"], ANY], // genitive
  [["дың", "дің"], CONSONANT],
  [["тың", "тің"], VOICELESS],
  [["ға", "ге"], OR(VOWEL, VOICED)], // dative
  [["қа", "ке"], VOICELESS],
  [["на", "не"], POSS3],
  [["а", "е"], NASAL], // after the 1st and 2nd person singular possessive (-ым, -ың)
  [["ны", "ні"], VOWEL], // accusative
  [["ды", "ді"], VOICED],
  [["ты", "ті"], VOICELESS],
  [["н"], POSS3],
  [["да", "де"], OR(VOWEL, VOICED)], // locative
  [["та", "те"], VOICELESS],
  [["нда", "нде"], POSS3],
  [["дан", "ден"], OR(VOWEL, VOICED)], // ablative
  [["тан", "тен"], VOICELESS],
  [["нан", "нен"], OR(NASAL, POSS3)],
  [["мен", "бен", "пен", "менен", "бенен", "пенен"], ANY], // instrumental
  [["дағы", "дегі"], OR(VOWEL, VOICED)], // "in, at" as an adjective: Алматыдағы
  [["тағы", "тегі"], VOICELESS],
  [["ндағы", "ндегі"], POSS3],
];
const POSSESSIVE = [
  [["сы", "сі"], VOWEL], // 3rd person
  [["ы", "і"], CONSONANT],
  [["м"], VOWEL, ["а", "е"]], // 1st singular; a lone м or ң only before the dative а/е: else
  [["ым", "ім"], CONSONANT], // it is as likely the last letter of the noun (кілем, Қазақстан)
  [["ң"], VOWEL, ["а", "е"]], // 2nd singular
  [["ың", "ің"], CONSONANT],
  [["ңыз", "ңіз"], VOWEL], // 2nd singular, polite
  [["ыңыз", "іңіз"], CONSONANT],
  [["мыз", "міз"], VOWEL], // 1st plural
  [["ымыз", "іміз"], CONSONANT],
  [["ңдар", "ңдер"], VOWEL], // 2nd plural
  [["ыңдар", "іңдер"], CONSONANT],
];
const PLURAL = [
  [["лар", "лер"], LAR],
  [["дар", "дер"], VOICED],
  [["тар", "тер"], VOICELESS],
];

export const MIN_STEM = 3; // shorter stems match too much of the index to help anyone

// One slot's endings, longest first, as written and as folded.
function table(groups) {
  const rows = groups.flatMap(([endings, before, after]) =>
    endings.map((ending) => ({ ending, folded: fold(ending), before, after })),
  );
  return rows.sort((a, b) => b.ending.length - a.ending.length);
}
const SLOTS = [table(CASE), table(POSSESSIVE), table(PLURAL)];

// The ending as it stands at the end of `word`, written or folded. In a word typed with
// Kazakh letters a one-letter folded ending does not count: its final н is a real н, not ң.
function endingAt(word, row, typed) {
  if (word.endsWith(row.ending)) return row.ending;
  if (row.folded !== row.ending && word.endsWith(row.folded) && (!typed || row.ending.length > 1)) {
    return row.folded;
  }
  return null;
}

// Strip the longest ending of one slot that fits the letter before it (and the ending after).
function stripSlot(word, rows, typed, next) {
  for (const row of rows) {
    const ending = endingAt(word, row, typed);
    if (ending === null) continue;
    if (row.after && !row.after.includes(next)) continue;
    const rest = word.slice(0, word.length - ending.length);
    if (rest.length >= MIN_STEM && row.before.test(rest)) return { rest, ending };
  }
  return null;
}

/**
 * The stem of one Kazakh word: a lower-case prefix of it, with its case, possessive and
 * plural endings taken off (noun + plural + possessive + case, stripped from the end).
 * "шеберлерге" -> "шебер", "колонершилерге" -> "колонерши", "қалаларымыздың" -> "қала".
 */
export function stem(word) {
  let w = word.toLowerCase();
  const typed = HAS_KAZAKH.test(w);
  let next = null; // the ending the last slot took off
  for (const rows of SLOTS) {
    const cut = stripSlot(w, rows, typed, next);
    next = cut ? cut.ending : null;
    if (!cut) continue;
    w = cut.rest;
    // Before a vowel п, к, қ turn into б, г, ғ (кітап -> кітабы): drop that letter, so the
    // stem is a prefix of both forms ("кіта").
    if (/^[аәеиоөуұүыі]/.test(cut.ending) && /[бгғ]$/.test(w) && w.length > MIN_STEM) w = w.slice(0, -1);
  }
  return w;
}

/** Words of a query, lower case: runs of letters (hyphens and apostrophes split them). */
export function words(query) {
  return query.toLowerCase().match(/\p{L}+/gu) ?? [];
}

/**
 * The words of the Kazakh index, looked up by their folded form. `list` is the word list
 * generator/publish/search.py writes next to Pagefind's index: every word of the Kazakh pages.
 */
export class Vocabulary {
  constructor(list) {
    this.entries = list.map((w) => [fold(w), w]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /**
   * The real prefixes that a (possibly folded) prefix stands for, most common first.
   * Where the reader did type a Kazakh letter, only words with that letter there count.
   */
  unfold(prefix) {
    const key = fold(prefix);
    const typed = prefix.toLowerCase();
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.entries[mid][0] < key) lo = mid + 1;
      else hi = mid;
    }
    const counts = new Map();
    for (let i = lo; i < this.entries.length && this.entries[i][0].startsWith(key); i++) {
      const real = this.entries[i][1].slice(0, key.length);
      if ([...typed].some((c, j) => HAS_KAZAKH.test(c) && real[j] !== c)) continue;
      counts.set(real, (counts.get(real) ?? 0) + 1);
    }
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([p]) => p);
  }
}

const MAX_PER_WORD = 3;
const MAX_QUERIES = 6;

/**
 * The Pagefind queries to run for what a reader typed on a Kazakh page: each word stemmed
 * and unfolded; when a word stands for several real prefixes, one query per combination
 * (at most MAX_QUERIES). A word the index has nothing for is kept as typed.
 */
export function expand(query, vocabulary) {
  const options = words(query).map((w) => {
    const s = stem(w);
    const found = vocabulary ? vocabulary.unfold(s).slice(0, MAX_PER_WORD) : [];
    return found.length ? found : [s];
  });
  let queries = [[]];
  for (const choices of options) {
    queries = queries.flatMap((q) => choices.map((c) => [...q, c])).slice(0, MAX_QUERIES);
  }
  return queries.filter((q) => q.length).map((q) => q.join(" "));
}
