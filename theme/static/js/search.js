// The search page: queries the Pagefind index built with the site and lists title, date,
// zones and an excerpt for each article found. Loaded by /search/ only.
const script = document.querySelector("script[data-siteurl]"); // module scripts have no currentScript
const base = script ? script.dataset.siteurl || "" : "";
const FILTERS = { zone: "开发区", theme: "征稿主题", genre: "体裁" };
const PAGE_SIZE = 20;

const form = document.getElementById("search-form");
const input = document.getElementById("q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const filterBox = document.getElementById("search-filters");

function el(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function renderResult(data) {
  const meta = data.meta || {};
  const facts = [];
  if (meta.date) facts.push(el("span", { textContent: meta.date }));
  if (meta.zones) facts.push(el("span", { textContent: meta.zones }));
  const excerpt = el("p", { className: "excerpt" });
  excerpt.innerHTML = data.excerpt; // Pagefind's excerpt: escaped text with <mark> around hits
  return el("li", {}, [
    el("article", { className: "item" }, [
      el("h2", { className: "item-title" }, [el("a", { href: data.url, textContent: meta.title || data.url })]),
      el("p", { className: "meta" }, facts),
      excerpt,
    ]),
  ]);
}

function selectedFilters() {
  const chosen = {};
  for (const select of filterBox.querySelectorAll("select")) {
    if (select.value) chosen[select.name] = select.value;
  }
  return chosen;
}

function remember(query, filters) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [key, value] of Object.entries(filters)) params.set(key, value);
  const search = params.toString();
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
}

async function main() {
  const pagefind = await import(`${base}/pagefind/pagefind.js`);
  await pagefind.options({ excerptLength: 40 });
  pagefind.init();

  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  const available = await pagefind.filters();
  for (const [key, label] of Object.entries(FILTERS)) {
    const counts = available[key] || {};
    const names = Object.keys(counts).sort((a, b) => a.localeCompare(b, "zh-CN"));
    if (!names.length) continue;
    const id = `filter-${key}`;
    const select = el("select", { id, name: key }, [
      el("option", { value: "", textContent: `全部${label}` }),
      ...names.map((n) => el("option", { value: n, textContent: `${n}（${counts[n]}）` })),
    ]);
    select.value = params.get(key) || "";
    select.addEventListener("change", run);
    filterBox.append(el("label", { htmlFor: id, textContent: label }), select);
    filterBox.hidden = false;
  }

  let latest = 0;
  async function run() {
    const ticket = ++latest;
    const query = input.value.trim();
    const filters = selectedFilters();
    remember(query, filters);
    if (!query && !Object.keys(filters).length) {
      list.replaceChildren();
      status.textContent = "输入关键词，搜索全部报道。";
      return;
    }
    const search = await pagefind.search(query || null, { filters });
    const found = await Promise.all(search.results.slice(0, PAGE_SIZE).map((r) => r.data()));
    if (ticket !== latest) return; // a newer search has started; drop this one
    list.replaceChildren(...found.map(renderResult));
    const total = search.results.length;
    status.textContent = total
      ? `找到 ${total} 篇${total > PAGE_SIZE ? `，显示前 ${PAGE_SIZE} 篇` : ""}。`
      : "没有找到相关报道，请换个关键词试试。";
  }

  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  run();
}

main().catch((error) => {
  status.textContent = "搜索暂时无法使用，请稍后再试。";
  console.error(error);
});
