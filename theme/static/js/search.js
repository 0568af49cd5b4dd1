// The search page. Pagefind finds the candidates; this script reads what the reader means
// (pinyin, a zone's other spellings, a phrase in quotes, a slip of one character), puts the
// articles that contain the whole query before those that contain only part of it, and
// lists them 20 at a time with filters, counts and excerpts. Loaded by /search/ only.
const script = document.querySelector("script[data-siteurl]"); // module scripts have no currentScript
const base = script ? script.dataset.siteurl || "" : "";
const FILTERS = { zone: "开发区", theme: "征稿主题", genre: "体裁", year: "年份" };
const PAGE_SIZE = 20;
const CHECKED = 200; // candidates whose text is read to rank them; beyond, Pagefind's order
const SMALL_SITE = 100; // up to this many articles, every text is read (a few hundred KB)

const $ = (id) => document.getElementById(id);
const form = $("search-form");
const input = $("q");
const status = $("search-status");
const list = $("search-results");
const filterBox = $("search-filters");
const more = $("search-more");
const help = $("search-help");

function el(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

// The reader's query as terms: each a list of spellings, any of which an article must contain.
function interpret(query, dict) {
  const quoted = /^\s*["“](.+)["”]\s*$/.exec(query);
  if (quoted) return { terms: [[quoted[1].trim()]], exact: true };
  const spelled = (word) => dict.spellings.find((group) => group.includes(word)) || [word];
  const expand = (names) => [...new Set(names.flatMap(spelled))];
  // Tone marks are dropped (zuǒyún → zuoyun); ü is written v, as in the registers' readings.
  const plain = query.toLowerCase().replace(/ü|ǖ|ǘ|ǚ|ǜ/g, "v").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  if (/^[a-z0-9\s'’-]+$/.test(plain) && /[a-z]/.test(plain)) {
    const key = (s) => s.toLowerCase().replace(/ü|ǖ|ǘ|ǚ|ǜ/g, "v").normalize("NFD").replace(/[^a-z0-9]/g, "");
    const whole = dict.pinyin[key(plain)];
    if (whole) return { terms: [expand(whole)], reading: whole };
    const words = plain.trim().split(/\s+/).map((w) => dict.pinyin[key(w)]);
    if (words.length > 1 && words.every(Boolean)) return { terms: words.map(expand), reading: words.flat() };
  }
  return { terms: query.trim().split(/\s+/).map((w) => spelled(w)) };
}

let names;
const registerNames = () => (names ||= new Set(Object.values(dict.pinyin).flat()));

// Register names one character away from a query found nowhere: the names the reader may mean.
function nearNames(query) {
  // A name of two characters with one wrong (闫洁) is corrected only when it is the one name
  // so near; 临椅 is as near to 临猗 as to 临县 and 临汾, and is only offered the three.
  return [...registerNames()].filter(
    (n) => n.length >= 2 && n.length === query.length && [...n].filter((ch, i) => ch !== query[i]).length === 1,
  );
}

// Failing a register name, the commonest run of Chinese in the texts read that is one
// character away (活性碳 → 活性炭), if it occurs twice at least.
function nearInText(query, texts) {
  if (query.length < 3 || !/^\p{Script=Han}+$/u.test(query)) return null;
  const counts = new Map();
  for (const text of texts) {
    for (let i = 0; i + query.length <= text.length; i++) {
      let diff = 0;
      for (let j = 0; j < query.length && diff < 2; j++) if (text[i + j] !== query[j]) diff++;
      if (diff !== 1) continue;
      const run = text.slice(i, i + query.length);
      if (/^\p{Script=Han}+$/u.test(run)) counts.set(run, (counts.get(run) || 0) + 1);
    }
  }
  const [best] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "zh-CN"));
  return best && best[1] >= 2 ? best[0] : null;
}

const lower = (s) => s.toLowerCase();
const contains = (text, terms) => terms.every((spellings) => spellings.some((s) => text.includes(lower(s))));

// The article's text without the hidden index terms, and where its body starts.
function articleText(data) {
  const squeeze = (t) => t.replace(/\s+/g, " ");
  let text = squeeze(data.content);
  // Pagefind 1.4 leaves its weight markers in a weighted element's metadata.
  const terms = squeeze((data.meta.terms || "").replace(/_{3}END_PAGEFIND_WEIGHT_{3}/g, " ")).trim();
  const at = terms ? text.lastIndexOf(terms) : -1;
  if (at > 0) text = text.slice(0, at);
  // Pagefind ends a block without a full stop with an ASCII ". ": Chinese text takes 。
  text = text.replace(/([\p{Script=Han}\p{Pe}\p{Pf}])\.\s+/gu, "$1。").trim();
  const title = data.meta.title || "";
  const t = title ? text.indexOf(title) : -1;
  let start = t >= 0 && t < 200 ? t + title.length : 0;
  if (text[start] === "。") start += 1;
  const sub = /^\s*——[^。]*。?/.exec(text.slice(start));
  if (sub) start += sub[0].length;
  return { text, start };
}

