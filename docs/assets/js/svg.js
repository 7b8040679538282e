// Small SVG charts built from numbers; labels go in through textContent.

const NS = "http://www.w3.org/2000/svg";

export function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

export function chart(width, height, title) {
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", class: "ftr-chart" });
  root.append(svg("title", {}, title));
  return root;
}
