// Draws the charts Python describes (checker/view.py's Chart): every element, its position and
// its label come from Python; this only creates them, with createElementNS and textContent, so no
// label can become markup and no geometry is worked out here.

import { el } from "./dom.js";

const NS = "http://www.w3.org/2000/svg";

function draw({ tag, attrs = {}, text, children = [] }) {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  for (const child of children) node.append(draw(child));
  return node;
}

// The chart alone: an <svg class="ftr-chart"> named by its title.
export function chartSvg(spec) {
  const root = draw({
    tag: "svg",
    attrs: { viewBox: `0 0 ${spec.width} ${spec.height}`, role: "img", class: "ftr-chart" },
    children: [{ tag: "title", text: spec.title }, ...spec.elements],
  });
  return root;
}

// On a phone a wide chart keeps its 12-unit labels at 9.6 px or more and scrolls sideways, in a
// frame the keyboard can reach (theme-fixes.css applies the width on narrow screens only).
const READABLE_SCALE = 0.8;

// The chart in a <figure>, with its legend (each entry a small mark and its words) and caption.
export function chartFigure(spec) {
  const legend = spec.legend?.length
    ? el(
        "ul",
        { className: "ftr-legend" },
        spec.legend.map(({ text, mark }) =>
          el(
            "li",
            {},
            draw({
              tag: "svg",
              attrs: { viewBox: "0 0 24 12", width: 24, height: 12, "aria-hidden": "true" },
              children: mark,
            }),
            el("span", { text }),
          ),
        ),
      )
    : null;
  const caption = spec.caption ? el("figcaption", { text: spec.caption }) : null;
  const chart = chartSvg(spec);
  chart.style.setProperty("--ftr-chart-min-width", `${Math.round(spec.width * READABLE_SCALE)}px`);
  const frame = el(
    "div",
    { className: "ftr-chart-frame", tabindex: 0, role: "group", "aria-label": spec.title },
    chart,
  );
  return el("figure", { className: "ftr-figure" }, frame, legend, caption);
}