// needles: the query's spellings, then its words; the excerpt shows the first of the former
// found in the body, else the first of the latter, else the body's opening.
function excerptNode(data, needles, words) {
  const { text, start } = articleText(data);
  const body = lower(text);
  const first = (list) => Math.min(...list.map((n) => body.indexOf(lower(n), start)).filter((i) => i >= 0));
  let hit = first(needles);
  if (!Number.isFinite(hit)) hit = first(words);
  if (!Number.isFinite(hit)) hit = start;
  needles = [...needles, ...words].sort((a, b) => b.length - a.length);
  const from = Math.max(start, hit - 30);
  const to = Math.min(text.length, from + 100);
  const shown = (from > start ? "…" : "") + text.slice(from, to).trim() + (to < text.length ? "…" : "");
  const p = el("p", { className: "excerpt" });
  const pattern = needles.length
    ? new RegExp(`(${needles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`, "gi")
    : null;
  const parts = pattern ? shown.split(pattern) : [shown];
  p.append(...parts.map((part, i) => (i % 2 ? el("mark", { textContent: part }) : part)));
  return p;
}

function renderResult(data, needles, words) {
  const meta = data.meta || {};
  const facts = [meta.date, meta.zones].filter(Boolean).map((t) => el("span", { textContent: t }));
  return el("li", {}, [
    el("article", { className: "item" }, [
      el("h2", { className: "item-title" }, [el("a", { href: data.url, textContent: meta.title || data.url })]),
      el("p", { className: "meta" }, facts),
      excerptNode(data, needles, words),
    ]),
  ]);
}

function chosenFilters() {
  const chosen = {};
  for (const select of filterBox.querySelectorAll("select")) if (select.value) chosen[select.name] = select.value;
  return chosen;
}

function remember(query, filters) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [key, value] of Object.entries(filters)) params.set(key, value);
  const search = params.toString();
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
}

const values = (data, key) => (data.filters && data.filters[key]) || [];
const passes = (data, filters, skip) =>
  Object.entries(filters).every(([k, v]) => k === skip || values(data, k).includes(v));

// Filters with their counts among the results (each counted under the other filters chosen).
function showFilters(found, filters) {
  filterBox.replaceChildren(el("legend", { textContent: "筛选" }));
  for (const [key, label] of Object.entries(FILTERS)) {
    const counts = {};
    for (const r of found) if (passes(r.data, filters, key)) for (const v of values(r.data, key)) counts[v] = (counts[v] || 0) + 1;
    if (filters[key] && !(filters[key] in counts)) counts[filters[key]] = 0;
    const names = Object.keys(counts).sort((a, b) => (key === "year" ? b.localeCompare(a) : a.localeCompare(b, "zh-CN")));
    if (!names.length) continue;
    const id = `filter-${key}`;
    const select = el("select", { id, name: key }, [
      el("option", { value: "", textContent: `全部${label}` }),
      ...names.map((n) => el("option", { value: n, textContent: `${n}（${counts[n]}）` })),
    ]);
    select.value = filters[key] || "";
    select.addEventListener("change", () => show());
    filterBox.append(el("label", { htmlFor: id, textContent: label }), select);
  }
  filterBox.hidden = filterBox.children.length < 2;
}

function suggest(query) {
  const near = nearNames(query);
  const link = (q) => el("a", { href: `?q=${encodeURIComponent(q)}`, textContent: q });
  const items = [el("li", {}, ["检查错别字，或换一个更短、更常用的词；拼音请写全音节，如 zuoyun。"])];
  if (near.length) items.unshift(el("li", {}, ["您要找的是不是：", ...near.flatMap((n, i) => (i ? ["、", link(n)] : [link(n)]))]));
  items.push(
    el("li", {}, [
      "按",
      el("a", { href: `${base}/zones/`, textContent: "开发区" }),
      "、",
      el("a", { href: `${base}/themes/`, textContent: "征稿主题" }),
      "或",
      el("a", { href: `${base}/archives/`, textContent: "归档" }),
      "浏览全部报道。",
    ]),
  );
  help.replaceChildren(el("p", { textContent: "建议：" }), el("ul", {}, items));
  help.hidden = false;
}

