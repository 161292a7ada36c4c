// The search page (theme/templates/search.html): Pagefind's JS API, our own markup.
//
// Nothing of Pagefind loads until the reader goes to the search field: then pagefind.js
// is imported, and fetches only the index of the page's language. On Kazakh pages the
// query goes through kk-query.js first (stems, and Kazakh letters typed without them).
import { expand, Vocabulary } from "./kk-query.js";

const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const texts = JSON.parse(form.dataset.texts);
const bundle = new URL(form.dataset.bundle, document.baseURI);
const MAX_SHOWN = 20;
const DELAY_MS = 250; // after the last keystroke

let engine = null;
let latest = 0;
let timer = 0;

// Pagefind and, on Kazakh pages, the index's word list; loaded once, when the reader first
// goes to the field (or submits), both at the same time.
function load() {
  engine ??= Promise.all([
    import(new URL("pagefind.js", bundle).href).then(async (pagefind) => {
      // Result URLs are site-root paths ("/kk/taraz/"); the site may live under /REPO/.
      await pagefind.options({ baseUrl: new URL("../", bundle).pathname });
      await pagefind.init(); // the language's index metadata and the wasm, before the first query
      return pagefind;
    }),
    form.dataset.words
      ? fetch(new URL(form.dataset.words, document.baseURI)).then(async (response) => {
          if (!response.ok) throw new Error(`word list: HTTP ${response.status}`);
          return new Vocabulary(await response.json());
        })
      : null,
  ]).then(([pagefind, vocabulary]) => ({ pagefind, vocabulary }));
  engine.catch(() => {
    engine = null; // try again on the next query
  });
  return engine;
}

function say(template, values = {}) {
  status.textContent = template.replace(/%\((\w+)\)s/g, (_, key) => values[key] ?? "");
}

// Pagefind's excerpt is text with < and > escaped and hits in <mark>: rebuild it as nodes,
// so nothing from the index is ever parsed as HTML.
const ENTITIES = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&#39;": "'" };
function excerpt(html) {
  const p = document.createElement("p");
  p.className = "search-excerpt";
  html.split(/(<mark>|<\/mark>)/).reduce((inMark, part) => {
    if (part === "<mark>") return true;
    if (part === "</mark>") return false;
    const text = document.createTextNode(part.replace(/&(?:lt|gt|amp|quot|#39);/g, (e) => ENTITIES[e]));
    if (inMark) p.append(Object.assign(document.createElement("mark"), { textContent: text.data }));
    else p.append(text);
    return inMark;
  }, false);
  return p;
}

function item(data) {
  const li = document.createElement("li");
  li.className = "search-result";
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  const section = document.createElement("p");
  section.className = "search-section";
  section.textContent = data.meta.section || "";
  li.append(heading, section, excerpt(data.excerpt));
  return li;
}

async function run(query) {
  const id = ++latest;
  query = query.trim();
  if (!query) {
    list.replaceChildren();
    list.hidden = true;
    status.textContent = "";
    return;
  }
  form.setAttribute("aria-busy", "true");
  try {
    const { pagefind, vocabulary } = await load();
    const queries = vocabulary ? expand(query, vocabulary) : [query];
    const searches = await Promise.all(queries.map((q) => pagefind.search(q)));
    // Several queries (one per reading of a folded word): keep each page once, at its best.
    const best = new Map();
    for (const search of searches) {
      for (const result of search.results) {
        if (!best.has(result.id) || best.get(result.id).score < result.score) best.set(result.id, result);
      }
    }
    const ranked = [...best.values()].sort((a, b) => b.score - a.score);
    const data = await Promise.all(ranked.slice(0, MAX_SHOWN).map((r) => r.data()));
    if (id !== latest) return; // the reader has typed on
    list.replaceChildren(...data.map(item));
    list.hidden = data.length === 0;
    if (ranked.length === 0) say(texts.nothing, { query });
    else if (ranked.length > MAX_SHOWN) say(`${texts.found} ${texts.first}`, { num: ranked.length, shown: MAX_SHOWN });
    else say(texts.found, { num: ranked.length });
  } catch (error) {
    if (id !== latest) return;
    list.replaceChildren();
    list.hidden = true;
    say(texts.failed);
    console.warn("search:", error);
  } finally {
    if (id === latest) {
      form.removeAttribute("aria-busy");
      document.dispatchEvent(new CustomEvent("search:done", { detail: { query } }));
    }
  }
}

function remember(query) {
  const url = new URL(location.href);
  if (query.trim()) url.searchParams.set("q", query.trim());
  else url.searchParams.delete("q");
  history.replaceState(null, "", url);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  remember(input.value);
  run(input.value);
});
input.addEventListener("focus", () => load().catch(() => {}), { once: true });
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => {
    remember(input.value);
    run(input.value);
  }, DELAY_MS);
});

form.hidden = false; // without this script the page says search needs JavaScript
document.getElementById("search-nojs").hidden = true;
const asked = new URLSearchParams(location.search).get("q");
if (asked) {
  input.value = asked;
  run(asked);
}
