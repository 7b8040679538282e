// Accessibility fixes to the stock Material theme that CSS cannot make (the CSS ones are in
// theme-fixes.css). Each returns a cleanup for the page change.

// Material gives every code block's copy button a <nav>; several unnamed navs on one page are
// landmarks nobody can tell apart (axe: landmark-unique).
export function nameCodeNavs(doc) {
  doc.querySelectorAll(".md-code__nav").forEach((nav, index) => {
    if (!nav.hasAttribute("aria-label")) nav.setAttribute("aria-label", `Code block ${index + 1}`);
  });
  return () => {};
}