let pagefind;
let dict = { pinyin: {}, spellings: [] };
let current = { found: [], needles: [], words: [], shown: 0, query: "" };

// Pagefind matches a query word against the words its index was cut into (jieba): a word
// that starts inside one of them ("高土地利用" in "提高土地利用") is not found as typed. The
// browser's own word breaker cuts the query; pages holding all its inner words (and, failing
// that, any of them) are candidates too, and reading their text decides.
const segmenter = "Segmenter" in Intl ? new Intl.Segmenter("zh", { granularity: "word" }) : null;
function pieces(term) {
  if (!segmenter || term.length < 3 || !/\p{Script=Han}/u.test(term)) return [];
  const words = [...segmenter.segment(term)].filter((s) => s.isWordLike).map((s) => s.segment);
  return words.length < 2 ? [] : words;
}

async function candidates(queries, into, group) {
  const searches = await Promise.all(queries.map((q) => pagefind.search(q)));
  for (const search of searches) {
    search.results.forEach((r, rank) => {
      const seen = into.get(r.id);
      if (!seen || group < seen.group || (group === seen.group && rank < seen.rank)) into.set(r.id, { result: r, group, rank });
    });
  }
}

async function read(found, terms) {
  const order = [...found.values()].sort((a, b) => a.group - b.group || a.rank - b.rank);
  const checked = await Promise.all(
    order.slice(0, CHECKED).map(async (c) => {
      c.data = c.data || (await c.result.data());
      return { ...c, whole: contains(lower(c.data.content), terms) };
    }),
  );
  // Beyond what is read, Pagefind's order stands; those pages are loaded when shown.
  return [...checked, ...order.slice(CHECKED).map((c) => ({ ...c, whole: true, data: null }))];
}

// Candidates for every spelling of every term, their texts read, whole matches first.
async function find(query) {
  const meaning = interpret(query, dict);
  const spellings = [...new Set(meaning.terms.flat())];
  const found = new Map();
  // Pagefind's own quoted search needs the phrase's words as its index cut them, which a
  // reader cannot know: a phrase is searched plainly and kept only where it is whole.
  await candidates(spellings, found, 0);
  const cut = spellings.map(pieces).filter((w) => w.length);
  await candidates(cut.map((w) => w.slice(w.length > 2 ? 1 : 0, w.length > 2 ? -1 : undefined).join(" ")), found, 1);
  let all = await read(found, meaning.terms);
  if (!all.some((c) => c.whole) && cut.length) {
    await candidates([...new Set(cut.flat())], found, 2);
    all = await read(found, meaning.terms);
  }
  // What the index cannot see (a word across its cut, 重污染企业 for 污染企业): on a site
  // small enough, every article's text is read; a large one keeps what Pagefind found.
  const everything = await pagefind.search(null);
  if (everything.results.length <= SMALL_SITE) {
    everything.results.forEach((r, rank) => found.has(r.id) || found.set(r.id, { result: r, group: 3, rank }));
    all = await read(found, meaning.terms);
  }
  // A phrase in quotes, or a name of the registers (a person, a zone, a place), is found whole
  // or not at all: 董保彤 in part is no one.
  const named = meaning.reading || spellings.some((s) => registerNames().has(s));
  const partial = !(meaning.exact || named);
  const results = ranked(all, partial);
  // Words of one character mark nothing useful (三个一批 cuts into 三 个 一批).
  const words = [...new Set(cut.flat())].filter((w) => w.length > 1);
  const texts = all.filter((c) => c.data).map((c) => c.data.content);
  return { meaning, spellings, words, texts, found: results, whole: results.filter((c) => c.whole).length, partial };
}

// Whole matches first; then, where a query may match in part, the pages where Pagefind found
// a word of it (a page read only for the scan is not one).
function ranked(all, partial) {
  return [...all.filter((c) => c.whole), ...(partial ? all.filter((c) => !c.whole && c.group < 3) : [])];
}

