// Reading pages (/questions/*) carry a short checklist most readers never touch: Python (14 MB)
// starts when the checklist scrolls into view, or on the first focus, press or answer inside it,
// not when the page loads, so it is ready by the time the reader answers. Answers chosen before
// it is ready are saved at once and scored when it is.

const EVENTS = ["focusin", "pointerdown", "keydown", "change"];

export function startOnTouch(targets, begin) {
  let done = false;
  const touched = () => {
    if (done) return;
    done = true;
    stop();
    begin();
  };
  const seen =
    "IntersectionObserver" in self
      ? new IntersectionObserver((entries) => {
          if (entries.some((entry) => entry.isIntersecting)) touched();
        })
      : null;
  const stop = () => {
    seen?.disconnect();
    for (const target of targets)
      for (const type of EVENTS) target.removeEventListener(type, touched, true);
  };
  for (const target of targets) {
    seen?.observe(target);
    for (const type of EVENTS) target.addEventListener(type, touched, true);
  }
  return stop;
}
