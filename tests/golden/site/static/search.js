// The /search/ page with JavaScript: Pagefind's index, one bundle per month merged in the browser.
// Without JavaScript the page keeps its form (a plain GET to this page) and its links to the archive.
const root = document.getElementById("search");
const FILTERS = ["section", "source", "year"];
const SHOWN = 20;

function text(tag, value, className) {
  const node = document.createElement(tag);
  node.textContent = value;
  if (className) node.className = className;
  return node;
}

function result(data) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = text("a", data.meta.title || data.url);
  link.href = data.url;
  heading.append(link);
  const facts = [data.meta.date, data.meta.source].filter(Boolean).join(" · ");
  const excerpt = document.createElement("p");
  excerpt.className = "excerpt";
  excerpt.innerHTML = data.excerpt; // Pagefind's excerpt: the page's text, escaped, with <mark> around matches
  item.append(heading, text("p", facts, "facts"), excerpt);
  return item;
}

async function open(bundles, base) {
  const pagefind = await import(bundles[0] + "pagefind.js");
  await pagefind.options({ baseUrl: base, excerptLength: 30 });
  for (const bundle of bundles.slice(1)) await pagefind.mergeIndex(bundle, { baseUrl: base });
  return pagefind;
}

function fillFilters(form, available, params) {
  for (const name of FILTERS) {
    const select = form.elements[name];
    const values = Object.keys(available[name] || {}).sort();
    if (name === "year") values.reverse();
    for (const value of values) select.append(new Option(value, value));
    select.value = values.includes(params.get(name)) ? params.get(name) : "";
  }
  form.elements.sort.value = ["asc", "desc"].includes(params.get("sort")) ? params.get("sort") : "";
}

async function run(pagefind, form, status, list) {
  const query = form.elements.q.value.trim();
  const filters = {};
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const name of FILTERS) {
    const value = form.elements[name].value;
    if (value) { filters[name] = value; params.set(name, value); }
  }
  const order = form.elements.sort.value;
  if (order) params.set("sort", order);
  history.replaceState(null, "", params.size ? "?" + params : location.pathname);
  list.replaceChildren();
  if (!query && !Object.keys(filters).length) { status.textContent = ""; return; }
  const found = await pagefind.search(query || null, { filters, sort: order ? { date: order } : undefined });
  const data = await Promise.all(found.results.slice(0, SHOWN).map((r) => r.data()));
  list.replaceChildren(...data.map(result));
  const n = found.results.length;
  const shown = n > SHOWN ? ` (the first ${SHOWN} shown)` : "";
  status.textContent = (n === 1 ? "1 article found" : `${n} articles found`) + shown + ".";
}

async function start() {
  const form = root.querySelector("form");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const bundles = JSON.parse(root.dataset.bundles);
  document.getElementById("search-nojs").hidden = true;
  if (!bundles.length) { status.textContent = "There is nothing to search yet."; return; }
  status.textContent = "Loading the search index…";
  const pagefind = await open(bundles, root.dataset.base);
  const params = new URLSearchParams(location.search);
  form.elements.q.value = params.get("q") || "";
  fillFilters(form, await pagefind.filters(), params);
  form.querySelector(".search-tools").hidden = false;
  status.textContent = "";
  let pending = Promise.resolve();
  const again = () => { pending = pending.then(() => run(pagefind, form, status, list)); };
  form.addEventListener("submit", (event) => { event.preventDefault(); again(); });
  form.addEventListener("change", again);
  form.elements.q.addEventListener("input", again);
  again();
  await pending;
  root.dataset.ready = "true";
}

if (root) {
  start().catch((error) => {
    document.getElementById("search-status").textContent = "Search could not start: " + error.message;
    document.getElementById("search-nojs").hidden = false;
  });
}
