// Build DOM nodes from data. Text always goes in through textContent, never as HTML.

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "text") node.textContent = String(value);
    else if (name === "className") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Python's messages mark names as `code` (Markdown); shown as code elements, not as backticks.
export function withCode(text) {
  return String(text ?? "")
    .split("`")
    .map((part, index) => (index % 2 ? el("code", { text: part }) : part));
}

// A result's (label, value) rows, as Python words them, as a two-column table.
export function rowTable(rows, attributes = {}) {
  return el(
    "table",
    attributes,
    el(
      "tbody",
      {},
      rows.map(([name, value]) =>
        el("tr", {}, el("th", { scope: "row", text: name }), el("td", { text: value })),
      ),
    ),
  );
}

export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function notice(container, text, kind = "info") {
  container.append(el("p", { className: `ftr-notice ftr-notice--${kind}`, text }));
}

// Only same-site relative links, as produced by the build, are used as hrefs.
export function safeHref(url) {
  return typeof url === "string" && !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith("//")
    ? url
    : "#";
}

// A theme button that runs a script (type=button), marked with `attribute` for its handler.
export function button(text, attribute, primary = false) {
  return el("button", {
    type: "button",
    className: primary ? "md-button md-button--primary" : "md-button",
    [attribute]: true,
    text,
  });
}