async function show(extra = false) {
  const filters = chosenFilters();
  remember(current.query, filters);
  const visible = current.found.filter((c) => !c.data || passes(c.data, filters));
  const upto = extra ? current.shown + PAGE_SIZE : PAGE_SIZE;
  const page = visible.slice(extra ? current.shown : 0, upto);
  for (const c of page) if (!c.data) c.data = await c.result.data();
  const items = [];
  page.forEach((c, i) => {
    const previous = i ? page[i - 1] : extra ? current.last : null;
    if (!c.whole && (!previous || previous.whole)) {
      items.push(el("li", { className: "search-partial", textContent: "以下报道只包含其中部分文字：" }));
    }
    items.push(renderResult(c.data, current.needles, c.whole ? [] : current.words));
  });
  current.last = page[page.length - 1];
  if (extra) list.append(...items);
  else list.replaceChildren(...items);
  current.shown = Math.min(upto, visible.length);
  // The filters count every result's zones, themes, genres and years, which only its data
  // holds: until the results beyond the CHECKED read are in (complete()), they wait.
  if (!extra) {
    if (current.found.every((c) => c.data)) showFilters(current.found, filters);
    else filterBox.hidden = true;
  }
  const whole = visible.filter((c) => c.whole).length;
  const q = current.label;
  let text = whole
    ? `找到 ${whole} 篇包含“${q}”的报道`
    : visible.length
      ? `没有找到包含完整“${q}”的报道，以下 ${visible.length} 篇包含其中部分文字`
      : `没有找到与“${q}”相关的报道`;
  if (whole && visible.length > whole) text += `，另有 ${visible.length - whole} 篇包含其中部分文字`;
  if (current.note) text = `${current.note}${text}`;
  status.textContent = `${text}${visible.length > current.shown ? `，已显示 ${current.shown} 篇` : ""}。`;
  more.hidden = visible.length <= current.shown;
}

let latest = 0;
async function run() {
  const ticket = ++latest;
  const query = input.value.trim();
  help.hidden = true;
  if (!query) {
    remember("", chosenFilters());
    current = { found: [], needles: [], words: [], shown: 0, query: "" };
    list.replaceChildren();
    filterBox.hidden = true;
    more.hidden = true;
    status.textContent = "输入关键词，搜索全部报道。";
    return;
  }
  let result = await find(query);
  let label = query.replace(/^["“]|["”]$/g, "");
  let note = result.meaning.reading ? `拼音“${query}”即“${result.meaning.reading.join("、")}”：` : "";
  if (!result.whole && !result.meaning.exact && !/\s/.test(query)) {
    const near = nearNames(query);
    const meant = near.length === 1 ? near[0] : nearInText(query, result.texts);
    if (meant) {
      result = await find(meant);
      note = `没有找到“${query}”，已显示“${meant}”的结果：`;
      label = meant;
    }
  }
  if (ticket !== latest) return; // a newer search has started; drop this one
  current = {
    found: result.found, needles: result.spellings, words: result.words, shown: 0, query, label, note,
    terms: result.meaning.terms, partial: result.partial,
  };
  await show();
  if (!result.whole) suggest(query);
  await complete(ticket);
}

// A query with more results than are read to rank them (CHECKED) shows its first page at
// once, counting the rest as whole matches in Pagefind's order; their texts are read after,
// and then the count, the filters with their counts and the results under a chosen filter
// are made exact (the list is shown again from its first page, which holds the same ranked,
// read results).
async function complete(ticket) {
  const unread = current.found.filter((c) => !c.data);
  if (!unread.length) return;
  await Promise.all(unread.map(async (c) => (c.data = await c.result.data())));
  if (ticket !== latest) return;
  for (const c of unread) c.whole = contains(lower(c.data.content), current.terms);
  current.found = ranked(current.found, current.partial);
  await show();
}

// The index is in bundles of consecutive years (pagefind/bundles.json, newest first), each a
// Pagefind index of its own: the newest is loaded, the others merged into it (Pagefind's
// multisite search), so one query searches every year and Pagefind orders all results by score.
async function loadIndex() {
  const { bundles } = await fetch(`${base}/pagefind/bundles.json`).then((r) => {
    if (!r.ok) throw new Error(`pagefind/bundles.json: ${r.status}`);
    return r.json();
  });
  const options = { excerptLength: 0 };
  const found = await import(`${base}/pagefind/${bundles[0]}/pagefind.js`);
  await found.options(options);
  found.init();
  await Promise.all(bundles.slice(1).map((name) => found.mergeIndex(`${base}/pagefind/${name}/`, options)));
  return found;
}

async function main() {
  [pagefind, dict] = await Promise.all([
    loadIndex(),
    fetch(`${base}/search/terms.json`)
      .then((r) => (r.ok ? r.json() : dict))
      .catch(() => dict),
  ]);
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  for (const key of Object.keys(FILTERS)) {
    const value = params.get(key);
    if (!value) continue;
    const select = el("select", { name: key }, [el("option", { value, textContent: value })]);
    select.value = value;
    filterBox.append(select);
  }
  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 300);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  more.addEventListener("click", () => show(true));
  run();
}

main().catch((error) => {
  status.textContent = "搜索暂时无法使用，请稍后再试。";
  console.error(error);
});
