// The /search/ page with JavaScript: Pagefind's index, one bundle per month, each searched by its own
// instance of Pagefind; the results are put together here. (Pagefind's own mergeIndex orders the merged
// results by score even when asked to sort by date; months are in date order, so concatenating each
// month's date-sorted results in month order is the date order of them all.)
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
  // Newest month first, the undated articles last; each bundle's pagefind.js finds its own files.
  return Promise.all(bundles.map(async (bundle) => {
    const pagefind = await import(bundle + "pagefind.js");
    await pagefind.options({ baseUrl: base, excerptLength: 30 });
    return { pagefind, undated: bundle.endsWith("/undated/") };
  }));
}

async function filtersOf(shards) {
  const all = {};
  for (const shard of shards) {
    for (const [name, values] of Object.entries(await shard.pagefind.filters())) {
      all[name] = all[name] || {};
      for (const [value, n] of Object.entries(values)) all[name][value] = (all[name][value] || 0) + n;
    }
  }
  return all;
}

async function searchAll(shards, query, filters, order) {
  const options = { filters, sort: order ? { date: order } : undefined };
  const found = await Promise.all(shards.map((shard) => shard.pagefind.search(query, options)));
  const parts = shards.map((shard, i) => ({ undated: shard.undated, results: found[i].results }));
  if (!order) return parts.flatMap((part) => part.results).sort((a, b) => b.score - a.score);
  const dated = parts.filter((part) => !part.undated);
  if (order === "asc") dated.reverse();
  return [...dated, ...parts.filter((part) => part.undated)].flatMap((part) => part.results);
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

async function run(shards, form, status, list) {
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
  const results = await searchAll(shards, query || null, filters, order);
  const data = await Promise.all(results.slice(0, SHOWN).map((r) => r.data()));
  list.replaceChildren(...data.map(result));
  const n = results.length;
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
  const shards = await open(bundles, root.dataset.base);
  const params = new URLSearchParams(location.search);
  form.elements.q.value = params.get("q") || "";
  fillFilters(form, await filtersOf(shards), params);
  form.querySelector(".search-tools").hidden = false;
  status.textContent = "";
  let pending = Promise.resolve();
  const again = () => { pending = pending.then(() => run(shards, form, status, list)); };
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
